import Foundation
import XCTest

/// `--as` and `WAYPOINT_COUNSELOR` are claims: a counselor who has a passphrase must give it
/// before a command shows their confidential notes or writes in their name. Each check of a
/// passphrase costs about a second here (scrypt in a debug build), so the tests make few.
final class ActingCounselorTests: XCTestCase {
    private func auditRows(_ binary: URL, _ db: String) throws -> [[String: Any]] {
        let result = try runProcess(binary, ["audit", "--db", db, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    func testAnotherCounselorsNotesAndNameNeedTheirPassphrase() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "40", "--counselors", "2"]).status, 0)
        let id = try firstLocalId(binary, db, ["--counselor", "2"])
        let add = try runProcess(binary, ["session", "add", id, "--db", db, "--as", "2", "--kind", "college",
                                          "--note", "Secret plan 🤐", "--confidential"])
        XCTAssertEqual(add.status, 0, add.stderr)
        let sessionId = try XCTUnwrap(add.stdout.split(separator: " ").dropFirst(2).first.map(String.init), add.stdout)
        let right = try secretFile(scratch, "right", "counselor two at the desk")
        XCTAssertEqual(try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "2", "--passphrase-file", right]).status, 0)
        let rowsBefore = try auditRows(binary, db).count

        // No passphrase given and no terminal to ask it on: refused before anything is read or written.
        let since = ["--since", "2000-01-01", "--include-confidential", "--csv"]
        for (arguments, environment) in [
            (["session", "show", sessionId, "--as", "2"], [String: String]()),
            (["export", "sessions"] + since, ["WAYPOINT_COUNSELOR": "2"]),
            (["session", "list", id, "--as", "2"], [:]),
            (["session", "amend", sessionId, "--as", "2", "--note", "Rewritten by someone else"], [:]),
            (["session", "add", id, "--as", "2", "--kind", "college", "--note", "In their name"], [:]),
            (["student", "show", id, "--as", "2"], [:]),
        ] {
            let refused = try runProcess(binary, arguments + ["--db", db], environment: environment)
            XCTAssertEqual(refused.status, 1, "\(arguments)")
            XCTAssertTrue(refused.stderr.contains("acting as") && refused.stderr.contains("needs their passphrase"),
                          "\(arguments): \(refused.stderr)")
            XCTAssertFalse(refused.stdout.contains("Secret plan"), "\(arguments)")
        }

        // A wrong passphrase: a clear error, no file, no row.
        let file = scratch.path("sessions.csv")
        let wrong = try runProcess(binary, ["export", "sessions", "--db", db, "--output", file] + since,
                                   environment: ["WAYPOINT_COUNSELOR": "2", "WAYPOINT_PASSPHRASE": "counselor one guessing"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.contains("wrong passphrase for"), wrong.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file))
        // Refusals change nothing; a wrong passphrase (not a missing one) is one audit row, naming whose it was.
        let rowsAfter = try auditRows(binary, db)
        XCTAssertEqual(rowsAfter.count, rowsBefore + 1)
        XCTAssertEqual(rowsAfter.first?["action"] as? String, "wrongPassphrase")
        XCTAssertEqual(rowsAfter.first?["subject"] as? String, "passphrase of counselor 2")

        // Counselor 1 has no passphrase: as before, and the note stays theirs.
        let colleague = try runProcess(binary, ["session", "show", sessionId, "--db", db, "--as", "1"])
        XCTAssertEqual(colleague.status, 0, colleague.stderr)
        XCTAssertTrue(colleague.stdout.contains("confidential to its author"), colleague.stdout)

        // With the passphrase, the author reads the note, unamended.
        let author = try runProcess(binary, ["session", "show", sessionId, "--db", db, "--as", "2", "--passphrase-file", right])
        XCTAssertEqual(author.status, 0, author.stderr)
        XCTAssertTrue(author.stdout.contains("Secret plan"), author.stdout)
        XCTAssertFalse(author.stdout.contains("Rewritten"), author.stdout)
        let newest = try XCTUnwrap(try auditRows(binary, db).first)
        XCTAssertEqual(newest["action"] as? String, "viewedConfidentialNote")
        XCTAssertEqual(newest["counselorId"] as? Int, 2)
    }

    /// The lists a counselor reads as themselves (their sessions of a student, their
    /// follow-ups, their interventions) work with their passphrase: checking it records the
    /// try, so these open the database to record, not read-only (they failed with "read-only
    /// for you" for every counselor with a passphrase).
    func testListsReadAsACounselorWithAPassphraseWork() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "40", "--counselors", "2"]).status, 0)
        let id = try firstLocalId(binary, db, ["--counselor", "2"])
        XCTAssertEqual(try runProcess(binary, ["session", "add", id, "--db", db, "--as", "2", "--kind", "college",
                                               "--note", "Planning the visit", "--follow-up", "fri:Bring the form"]).status, 0)
        let right = try secretFile(scratch, "right", "counselor two at the desk")
        XCTAssertEqual(try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "2", "--passphrase-file", right]).status, 0)
        for (arguments, expected) in [
            (["session", "list", id], "Planning the visit"),
            (["followup", "list"], "Bring the form"),
            (["intervention", "list"], "Dosage"),
        ] {
            let listed = try runProcess(binary, arguments + ["--db", db, "--as", "2", "--passphrase-file", right])
            XCTAssertEqual(listed.status, 0, "\(arguments): \(listed.stderr)")
            XCTAssertTrue(listed.stdout.contains(expected), "\(arguments): \(listed.stdout)")
        }
    }

    func testTheOnlyCounselorsPassphraseGuardsTheirNotesWhileViewsFallBackToTheLogin() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20"]).status, 0)
        let id = try firstLocalId(binary, db)
        let add = try runProcess(binary, ["session", "add", id, "--db", db, "--kind", "college", "--note", "Only mine",
                                          "--confidential"])
        XCTAssertEqual(add.status, 0, add.stderr)
        let sessionId = try XCTUnwrap(add.stdout.split(separator: " ").dropFirst(2).first.map(String.init), add.stdout)
        let right = try secretFile(scratch, "right", "the only counselor here")
        XCTAssertEqual(try runProcess(binary, ["passphrase", "set", "--db", db, "--passphrase-file", right]).status, 0)

        let note = try runProcess(binary, ["session", "show", sessionId, "--db", db])
        XCTAssertEqual(note.status, 1)
        XCTAssertTrue(note.stderr.contains("needs their passphrase"), note.stderr)
        XCTAssertFalse(note.stdout.contains("Only mine"))

        // A profile view only needs a name for the trail: without the passphrase, the login's.
        let anonymous = try runProcess(binary, ["student", "show", id, "--db", db])
        XCTAssertEqual(anonymous.status, 0, anonymous.stderr)
        XCTAssertTrue(anonymous.stderr.contains("the audit trail names the operating-system user only"), anonymous.stderr)
        let view = try XCTUnwrap(try auditRows(binary, db).first)
        XCTAssertEqual(view["action"] as? String, "viewedProfile")
        XCTAssertNil(view["counselorId"] as? Int, "\(view)")
        let named = try runProcess(binary, ["student", "show", id, "--db", db],
                                   environment: ["WAYPOINT_PASSPHRASE": "the only counselor here"])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(try auditRows(binary, db).first?["counselorId"] as? Int, 1)

        let trail = try runProcess(binary, ["audit", "--db", db, "--limit", "3"])
        XCTAssertTrue(trail.stdout.contains("set passphrase"), trail.stdout)
    }

    /// Without `--as` (and without WAYPOINT_COUNSELOR), a command acts as the counselor
    /// chosen on screen for that database (config.json), and still asks for their
    /// passphrase where one is set (issue 15).
    func testTheCounselorChosenOnScreenIsTheDefault() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "40", "--counselors", "2"]).status, 0)
        let id = try firstLocalId(binary, db, ["--counselor", "2"])
        let add = ["session", "add", id, "--db", db, "--kind", "college", "--note", "Chosen on screen"]
        let config = scratch.path("config")
        let environment = ["WAYPOINT_CONFIG_DIR": config]

        // Nobody chosen on screen yet: two counselors, so the command asks which.
        let asked = try runProcess(binary, add, environment: environment)
        XCTAssertEqual(asked.status, 1)
        XCTAssertTrue(asked.stderr.contains("--as ID or email"), asked.stderr)

        // Counselor 2 chosen on screen for this database.
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        let key = URL(fileURLWithPath: db).standardizedFileURL.path
        try JSONSerialization.data(withJSONObject: ["counselors": [key: 2, "/elsewhere/other.sqlite": 1]])
            .write(to: URL(fileURLWithPath: config + "/config.json"))
        let added = try runProcess(binary, add, environment: environment)
        XCTAssertEqual(added.status, 0, added.stderr)
        let list = try runProcess(binary, ["session", "list", id, "--db", db, "--as", "2", "--json"])
        let sessions = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        // The demo has sessions of its own: the one just added is counselor 2's.
        let chosen = sessions.filter { $0["note"] as? String == "Chosen on screen" }
        XCTAssertEqual(chosen.map { $0["authorId"] as? Int }, [2], list.stdout)

        // --as and WAYPOINT_COUNSELOR still win.
        let named = try runProcess(binary, add + ["--as", "1"], environment: environment)
        XCTAssertEqual(named.status, 0, named.stderr)

        // A passphrase set: still asked for, and taken from the usual places.
        let right = try secretFile(scratch, "right", "counselor two at the desk")
        XCTAssertEqual(try runProcess(binary, ["passphrase", "set", "--db", db, "--as", "2", "--passphrase-file", right]).status, 0)
        let refused = try runProcess(binary, add, environment: environment)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("acting as") && refused.stderr.contains("needs their passphrase"), refused.stderr)
        let given = try runProcess(binary, add + ["--passphrase-file", right], environment: environment)
        XCTAssertEqual(given.status, 0, given.stderr)
    }
}
