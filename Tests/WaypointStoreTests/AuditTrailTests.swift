import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

/// The audit table itself: append-only in the schema, queried newest first with filters,
/// and written by the bulk operations (demo, restore) and by the public API for what
/// happens outside the store (views, exports, backups).
final class AuditTrailTests: XCTestCase {
    private var fixture: StoreFixture!
    private var student: Student!
    private var db: AppDatabase { fixture.database }
    private let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    override func setUpWithError() throws {
        fixture = try StoreFixture()
        student = try fixture.add("Minh Anh", "Nguyễn")
    }

    private func view(at date: Date, counselor: Int64?, student studentId: Int64?) throws {
        try db.recordAudit(AuditEntry(.viewedProfile, counselorId: counselor, studentId: studentId, subject: "profile"), now: date)
    }

    private func refused(_ sql: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try fixture.queue.write { try $0.execute(sql: sql) }, sql, file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains("audit_event is append-only"), "\(error)", file: file, line: line)
        }
    }

    func testTheSchemaRefusesToChangeOrRemoveAuditRowsEvenThroughRawSQL() throws {
        try view(at: t0, counselor: fixture.counselor.id, student: student.id)
        let id = try XCTUnwrap(db.auditEvents().first?.id)
        refused("UPDATE audit_event SET detail = 'nothing happened' WHERE id = \(id)")
        refused("UPDATE audit_event SET counselorId = NULL")
        refused("DELETE FROM audit_event WHERE id = \(id)")
        refused("DELETE FROM audit_event")
        refused("""
            INSERT OR REPLACE INTO audit_event (id, at, actor, action, subject, detail)
            VALUES (\(id), '2026-01-01T00:00:00.000Z', 'someone', 'viewedPlan', '', '')
            """)
        let event = try XCTUnwrap(db.auditEvents().first)
        XCTAssertEqual(event.action, .viewedProfile)
        XCTAssertEqual(event.counselorId, fixture.counselor.id)
        XCTAssertEqual(try db.auditEvents().count, 1)
    }

    func testTheSchemaAcceptsEveryKnownActionAndNothingElse() throws {
        for action in AuditAction.allCases {
            XCTAssertNoThrow(try db.recordAudit(AuditEntry(action, counselorId: nil, subject: "x")), action.rawValue)
        }
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: """
                INSERT INTO audit_event (at, actor, action) VALUES ('2026-11-20T10:00:00.000Z', 'someone', 'deletedEverything')
                """)
        })
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: "INSERT INTO audit_event (at, actor, action) VALUES ('yesterday', 'someone', 'viewedPlan')")
        }, "a time that does not sort")
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: "INSERT INTO audit_event (at, actor, action) VALUES ('2026-11-20T10:00:00.000Z', ' ', 'viewedPlan')")
        }, "nobody")
    }

    func testAFollowUpsAuthorStudentAndCreationTimeAreFixed() throws {
        let id = try db.addFollowUp(studentId: student.id!, authorId: fixture.counselor.id!, text: "Call home", dueDate: nil)
        let other = try db.insertCounselor(Counselor(givenName: "Sam", familyName: "Okafor"))
        let otherStudent = try fixture.add("Ana", "Ruiz")
        for change in ["authorId = \(other.id!)", "studentId = \(otherStudent.id!)", "createdAt = '2020-01-01 00:00:00.000'",
                       "sessionId = 1"] {
            XCTAssertThrowsError(try fixture.queue.write { try $0.execute(sql: "UPDATE follow_up SET \(change) WHERE id = \(id)") },
                                 change)
        }
        XCTAssertNoThrow(try fixture.queue.write { try $0.execute(sql: "UPDATE follow_up SET status = 'done' WHERE id = \(id)") },
                         "the status still changes")
    }

    func testEventsComeNewestFirstAndFilterByStudentCounselorSinceAndLimit() throws {
        let other = try fixture.add("Ana", "Ruiz")
        let colleague = try db.insertCounselor(Counselor(givenName: "Sam", familyName: "Okafor"))
        try view(at: t0, counselor: fixture.counselor.id, student: student.id)
        try view(at: t0.addingTimeInterval(60), counselor: colleague.id, student: other.id)
        try view(at: t0.addingTimeInterval(120), counselor: nil, student: student.id)

        let all = try db.auditEvents()
        XCTAssertEqual(all.map(\.at), [t0.addingTimeInterval(120), t0.addingTimeInterval(60), t0])
        XCTAssertEqual(all.map(\.actor), Array(repeating: "test-user", count: 3))
        XCTAssertEqual(try db.auditEvents(AuditQuery(studentId: student.id)).map(\.at), [t0.addingTimeInterval(120), t0])
        XCTAssertEqual(try db.auditEvents(AuditQuery(counselorId: colleague.id)).map(\.studentId), [other.id])
        XCTAssertEqual(try db.auditEvents(AuditQuery(since: t0.addingTimeInterval(60))).count, 2)
        XCTAssertEqual(try db.auditEvents(AuditQuery(studentId: student.id, limit: 1)).map(\.counselorId), [nil])
    }

    func testTimesKeepMillisecondsAndSortAsText() throws {
        let precise = Date(timeIntervalSince1970: 1_795_000_000.25)
        try view(at: precise, counselor: nil, student: nil)
        let stored = try fixture.queue.read { try String.fetchOne($0, sql: "SELECT at FROM audit_event") }
        XCTAssertEqual(stored, "2026-11-18T11:06:40.250Z")
        XCTAssertEqual(try db.auditEvents().first?.at, precise)
    }

    func testLoadingTheDemoIsOneRow() throws {
        let database = try AppDatabase.inMemory(actor: AuditActor("demo-user"))
        try database.loadDemoDistrict(DemoDistrict.generate(students: 30, counselors: 2, seed: 5))
        let events = try database.auditEvents()
        XCTAssertEqual(events.map(\.action), [.loadedDemo])
        XCTAssertEqual(events.first?.detail, "students: 30, counselors: 2, schools: \(try database.allSchools().count)")
        XCTAssertEqual(events.first?.actor, "demo-user")
    }

    func testARestoreIsRecordedAfterTheBackupsOwnTrail() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let live = try AppDatabase.open(path: folder.appendingPathComponent("w.sqlite").path)
        try live.loadDemoDistrict(DemoDistrict.generate(students: 10, seed: 5))
        let backup = folder.appendingPathComponent("b.sqlite").path
        try live.backup(to: backup)
        try live.recordAudit(AuditEntry(.exported, counselorId: nil, subject: "after the backup"))
        let previous = folder.appendingPathComponent("previous.sqlite").path
        try live.restore(from: backup, keepingPreviousAt: previous)
        XCTAssertEqual(try live.auditEvents().map(\.action), [.restored, .loadedDemo])
        XCTAssertEqual(try live.auditEvents().first?.subject, backup)
        XCTAssertEqual(try AppDatabase.openForReading(path: previous).auditEvents().first?.subject, "after the backup",
                       "the trail written since the backup is kept with the previous content")
    }

    func testTheProcessActorIsTheOperatingSystemUser() {
        XCTAssertFalse(AuditActor.process.name.isEmpty)
        XCTAssertEqual(AuditActor("  ").name, "unknown")
    }
}
