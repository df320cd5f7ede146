import Foundation
import XCTest

/// Restoring reads a backup without writing beside it, and a file that is not a complete
/// backup (cut short, empty, damaged, left by a stopped backup) is named as such.
final class BackupMediaTests: XCTestCase {
    /// Tests run as root, where chmod stops nothing: the folder is compared before and after
    /// (names, bytes, times), and when possible the restore also runs as `nobody`, for whom
    /// the folder is truly read-only.
    func testAPlainBackupOnReadOnlyMediaRestoresWithoutWritingBesideIt() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        let media = scratch.path("media")
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: false)
        let backup = media + "/b.sqlite"
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "30"]).status, 0)
        XCTAssertEqual(try runProcess(binary, ["backup", backup, "--db", db]).status, 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: backup)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: media)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: media) }
        let before = try snapshot(media)

        let restored = try runProcess(binary, ["restore", backup, "--db", db])
        XCTAssertEqual(restored.status, 0, restored.stderr)
        XCTAssertEqual(try snapshot(media), before, "no -wal, -shm or any other change beside the backup")

        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else { return }
        let theirs = scratch.path("nobody")
        try FileManager.default.createDirectory(atPath: theirs, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: db, toPath: theirs + "/w.sqlite")
        try FileManager.default.createDirectory(atPath: theirs + "/tmp", withIntermediateDirectories: false)
        for path in [theirs, theirs + "/w.sqlite", theirs + "/tmp"] {
            XCTAssertEqual(chown(path, 65534, 65534), 0, path)
        }
        let asNobody = try runProcess(URL(fileURLWithPath: "/usr/sbin/runuser"),
                                      ["-u", "nobody", "--", binary.path, "restore", backup, "--db", theirs + "/w.sqlite"],
                                      environment: ["TMPDIR": theirs + "/tmp"])
        XCTAssertEqual(asNobody.status, 0, "a folder nobody may write to: \(asNobody.stderr)")
        XCTAssertTrue(asNobody.stdout.contains("Restored \(theirs)/w.sqlite from \(backup)"), asNobody.stdout)
        XCTAssertEqual(try snapshot(media), before)
    }

    func testAFileThatIsNotACompleteBackupIsNamedAsSuchAndChangesNothing() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        let backup = scratch.path("b.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "30"]).status, 0)
        XCTAssertEqual(try runProcess(binary, ["backup", backup, "--db", db]).status, 0)
        let good = try Data(contentsOf: URL(fileURLWithPath: backup))
        var damaged = good
        for offset in stride(from: 4096 * 2, to: good.count - 4096, by: 4096) { damaged[offset + 100] ^= 0xff }
        let stopped = scratch.path("stopped.sqlite")
        XCTAssertEqual(try runProcess(binary, ["backup", stopped, "--db", db],
                                      environment: ["WAYPOINT_TEST_KILL_AT": "backup-written"]).status, 128 + SIGKILL)
        let partial = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
            .first { $0.hasPrefix("stopped.sqlite.waypoint-partial-") })
        let cases: [(String, Data?, String)] = [
            ("cut.sqlite", good.prefix(good.count / 2), "it is cut short (\(good.count / 2) of \(good.count) bytes)"),
            ("empty.sqlite", Data(), "it is empty"),
            ("junk.sqlite", Data("junk".utf8), "it is not a Waypoint database file"),
            ("damaged.sqlite", damaged, "it is damaged"),
            (partial, nil, "it was left by a backup that was stopped before it finished"),
        ]
        // Opening the database rewrites its header, so its content is compared, not its bytes.
        func content() throws -> [String] {
            try [["audit"], ["student", "list"]].map { try runProcess(binary, $0 + ["--db", db, "--json"]).stdout }
        }
        let before = try content()
        for (name, bytes, reason) in cases {
            let file = scratch.path(name)
            if let bytes { try bytes.write(to: URL(fileURLWithPath: file)) }
            let refused = try runProcess(binary, ["restore", file, "--db", db])
            XCTAssertEqual(refused.status, 1, name)
            XCTAssertTrue(refused.stderr.hasPrefix("Error: \(file) is not a complete Waypoint backup: \(reason)"), refused.stderr)
            XCTAssertTrue(refused.stderr.contains("Nothing was replaced."), refused.stderr)
            XCTAssertFalse(refused.stderr.contains("read-only"), refused.stderr)
        }
        XCTAssertEqual(try content(), before)
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).contains { $0.contains(".before-restore-") })
    }

    /// A size limit (ulimit -f) stops the backup part way: nothing takes the backup's name,
    /// and the next backup to that name succeeds and removes the unfinished copy.
    func testASizeLimitedBackupLeavesNothingUnderItsName() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        let backup = scratch.path("b.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "100"]).status, 0)
        let limited = try runProcess(URL(fileURLWithPath: "/bin/sh"),
                                     ["-c", "ulimit -f 200 && exec \"$0\" backup \"$1\" --db \"$2\"", binary.path, backup, db])
        XCTAssertNotEqual(limited.status, 0, "100 KB is less than the database")
        XCTAssertFalse(FileManager.default.fileExists(atPath: backup), "nothing under the backup's name")
        let again = try runProcess(binary, ["backup", backup, "--db", db])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.contains(".waypoint-partial-") }, [])
        XCTAssertEqual(try runProcess(binary, ["restore", backup, "--db", db]).status, 0)
    }

    /// Every entry of `folder`: name, bytes and modification time.
    private func snapshot(_ folder: String) throws -> [String: String] {
        var entries: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let path = folder + "/" + name
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            entries[name] = "\(data.hashValue) \(data.count) \((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        }
        return entries
    }
}
