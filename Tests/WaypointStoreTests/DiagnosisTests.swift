import Foundation
import GRDB
import XCTest
import WaypointCore
import WaypointStore

final class DiagnosisTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-diagnose-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func makeDatabase() throws -> String {
        let path = root.appendingPathComponent("waypoint.sqlite").path
        let database = try AppDatabase.open(path: path)
        try database.insertSchool(School(name: "Lincoln High School"))
        return path
    }

    func testASoundDatabaseIsReportedSound() throws {
        let diagnosis = try AppDatabase.diagnose(path: try makeDatabase())
        XCTAssertEqual(diagnosis.integrity, ["ok"])
        XCTAssertEqual(diagnosis.brokenReferences, [])
        XCTAssertEqual(diagnosis.newerMigrations, [])
        XCTAssertEqual(diagnosis.pendingMigrations, [])
        XCTAssertEqual(diagnosis.appliedCount, diagnosis.knownCount)
    }

    func testADatabaseOthersCanReadIsStillDiagnosedAndNotChanged() throws {
        let path = try makeDatabase()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(try AppDatabase.diagnose(path: path).integrity, ["ok"])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }

    func testBrokenReferencesNewerAndOlderSchemasAreNamed() throws {
        let path = try makeDatabase()
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "INSERT INTO caseload (counselorId, studentId) VALUES (77, 88)")
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v7-passphrases'")
        }
        try queue.close()
        let diagnosis = try AppDatabase.diagnose(path: path)
        XCTAssertEqual(diagnosis.brokenReferences.count, 2)
        XCTAssertTrue(diagnosis.brokenReferences.allSatisfy { $0.hasPrefix("caseload row") }, "\(diagnosis.brokenReferences)")
        XCTAssertEqual(diagnosis.newerMigrations, ["v99-future"])
        XCTAssertEqual(diagnosis.pendingMigrations, ["v7-passphrases"])
    }

    func testAForeignOrMissingFileIsAnErrorNamingIt() throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let missing = root.appendingPathComponent("none.sqlite").path
        XCTAssertThrowsError(try AppDatabase.diagnose(path: missing)) { error in
            XCTAssertEqual(error as? StoreError, .databaseMissing(path: missing))
        }
        let foreign = root.appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: foreign)
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        try queue.close()
        XCTAssertThrowsError(try AppDatabase.diagnose(path: foreign)) { error in
            XCTAssertEqual(error as? StoreError, .notWaypointDatabase(path: foreign))
        }
    }

    /// Another program's SQLite file is refused by name and left as it was, whether it is in
    /// rollback mode (looked at read-only first) or in WAL mode (looked at through the pool
    /// before anything is migrated; issue 17).
    func testOpeningAnotherProgramsDatabaseChangesNothingInEitherJournalMode() throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for mode in ["delete", "wal"] {
            let foreign = root.appendingPathComponent("other-\(mode).sqlite").path
            let queue = try DatabaseQueue(path: foreign)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = \(mode)")
                try db.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)")
            }
            try queue.close()
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: foreign)
            XCTAssertThrowsError(try AppDatabase.open(path: foreign), mode) { error in
                XCTAssertEqual(error as? StoreError, .notWaypointDatabase(path: foreign))
            }
            let after = try DatabaseQueue(path: foreign)
            try after.read { db in
                XCTAssertEqual(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master ORDER BY name"), ["t"], mode)
                XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), mode, mode)
            }
            try after.close()
        }
    }
}
