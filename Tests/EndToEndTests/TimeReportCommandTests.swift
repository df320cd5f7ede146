import Foundation
import XCTest

/// `waypoint report time`: a counselor's minutes by session kind and week, as CSV through
/// the one CSV writer (issue 15 item 11).
final class TimeReportCommandTests: XCTestCase {
    func testTheCSVHasAWeekPerColumnAKindPerRowAndTotals() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "40"]).status, 0)
        let id = try firstLocalId(binary, db)
        // Weeks long before the demo's sessions, so only these count. 2020-01-06 was a Monday.
        for (at, kind, minutes, confidential) in [("2020-01-06 09:00", "college", "20", false), ("2020-01-12 23:00", "college", "25", false),
                                                   ("2020-01-08 10:00", "crisis", "40", true), ("2020-01-13 08:00", "phone-call", "0", false),
                                                   ("2019-12-31 10:00", "academic", "15", false)] {
            let add = try runProcess(binary, ["session", "add", id, "--db", db, "--kind", kind, "--note", "Private words here",
                                              "--minutes", minutes, "--at", at] + (confidential ? ["--confidential"] : []))
            XCTAssertEqual(add.status, 0, add.stderr)
        }

        let csv = try runProcess(binary, ["report", "time", "--db", db, "--counselor", "1", "--weeks", "3", "--to", "2020-01-13", "--csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        // CSVText ends each record with CRLF (RFC 4180), as every CSV Waypoint writes.
        XCTAssertEqual(csv.stdout, [
            "Kind,Week of 2019-12-30,Week of 2020-01-06,Week of 2020-01-13,Total minutes,Sessions,Without minutes",
            "Academic,15,0,0,15,1,0",
            "College,0,45,0,45,2,0",
            "Crisis,0,40,0,40,1,0",
            "Phone call,0,0,0,0,1,1",
            "Total,15,85,0,100,5,1",
        ].map { $0 + "\r\n" }.joined())
        XCTAssertFalse(csv.stdout.contains("Private"), "no note text, confidential or not")
        XCTAssertTrue(csv.stderr.contains("1 session was recorded without minutes (counted above as 0): 2020-01-13 "), csv.stderr)
        XCTAssertTrue(csv.stderr.contains("(Phone call)"), csv.stderr)

        let text = try runProcess(binary, ["report", "time", "--db", db, "--weeks", "3", "--to", "2020-01-13"],
                                  environment: ["WAYPOINT_COUNSELOR": "1"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("3 weeks from Monday 2019-12-30"), text.stdout)
        XCTAssertTrue(text.stdout.contains("recorded without minutes"), "named in the text itself:\n\(text.stdout)")
    }

    func testBadOptionsAreExplainedAndNothingIsPrinted() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "40"]).status, 0)
        let weeks = try runProcess(binary, ["report", "time", "--db", db, "--counselor", "1", "--weeks", "0"])
        XCTAssertNotEqual(weeks.status, 0)
        XCTAssertTrue(weeks.stderr.contains("--weeks must be between 1 and 53, not 0"), weeks.stderr)
        XCTAssertEqual(weeks.stdout, "")
        let date = try runProcess(binary, ["report", "time", "--db", db, "--counselor", "1", "--to", "someday"])
        XCTAssertNotEqual(date.status, 0)
        XCTAssertTrue(date.stderr.contains("--to"), date.stderr)
        let nobody = try runProcess(binary, ["report", "time", "--db", db, "--counselor", "nobody@example.org"])
        XCTAssertNotEqual(nobody.status, 0)
        XCTAssertEqual(nobody.stdout, "")
    }
}
