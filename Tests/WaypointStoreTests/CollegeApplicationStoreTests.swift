import Foundation
import GRDB
import WaypointCatalogs
import WaypointCore
import XCTest
@testable import WaypointStore

/// College applications in the store (issue 16 item 4, migration v26-college-applications):
/// the rules in the schema as well as in the store, bad values refused in words with nothing
/// written, every change in the audit trail, and the lists the to-do list and reports read.
final class CollegeApplicationStoreTests: XCTestCase {
    private var fixture: StoreFixture!
    private var ana: Student!
    private let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    private let january = CivilDate(year: 2027, month: 1, day: 15)

    override func setUpWithError() throws {
        fixture = try StoreFixture()
        ana = try fixture.add("Ana", "Ruiz", grade: 12)
    }

    private var db: AppDatabase { fixture.database }

    private func add(_ institution: String, type: CollegeApplicationType = .regular, deadline: CivilDate? = nil,
                     status: CollegeApplicationStatus = .considering) throws -> CollegeApplication {
        try db.addCollegeApplication(CollegeApplication(studentId: ana.id!, institution: institution, type: type, deadline: deadline,
                                                        status: status), by: fixture.counselor.id, now: t0)
    }

    private func count() throws -> Int {
        try fixture.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM college_application") ?? -1 }
    }

    func testAnApplicationIsAddedChangedAndRemovedWithEachStepInTheAuditTrail() throws {
        let added = try add("  Sunridge College ", type: .earlyAction, deadline: january)
        XCTAssertEqual(added.institution, "Sunridge College", "the name is kept trimmed")
        XCTAssertEqual(try db.collegeApplications(studentId: ana.id!), [added])

        let changed = try db.changeCollegeApplication(id: added.id!, [.status(.admitted), .transcript(.sent), .aidAward(12_500)],
                                                      by: fixture.counselor.id, now: t0)
        XCTAssertEqual(changed.status, .admitted)
        XCTAssertEqual(changed.aidAward, 12_500)
        XCTAssertEqual(try db.collegeApplication(id: added.id!), changed)
        // The same change again writes nothing, not even an audit row.
        try db.changeCollegeApplication(id: added.id!, [.status(.admitted)], by: fixture.counselor.id, now: t0)
        try db.removeCollegeApplication(id: added.id!, by: fixture.counselor.id, now: t0)
        XCTAssertEqual(try db.collegeApplications(studentId: ana.id!), [])

        let trail = try db.auditEvents(AuditQuery(studentId: ana.id!)).reversed().map { "\($0.action.rawValue) \($0.subject): \($0.detail)" }
        let subject = "college application \(added.id!) Sunridge College"
        XCTAssertEqual(Array(trail), [
            "changedPlan \(subject): added (institution: Sunridge College; type: early-action; deadline: 2027-01-15; "
                + "status: considering; transcript: not-requested; recommendation: not-requested)",
            "changedPlan \(subject): status: considering -> admitted; transcript: not-requested -> sent; aidAward: none -> 12500",
            "changedPlan \(subject): removed (institution: Sunridge College; type: early-action; deadline: 2027-01-15; "
                + "status: admitted; transcript: sent; recommendation: not-requested; aidAward: 12500)",
        ])
        XCTAssertTrue(try db.auditEvents(AuditQuery(studentId: ana.id!)).allSatisfy { $0.counselorId == fixture.counselor.id })
    }

    func testBadValuesAreRefusedInWordsAndNothingIsWritten() throws {
        func refused(_ application: CollegeApplication) -> String {
            do {
                try db.addCollegeApplication(application, by: nil)
                return "accepted"
            } catch {
                return String(describing: error)
            }
        }
        XCTAssertEqual(refused(CollegeApplication(studentId: ana.id!, institution: "  ")),
                       "Institution: expected the institution's name (it is empty). Nothing was changed.")
        XCTAssertEqual(refused(CollegeApplication(studentId: ana.id!, institution: "Evil\u{1B}[2JCollege")),
                       "Institution: expected a name without control characters. Nothing was changed.")
        XCTAssertEqual(refused(CollegeApplication(studentId: ana.id!, institution: "Sunridge College", aidAward: 5_000_000)),
                       "Aid award: expected whole dollars a year from 0 to 999,999. Nothing was changed.")
        XCTAssertEqual(refused(CollegeApplication(studentId: 999_999, institution: "Sunridge College")),
                       String(describing: StoreError.studentNotFound(id: 999_999)))
        XCTAssertEqual(try count(), 0)

        let first = try add("Sunridge College")
        XCTAssertEqual(refused(CollegeApplication(studentId: ana.id!, institution: "SUNRIDGE COLLEGE")),
                       "The student already has an application to SUNRIDGE COLLEGE; change that one instead. Nothing was changed.")
        let other = try add("Meridian University")
        XCTAssertThrowsError(try db.changeCollegeApplication(id: other.id!, [.institution("sunridge college")], by: nil))
        XCTAssertThrowsError(try db.changeCollegeApplication(id: first.id!, [.institution(""), .status(.submitted)], by: nil)) { error in
            XCTAssertEqual(String(describing: error), "Institution: expected the institution's name (it is empty). Nothing was changed.")
        }
        XCTAssertEqual(try db.collegeApplication(id: first.id!).status, .considering, "one bad value changes nothing")
        XCTAssertThrowsError(try db.removeCollegeApplication(id: 4242, by: nil)) { error in
            XCTAssertEqual(String(describing: error),
                           "No college application with id 4242 (`waypoint college list STUDENT` lists a student's).")
        }
        XCTAssertEqual(try count(), 2)
    }

    /// Another tool writing to the file meets the same rules: the CHECKs hold them.
    func testTheSchemaRefusesWhatTheStoreWouldNeverWrite() throws {
        let studentId = ana.id!
        let bad: [(String, String)] = [
            ("blank institution", "'  ', 'regular', NULL, 'considering', 'not-requested', 'not-requested', NULL"),
            ("unknown type", "'A', 'early', NULL, 'considering', 'not-requested', 'not-requested', NULL"),
            ("unknown status", "'A', 'regular', NULL, 'maybe', 'not-requested', 'not-requested', NULL"),
            ("slashed date", "'A', 'regular', '2027/01/15', 'considering', 'not-requested', 'not-requested', NULL"),
            ("unknown transcript", "'A', 'regular', NULL, 'considering', 'lost', 'not-requested', NULL"),
            ("unknown recommendation", "'A', 'regular', NULL, 'considering', 'sent', 'emailed', NULL"),
            ("negative aid", "'A', 'regular', NULL, 'considering', 'sent', 'sent', -1"),
            ("no student", "'A', 'regular', NULL, 'considering', 'sent', 'sent', NULL"),
        ]
        for (name, values) in bad {
            XCTAssertThrowsError(try fixture.queue.write { db in
                try db.execute(sql: """
                    INSERT INTO college_application (studentId, institution, type, deadline, status, transcript, recommendation,
                                                     aidAward, createdAt)
                    VALUES (\(name == "no student" ? 999_999 : studentId), \(values), '2026-12-03 10:00:00')
                    """)
            }, name)
        }
        try fixture.queue.write { db in
            try db.execute(sql: """
                INSERT INTO college_application (studentId, institution, type, deadline, status, transcript, recommendation, aidAward,
                                                 createdAt)
                VALUES (?, 'Sunridge College', 'rolling', NULL, 'considering', 'not-requested', 'not-requested', 0, '2026-12-03 10:00:00')
                """, arguments: [studentId])
        }
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: """
                INSERT INTO college_application (studentId, institution, type, status, transcript, recommendation, createdAt)
                VALUES (?, 'sunridge college', 'regular', 'considering', 'sent', 'sent', '2026-12-03 10:00:00')
                """, arguments: [studentId])
        }, "one application per institution, whatever its case")
        XCTAssertEqual(try count(), 1)
    }

    func testTheToDoListReadsOpenApplicationsWithADeadlineOnly() throws {
        let open = try add("Sunridge College", deadline: january, status: .applying)
        _ = try add("Meridian University", deadline: january, status: .submitted)
        _ = try add("Riverbend Community College", type: .rolling)
        let ben = try fixture.add("Ben", "Ng", grade: 12)
        try db.addCollegeApplication(CollegeApplication(studentId: ben.id!, institution: "Sunridge College", deadline: january),
                                     by: nil)
        XCTAssertEqual(try db.openCollegeApplications(studentIds: [ana.id!]), [open])
        XCTAssertEqual(try db.openCollegeApplications(studentIds: [ana.id!, ben.id!]).count, 2)
        XCTAssertEqual(try db.openCollegeApplications(studentIds: []), [])
    }

    func testTheReportsSeeEachStudentsApplications() throws {
        _ = try add("Sunridge College", status: .admitted)
        _ = try add("Meridian University", status: .denied)
        let students = try db.reportStudents(counselorId: fixture.counselor.id, catalogs: CatalogLoader.shipped)
        XCTAssertEqual(students.first { $0.student.id == ana.id }?.applications.sorted { $0.rawValue < $1.rawValue }, [.admitted, .denied])
    }

    func testTheListIsByDeadlineWithUndatedLast() throws {
        _ = try add("Riverbend Community College", type: .rolling)
        _ = try add("Sunridge College", deadline: january)
        _ = try add("Meridian University", type: .earlyAction, deadline: CivilDate(year: 2026, month: 11, day: 1))
        XCTAssertEqual(try db.collegeApplications(studentId: ana.id!).map(\.institution),
                       ["Meridian University", "Sunridge College", "Riverbend Community College"])
    }
}
