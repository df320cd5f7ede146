import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

/// v9-audit-security: the trail takes security events (passphrases set or changed, the
/// screen taken over, an unlock refused), and the rebuild that allowed them kept every row
/// and every protection of the table.
final class AuditSecurityEventsTests: XCTestCase {
    private let rowsSQL = "SELECT id, at, counselorId, actor, action, studentId, subject, detail FROM audit_event ORDER BY id"

    func testTheRebuildKeepsEveryRowTheIndexesAndTheAppendOnlyTriggers() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v8-audit")
        let before = try queue.write { db -> [Row] in
            try db.execute(sql: """
                INSERT INTO school (id, name) VALUES (1, 'Riverside');
                INSERT INTO counselor (id, givenName, familyName) VALUES (7, 'Dana', 'Whitfield');
                INSERT INTO student (id, localId, givenName, familyName, grade, schoolId, searchKey)
                VALUES (3, 'S3', 'Minh', 'Nguyen', 10, 1, 'minh nguyen');
                INSERT INTO audit_event (at, counselorId, actor, action, studentId, subject, detail)
                VALUES ('2026-11-20T10:00:00.000Z', 7, 'dana', 'viewedProfile', 3, 'profile', ''),
                       ('2026-11-20T10:01:00.000Z', NULL, 'root', 'backedUp', NULL, '/backups/b.sqlite', ''),
                       ('2026-11-20T10:02:00.000Z', 7, 'dana', 'changedPlan', 3, 'plan', 'pathwayId: a -> b');
                """)
            return try Row.fetchAll(db, sql: rowsSQL)
        }
        try AppDatabase.migrator.migrate(queue)
        let database = try AppDatabase(queue, actor: AuditActor("test-user"))

        try queue.read { db in
            XCTAssertEqual(try Row.fetchAll(db, sql: rowsSQL), before, "every row, with its id, as it was")
            XCTAssertFalse(try db.tableExists("audit_event_v9"), "the new table took the old one's name")
            let indexes = try db.indexes(on: "audit_event").map(\.name)
            XCTAssertEqual(Set(indexes), ["audit_event_on_studentId_at", "audit_event_on_counselorId_at"])
            // The rebuild's own triggers; v12's capture trigger is SyncCaptureTests' business.
            let triggers = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event' AND name NOT GLOB 'sync_capture_*'
                """)
            XCTAssertEqual(Set(triggers), ["audit_event_append_only_update", "audit_event_append_only_delete",
                                           "audit_event_append_only_replace"])
        }
        for sql in ["UPDATE audit_event SET detail = 'nothing happened' WHERE id = 1", "DELETE FROM audit_event",
                    "INSERT OR REPLACE INTO audit_event (id, at, actor, action) VALUES (2, '2026-11-21T00:00:00.000Z', 'x', 'exported')"] {
            XCTAssertThrowsError(try queue.write { try $0.execute(sql: sql) }, sql) { error in
                XCTAssertTrue("\(error)".contains("audit_event is append-only"), "\(error)")
            }
        }
        XCTAssertThrowsError(try queue.write { db in
            try db.execute(sql: "INSERT INTO audit_event (at, actor, action) VALUES ('2026-11-21T00:00:00.000Z', 'x', 'deletedEverything')")
        }, "the list of actions is still checked")
        XCTAssertThrowsError(try queue.write { db in
            try db.execute(sql: "INSERT INTO audit_event (at, counselorId, actor, action) VALUES ('2026-11-21T00:00:00.000Z', 99, 'x', 'tookOver')")
        }, "the counselor must still exist")

        try database.recordAudit(AuditEntry(.tookOver, counselorId: 7, subject: "screen"))
        let newest = try XCTUnwrap(database.auditEvents().first)
        XCTAssertEqual(newest.action, .tookOver)
        XCTAssertEqual(newest.id, 4, "ids go on after the copied rows")
        XCTAssertEqual(try database.auditEvents().count, 4)
    }

    func testTheLockScreensEventsAreRecordedAndReadBack() throws {
        let fixture = try StoreFixture()
        let colleague = try fixture.database.insertCounselor(Counselor(givenName: "Sam", familyName: "Okafor"))
        let t0 = Date(timeIntervalSince1970: 1_795_000_000)
        try fixture.database.recordAudit(AuditEntry(.unlockRefused, counselorId: fixture.counselor.id, subject: "lock screen",
                                                    detail: "5 wrong passphrases"), now: t0)
        try fixture.database.recordAudit(AuditEntry(.tookOver, counselorId: colleague.id, subject: "lock screen",
                                                    detail: "from counselor \(fixture.counselor.id!)"), now: t0.addingTimeInterval(1))
        let events = try fixture.database.auditEvents()
        XCTAssertEqual(events.map(\.action), [.tookOver, .unlockRefused])
        XCTAssertEqual(events.map(\.counselorId), [colleague.id, fixture.counselor.id])
        XCTAssertEqual(events.map(\.action.title), ["took over the screen", "unlock refused"])
    }

    func testSettingAndChangingAPassphraseAreRecordedForItsCounselorWithoutTheHash() throws {
        let fixture = try StoreFixture()
        let id = try XCTUnwrap(fixture.counselor.id)
        try fixture.database.setPassphraseHash("scrypt$1024$8$1$c2FsdA==$aGFzaA==", for: id)
        try fixture.database.setPassphraseHash("scrypt$2048$8$1$bmV3$bmV3aGFzaA==", for: id)
        let events = try fixture.database.auditEvents()
        XCTAssertEqual(events.map(\.action), [.changedPassphrase, .setPassphrase])
        XCTAssertEqual(events.map(\.counselorId), [id, id])
        XCTAssertFalse(events.contains { $0.subject.contains("scrypt") || $0.detail.contains("scrypt") })
        XCTAssertThrowsError(try fixture.database.setPassphraseHash("scrypt$1$1$1$a$b", for: 999))
        XCTAssertEqual(try fixture.database.auditEvents().count, 2, "a refused change leaves no row")
    }

    func testTheMigrationFollowsTheAuditTableItRebuilds() throws {
        let migrations = AppDatabase.migrator.migrations
        let v8 = try XCTUnwrap(migrations.firstIndex(of: "v8-audit"))
        XCTAssertEqual(migrations.firstIndex(of: "v9-audit-security"), v8 + 1)
    }
}

/// v10-passphrase-attempts rebuilt the trail again, for the wrong-passphrase and admin rows.
final class AuditPassphraseAttemptsMigrationTests: XCTestCase {
    private let rowsSQL = "SELECT id, at, counselorId, actor, action, studentId, subject, detail FROM audit_event ORDER BY id"

    func testTheRebuildKeepsEveryRowAndTheAppendOnlyTriggers() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v9-audit-security")
        let before = try queue.write { db -> [Row] in
            try db.execute(sql: """
                INSERT INTO counselor (id, givenName, familyName) VALUES (7, 'Dana', 'Whitfield');
                INSERT INTO audit_event (at, counselorId, actor, action, subject, detail)
                VALUES ('2026-11-20T10:00:00.000Z', 7, 'dana', 'unlockRefused', 'lock screen', '5 wrong'),
                       ('2026-11-20T10:01:00.000Z', NULL, 'root', 'backedUp', '/backups/b.sqlite', '');
                """)
            return try Row.fetchAll(db, sql: rowsSQL)
        }
        try AppDatabase.migrator.migrate(queue)
        try queue.read { db in
            XCTAssertEqual(try Row.fetchAll(db, sql: rowsSQL), before)
            XCTAssertFalse(try db.tableExists("audit_event_v10"))
            XCTAssertEqual(Set(try db.indexes(on: "audit_event").map(\.name)),
                           ["audit_event_on_studentId_at", "audit_event_on_counselorId_at"])
            // The rebuild's own triggers; v12's capture trigger is SyncCaptureTests' business.
            let triggers = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event' AND name NOT GLOB 'sync_capture_*'
                """)
            XCTAssertEqual(Set(triggers), ["audit_event_append_only_update", "audit_event_append_only_delete",
                                           "audit_event_append_only_replace"])
        }
        for sql in ["UPDATE audit_event SET detail = '' WHERE id = 1", "DELETE FROM audit_event"] {
            XCTAssertThrowsError(try queue.write { try $0.execute(sql: sql) }, sql)
        }
        let database = try AppDatabase(queue, actor: AuditActor("test-user"))
        try database.recordAudit(AuditEntry(.wrongPassphrase, counselorId: nil, subject: "passphrase of counselor 7"))
        XCTAssertEqual(try database.auditEvents().first?.id, 3, "ids go on after the copied rows")
    }
}
