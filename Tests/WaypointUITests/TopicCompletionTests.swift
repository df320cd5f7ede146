import Foundation
import WaypointCore
import WaypointStore
import XCTest
@testable import WaypointEffects
@testable import WaypointUI

/// The editor's topic completion comes from the topics its counselor may read (issue 12,
/// item 2: it offered other counselors' confidential topics).
final class TopicCompletionTests: XCTestCase {
    func testTheEditorIsOfferedNoColleaguesConfidentialTopic() throws {
        let database = try AppDatabase.inMemory()
        let school = try database.insertSchool(School(name: "Riverside High", lowGrade: Grade(rawValue: 9), highGrade: Grade(rawValue: 12)))
        let me = try XCTUnwrap(database.insertCounselor(Counselor(givenName: "Dana", familyName: "Whitfield")).id)
        let colleague = try XCTUnwrap(database.insertCounselor(Counselor(givenName: "Sam", familyName: "Okafor")).id)
        let student = try XCTUnwrap(database.insertStudent(Student(localId: "S1", givenName: "Ana", familyName: "Lopez",
                                                                   grade: Grade(rawValue: 10)!, schoolId: school.id!)).id)
        for (author, topics, confidential) in [(colleague, ["Self-harm"], true), (colleague, ["AP"], false), (me, ["Grief"], true)] {
            _ = try database.recordSession(AdvisingSession(studentId: student, authorId: author, startedAt: Date(), durationMinutes: 5,
                                                           kind: "personal", topics: topics, isConfidential: confidential, note: "x"))
        }
        let actions = EffectRunner(database: database).run(.loadEditorDraft(authorId: me, studentId: student, sessionId: nil))
        guard case .editorDraftLoaded(_, _, _, let topics)? = actions.first else { return XCTFail("\(actions)") }
        XCTAssertEqual(topics.sorted(), ["AP", "Grief"])
    }
}
