import Foundation
import XCTest

/// `waypoint intervention`: starting, listing, noting and closing interventions from the shell.
final class InterventionCommandTests: XCTestCase {
    private func demo(_ binary: URL, _ db: String) throws -> String {
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "10"]).status, 0)
        let list = try runProcess(binary, ["student", "list", "--db", db, "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        return try XCTUnwrap(rows.first?["localId"] as? String)
    }

    private func listJSON(_ binary: URL, _ arguments: [String]) throws -> [[String: Any]] {
        let result = try runProcess(binary, ["intervention", "list", "--json"] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    func testAddListNoteAndClose() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        let id = try demo(binary, db)

        let add = try runProcess(binary, ["intervention", "add", id, "--db", db, "--kind", "tutoring",
                                          "--goal", "Pass Algebra I 📐", "--start", "2026-11-02", "--end", "2027-01-29",
                                          "--per-week", "3", "--minutes", "30"])
        XCTAssertEqual(add.status, 0, add.stderr)
        // The demo district has interventions of its own: work with the one just started.
        let started = try XCTUnwrap(add.stdout.split(separator: " ").dropFirst(2).first.map(String.init), add.stdout)
        XCTAssertTrue(add.stdout.hasPrefix("Started intervention \(started) for"), add.stdout)
        XCTAssertTrue(add.stdout.contains("Tutoring (high-dosage), 3 × 30 min a week."), add.stdout)

        let caseload = try runProcess(binary, ["intervention", "list", "--db", db])
        XCTAssertTrue(caseload.stdout.contains("Pass Algebra I 📐"), "the acting counselor's caseload: \(caseload.stdout)")
        XCTAssertTrue(caseload.stdout.contains("3 × 30 min a week"), caseload.stdout)

        let note = try runProcess(binary, ["intervention", "note", started, "--db", db, "--text", "Quiz 72%", "--date", "2026-11-20"])
        XCTAssertEqual(note.status, 0, note.stderr)

        let close = try runProcess(binary, ["intervention", "close", started, "--db", db, "--status", "discontinued",
                                            "--note", "Moved to another school", "--end", "2026-12-04"])
        XCTAssertEqual(close.status, 0, close.stderr)
        XCTAssertEqual(close.stdout, "Intervention \(started) is discontinued as of 2026-12-04.\n")

        func mine(_ rows: [[String: Any]]) -> [[String: Any]] { rows.filter { ($0["id"] as? NSNumber)?.stringValue == started } }
        XCTAssertEqual(mine(try listJSON(binary, [id, "--db", db])).count, 0, "closed ones are listed only with --all")
        let all = mine(try listJSON(binary, [id, "--all", "--db", db]))
        XCTAssertEqual(all.count, 1)
        XCTAssertEqual(all.first?["status"] as? String, "discontinued")
        XCTAssertEqual(all.first?["end"] as? String, "2026-12-04")
        XCTAssertEqual(all.first?["dosage"] as? String, "3 × 30 min a week")
        XCTAssertEqual((all.first?["notes"] as? [[String: Any]])?.map { $0["text"] as? String },
                       ["Quiz 72%", "Moved to another school"])

        let again = try runProcess(binary, ["intervention", "close", started, "--db", db])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("already discontinued; a closed intervention stays closed"), again.stderr)
    }

    func testBadInterventionInputNamesTheFieldAndChangesNothing() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        let id = try demo(binary, db)
        let first = try runProcess(binary, ["intervention", "add", id, "--db", db, "--kind", "mentoring", "--goal", "Attend",
                                            "--per-week", "1", "--minutes", "45"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let started = try XCTUnwrap(first.stdout.split(separator: " ").dropFirst(2).first.map(String.init), first.stdout)
        let count = {
            try runProcess(URL(fileURLWithPath: "/usr/bin/sqlite3"), [db,
                "SELECT (SELECT count(*) FROM intervention) || '/' || (SELECT count(*) FROM intervention_note) || '/' || "
                    + "(SELECT group_concat(status) FROM intervention)"]).stdout
        }
        let before = try count()
        let add = ["intervention", "add", id, "--goal", "Pass", "--per-week", "3", "--minutes", "30"]
        let cases: [([String], String)] = [
            (["intervention", "add", "NOPE", "--kind", "tutoring", "--goal", "x", "--per-week", "3", "--minutes", "30"],
             "no student with ID \"NOPE\""),
            (add + ["--kind", "chat"], "unknown intervention kind \"chat\"; expected one of: tutoring, small-group"),
            (["intervention", "add", id, "--kind", "tutoring", "--goal", " ", "--per-week", "3", "--minutes", "30"],
             "--goal is empty"),
            (["intervention", "add", id, "--kind", "tutoring", "--goal", "x", "--per-week", "20", "--minutes", "30"],
             "--per-week: expected a whole number from 1 to 14, not \"20\""),
            (["intervention", "add", id, "--kind", "tutoring", "--goal", "x", "--per-week", "3", "--minutes", "300"],
             "--minutes: expected a whole number from 5 to 240, not \"300\""),
            (add + ["--kind", "tutoring", "--start", "someday"], "--start \"someday\" is not a date"),
            (add + ["--kind", "tutoring", "--start", "2026-12-01", "--end", "2026-11-01"],
             "--end 2026-11-01 is before --start 2026-12-01"),
            (add + ["--kind", "tutoring", "--owner", "nobody@example.org"], "no counselor matches \"nobody@example.org\""),
            (["intervention", "note", "9999", "--text", "x"], "no intervention with ID 9999"),
            (["intervention", "note", started, "--text", "  "], "--text is empty"),
            (["intervention", "close", "9999"], "no intervention with ID 9999"),
            (["intervention", "close", started, "--status", "active"], "The value 'active' is invalid for '--status <status>'. Please provide one of 'completed' and 'discontinued'."),
            (["intervention", "close", started, "--end", "2000-01-01"], "--end 2000-01-01 is before the intervention's start"),
        ]
        for (arguments, message) in cases {
            let result = try runProcess(binary, arguments + ["--db", db])
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): expected \(message) in \(result.stderr)")
        }
        XCTAssertEqual(try count(), before, "no bad input changed anything")
    }

    /// What the profile's forms can do, from the shell: tier, area, planned weeks, a staff
    /// member by name and a weekly measure; notes with sessions held and a measured value;
    /// the list shows the dosage delivered against planned.
    func testPlannedDosageOwnerByNameAndMeasuredNotes() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        let id = try demo(binary, db)
        let add = try runProcess(binary, ["intervention", "add", id, "--db", db, "--kind", "tutoring", "--goal", "Pass Algebra I",
                                          "--start", "2026-11-02", "--per-week", "2", "--minutes", "30", "--weeks", "8",
                                          "--tier", "2", "--area", "academic", "--owner-name", "Sam Ortiz (tutor)",
                                          "--measure", "quiz score %"])
        XCTAssertEqual(add.status, 0, add.stderr)
        XCTAssertTrue(add.stdout.contains("Tutoring (high-dosage), 2 × 30 min a week for 8 weeks, delivered by Sam Ortiz (tutor)."),
                      add.stdout)
        let started = try XCTUnwrap(add.stdout.split(separator: " ").dropFirst(2).first.map(String.init), add.stdout)
        for (date, sessions, value) in [("2026-11-09", "2", "61.5"), ("2026-11-16", "1", "70")] {
            let note = try runProcess(binary, ["intervention", "note", started, "--db", db, "--text", "Weekly quiz", "--date", date,
                                               "--sessions", sessions, "--value", value])
            XCTAssertEqual(note.status, 0, note.stderr)
        }
        let table = try runProcess(binary, ["intervention", "list", id, "--db", db])
        XCTAssertTrue(table.stdout.contains("3 of 16 sessions, 90 of 480 min"), table.stdout)
        XCTAssertTrue(table.stdout.contains("Sam Ortiz (tutor)"), table.stdout)

        let row = try XCTUnwrap(try listJSON(binary, [id, "--db", db]).first { ($0["id"] as? NSNumber)?.stringValue == started })
        XCTAssertEqual(row["owner"] as? String, "Sam Ortiz (tutor)")
        XCTAssertEqual(row["tier"] as? Int, 2)
        XCTAssertEqual(row["area"] as? String, "academic")
        XCTAssertEqual(row["plannedWeeks"] as? Int, 8)
        XCTAssertEqual(row["measure"] as? String, "quiz score %")
        XCTAssertEqual(row["delivered"] as? String, "3 of 16 sessions, 90 of 480 min")
        let notes = try XCTUnwrap(row["notes"] as? [[String: Any]])
        XCTAssertEqual(notes.compactMap { $0["value"] as? Double }, [61.5, 70])
        XCTAssertEqual(notes.compactMap { $0["sessions"] as? Int }, [2, 1])
    }

    func testBadPlanOrMeasureInputNamesTheOptionAndChangesNothing() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        let id = try demo(binary, db)
        let plain = try runProcess(binary, ["intervention", "add", id, "--db", db, "--kind", "mentoring", "--goal", "Attend",
                                            "--per-week", "1", "--minutes", "45"])
        let started = try XCTUnwrap(plain.stdout.split(separator: " ").dropFirst(2).first.map(String.init), plain.stdout)
        let count = {
            try runProcess(URL(fileURLWithPath: "/usr/bin/sqlite3"), [db,
                "SELECT (SELECT count(*) FROM intervention) || '/' || (SELECT count(*) FROM intervention_note)"]).stdout
        }
        let before = try count()
        let add = ["intervention", "add", id, "--kind", "tutoring", "--goal", "Pass", "--per-week", "3", "--minutes", "30"]
        let cases: [([String], String)] = [
            (add + ["--tier", "4"], "--tier: expected a whole number from 1 to 3, not \"4\""),
            (add + ["--weeks", "60"], "--weeks: expected a whole number from 1 to 52, not \"60\""),
            (add + ["--area", "cooking"], "--area: expected one of academic, attendance, behavior, social-emotional, career, not \"cooking\""),
            (add + ["--owner-name", " "], "--owner-name is empty; leave it out instead"),
            (add + ["--measure", "score\u{1B}[31m"], "--measure: expected text without control characters"),
            (["intervention", "note", started, "--text", "x", "--value", "lots"],
             "--value: expected a number from -100000 to 100000, not \"lots\""),
            (["intervention", "note", started, "--text", "x", "--sessions", "61"],
             "--sessions: expected a whole number from 0 to 60, not \"61\""),
            (["intervention", "note", started, "--text", "x", "--value", "72"],
             "Intervention \(started) has no measure, so its notes cannot carry a value"),
        ]
        for (arguments, message) in cases {
            let result = try runProcess(binary, arguments + ["--db", db])
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): expected \(message) in \(result.stderr)")
        }
        XCTAssertEqual(try count(), before, "no bad input changed anything")
    }
}
