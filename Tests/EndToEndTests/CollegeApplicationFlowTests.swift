import Foundation
import XCTest

/// Issue 16, item 4 from outside: a college application added on a student's profile, with
/// a deadline, is on the to-do list with the student's name, and Enter there opens them.
final class CollegeApplicationFlowTests: XCTestCase {
    func testAnApplicationAddedOnTheProfileHasItsDeadlineOnTheToDoList() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "30"]).status, 0)
        let localId = try firstLocalId(binary, database)

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.openProfile(localId: localId)

        try tmux.type("o")
        try tmux.waitFor(text: "Add a college application")
        try tmux.type("Zephyr Test University")
        try tmux.press("Tab")
        try tmux.type("e")
        try tmux.press("Tab")
        // Long past, so it is the first overdue row of the list whatever the demo holds.
        try tmux.type("2020-01-06")
        try tmux.press("Tab")
        try tmux.type("a")
        try tmux.press("Enter")
        try tmux.waitFor(text: "College application added.")
        try tmux.waitFor("the Colleges panel with the application") { screen in
            screen.contains("Colleges (") && screen.contains("Zephyr Test University") && screen.contains("2020-01-06")
        }

        try tmux.type("q")
        try tmux.waitFor(text: "Caseload of")
        try tmux.type("t")
        try tmux.waitFor("the deadline on the to-do list, overdue, first") { screen in
            let lines = screen.split(separator: "\n").map(String.init)
            guard let row = lines.firstIndex(where: { $0.contains("Deadline: Zephyr") }) else { return false }
            return lines[row].contains("Overdue") && !lines[1..<row].contains { $0.contains("overdue") }
        }
        try tmux.press("Enter")
        try tmux.waitFor("the student's profile, from the to-do list") { screen in
            screen.contains("Sessions (") && screen.contains("Zephyr Test University") && screen.contains(localId)
        }
        try tmux.type("q")
        try tmux.type("q")
        try tmux.waitFor(text: "Caseload of")
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")

        let todo = try runProcess(binary, ["todo", "--db", database, "--json", "--as", "1"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(todo.stdout.utf8)) as? [[String: Any]], todo.stderr)
        let deadline = try XCTUnwrap(rows.first, todo.stdout)
        XCTAssertEqual(deadline["kind"] as? String, "college-deadline", todo.stdout)
        XCTAssertEqual(deadline["studentLocalId"] as? String, localId)
        XCTAssertEqual(deadline["due"] as? String, "2020-01-06")
        let list = try runProcess(binary, ["college", "list", localId, "--db", database, "--json"])
        let applications = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]], list.stderr)
        let added = try XCTUnwrap(applications.first { $0["institution"] as? String == "Zephyr Test University" }, list.stdout)
        XCTAssertEqual(added["type"] as? String, "early-decision")
        XCTAssertEqual(added["status"] as? String, "applying")
    }

    /// `waypoint college`: each bad value named by its option, nothing written; a good one
    /// added, changed and removed, and the report by group.
    func testTheCommandLineRefusesBadValuesInWordsAndWritesNothing() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "30"]).status, 0)
        let localId = try firstLocalId(binary, database)
        func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            let result = try runProcess(binary, ["college"] + arguments + ["--db", database])
            return (result.status, result.stdout, result.stderr)
        }
        let before = try run(["list", localId, "--json"]).stdout
        let refusals: [([String], String)] = [
            (["add", localId, "--as", "1", "--institution", "Sunridge College", "--type", "eventually"],
             "--type: expected one of early-decision, early-action, regular, rolling; nothing was changed"),
            (["add", localId, "--as", "1", "--institution", "Evil\u{1B}[2JCollege"],
             "--institution: expected a name without control characters; nothing was changed"),
            (["add", localId, "--as", "1", "--institution", "Sunridge College", "--aid", "lots"],
             "--aid: expected whole dollars a year from 0 to 999,999 (e.g. 12500), or empty for none; nothing was changed"),
            (["add", localId, "--as", "1", "--institution", "Sunridge College", "--deadline", "someday"],
             "--deadline \"someday\" is not a date"),
            (["add", localId, "--as", "1", "--status", "submitted"], "--institution is required to add an application"),
            (["update", "99999", "--as", "1", "--status", "submitted"], "No college application with id 99999"),
        ]
        for (arguments, message) in refusals {
            let result = try run(arguments)
            XCTAssertNotEqual(result.status, 0, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("\u{1B}"), "no escape reaches the terminal")
        }
        XCTAssertEqual(try run(["list", localId, "--json"]).stdout, before, "nothing was written")

        let added = try run(["add", localId, "--as", "1", "--institution", "Zephyr Test University", "--type", "ea",
                             "--deadline", "2030-11-01", "--aid", "$4,000"])
        XCTAssertEqual(added.status, 0, added.stderr)
        let id = try XCTUnwrap(added.stdout.split(separator: " ").dropFirst(3).first.map(String.init), added.stdout)
        XCTAssertTrue(added.stdout.contains("Zephyr Test University, early action, deadline 2030-11-01, considering"), added.stdout)
        XCTAssertTrue(try run(["add", localId, "--as", "1", "--institution", "zephyr test university"]).stderr
            .contains("already has an application to zephyr test university"))
        let updated = try run(["update", id, "--as", "1", "--status", "admitted", "--transcript", "sent"])
        XCTAssertTrue(updated.stdout.contains("admitted, transcript sent"), updated.stdout + updated.stderr)
        let report = try runProcess(binary, ["report", "applications", "--db", database, "--by", "school", "--min-group", "1", "--csv"])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.hasPrefix("School,Students,Applied (%),Sent each,Admitted (%),Waitlist only (%),Enrolled (%)"),
                      report.stdout)
        XCTAssertEqual(try run(["remove", id, "--as", "1"]).status, 0)
        XCTAssertFalse(try run(["list", localId]).stdout.contains("Zephyr"))
    }
}
