import Foundation
import TerminalKit
import WaypointCore
import WaypointStore
import XCTest
@testable import WaypointEffects
@testable import WaypointUI

/// Two students can share a name; wherever one is named away from the caseload's ID column
/// (the draft found at start-up, the editor's header, the to-do list), the local ID is
/// shown too, so a session is never written for the wrong one (issue 15).
final class SameNameTests: XCTestCase {
    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    func testTheEditorsHeaderNamesTheStudentWithTheirLocalId() {
        var state = ProfileTests.state(size: Size(width: 120, height: 40))
        _ = reduce(&state, .command(.profile(.newSession)))
        XCTAssertEqual(state.screen, .editor)
        XCTAssertTrue(render(state).line(0).contains("New session · Minh Nguyễn (S100001)"), render(state).text)
    }

    func testTheDraftFoundAtStartUpNamesTheStudentWithTheirLocalId() throws {
        let database = try AppDatabase.inMemory()
        let runner = EffectRunner(database: database, demoSize: (students: 5, counselors: 1, seed: 7))
        XCTAssertEqual(runner.run(.loadDemoDistrict).count, 1)
        let student = try XCTUnwrap(try database.caseload(counselorId: 1).first?.student)
        _ = runner.run(.saveDraft(authorId: 1, studentId: student.id!, sessionId: nil,
                                  payload: DraftPayload(kind: "college", participants: [.student], topics: "", note: "A",
                                                        followUps: [], isConfidential: false, startedAt: Date(timeIntervalSince1970: 0))))
        guard case .draftsFound(let drafts)? = runner.run(.loadDrafts(authorId: 1)).first else { return XCTFail("no drafts") }
        XCTAssertEqual(drafts.map(\.studentName), ["\(student.displayName) (\(student.localId))"])
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .draftsFound(drafts))
        XCTAssertTrue(render(state).text.contains("(\(student.localId))"), render(state).text)
    }

    func testToDoRowsOfTwoStudentsWithOneNameShowTheirIds() {
        let today = CivilDate(year: 2026, month: 11, day: 23)
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.openTasks)))
        let rows = ["S100001", "S100777"].enumerated().map { index, localId in
            TaskRow(source: .followUp(id: Int64(index + 1)), studentId: Int64(index + 1), studentName: "Nguyễn, Minh",
                    localId: localId, due: today, text: "Call home")
        }
        _ = reduce(&state, .tasksLoaded(token: state.tasks!.requestToken, rows: rows))
        let lines = render(state).text.split(separator: "\n").filter { $0.contains("Nguyễn, Minh") }
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].contains("S100001") && lines[1].contains("S100777"), lines.joined(separator: "\n"))
    }
}
