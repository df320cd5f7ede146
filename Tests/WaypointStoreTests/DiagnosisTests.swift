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
}
