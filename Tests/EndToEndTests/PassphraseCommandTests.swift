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

        // Each change is in the audit trail, credited to the counselor whose passphrase it is;
        // each wrong current passphrase is a row of its own, credited to nobody.
        let trail = try runProcess(binary, ["audit", "--db", db, "--json", "--limit", "5"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(trail.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["action"] as? String },
                       ["changedPassphrase", "wrongPassphrase", "changedPassphrase", "wrongPassphrase", "setPassphrase"])
        XCTAssertEqual(rows.map { $0["counselorId"] as? Int }, [1, nil, 1, nil, 1])
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

    /// Nobody sets a colleague's first passphrase to lock them out: only the counselor chosen
    /// first sets their own; a district admin, proven by their own passphrase, issues others.
    func testAColleaguesFirstPassphraseIsIssuedByADistrictAdminOnly() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20", "--counselors", "3"]).status, 0)
        let ana = try secretFile(scratch, "ana", "ana at her own desk")
        let mallory = try secretFile(scratch, "mallory", "locked out you are")
        let lee = try secretFile(scratch, "lee", "lee gets a first one")

        // The first counselor to set a passphrase on a new database is its first choice.
        let own = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "1", "--passphrase-file", ana])
        XCTAssertEqual(own.status, 0, own.stderr)
        let takeover = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "3", "--passphrase-file", mallory])
        XCTAssertEqual(takeover.status, 1)
        XCTAssertTrue(takeover.stderr.contains("has no passphrase yet, and Waypoint cannot tell it is them"), takeover.stderr)
        XCTAssertTrue(takeover.stderr.contains("--admin ADMIN"), takeover.stderr)
        let notAdmin = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "3", "--passphrase-file", lee,
                                               "--admin", "1", "--admin-passphrase-file", ana])
        XCTAssertEqual(notAdmin.status, 1)
        XCTAssertTrue(notAdmin.stderr.contains("is not a district admin"), notAdmin.stderr)

        let admin = try runProcess(binary, ["admin", "add", "1", "--db", db, "--as", "1", "--passphrase-file", ana])
        XCTAssertEqual(admin.status, 0, admin.stderr)
        let wrongAdmin = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "3", "--passphrase-file", lee,
                                                 "--admin", "1", "--admin-passphrase-file", mallory])
        XCTAssertEqual(wrongAdmin.status, 1)
        XCTAssertTrue(wrongAdmin.stderr.contains("wrong passphrase for district admin"), wrongAdmin.stderr)
        let issued = try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "3", "--passphrase-file", lee,
                                             "--admin", "1", "--admin-passphrase-file", ana])
        XCTAssertEqual(issued.status, 0, issued.stderr)
        XCTAssertTrue(issued.stdout.contains("by district admin"), issued.stdout)

        let trail = try runProcess(binary, ["audit", "--db", db, "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(trail.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["action"] as? String }.reversed().filter { $0 != "loadedDemo" },
                       ["chosenAtFirstStart", "setPassphrase", "madeAdmin", "wrongPassphrase", "issuedPassphrase"])
    }

    /// Guessing from the command line: each wrong try is a row, and after a few free ones the
    /// next try waits, in every process alike, refused without being checked.
    func testWrongPassphrasesOnTheCommandLineAreAuditedAndMadeToWait() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20", "--counselors", "1"]).status, 0)
        let right = try secretFile(scratch, "right", "the only counselor here")
        XCTAssertEqual(try runProcess(binary, ["passphrase", "set", "--db", db, "--passphrase-file", right]).status, 0)
        let id = try firstLocalId(binary, db)
        var last = ProcessResult(status: 0, stdout: "", stderr: "")
        for guess in 1...5 {
            last = try runProcess(binary, ["session", "list", id, "--db", db, "--as", "1"],
                                  environment: ["WAYPOINT_PASSPHRASE": "guess number \(guess)"])
            XCTAssertEqual(last.status, 1)
            XCTAssertTrue(last.stderr.contains("wrong passphrase for"), last.stderr)
        }
        XCTAssertTrue(last.stderr.contains("the next one waits 30 s"), last.stderr)
        let waiting = try runProcess(binary, ["session", "list", id, "--db", db, "--as", "1", "--passphrase-file", right])
        XCTAssertEqual(waiting.status, 1, "even the right one waits")
        XCTAssertTrue(waiting.stderr.contains("Too many wrong passphrases for"), waiting.stderr)
        XCTAssertTrue(waiting.stderr.contains(" s; nothing was shown or changed"), "the wait in seconds: \(waiting.stderr)")
        let trail = try runProcess(binary, ["audit", "--db", db, "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(trail.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.filter { $0["action"] as? String == "wrongPassphrase" }.count, 5, "one row per wrong try, none for the refusal")
    }
}
