import Foundation
import XCTest

/// `waypoint followup add` and `stop`: reminders without a session, repeating ones and
/// check-in plans, from the shell.
final class ReminderCommandTests: XCTestCase {
    private func followUps(_ binary: URL, _ database: String) throws -> [[String: Any]] {
        let list = try runProcess(binary, ["followup", "list", "--db", database, "--json", "--as", "1", "--all"])
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]], list.stderr)
    }

    func testAddARepeatingReminderMarkItDoneAndStopIt() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "10"]).status, 0)
        let localId = try firstLocalId(binary, database)

        let add = try runProcess(binary, ["followup", "add", "--db", database, "--as", "1", "--student", localId,
                                          "--due", "2030-01-31", "--every", "2w", "--until", "2030-03-01", "Check-in"])
        XCTAssertEqual(add.status, 0, add.stderr)
        XCTAssertTrue(add.stdout.contains(", due 2030-01-31, repeating every 2 weeks until 2030-03-01."), add.stdout)
        let first = try XCTUnwrap(try followUps(binary, database).first { $0["text"] as? String == "Check-in" })
        XCTAssertEqual(first["repeats"] as? String, "every 2 weeks until 2030-03-01")
        XCTAssertNil(first["sessionId"] as? Int, "a reminder needs no session")
        let firstId = try XCTUnwrap(first["id"] as? Int)
        let text = try runProcess(binary, ["followup", "list", "--db", database, "--as", "1", "--all"]).stdout
        XCTAssertTrue(text.contains("Check-in (repeats every 2 weeks"), text)

        // Done: the next is due two weeks after the one done was due, across the month's end.
        let done = try runProcess(binary, ["followup", "set", String(firstId), "done", "--db", database, "--as", "1"])
        XCTAssertEqual(done.stdout, "Follow-up \(firstId) is done. The next one is due 2030-02-14.\n", done.stderr)
        // Done again: nothing new.
        let again = try runProcess(binary, ["followup", "set", String(firstId), "done", "--db", database, "--as", "1"])
        XCTAssertEqual(again.stdout, "Follow-up \(firstId) is done.\n", again.stderr)
        let next = try XCTUnwrap(try followUps(binary, database).filter { $0["text"] as? String == "Check-in" }.first)
        XCTAssertEqual(next["due"] as? String, "2030-02-14")
        let nextId = try XCTUnwrap(next["id"] as? Int)

        // The next would be 2030-02-28; the one after that, past the until date: the last.
        let second = try runProcess(binary, ["followup", "set", String(nextId), "done", "--db", database, "--as", "1"])
        XCTAssertTrue(second.stdout.hasSuffix("The next one is due 2030-02-28.\n"), second.stdout)
        let last = try XCTUnwrap(try followUps(binary, database).first { $0["text"] as? String == "Check-in" }?["id"] as? Int)
        let stop = try runProcess(binary, ["followup", "stop", String(last), "--db", database, "--as", "1"])
        XCTAssertEqual(stop.stdout, "Follow-up \(last) no longer repeats (was every 2 weeks until 2030-03-01); it stays open.\n", stop.stderr)
        let stopped = try XCTUnwrap(try followUps(binary, database).first { $0["id"] as? Int == last })
        XCTAssertNil(stopped["repeats"] as? String)
        let once = try runProcess(binary, ["followup", "stop", String(last), "--db", database, "--as", "1"])
        XCTAssertEqual(once.stdout, "Follow-up \(last) does not repeat; nothing changed.\n")
    }

    func testACheckInPlanFromTheShell() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "10"]).status, 0)
        let localId = try firstLocalId(binary, database)
        let add = try runProcess(binary, ["followup", "add", "--db", database, "--as", "1", "--student", localId,
                                          "--due", "2030-01-07", "--every", "14d", "--while-tier", "3", "Tier 3 check-in"])
        XCTAssertEqual(add.status, 0, add.stderr)
        let row = try XCTUnwrap(try followUps(binary, database).first { $0["text"] as? String == "Tier 3 check-in" })
        XCTAssertEqual(row["repeats"] as? String, "every 2 weeks while tier 3")
    }

    func testBadReminderInputIsOneSentenceAndWritesNothing() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "10"]).status, 0)
        let localId = try firstLocalId(binary, database)
        let count = { try runProcess(URL(fileURLWithPath: "/usr/bin/sqlite3"), [database, "SELECT count(*) FROM follow_up"]).stdout }
        let before = try count()
        let base = ["followup", "add", "--db", database, "--as", "1", "--student", localId]
        let cases: [([String], String)] = [
            (["--due", "someday", "x"], "Error: --due \"someday\" is not a date"),
            (["--due", "fri", "--every", "2m", "x"], "Error: --every \"2m\" is not a repeat interval"),
            (["--due", "fri", "--until", "2030-01-01", "x"], "Error: --until and --while-tier need --every (how often it repeats)"),
            (["--due", "2030-01-07", "--every", "2w", "--until", "2030-01-01", "x"],
             "Error: The repeat ends (2030-01-01) before the first one is due (2030-01-07). Nothing was saved."),
            (["--due", "fri", "--every", "2w", "--while-tier", "1", "x"], "Error: --while-tier 1: expected 2 or 3"),
            (["--due", "fri", "   "], "Error: the reminder's text is empty; say what to do"),
            (["--due", "fri", "Call \u{1B}]0;pwned\u{07}home"], "Error: the reminder's text: expected text without control characters"),
        ]
        for (arguments, message) in cases {
            let result = try runProcess(binary, base + arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): expected \(message) in \(result.stderr)")
        }
        let unknown = try runProcess(binary, ["followup", "add", "--db", database, "--as", "1", "--student", "NOPE", "--due", "fri", "x"])
        XCTAssertTrue(unknown.stderr.contains("no student with ID \"NOPE\""), unknown.stderr)
        XCTAssertEqual(try runProcess(binary, ["followup", "stop", "9999", "--db", database]).stderr,
                       "Error: no follow-up with ID 9999 (see `waypoint followup list`)\n")
        XCTAssertEqual(try count(), before, "no bad input recorded anything")
    }
}
