import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

final class SessionTests: XCTestCase {
    private var fixture: StoreFixture!
    private var student: Student!
    private var colleague: Counselor!
    private let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    override func setUpWithError() throws {
        fixture = try StoreFixture()
        student = try fixture.add("Minh Anh", "Nguyễn")
        colleague = try fixture.database.insertCounselor(Counselor(givenName: "Sam", familyName: "Okafor"))
    }

    private func record(note: String = "Talked about AP Calculus 📐 and the FAFSA.", confidential: Bool = false,
                        author: Int64? = nil, at date: Date? = nil,
                        followUps: [(dueDate: CivilDate?, text: String)] = []) throws -> AdvisingSession {
        try fixture.database.recordSession(
            AdvisingSession(studentId: student.id!, authorId: author ?? fixture.counselor.id!, startedAt: date ?? t0,
                            durationMinutes: 15, kind: "college", participants: [.student, .parentGuardian],
                            topics: ["FAFSA", "AP", "FAFSA"], isConfidential: confidential, note: note),
            followUps: followUps, now: date ?? t0)
    }

    func testARecordedSessionComesBackWithItsNoteTopicsAndParticipants() throws {
        let saved = try record()
        let sessions = try fixture.database.sessions(studentId: student.id!, viewerId: fixture.counselor.id)
        XCTAssertEqual(sessions.count, 1)
        let session = sessions[0].session
        XCTAssertEqual(session.id, saved.id)
        XCTAssertEqual(session.note, "Talked about AP Calculus 📐 and the FAFSA.")
        XCTAssertEqual(session.topics, ["FAFSA", "AP"], "duplicate topics are kept once")
        XCTAssertEqual(session.participants, [.student, .parentGuardian])
        XCTAssertEqual(sessions[0].authorName, "Dana Whitfield")
        XCTAssertFalse(sessions[0].isRedacted)
    }

    func testAmendingKeepsEveryVersionWithAuthorAndTime() throws {
        let saved = try record(note: "First version")
        let later = t0.addingTimeInterval(3600)
        try fixture.database.amendSession(id: saved.id!, note: "Second version", kind: "career", topics: ["jobs"],
                                          participants: [.student], durationMinutes: 20, isConfidential: false,
                                          by: fixture.counselor.id!, now: later)
        let history = try fixture.database.noteHistory(sessionId: saved.id!, viewerId: fixture.counselor.id)
        XCTAssertEqual(history.map(\.text), ["First version", "Second version"])
        XCTAssertEqual(history.map(\.authorId), [fixture.counselor.id!, fixture.counselor.id!])
        XCTAssertThrowsError(try fixture.database.amendSession(
            id: saved.id!, note: "A colleague's edit", kind: "career", topics: [], participants: [.student],
            durationMinutes: 20, isConfidential: false, by: colleague.id!)) { error in
            XCTAssertEqual(error as? StoreError, .notAuthor(sessionId: saved.id!))
        }
        XCTAssertThrowsError(try fixture.database.archiveSession(id: saved.id!, by: colleague.id!))
        XCTAssertEqual(history.map(\.createdAt), [t0, later])
        let amended = try fixture.database.session(id: saved.id!, viewerId: nil).session
        XCTAssertEqual(amended.kind, "career")
        XCTAssertEqual(amended.authorId, fixture.counselor.id, "the author never changes")
    }

    func testTheSchemaRefusesToRewriteHistoryOrDeleteASession() throws {
        let saved = try record()
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: "UPDATE session_note SET text = 'forged' WHERE sessionId = ?", arguments: [saved.id])
        })
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: "DELETE FROM session_note WHERE sessionId = ?", arguments: [saved.id])
        })
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: "DELETE FROM advising_session WHERE id = ?", arguments: [saved.id])
        })
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: "UPDATE advising_session SET authorId = ? WHERE id = ?", arguments: [self.colleague.id, saved.id])
        })
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: "UPDATE advising_session SET createdAt = '2000-01-01' WHERE id = ?", arguments: [saved.id])
        })
    }

    func testArchivingHidesButKeeps() throws {
        let saved = try record()
        try fixture.database.archiveSession(id: saved.id!, by: fixture.counselor.id!)
        XCTAssertTrue(try fixture.database.sessions(studentId: student.id!, viewerId: nil).isEmpty)
        let all = try fixture.database.sessions(studentId: student.id!, viewerId: fixture.counselor.id, includeArchived: true)
        XCTAssertEqual(all.map(\.session.isArchived), [true])
        XCTAssertEqual(all.first?.session.note, "Talked about AP Calculus 📐 and the FAFSA.")
    }

    func testConfidentialNotesAreTheirAuthorsAlone() throws {
        let saved = try record(note: "Family situation, private.", confidential: true)
        let mine = try fixture.database.session(id: saved.id!, viewerId: fixture.counselor.id)
        XCTAssertEqual(mine.session.note, "Family situation, private.")
        let theirs = try fixture.database.session(id: saved.id!, viewerId: colleague.id)
        XCTAssertTrue(theirs.isRedacted)
        XCTAssertEqual(theirs.session.note, "")
        XCTAssertEqual(theirs.session.topics, [])
        XCTAssertEqual(theirs.session.kind, "college", "the contact itself is visible")
        XCTAssertEqual(theirs.session.startedAt, t0)
        XCTAssertThrowsError(try fixture.database.noteHistory(sessionId: saved.id!, viewerId: colleague.id))
        XCTAssertThrowsError(try fixture.database.amendSession(
            id: saved.id!, note: "x", kind: "college", topics: [], participants: [], durationMinutes: 1,
            isConfidential: false, by: colleague.id!))
        XCTAssertThrowsError(try fixture.database.archiveSession(id: saved.id!, by: colleague.id!))
    }

    func testSessionsAreNewestFirstAndGiveTheLastContact() throws {
        _ = try record(note: "older", at: t0)
        _ = try record(note: "newer", at: t0.addingTimeInterval(86_400))
        let notes = try fixture.database.sessions(studentId: student.id!, viewerId: nil).map(\.session.note)
        XCTAssertEqual(notes, ["newer", "older"])
        XCTAssertEqual(try fixture.database.lastContacts(studentIds: [student.id!]), [student.id!: t0.addingTimeInterval(86_400)])
    }

    func testFollowUpsFromASessionAndTheirStates() throws {
        let today = CivilDate(year: 2026, month: 11, day: 23)
        _ = try record(followUps: [(today.adding(days: 7), "Check FAFSA ID"), (today.adding(days: -1), "Call home")])
        var open = try fixture.database.followUps(studentId: student.id!, viewerId: nil)
        XCTAssertEqual(open.map(\.text), ["Call home", "Check FAFSA ID"], "soonest due first")
        XCTAssertEqual(open.map { $0.isOverdue(today: today) }, [true, false])
        XCTAssertEqual(try fixture.database.openFollowUps(counselorId: fixture.counselor.id, overdueOn: today, viewerId: nil).map(\.text),
                       ["Call home"])

        try fixture.database.setFollowUpStatus(id: open[0].id!, to: .done, by: 1, now: t0)
        open = try fixture.database.followUps(studentId: student.id!, viewerId: nil)
        XCTAssertEqual(open.map(\.text), ["Check FAFSA ID"])
        try fixture.database.setFollowUpStatus(id: open[0].id!, to: .dropped, by: 1, now: t0)
        XCTAssertTrue(try fixture.database.followUps(studentId: student.id!, viewerId: nil).isEmpty)
        XCTAssertEqual(try fixture.database.followUps(studentId: student.id!, statuses: [.done, .dropped], viewerId: nil).count, 2)
        XCTAssertThrowsError(try fixture.database.setFollowUpStatus(id: 9999, to: .done, by: 1))
    }

    func testFollowUpsOfAConfidentialSessionAreItsAuthorsOnly() throws {
        let author = fixture.counselor.id!
        _ = try record(confidential: true, followUps: [(nil, "Check in about home")])
        _ = try record(followUps: [(nil, "Bring transcript")])
        let db = fixture.database
        XCTAssertEqual(Set(try db.followUps(studentId: student.id!, viewerId: author).map(\.text)), ["Check in about home", "Bring transcript"])
        XCTAssertEqual(try db.followUps(studentId: student.id!, viewerId: colleague.id).map(\.text), ["Bring transcript"])
        XCTAssertEqual(try db.openFollowUps(counselorId: nil, viewerId: colleague.id).map(\.text), ["Bring transcript"])
        XCTAssertEqual(try db.openFollowUps(counselorId: nil, viewerId: nil).map(\.text), ["Bring transcript"])
        let secret = try XCTUnwrap(try db.followUps(studentId: student.id!, viewerId: author).first { $0.text == "Check in about home" })
        XCTAssertThrowsError(try db.setFollowUpStatus(id: secret.id!, to: .done, by: colleague.id))
        XCTAssertThrowsError(try db.setFollowUpStatus(id: secret.id!, to: .done, by: nil))
        try db.setFollowUpStatus(id: secret.id!, to: .done, by: author)
        XCTAssertEqual(try db.followUps(studentId: student.id!, statuses: [.done], viewerId: author).map(\.text), ["Check in about home"])
    }

    func testAnEmptyFollowUpChangesNothing() throws {
        XCTAssertThrowsError(try record(followUps: [(nil, "ok"), (nil, "   ")]))
        XCTAssertTrue(try fixture.database.sessions(studentId: student.id!, viewerId: nil).isEmpty, "all or nothing")
    }

    func testDraftsAreKeptPerStudentAndDroppedOnSave() throws {
        let me = fixture.counselor.id!
        try fixture.database.saveDraft(counselorId: me, studentId: student.id!, sessionId: nil, payload: "{\"note\":\"a\"}")
        try fixture.database.saveDraft(counselorId: me, studentId: student.id!, sessionId: nil, payload: "{\"note\":\"ab\"}")
        XCTAssertEqual(try fixture.database.drafts(counselorId: me).map(\.payload), ["{\"note\":\"ab\"}"])
        XCTAssertTrue(try fixture.database.drafts(counselorId: colleague.id!).isEmpty)
        _ = try record()
        XCTAssertTrue(try fixture.database.drafts(counselorId: me).isEmpty, "saving the session drops its draft")
    }

    func testKnownTopicsAreMostUsedFirst() throws {
        _ = try record()
        _ = try fixture.database.recordSession(AdvisingSession(
            studentId: student.id!, authorId: fixture.counselor.id!, startedAt: t0, durationMinutes: 5, kind: "academic",
            topics: ["AP"], note: "x"))
        XCTAssertEqual(try fixture.database.knownTopics(viewerId: fixture.counselor.id), ["AP", "FAFSA"])
    }

    /// Found in the issue: the editor completed topics from every session, so a colleague's
    /// confidential topics ("self-harm") were offered to anyone who typed their first letters.
    func testTopicCompletionOffersOnlyOpenTopicsAndTheViewersOwnConfidentialOnes() throws {
        func session(_ topics: [String], confidential: Bool, author: Int64) throws {
            _ = try fixture.database.recordSession(AdvisingSession(
                studentId: student.id!, authorId: author, startedAt: t0, durationMinutes: 5, kind: "personal",
                topics: topics, isConfidential: confidential, note: "x"))
        }
        try session(["AP"], confidential: false, author: colleague.id!)
        try session(["Self-harm", "AP"], confidential: true, author: colleague.id!)
        try session(["Grief"], confidential: true, author: fixture.counselor.id!)
        XCTAssertEqual(try fixture.database.knownTopics(viewerId: fixture.counselor.id), ["AP", "Grief"],
                       "a colleague's confidential topics are neither offered nor counted")
        XCTAssertEqual(try fixture.database.knownTopics(viewerId: colleague.id), ["AP", "Self-harm"])
        XCTAssertEqual(try fixture.database.knownTopics(viewerId: nil), ["AP"])
    }
}
