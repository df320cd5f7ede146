import Foundation
import XCTest

/// `waypoint passphrase set`: where a passphrase may come from, and where it may not.
final class PassphraseCommandTests: XCTestCase {
    func testAPassphraseIsSetFromAFileAndChangedFromTheEnvironmentWithTheCurrentOne() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20"]).status, 0)
        let first = try secretFile(scratch, "first", "correct horse battery")

        let set = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "1", "--passphrase-file", first])
        XCTAssertEqual(set.status, 0, set.stderr)
        XCTAssertTrue(set.stdout.hasPrefix("Passphrase set for "), set.stdout)
        XCTAssertNil(try Data(contentsOf: URL(fileURLWithPath: db)).range(of: Data("correct horse battery".utf8)),
                     "only a hash is stored")

        // Changing it needs the current one; without a terminal, from a file.
        let environment = ["WAYPOINT_PASSPHRASE": "a river in the morning"]
        let withoutCurrent = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "1"], environment: environment)
        XCTAssertEqual(withoutCurrent.status, 1)
        XCTAssertTrue(withoutCurrent.stderr.contains("already has a passphrase"), withoutCurrent.stderr)
        XCTAssertTrue(withoutCurrent.stderr.contains("--current-passphrase-file"), withoutCurrent.stderr)
        let wrong = try secretFile(scratch, "wrong", "correct horse battery!")
        let refused = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "1", "--current-passphrase-file", wrong],
                                     environment: environment)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("the current passphrase is wrong; nothing was changed"), refused.stderr)
        let changed = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "1", "--current-passphrase-file", first],
                                     environment: environment)
        XCTAssertEqual(changed.status, 0, changed.stderr)
        XCTAssertTrue(changed.stdout.hasPrefix("Passphrase changed for "), changed.stdout)

        // The old one no longer counts as current; the new one does.
        let second = try secretFile(scratch, "second", "a river in the morning")
        let stale = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "1", "--passphrase-file", second,
                                            "--current-passphrase-file", first])
        XCTAssertTrue(stale.stderr.contains("the current passphrase is wrong"), stale.stderr)
        XCTAssertEqual(try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "1", "--passphrase-file", first,
                                               "--current-passphrase-file", second]).status, 0)

        // Each change is in the audit trail, credited to the counselor whose passphrase it is; refusals are not.
        let trail = try runProcess(binary, ["audit", "--db", db, "--json", "--limit", "3"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(trail.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["action"] as? String }, ["changedPassphrase", "changedPassphrase", "setPassphrase"])
        XCTAssertEqual(rows.compactMap { $0["counselorId"] as? Int }, [1, 1, 1])
    }

    func testShortMissingOrEmptyPassphrasesAreRefusedWithTheReason() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20"]).status, 0)
        let short = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "1"],
                                   environment: ["WAYPOINT_PASSPHRASE": "seven77"])
        XCTAssertEqual(short.status, 1)
        XCTAssertTrue(short.stderr.contains("too short: use at least 8 characters"), short.stderr)
        let missing = scratch.path("no-such-file")
        let absent = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "1", "--passphrase-file", missing])
        XCTAssertEqual(absent.stderr, "Error: --passphrase-file \(missing): no such file\n")
        let empty = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "1"], environment: ["WAYPOINT_PASSPHRASE": ""])
        XCTAssertTrue(empty.stderr.contains("WAYPOINT_PASSPHRASE is set but empty"), empty.stderr)
        // No file, no variable, no terminal (runProcess gives none): say how to give one.
        let nowhere = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "1"])
        if ProcessInfo.processInfo.environment["WAYPOINT_PASSPHRASE"] == nil {
            XCTAssertTrue(nowhere.stderr.contains("no terminal to ask it on; give it with --passphrase-file FILE"), nowhere.stderr)
        }
    }

    func testAPassphraseCannotBeGivenAsAnArgument() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20"]).status, 0)
        for command in [["passphrase", "set", "--db", db], ["backup", scratch.path("b"), "--encrypt", "--db", db],
                        ["restore", scratch.path("b"), "--db", db]] {
            for option in ["--passphrase", "--password", "--key"] {
                let attempt = try runProcess(binary, command + [option, "correct horse battery"])
                XCTAssertEqual(attempt.status, 64, "\(command) \(option)")
                XCTAssertTrue(attempt.stderr.contains("Unknown option '\(option)'"), attempt.stderr)
            }
            let help = try runProcess(binary, Array(command.prefix(while: { !$0.hasPrefix("--") && !$0.hasPrefix("/") })) + ["--help"])
            XCTAssertFalse(help.stdout.contains("--passphrase <"), help.stdout)
        }
        XCTAssertNil(try runProcess(binary, ["passphrase", "set", "--db", db]).stderr.range(of: "correct horse"))
    }
}

/// A file holding one passphrase line, readable by its owner only.
func secretFile(_ scratch: Scratch, _ name: String, _ passphrase: String) throws -> String {
    let path = scratch.path(name)
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data((passphrase + "\n").utf8),
                                                attributes: [.posixPermissions: 0o600]))
    return path
}
