import Foundation
import XCTest

/// The real binary in a real terminal (tmux), driven as a counselor would.
final class TerminalFlowTests: XCTestCase {
    private func launch(_ tmux: Tmux, binary: URL, database: String, arguments: String = "") throws {
        try tmux.waitFor("a shell prompt") { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        try tmux.type("'\(binary.path)' --db '\(database)' \(arguments); echo WAYPOINT-EXIT=$?")
        try tmux.press("Enter")
    }

    func testFirstRunDemoBrowseSearchResizeHelpQuit() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("data/waypoint.sqlite")
        let tmux = try Tmux(width: 100, height: 30, environment: ["HOME": scratch.url.path])
        try launch(tmux, binary: binary, database: database)

        try tmux.waitFor(text: "Welcome to Waypoint")
        try tmux.type("d")
        var screen = try tmux.waitFor(text: "Whose caseload?")
        XCTAssertTrue(screen.contains("Demo district loaded"), screen)
        try tmux.press("Enter")
        try tmux.waitFor(text: "Caseload of")

        try tmux.type("jjj")
        try tmux.press("PageDown")
        try tmux.type("/")
        try tmux.waitFor(text: "Search:")
        try tmux.type("ngu")
        screen = try tmux.waitFor("rows narrowed to Nguyễn") { screen in
            let rows = screen.split(separator: "\n").dropFirst(3).filter { $0.contains(" S1") }
            return screen.contains("Search: ngu") && !rows.isEmpty && rows.allSatisfy { $0.contains("Nguy") }
        }
        try tmux.press("Enter")
        try tmux.waitFor(text: "Filter: ngu")

        try tmux.resize(width: 80, height: 24)
        screen = try tmux.waitFor("a redraw at 80 columns") { screen in
            screen.contains("Filter: ngu") && screen.split(separator: "\n").count <= 24
        }
        try tmux.resize(width: 60, height: 20)
        try tmux.waitFor(text: "needs a window of at least 80x24")
        try tmux.resize(width: 120, height: 40)
        try tmux.waitFor(text: "Filter: ngu")

        try tmux.type("?")
        try tmux.waitFor(text: "Help · Caseload")
        try tmux.type("q")
        try tmux.waitFor("help closed") { !$0.contains("Help · Caseload") && $0.contains("Filter: ngu") }
        try tmux.press("Escape")
        try tmux.waitFor("filter cleared") { !$0.contains("Filter:") && $0.contains("Caseload of") }
        try tmux.type("q")
        screen = try tmux.waitFor(text: "WAYPOINT-EXIT=0")
        XCTAssertFalse(screen.contains("Caseload of"), "the terminal is given back clean:\n\(screen)")
    }

    func testTerminationSignalGivesTheTerminalBack() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "50"]).status, 0)
        let tmux = try Tmux(environment: ["HOME": scratch.url.path])
        try launch(tmux, binary: binary, database: database, arguments: "--counselor 1")
        try tmux.waitFor(text: "Caseload of")
        let pid = try tmux.command(["display-message", "-p", "-t", "0", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // The shell's child is waypoint; SIGTERM it as a logout or shutdown would.
        XCTAssertEqual(try runProcess(URL(fileURLWithPath: "/usr/bin/pkill"), ["-TERM", "-P", pid, "-x", "waypoint"]).status, 0)
        let screen = try tmux.waitFor(text: "WAYPOINT-EXIT=")
        XCTAssertFalse(screen.contains("Caseload of"), screen)
    }

    func testControlKeyCQuitsAtOnce() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        let tmux = try Tmux(environment: ["HOME": scratch.url.path])
        try launch(tmux, binary: binary, database: database)
        try tmux.waitFor(text: "Welcome to Waypoint")
        try tmux.press("C-c")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")
    }
}
