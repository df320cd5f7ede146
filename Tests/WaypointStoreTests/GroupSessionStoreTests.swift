import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

/// Group sessions (issue 15 item 3, migration v19-groups): one session, one note, for
/// several students; each student's history and "last seen" count it; its minutes are the
/// counselor's once; a confidential group stays with its author.
final class GroupSessionStoreTests: XCTestCase {
    private var fixture: StoreFixture!
    private var ana: Student!
    private var ben: Student!
    private var cy: Student!
    private var colleague: Counselor!
    private let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    override func setUpWithError() throws {
        fixture = try StoreFixture()
        ana = try fixture.add("Ana", "Ruiz")
        ben = try fixture.add("Ben", "Ng")
        cy = try fixture.add("Cy", "Ho")
        colleague = try fixture.database.insertCounselor(Counselor(givenName: "Sam", familyName: "Okafor"))
    }

    @discardableResult
    private func recordGroup(_ others: [Student]? = nil, confidential: Bool = false, minutes: Int = 45) throws -> AdvisingSession {
        try fixture.database.recordSession(
            AdvisingSession(studentId: ana.id!, authorId: fixture.counselor.id!, startedAt: t0, durationMinutes: minutes,
                            kind: "group", topics: ["study skills"], isConfidential: confidential,
                            note: "Study skills group: planners and the week ahead.",
                            otherStudentIds: (others ?? [ben, cy]).map { $0.id! }),
            now: t0)
    }

    private func count(_ sql: String) throws -> Int {
        try fixture.queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    func testAGroupSessionIsOneSessionWithOneNoteInEachStudentsHistory() throws {
        let saved = try recordGroup()
        XCTAssertEqual(try count("SELECT count(*) FROM advising_session"), 1)
        XCTAssertEqual(try count("SELECT count(*) FROM session_note"), 1, "the note is written once")
        for student in [ana!, ben!, cy!] {
            let history = try fixture.database.sessions(studentId: student.id!, viewerId: fixture.counselor.id)
            XCTAssertEqual(history.map(\.id), [saved.id!], student.displayName)
            XCTAssertEqual(history[0].session.note, "Study skills group: planners and the week ahead.")
            XCTAssertEqual(history[0].studentCount, 3)
            XCTAssertEqual(history[0].studentNames, ["Ana Ruiz", "Ben Ng", "Cy Ho"], "the session's own student first, then as listed")
            XCTAssertEqual(history[0].groupLine(names: false), "group of 3")
        }
        XCTAssertEqual(try fixture.database.session(id: saved.id!, viewerId: colleague.id).session.studentIds,
                       [ana.id!, ben.id!, cy.id!])
    }

    func testASessionWithOneStudentIsNoGroup() throws {
        let alone = try fixture.database.recordSession(
            AdvisingSession(studentId: ben.id!, authorId: fixture.counselor.id!, startedAt: t0, durationMinutes: 10,
                            kind: "academic", note: "Schedule change."), now: t0)
        let view = try fixture.database.session(id: alone.id!, viewerId: fixture.counselor.id)
        XCTAssertFalse(view.isGroup)
        XCTAssertNil(view.groupLine(names: true))
        XCTAssertEqual(view.studentNames, [])
    }

    /// Last seen (the caseload's Seen column, the not-seen view, needs attention) and the
    /// coverage report count a group session for each of its students; its minutes are
    /// one session's, recorded once for the counselor.
    func testEachStudentIsSeenByTheGroupAndItsMinutesCountOnce() throws {
        try recordGroup(minutes: 45)
        let entries = try fixture.database.caseload(counselorId: fixture.counselor.id)
        XCTAssertEqual(Set(entries.compactMap { $0.lastContact == t0 ? $0.student.id : nil }), [ana.id!, ben.id!, cy.id!])
        XCTAssertEqual(try fixture.database.lastContacts(studentIds: [ben.id!, cy.id!]), [ben.id!: t0, cy.id!: t0])
        // The coverage report reads the same last contact (`reportStudents` takes it from the caseload's entries).

        XCTAssertEqual(try count("SELECT sum(durationMinutes) FROM advising_session"), 45, "45 minutes of the counselor's day, not 135")
    }

    func testASessionAloneLaterThanTheGroupIsTheLastSeen() throws {
        try recordGroup()
        let later = t0.addingTimeInterval(3_600)
        try fixture.database.recordSession(
            AdvisingSession(studentId: ben.id!, authorId: fixture.counselor.id!, startedAt: later, durationMinutes: 10,
                            kind: "academic", note: "Follow-up alone."), now: later)
        let seen = Dictionary(uniqueKeysWithValues: try fixture.database.caseload(counselorId: fixture.counselor.id)
            .map { ($0.student.id!, $0.lastContact) })
        XCTAssertEqual(seen[ben.id!], later)
        XCTAssertEqual(seen[cy.id!], t0)
    }

    func testAConfidentialGroupNoteStaysWithItsAuthorAndSaysOnlyHowMany() throws {
        let saved = try recordGroup(confidential: true)
        let theirs = try fixture.database.sessions(studentId: cy.id!, viewerId: colleague.id)
        XCTAssertEqual(theirs.count, 1, "the colleague sees that the group met")
        XCTAssertTrue(theirs[0].isRedacted)
        XCTAssertEqual(theirs[0].session.note, "")
        XCTAssertEqual(theirs[0].studentCount, 3)
        XCTAssertEqual(theirs[0].studentNames, [], "not who else was there")
        XCTAssertEqual(theirs[0].session.otherStudentIds, [])
        XCTAssertThrowsError(try fixture.database.noteHistory(sessionId: saved.id!, viewerId: colleague.id))
        XCTAssertThrowsError(try fixture.database.amendSession(
            id: saved.id!, note: "Mine now", kind: "group", topics: [], participants: [.student], durationMinutes: 45,
            isConfidential: true, by: colleague.id!)) { error in
            XCTAssertEqual(error as? StoreError, .confidentialToAuthor(sessionId: saved.id!))
        }
        let mine = try fixture.database.sessions(studentId: cy.id!, viewerId: fixture.counselor.id)
        XCTAssertEqual(mine[0].studentNames, ["Ana Ruiz", "Ben Ng", "Cy Ho"])
        XCTAssertEqual(mine[0].session.note, "Study skills group: planners and the week ahead.")
    }

    func testAStudentListedTwiceIsRefusedByNameAndNothingIsWritten() throws {
        XCTAssertThrowsError(try recordGroup([ben, ben])) { error in
            XCTAssertEqual(error as? StoreError, .studentTwiceInGroup(id: ben.id!))
            XCTAssertTrue(String(describing: error).contains("listed twice"))
        }
        XCTAssertThrowsError(try recordGroup([ana, ben])) { error in
            XCTAssertEqual(error as? StoreError, .studentTwiceInGroup(id: ana.id!), "the session's own student again")
        }
        XCTAssertThrowsError(try recordGroup([ben, Student(id: 999, localId: "X", givenName: "No", familyName: "One",
                                                           grade: Grade(rawValue: 9)!, schoolId: fixture.school.id!)])) { error in
            XCTAssertEqual(error as? StoreError, .studentNotFound(id: 999))
        }
        XCTAssertEqual(try count("SELECT count(*) FROM advising_session"), 0)
        XCTAssertEqual(try count("SELECT count(*) FROM session_student"), 0)
        XCTAssertEqual(try count("SELECT count(*) FROM session_note"), 0)
    }

    func testAGroupsStudentsAreFixedOnceRecorded() throws {
        let saved = try recordGroup()
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: "DELETE FROM session_student WHERE sessionId = ?", arguments: [saved.id!])
        })
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: "UPDATE session_student SET studentId = ? WHERE sessionId = ?", arguments: [ana.id!, saved.id!])
        })
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: "INSERT INTO session_student (sessionId, studentId, position) VALUES (?, ?, 9)",
                           arguments: [saved.id!, ana.id!])
        }, "the session's own student is not listed again, even by hand")
        XCTAssertEqual(try count("SELECT count(*) FROM session_student"), 2)
    }

    func testAnArchivedGroupSessionLeavesEveryHistory() throws {
        let saved = try recordGroup()
        try fixture.database.archiveSession(id: saved.id!, by: fixture.counselor.id!)
        for student in [ana!, ben!, cy!] {
            XCTAssertEqual(try fixture.database.sessions(studentId: student.id!, viewerId: fixture.counselor.id).count, 0)
            XCTAssertEqual(try fixture.database.sessions(studentId: student.id!, viewerId: fixture.counselor.id,
                                                         includeArchived: true).count, 1)
        }
        XCTAssertEqual(try fixture.database.lastContacts(studentIds: [ben.id!]), [:])
    }

    func testTheAuditTrailSaysTheSessionWasAGroup() throws {
        try recordGroup()
        let detail = try fixture.queue.read { db in
            try String.fetchOne(db, sql: "SELECT detail FROM audit_event WHERE action = 'addedSession'")
        }
        XCTAssertTrue(detail?.contains("group of 3") ?? false, detail ?? "no audit row")
    }

    /// A student leaving this counselor's scope takes their sessions off the workstation
    /// (docs/SYNC.md): a group session of theirs goes with its list of students, and the
    /// removal must not stop at that list.
    func testAStudentLeavingScopeTakesTheirGroupSessionWithIt() throws {
        try recordGroup()
        try fixture.queue.write { db in
            try db.execute(sql: "UPDATE student SET sourcedId = 's-ana' WHERE id = ?", arguments: [ana.id!])
            try AppDatabase.removeStudent(db, "s-ana", now: t0)
        }
        XCTAssertEqual(try count("SELECT count(*) FROM advising_session"), 0)
        XCTAssertEqual(try count("SELECT count(*) FROM session_student"), 0)
        XCTAssertEqual(try fixture.database.sessions(studentId: ben.id!, viewerId: fixture.counselor.id).count, 0)
    }
}
