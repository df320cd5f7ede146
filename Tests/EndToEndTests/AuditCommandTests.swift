import Foundation
import XCTest

/// `waypoint audit` and the rows the shell commands leave: views, changes, exports and backups.
final class AuditCommandTests: XCTestCase {
    private let sqlite = URL(fileURLWithPath: "/usr/bin/sqlite3")

    private func audit(_ binary: URL, _ db: String, _ filters: [String] = []) throws -> [[String: Any]] {
        let result = try runProcess(binary, ["audit", "--db", db, "--json"] + filters)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], result.stdout)
    }

    private func demo(_ binary: URL, _ scratch: Scratch) throws -> (db: String, student: String) {
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "40"]).status, 0)
        return (db, try firstLocalId(binary, db))
    }

    func testShellViewsChangesExportsAndBackupsAreRecordedNewestFirst() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let (db, id) = try demo(binary, scratch)
        let add = try runProcess(binary, ["session", "add", id, "--db", db, "--kind", "college", "--note", "Private 🤐",
                                          "--confidential"])
        XCTAssertEqual(add.status, 0, add.stderr)
        let sessionId = try XCTUnwrap(add.stdout.split(separator: " ").dropFirst(2).first.map(String.init), add.stdout)
        let steps: [([String], String)] = [
            (["student", "show", id], "viewedProfile"),
            (["session", "show", sessionId], "viewedConfidentialNote"),
            (["plan", "show", id], "viewedPlan"),
            (["plan", "show", id, "--format", "markdown", "--output", scratch.path("plan.md")], "exported"),
            (["plan", "course", "add", id, "--year", "10", "--title", "Chemistry", "--subject", "science"], "changedPlan"),
            (["export", "caseload"], "exported"),
            (["backup", scratch.path("backup.sqlite")], "backedUp"),
        ]
        for (arguments, _) in steps {
            let result = try runProcess(binary, arguments + ["--db", db])
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
        }
        let rows = try audit(binary, db)
        XCTAssertEqual(rows.prefix(steps.count + 1).compactMap { $0["action"] as? String },
                       steps.reversed().map(\.1) + ["addedSession"])
        XCTAssertEqual(rows.last?["action"] as? String, "loadedDemo")
        for row in rows.prefix(steps.count + 1) {
            XCTAssertEqual(row["counselorId"] as? Int, 1, "the only counselor is the one at the keyboard: \(row)")
            XCTAssertFalse((row["actor"] as? String ?? "").isEmpty)
        }
        let course = try XCTUnwrap(rows.first { ($0["subject"] as? String)?.contains("Chemistry") == true })
        XCTAssertEqual(course["studentLocalId"] as? String, id)
        XCTAssertTrue((course["detail"] as? String)?.hasPrefix("added (year: 10; title: Chemistry") == true, "\(course)")
        XCTAssertFalse(try runProcess(binary, ["audit", "--db", db, "--csv"]).stdout.contains("Private"),
                       "the trail never holds a note's text")
    }

    /// Found in the issue: `waypoint audit --json|--csv` asks for no identity and printed a
    /// confidential session's topics and participants in the detail column.
    func testAConfidentialSessionsTopicsAndParticipantsAreInNoFormatOfTheTrail() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let (db, id) = try demo(binary, scratch)
        let add = try runProcess(binary, ["session", "add", id, "--db", db, "--kind", "personal", "--note", "Private",
                                          "--topic", "Pregnancy", "--participant", "parent-guardian", "--confidential"])
        XCTAssertEqual(add.status, 0, add.stderr)
        for format in ["--json", "--csv", "--text"] {
            let trail = try runProcess(binary, ["audit", "--db", db, format])
            XCTAssertEqual(trail.status, 0, trail.stderr)
            if format != "--text" {  // the text table cuts the detail to its column
                XCTAssertTrue(trail.stdout.contains("withheld: confidential session"), "\(format): \(trail.stdout)")
            }
            XCTAssertFalse(trail.stdout.contains("Pregnancy"), "\(format): \(trail.stdout)")
            XCTAssertFalse(trail.stdout.contains("parent-guardian"), "\(format): \(trail.stdout)")
        }
    }

    func testFiltersAndFormats() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let (db, id) = try demo(binary, scratch)
        let other = try firstLocalId(binary, db, ["--grade", "12"])
        XCTAssertNotEqual(other, id)
        for student in [id, other, id] {
            XCTAssertEqual(try runProcess(binary, ["student", "show", student, "--db", db]).status, 0)
        }
        XCTAssertEqual(try audit(binary, db, ["--student", id]).count, 2)
        XCTAssertEqual(try audit(binary, db, ["--student", other]).compactMap { $0["studentLocalId"] as? String }, [other])
        XCTAssertEqual(try audit(binary, db, ["--counselor", "1"]).count, 3, "the demo load ran without a counselor")
        XCTAssertEqual(try audit(binary, db, ["--limit", "1"]).first?["studentLocalId"] as? String, id)
        XCTAssertEqual(try audit(binary, db, ["--since", "2999-01-01"]).count, 0)
        XCTAssertEqual(try audit(binary, db, ["--since", "2000-01-01"]).count, 4)

        let text = try runProcess(binary, ["audit", "--db", db, "--limit", "2"])
        let lines = text.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, text.stdout)
        XCTAssertTrue(lines[0].hasPrefix("When"), text.stdout)
        XCTAssertTrue(lines[0].contains("Who") && lines[0].contains("Action") && lines[0].contains("Detail"), text.stdout)
        XCTAssertTrue(lines[1].contains("viewed profile") && lines[1].contains(id), text.stdout)

        // A subject a spreadsheet would run as a formula is defused in CSV, as in every export.
        XCTAssertEqual(try runProcess(sqlite, [db, """
            INSERT INTO audit_event (at, actor, action, subject, detail)
            VALUES ('2998-01-01T00:00:00.000Z', 'someone', 'exported', '=HYPERLINK("http://x")', 'a, "quoted" detail')
            """]).status, 0)
        let csv = try runProcess(binary, ["audit", "--db", db, "--csv", "--limit", "1"]).stdout
        XCTAssertTrue(csv.hasPrefix("at,counselorId,counselor,actor,action,studentLocalId,subject,detail\r\n"), csv)
        XCTAssertTrue(csv.contains(#""'=HYPERLINK(""http://x"")""#), csv)
        XCTAssertTrue(csv.contains(#""a, ""quoted"" detail""#), csv)
    }

    func testTheFileItselfRefusesToChangeOrDropAuditRows() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let (db, id) = try demo(binary, scratch)
        XCTAssertEqual(try runProcess(binary, ["student", "show", id, "--db", db]).status, 0)
        for sql in ["UPDATE audit_event SET actor = 'nobody'", "DELETE FROM audit_event"] {
            let result = try runProcess(sqlite, [db, sql])
            XCTAssertNotEqual(result.status, 0, sql)
            XCTAssertTrue(result.stderr.contains("audit_event is append-only"), result.stderr)
        }
        XCTAssertEqual(try audit(binary, db).count, 2)
    }

    func testViewingAMissingDatabaseFailsAndCreatesNothing() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let path = scratch.path("typo/waypoint.sqlite")
        for arguments in [["student", "show", "S1"], ["session", "show", "1"], ["plan", "show", "S1"], ["audit"],
                          ["export", "caseload"], ["backup", scratch.path("b.sqlite")]] {
            let result = try runProcess(binary, arguments + ["--db", path])
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertTrue(result.stderr.contains("There is no Waypoint database at \(path)"), "\(arguments): \(result.stderr)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path), [])
    }

    func testPureReadsWriteNothing() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let (db, _) = try demo(binary, scratch)
        let before = try audit(binary, db).count
        for arguments in [["student", "list"], ["followup", "list"], ["report", "coverage"], ["audit"]] {
            XCTAssertEqual(try runProcess(binary, arguments + ["--db", db]).status, 0, "\(arguments)")
        }
        XCTAssertEqual(try audit(binary, db).count, before)
    }

    func testMistakesInTheFiltersAreExplained() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let (db, _) = try demo(binary, scratch)
        for (arguments, message) in [
            (["--since", "2026-02-30"], #"--since "2026-02-30": expected a date as YYYY-MM-DD"#),
            (["--since", "last week"], #"--since "last week": expected a date as YYYY-MM-DD"#),
            (["--limit", "0"], #"--limit must be a whole number of 1 or more, not "0""#),
            (["--limit", "ten"], #"--limit must be a whole number of 1 or more, not "ten""#),
            (["--student", "NOPE"], #"no student with ID "NOPE""#),
            (["--counselor", "99"], #"no counselor matches "99""#),
            (["--csv", "--json"], "--csv"),
        ] {
            let result = try runProcess(binary, ["audit", "--db", db] + arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}
