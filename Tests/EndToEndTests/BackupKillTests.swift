import Foundation
import GRDB
import XCTest

/// Backup and restore killed (SIGKILL, through `WAYPOINT_TEST_KILL_AT`) at each of their
/// stages: the database stays sound and is the old content or the restored one with its
/// row, no partial file sits under a backup's name, and running again succeeds.
final class BackupKillTests: XCTestCase {
    private let killed: Int32 = 128 + SIGKILL

    private struct Setup {
        var binary: URL
        var scratch: Scratch
        var db: String
        var tmp: String
        var environment: [String: String] { ["TMPDIR": tmp] }
    }

    private func prepare(students: Int = 100) throws -> Setup {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let tmp = scratch.path("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "\(students)"]).status, 0)
        return Setup(binary: binary, scratch: scratch, db: db, tmp: tmp)
    }

    private func run(_ setup: Setup, _ arguments: [String], killAt point: String? = nil,
                     passphrase: String? = nil) throws -> ProcessResult {
        var environment = setup.environment
        environment["WAYPOINT_TEST_KILL_AT"] = point
        environment["WAYPOINT_PASSPHRASE"] = passphrase
        return try runProcess(setup.binary, arguments, environment: environment)
    }

    func testABackupKilledAtAnyStageLeavesNoPartialFileUnderItsNameAndARerunSucceeds() throws {
        let setup = try prepare()
        for point in ["backup-started", "backup-written", "backup-recorded", "backup-named"] {
            let backup = setup.scratch.path("\(point).sqlite")
            let stopped = try run(setup, ["backup", backup, "--db", setup.db], killAt: point)
            XCTAssertEqual(stopped.status, killed, "\(point): \(stopped.stderr)")
            XCTAssertEqual(try integrity(setup.db), ["ok"], point)
            let recorded = try backedUpRows(setup.db, subject: backup)
            if point == "backup-named" {
                XCTAssertEqual(try integrity(backup), ["ok"], "named only once complete")
                XCTAssertEqual(recorded, 1)
                continue
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: backup), "\(point): nothing under the backup's name")
            XCTAssertEqual(try partials(in: setup.scratch.url.path, for: "\(point).sqlite").count, 1,
                           "\(point): the stopped copy is under a name that says it is unfinished")
            // Recorded before it takes its name: the trail may name a copy never finished, never the reverse.
            XCTAssertEqual(recorded, point == "backup-recorded" ? 1 : 0, point)

            let again = try run(setup, ["backup", backup, "--db", setup.db])
            XCTAssertEqual(again.status, 0, "\(point): \(again.stderr)")
            XCTAssertEqual(try integrity(backup), ["ok"], point)
            XCTAssertEqual(try partials(in: setup.scratch.url.path, for: "\(point).sqlite"), [], "\(point): the leftover is removed")
        }
    }

    func testAnEncryptedBackupKilledAtAnyStageLeavesNoPlainCopyBehindForLong() throws {
        let setup = try prepare(students: 30)
        let passphrase = "a long walk to the river"
        for point in ["backup-written", "encrypted-backup-plain-copied", "encrypted-backup-started", "encrypted-backup-written"] {
            let backup = setup.scratch.path("\(point).wpenc")
            let stopped = try run(setup, ["backup", backup, "--db", setup.db, "--encrypt"], killAt: point, passphrase: passphrase)
            XCTAssertEqual(stopped.status, killed, "\(point): \(stopped.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: backup), point)
            let left = try privateFolders(setup.tmp)
            if point.hasPrefix("encrypted-backup-") && point != "encrypted-backup-plain-copied" {
                XCTAssertEqual(left, [], "\(point): the plain copy was removed before the sealed file was written")
            } else {
                XCTAssertEqual(left.count, 1, "\(point): the plain copy a kill leaves behind")
                let doctor = try run(setup, ["doctor", "--db", setup.db])
                let line = try XCTUnwrap(doctor.stdout.split(separator: "\n").first { $0.contains(left[0]) }, doctor.stdout)
                XCTAssertTrue(line.hasPrefix("WARNING  plain copies of student records left behind"), String(line))
                XCTAssertTrue(line.contains("Fix: `waypoint doctor --fix --db \(setup.db)` removes them"), String(line))
                XCTAssertEqual(try privateFolders(setup.tmp), left, "doctor alone changes nothing")
                XCTAssertEqual(try run(setup, ["student", "list", "--db", setup.db]).status, 0)
                XCTAssertEqual(try privateFolders(setup.tmp), [], "\(point): any command that opens the database sweeps it")
            }
            let again = try run(setup, ["backup", backup, "--db", setup.db, "--encrypt"], passphrase: passphrase)
            XCTAssertEqual(again.status, 0, "\(point): \(again.stderr)")
            XCTAssertEqual(try privateFolders(setup.tmp), [], point)
            XCTAssertEqual(try partials(in: setup.scratch.url.path, for: "\(point).wpenc"), [], point)
        }
    }

    func testDoctorFixRemovesTheCopiesAKilledRestoreLeft() throws {
        let setup = try prepare(students: 30)
        let backup = setup.scratch.path("b.sqlite")
        XCTAssertEqual(try run(setup, ["backup", backup, "--db", setup.db]).status, 0)
        XCTAssertEqual(try run(setup, ["restore", backup, "--db", setup.db], killAt: "before-restore-written").status, killed)
        let folders = try privateFolders(setup.tmp)
        let beside = try partials(in: setup.scratch.url.path, for: "w.sqlite.before-restore-")
        XCTAssertEqual(folders.count, 1)
        XCTAssertEqual(beside.count, 1, "the unfinished before-restore copy")
        let fixed = try run(setup, ["doctor", "--fix", "--db", setup.db])
        for path in folders + beside.map(setup.scratch.path) {
            XCTAssertTrue(fixed.stdout.contains("FIXED    removed \(path)"), fixed.stdout)
            XCTAssertFalse(FileManager.default.fileExists(atPath: path), path)
        }
        XCTAssertTrue(fixed.stdout.contains("OK       no copies left behind by a stopped backup or restore"), fixed.stdout)
    }

    func testARestoreKilledAtAnyStageLeavesTheOldContentOrTheRestoredOneWithItsRow() throws {
        let setup = try prepare()
        let backup = setup.scratch.path("b.sqlite")
        XCTAssertEqual(try run(setup, ["backup", backup, "--db", setup.db]).status, 0)
        let id = try firstLocalId(setup.binary, setup.db)
        XCTAssertEqual(try run(setup, ["session", "add", id, "--db", setup.db, "--kind", "college",
                                       "--note", "after the backup"]).status, 0)
        let template = try Data(contentsOf: URL(fileURLWithPath: setup.db))
        let wal = FileManager.default.fileExists(atPath: setup.db + "-wal") ? try size(setup.db + "-wal") : 0
        XCTAssertEqual(wal, 0, "the template is whole in its main file")

        let points = ["restore-staged", "before-restore-started", "before-restore-written", "before-restore-named",
                      "restore-replacing", "restore-replaced"]
        for point in points {
            let folder = setup.scratch.path(point)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            let db = folder + "/w.sqlite"
            XCTAssertTrue(FileManager.default.createFile(atPath: db, contents: template, attributes: [.posixPermissions: 0o600]))

            let stopped = try run(setup, ["restore", backup, "--db", db], killAt: point)
            XCTAssertEqual(stopped.status, killed, "\(point): \(stopped.stderr)")
            XCTAssertEqual(try integrity(db), ["ok"], point)
            let (newest, notes) = try state(db)
            if point == "restore-replaced" {
                XCTAssertEqual(newest, "restored", "\(point): the restored content carries its row")
                XCTAssertEqual(notes, 0, point)
            } else {
                XCTAssertNotEqual(newest, "restored", "\(point): the old content, untouched")
                XCTAssertEqual(notes, 1, point)
            }
            // A before-restore copy under its own name is complete, and is the old content.
            let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            for kept in names where kept.contains(".before-restore-") && !kept.contains(".waypoint-partial-") {
                XCTAssertEqual(try integrity("\(folder)/\(kept)"), ["ok"], "\(point): \(kept)")
                XCTAssertEqual(try state("\(folder)/\(kept)").notes, 1, "\(point): \(kept)")
            }
            XCTAssertEqual(names.contains { $0.contains(".before-restore-") && !$0.contains(".waypoint-partial-") },
                           ["before-restore-named", "restore-replacing", "restore-replaced"].contains(point), point)

            let again = try run(setup, ["restore", backup, "--db", db])
            XCTAssertEqual(again.status, 0, "\(point): \(again.stderr)")
            XCTAssertEqual(try state(db).newest, "restored", point)
            XCTAssertEqual(try state(db).notes, 0, point)
            XCTAssertEqual(try privateFolders(setup.tmp), [], "\(point): no plain copy left")
            XCTAssertEqual(try partials(in: folder, for: "w.sqlite"), [], "\(point): no unfinished copy left")
        }
    }

    // MARK: - Looking at the files

    private func integrity(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
    }

    /// The newest audit row's action, and how many notes say "after the backup".
    private func state(_ path: String) throws -> (newest: String?, notes: Int) {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            (try String.fetchOne(db, sql: "SELECT action FROM audit_event ORDER BY id DESC LIMIT 1"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM session_note WHERE text = 'after the backup'") ?? -1)
        }
    }

    private func backedUpRows(_ path: String, subject: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_event WHERE action = 'backedUp' AND subject = ?",
                             arguments: [subject]) ?? -1
        }
    }

    private func partials(in folder: String, for name: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(name) && $0.contains(".waypoint-partial-") }
    }

    private func privateFolders(_ tmp: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: tmp).filter { $0.hasPrefix("waypoint-private-") }.sorted()
            .map { "\(tmp)/\($0)" }
    }

    private func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }
}
