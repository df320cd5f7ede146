import Foundation
import XCTest

/// Owner-only files, the refusal of a database others can read, and `waypoint doctor`.
final class FilePrivacyTests: XCTestCase {
    /// A terminal doctor finds usable, so that only the database decides its exit status.
    private let terminal = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "", "LC_CTYPE": "", "NO_COLOR": ""]

    func testEveryFileWaypointCreatesIsOwnerOnlyWhateverTheUmask() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let folder = scratch.path("data/waypoint")
        let db = folder + "/waypoint.sqlite"
        // With umask 0, a file made without an explicit mode would be 0666.
        let saved = umask(0)
        defer { umask(saved) }
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20"]).status, 0)
        let id = try firstLocalId(binary, db)
        let plain = scratch.path("plain.sqlite"), sealed = scratch.path("sealed.wpenc"), plan = scratch.path("plan.html")
        XCTAssertEqual(try runProcess(binary, ["backup", plain, "--db", db]).status, 0)
        XCTAssertEqual(try runProcess(binary, ["backup", sealed, "--db", db, "--encrypt"],
                                      environment: ["WAYPOINT_PASSPHRASE": "a long walk to the river"]).status, 0)
        XCTAssertEqual(try runProcess(binary, ["plan", "show", id, "--db", db, "--format", "html", "--output", plan]).status, 0)
        XCTAssertEqual(try runProcess(binary, ["restore", plain, "--db", db]).status, 0)
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".before-restore-") }

        XCTAssertEqual(try mode(folder), 0o700, "the data folder")
        for file in [db, plain, sealed, plan] + kept.map({ folder + "/" + $0 }) {
            XCTAssertEqual(try mode(file), 0o600, file)
        }
        // The WAL companions exist while a connection is open; doctor lists any left.
        let doctor = try runProcess(binary, ["doctor", "--db", db], environment: terminal)
        XCTAssertFalse(doctor.stdout.contains("PROBLEM"), doctor.stdout)
        for file in [db + "-wal", db + "-shm"] where FileManager.default.fileExists(atPath: file) {
            XCTAssertEqual(try mode(file), 0o600, file)
        }
    }

    func testADatabaseOthersCanReadIsRefusedUntilDoctorFixesIt() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20"]).status, 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db)
        let content = try Data(contentsOf: URL(fileURLWithPath: db))

        for command in [["student", "list"], ["session", "add", "S1", "--kind", "college", "--note", "x"], ["backup", scratch.path("b")]] {
            let refused = try runProcess(binary, command + ["--db", db])
            XCTAssertEqual(refused.status, 1, "\(command)")
            XCTAssertEqual(refused.stderr, "Error: \(db) can be read by other users (mode 0644); student records must be private. "
                + "Run `waypoint doctor --fix --db \(db)` to make it owner-only.\n")
        }
        XCTAssertEqual(try mode(db), 0o644, "refused, not silently changed")

        let found = try runProcess(binary, ["doctor", "--db", db], environment: terminal)
        XCTAssertEqual(found.status, 1)
        XCTAssertTrue(found.stdout.contains("PROBLEM  \(db) can be read by other users (mode 0644)"), found.stdout)
        XCTAssertTrue(found.stdout.contains("OK       integrity check: ok"), found.stdout)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), content, "doctor reads, never writes")

        let fixed = try runProcess(binary, ["doctor", "--fix", "--db", db], environment: terminal)
        XCTAssertEqual(fixed.status, 0, fixed.stdout)
        XCTAssertTrue(fixed.stdout.hasPrefix("FIXED    \(db): mode 0644 -> 0600\n"), fixed.stdout)
        XCTAssertEqual(try mode(db), 0o600)
        XCTAssertEqual(try runProcess(binary, ["student", "list", "--db", db]).status, 0)

        // Another program's database is not Waypoint's to change.
        let foreign = scratch.path("bookmarks.sqlite")
        XCTAssertEqual(try runProcess(URL(fileURLWithPath: "/usr/bin/sqlite3"), [foreign, "CREATE TABLE b (url TEXT)"]).status, 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: foreign)
        let left = try runProcess(binary, ["doctor", "--fix", "--db", foreign], environment: terminal)
        XCTAssertTrue(left.stdout.hasPrefix("SKIPPED  \(foreign) is another program's database"), left.stdout)
        XCTAssertEqual(try mode(foreign), 0o644)
    }

    func testDoctorNamesADamagedDatabaseAndTellsWhatToDo() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "200"]).status, 0)
        let healthy = try runProcess(binary, ["doctor", "--db", db], environment: terminal)
        XCTAssertEqual(healthy.status, 0, healthy.stdout)
        XCTAssertTrue(healthy.stdout.contains("OK       schema: up to date"), healthy.stdout)
        XCTAssertTrue(healthy.stdout.contains("OK       foreign keys: every reference leads to its record"), healthy.stdout)
        XCTAssertTrue(healthy.stdout.contains("TERM=xterm-256color: terminfo entry found, 256 colours"), healthy.stdout)
        XCTAssertTrue(healthy.stdout.contains("OK       locale LANG=C.UTF-8: UTF-8"), healthy.stdout)

        // A few bytes scribbled inside one full page of records: SQLite opens the file, its
        // integrity check finds them. The page is looked up, not guessed from the file's
        // size: bytes in a page's free gap (where a fixed fraction of the file may land once
        // the schema grows) would go unnoticed by any check.
        let full = try runProcess(URL(fileURLWithPath: "/usr/bin/sqlite3"), [db, """
            SELECT pageno FROM dbstat WHERE name = 'plan_course' AND pagetype = 'leaf' ORDER BY unused, pageno LIMIT 1
            """])
        let page = try XCTUnwrap(UInt64(full.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), full.stdout + full.stderr)
        try scribble(db, atPage: page, pageOffset: 100, count: 500)
        let damaged = try runProcess(binary, ["doctor", "--db", db], environment: terminal)
        XCTAssertEqual(damaged.status, 1, damaged.stdout)
        let problem = try XCTUnwrap(damaged.stdout.split(separator: "\n").first { $0.hasPrefix("PROBLEM") }, damaged.stdout)
        XCTAssertTrue(problem.hasPrefix("PROBLEM  integrity check: the file is damaged (On tree page "), String(problem))
        XCTAssertTrue(problem.contains("Fix: restore the latest backup with `waypoint restore FILE`"), String(problem))
        XCTAssertLessThan(problem.count, 400, "the first findings, not all of them")
        XCTAssertTrue(damaged.stdout.hasSuffix("1 problem found.\n"), damaged.stdout)

        // Whole pages overwritten: the file cannot even be read; still one clear problem.
        try scribble(db, at: 0.5, pageOffset: 0, count: 3 * 4096)
        let worse = try runProcess(binary, ["doctor", "--db", db], environment: terminal)
        XCTAssertEqual(worse.status, 1, worse.stdout)
        let worst = try XCTUnwrap(worse.stdout.split(separator: "\n").first { $0.hasPrefix("PROBLEM") }, worse.stdout)
        XCTAssertTrue(worst.contains("damaged"), String(worst))
        XCTAssertTrue(worst.contains("Fix: restore"), String(worst))
    }

    /// Overwrites `count` bytes at `pageOffset` into the page found at `fraction` of the file.
    private func scribble(_ path: String, at fraction: Double, pageOffset: UInt64, count: Int) throws {
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.close()
        try scribble(path, atPage: UInt64(Double(size) * fraction) / 4096 + 1, pageOffset: pageOffset, count: count)
    }

    /// Overwrites bytes of page `page` (numbered from 1, as SQLite does; 4096-byte pages).
    private func scribble(_ path: String, atPage page: UInt64, pageOffset: UInt64, count: Int) throws {
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: (page - 1) * 4096 + pageOffset)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: count))
    }

    func testDoctorSaysWhatIsMissingAndWhatTheTerminalWillDo() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let missing = try runProcess(binary, ["doctor", "--db", scratch.path("none.sqlite")],
                                     environment: ["TERM": "dumb", "LANG": "C", "LC_ALL": "", "LC_CTYPE": ""])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stdout.contains("PROBLEM  there is no database at \(scratch.path("none.sqlite"))"), missing.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path("none.sqlite")), "doctor creates nothing")
        XCTAssertTrue(missing.stdout.contains("WARNING  standard output is not a terminal"), missing.stdout)
        XCTAssertTrue(missing.stdout.contains("TERM=dumb cannot draw a screen"), missing.stdout)
        XCTAssertTrue(missing.stdout.contains("locale LANG=C is not UTF-8"), missing.stdout)

        let config = scratch.path("config")
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: false)
        try Data("{ \"sessionKinds\": [ { \"id\": \"Bad Id\", \"title\": \"x\" } ] }".utf8)
            .write(to: URL(fileURLWithPath: config + "/session-kinds.json"))
        let catalogs = try runProcess(binary, ["doctor", "--db", scratch.path("none.sqlite")],
                                      environment: terminal.merging(["WAYPOINT_CONFIG_DIR": config, "TERM": "no-such-terminal"]) { $1 })
        // The line of the mistake follows the file name (issue 16: catalog errors name file, line and field).
        XCTAssertTrue(catalogs.stdout.contains("PROBLEM  \(config)/session-kinds.json:1: sessionKinds[0].id: "), catalogs.stdout)
        XCTAssertTrue(catalogs.stdout.contains("Fix: correct the file, or remove it"), catalogs.stdout)
        XCTAssertTrue(catalogs.stdout.contains("TERM=no-such-terminal has no terminfo entry"), catalogs.stdout)
    }
}
