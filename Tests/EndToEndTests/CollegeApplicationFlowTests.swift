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
}
