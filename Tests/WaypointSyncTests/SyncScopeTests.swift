import Foundation
import GRDB
import WaypointCore
@testable import WaypointStore
import WaypointVault
import XCTest
@testable import WaypointSync

/// A student who moves to another caseload (docs/SYNC.md, "Scope changes"), and two
/// amendments of one session made offline on two workstations ("Two amendments of one
/// session").
final class SyncScopeTests: XCTestCase {
    func testAStudentWhoMovesArrivesWholeAtTheNewCounselorAndLeavesTheOldWorkstationWithNothingLost() async throws {
        let district = try SyncFixture.make()
        let old = try district.workstation(0), new = try district.workstation(1)
        let student = try XCTUnwrap(district.caseloads[old.sourcedId]?.first)
        let onOld = try old.studentId(student)
        let today = CivilDate(year: 2026, month: 12, day: 3)
        try old.database.recordSession(AdvisingSession(studentId: onOld, authorId: old.counselorId, startedAt: Date(), durationMinutes: 20,
                                                       kind: "college", topics: ["FAFSA"], note: "Planned the FAFSA"))
        try old.database.setMilestone(MilestoneRecord(studentId: onOld, milestoneId: "fafsa", status: .inProgress), today: today,
                                      by: old.counselorId)
        try await old.sync()
        // Written offline, after the move was made at the hub.
        try old.database.addFollowUp(studentId: onOld, authorId: old.counselorId, text: "Call about the transcript", dueDate: nil)
        await district.hub.move(student, from: old.sourcedId, to: new.sourcedId)

        let leaving = try await old.sync()
        XCTAssertEqual(leaving.studentsLeft, 1)
        XCTAssertFalse(try old.database.caseload(counselorId: old.counselorId).contains { $0.student.sourcedId == student })
        XCTAssertEqual(try old.database.sessions(studentId: onOld, viewerId: old.counselorId, includeArchived: true).count, 0)
        XCTAssertEqual(try old.database.plan(studentId: onOld).milestones.filter { $0.milestoneId == "fafsa" }.count, 0)
        XCTAssertEqual(try old.database.pendingChangeCount(), 0)
        let refused = try old.database.refusedChanges()
        XCTAssertEqual(refused.map(\.tableName), ["follow_up"], "the follow-up written after the move is kept, not lost")
        XCTAssertTrue(refused[0].mine.contains("Call about the transcript"))

        let arriving = try await new.sync()
        XCTAssertEqual(arriving.studentsEntered, 1)
        let onNew = try new.studentId(student)
        XCTAssertTrue(try new.database.caseload(counselorId: new.counselorId).contains { $0.student.sourcedId == student })
        XCTAssertEqual(try new.database.sessions(studentId: onNew, viewerId: new.counselorId).map(\.session.note), ["Planned the FAFSA"])
        XCTAssertEqual(try new.database.plan(studentId: onNew).milestones.first { $0.milestoneId == "fafsa" }?.status, .inProgress)
        let atHub = await district.hub.records
        XCTAssertEqual(atHub["advising_session"]?.count, 1, "the hub still has everything")
        XCTAssertEqual(atHub["milestone_status"]?.count, 1)
    }

    /// A call home with a named guardian (session_contact, not carried by sync) does not
    /// hold the session back when the student leaves: the session leaves with its list of
    /// family taking part, and the guardian stays on the student's roster record here.
    func testAStudentWhoMovesLeavesWithTheirCallsHome() async throws {
        let district = try SyncFixture.make()
        let old = try district.workstation(0), new = try district.workstation(1)
        let student = try XCTUnwrap(district.caseloads[old.sourcedId]?.first)
        let onOld = try old.studentId(student)
        let mother = try old.database.addContact(FamilyContact(givenName: "Rosa", familyName: "Diaz", relationship: .parent,
                                                               phone: "555-0100"), studentId: onOld)
        try old.database.recordSession(AdvisingSession(studentId: onOld, authorId: old.counselorId, startedAt: Date(), durationMinutes: 10,
                                                       kind: "phone-call", topics: ["Attendance"], note: "Called home about absences",
                                                       contactIds: [mother.id!]))
        try await old.sync()
        await district.hub.move(student, from: old.sourcedId, to: new.sourcedId)

        let leaving = try await old.sync()
        XCTAssertEqual(leaving.studentsLeft, 1)
        XCTAssertEqual(try old.database.sessions(studentId: onOld, viewerId: old.counselorId, includeArchived: true).count, 0)
        XCTAssertEqual(try old.database.contacts(studentId: onOld).map(\.givenName), ["Rosa"])
        let arriving = try await new.sync()
        XCTAssertEqual(arriving.studentsEntered, 1)
        XCTAssertEqual(try new.database.sessions(studentId: try new.studentId(student), viewerId: new.counselorId).map(\.session.note),
                       ["Called home about absences"])
    }

    /// Found in issue 16's review: a student who moved kept the rows saying where their
    /// imported marks went, pointing at plan courses that had left with them. Back again,
    /// their courses return from the hub and a re-import links them, adding none twice.
    func testAStudentWhoMovesLeavesWithWhereTheirImportedMarksWent() async throws {
        let district = try SyncFixture.make()
        let old = try district.workstation(0), new = try district.workstation(1)
        let student = try XCTUnwrap(district.caseloads[old.sourcedId]?.first)
        let onOld = try old.studentId(student)
        let today = CivilDate(year: 2026, month: 11, day: 23)
        let marks = [ImportedMark(studentId: onOld, term: "2025-FA", course: "ENG9", title: "English 9", subject: "English",
                                  mark: ABCMark("B")!, credits: 1, source: .transcript)]
        let areas = [RequirementSetCatalog.SubjectArea(id: "english", title: "English")]
        XCTAssertEqual(try old.database.placeMarks(marks, subjectAreas: areas, today: today).added, 1)
        try await old.sync()
        await district.hub.move(student, from: old.sourcedId, to: new.sourcedId)

        let leaving = try await old.sync()
        XCTAssertEqual(leaving.studentsLeft, 1)
        let left = try old.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM plan_course_mark WHERE studentId = ?", arguments: [onOld])
        }
        XCTAssertEqual(left, 0)
        XCTAssertEqual(try old.database.plan(studentId: onOld).courses.count, 0)

        await district.hub.move(student, from: new.sourcedId, to: old.sourcedId)
        let back = try await old.sync()
        XCTAssertEqual(back.studentsEntered, 1)
        XCTAssertEqual(try old.database.plan(studentId: onOld).courses.map(\.title), ["English 9"])
        let again = try old.database.placeMarks(marks, subjectAreas: areas, today: today)
        XCTAssertEqual(again.added, 0, "the course came back from the hub: linked, not added twice")
        XCTAssertEqual(try old.database.plan(studentId: onOld).courses.map(\.title), ["English 9"])
        XCTAssertNotNil(try old.database.plan(studentId: onOld).markLink(of: try XCTUnwrap(old.database.plan(studentId: onOld).courses.first)))
    }

    /// A college list (not carried by sync, docs/SYNC.md) is not deleted when its student
    /// moves: the hub never had it, so that would lose it. It stays on this workstation,
    /// the move goes through, and the new counselor does not see it (not carried yet).
    func testAStudentWhoMovesLeavesTheirCollegeListHere() async throws {
        let district = try SyncFixture.make()
        let old = try district.workstation(0), new = try district.workstation(1)
        let students = try XCTUnwrap(district.caseloads[old.sourcedId])
        let (student, staying) = (students[0], students[1])
        let onOld = try old.studentId(student), stayingId = try old.studentId(staying)
        for (id, institution) in [(onOld, "Sunridge College"), (onOld, "Meridian University"), (stayingId, "Northfield College")] {
            try old.database.addCollegeApplication(CollegeApplication(studentId: id, institution: institution,
                                                                      deadline: CivilDate(year: 2027, month: 1, day: 15),
                                                                      status: .applying),
                                                   by: old.counselorId)
        }
        try await old.sync()
        await district.hub.move(student, from: old.sourcedId, to: new.sourcedId)

        let leaving = try await old.sync()
        XCTAssertEqual(leaving.studentsLeft, 1)
        XCTAssertEqual(try old.database.collegeApplications(studentId: onOld).map(\.institution).sorted(),
                       ["Meridian University", "Sunridge College"], "nothing lost")
        XCTAssertEqual(try old.database.collegeApplications(studentId: stayingId).map(\.institution), ["Northfield College"])
        XCTAssertFalse(try old.database.caseload(counselorId: old.counselorId).contains { $0.student.id == onOld },
                       "off this caseload, so off its to-do list")
        let arriving = try await new.sync()
        XCTAssertEqual(arriving.studentsEntered, 1)
        XCTAssertEqual(try new.database.collegeApplications(studentId: try new.studentId(student)), [], "not carried yet")
    }

    func testTwoAmendmentsOfOneSessionMadeOfflineAreBothKept() async throws {
        let district = try SyncFixture.make()
        let laptop = try district.workstation(0), desktop = try district.workstation(0)
        let student = try XCTUnwrap(district.caseloads[laptop.sourcedId]?.first)
        let saved = try laptop.database.recordSession(AdvisingSession(studentId: try laptop.studentId(student), authorId: laptop.counselorId,
                                                                      startedAt: Date(), durationMinutes: 20, kind: "check-in",
                                                                      note: "Version one"))
        try await laptop.sync()
        try await desktop.sync()
        let onDesktop = try XCTUnwrap(desktop.database.sessions(studentId: try desktop.studentId(student), viewerId: desktop.counselorId).first)

        // Both amend offline: each writes its version 2.
        func amend(_ station: Workstation, _ id: Int64, _ note: String) throws {
            try station.database.amendSession(id: id, note: note, kind: "check-in", topics: [], participants: [.student],
                                              durationMinutes: 20, isConfidential: false, by: station.counselorId)
        }
        try amend(laptop, saved.id!, "Laptop's amendment")
        try amend(desktop, onDesktop.session.id!, "Desktop's amendment")
        try await laptop.sync()
        let report = try await desktop.sync()
        XCTAssertEqual(report.refused, 0, "two amendments are not a conflict")
        XCTAssertEqual(try desktop.database.refusedChanges().count, 0)
        try await laptop.sync()

        let expected = ["Version one", "Laptop's amendment", "Desktop's amendment"]
        XCTAssertEqual(try laptop.database.noteHistory(sessionId: saved.id!, viewerId: laptop.counselorId).map(\.text), expected)
        XCTAssertEqual(try desktop.database.noteHistory(sessionId: onDesktop.session.id!, viewerId: desktop.counselorId).map(\.text), expected)
        XCTAssertEqual(try laptop.database.noteHistory(sessionId: saved.id!, viewerId: laptop.counselorId).map(\.version), [1, 2, 3])
        let notes = await district.hub.records["session_note"]?.count
        XCTAssertEqual(notes, 3)
    }
}
