import Foundation
import XCTest

/// Issue 15, item 2 from outside: a repeating check-in created on the profile and marked
/// done makes the next one, two weeks after the one done was due; `R` stops the repeat.
final class ReminderFlowTests: XCTestCase {
    func testCreateARecurringCheckInOnScreenAndMarkItDone() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "30"]).status, 0)
        let localId = try firstLocalId(binary, database)

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.openProfile(localId: localId)

        try tmux.type("r")
        try tmux.waitFor(text: "New reminder for")
        // Dated years ahead, so the demo's own follow-ups sort before it and the dates in
        // the test never depend on today.
        try tmux.type("Fortnightly check-in")
        try tmux.press("Tab")
        try tmux.type("2030-01-07")
        try tmux.press("Tab")
        try tmux.type("2w")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Reminder added for")
        try tmux.waitFor(text: "Fortnightly check-in · repeats every 2 weeks")

        // The follow-ups panel, its last row (the latest due), done.
        try tmux.press("Tab")
        try tmux.type("G")
        try tmux.waitFor("the check-in selected") { screen in
            screen.contains("Open follow-ups") && screen.contains("2030-01-07")
        }
        try tmux.type("x")
        try tmux.waitFor(text: "The next one is due 2030-01-21.")
        try tmux.waitFor("the next check-in in the list, the one done gone") { screen in
            screen.contains("2030-01-21") && !screen.contains("2030-01-07 ")
        }

        // R on it: it stays, once.
        try tmux.type("G")
        try tmux.type("R")
        try tmux.waitFor(text: "no longer repeats")
        try tmux.waitFor("the row without its repeat") { screen in
            screen.contains("Fortnightly check-in") && !screen.contains("repeats every 2 weeks")
        }
        try tmux.type("q")
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")

        let list = try runProcess(binary, ["followup", "list", "--db", database, "--json", "--as", "1", "--all"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]], list.stderr)
        let checkIns = rows.filter { $0["text"] as? String == "Fortnightly check-in" }
        XCTAssertEqual(checkIns.map { $0["due"] as? String }, ["2030-01-21"], list.stdout)
        XCTAssertNil(checkIns.first?["repeats"] as? String, "stopped")
    }
}
