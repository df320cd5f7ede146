import Foundation
import XCTest

/// Issue 12, item 9: doctor and the -wal/-shm files beside the database.
final class DoctorCompanionTests: XCTestCase {
    private let terminal = ["TERM": "xterm-256color", "LANG": "C.UTF-8"]

    private func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// Opening a WAL database read-only made its -wal and -shm with the file's mode: doctor
    /// on a 0644 database left two more files others could read.
    func testDoctorOnALooseDatabaseCreatesNoCompanions() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20"]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: db + "-wal"), "closed cleanly: no -wal left")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db)
        let found = try runProcess(binary, ["doctor", "--db", db], environment: terminal)
        XCTAssertTrue(found.stdout.contains("OK       integrity check: ok"), found.stdout)
        for companion in [db + "-wal", db + "-shm"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: companion), "\(companion) created with mode \(try? mode(companion))")
        }
    }

    /// A read-only leftover -wal or -shm makes every write fail while everything reads: doctor
    /// said all was well. It now names the file and says how to fix it; --fix does for your own.
    func testDoctorNamesAReadOnlyLeftoverCompanionAndFixFixesIt() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20"]).status, 0)
        for companion in [db + "-wal", db + "-shm"] {
            XCTAssertTrue(FileManager.default.createFile(atPath: companion, contents: nil, attributes: [.posixPermissions: 0o400]))
        }
        let found = try runProcess(binary, ["doctor", "--db", db], environment: terminal)
        XCTAssertEqual(found.status, 1, found.stdout)
        XCTAssertTrue(found.stdout.contains("PROBLEM  \(db)-wal is read-only for you (mode 0400); every save fails until it is fixed. "
            + "Fix: `waypoint doctor --fix --db \(db)`"), found.stdout)
        XCTAssertTrue(found.stdout.contains("PROBLEM  \(db)-shm is read-only for you (mode 0400)"), found.stdout)

        // Reading the database may have given them its mode again (as root SQLite can): as found.
        for companion in [db + "-wal", db + "-shm"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: companion)
        }
        let fixed = try runProcess(binary, ["doctor", "--fix", "--db", db], environment: terminal)
        XCTAssertEqual(fixed.status, 0, fixed.stdout)
        XCTAssertTrue(fixed.stdout.contains("FIXED    \(db)-shm: mode 0400 -> 0600 (writable again)"), fixed.stdout)
        XCTAssertFalse(fixed.stdout.contains("read-only for you"), fixed.stdout)
        for companion in [db + "-wal", db + "-shm"] where FileManager.default.fileExists(atPath: companion) {
            XCTAssertEqual(try mode(companion), 0o600, companion)
        }
    }
}
