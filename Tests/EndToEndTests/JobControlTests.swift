import Foundation
import XCTest

/// Ctrl-Z and `fg`, SIGTSTP, SIGHUP, SIGTERM and Ctrl-C with a note half written: the
/// terminal is left sane (line editing and echo back) and the draft is in the database.
final class JobControlTests: XCTestCase {
    private func setUp(_ scratch: Scratch) throws -> (URL, String, String, Tmux) {
        let binary = try waypointBinary()
        let database = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "30", "--counselors", "1"]).status, 0)
        let localId = try firstLocalId(binary, database)
        return (binary, database, localId, try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path]))
    }

    /// Opens the editor on the student and types `text`.
    private func startNote(_ tmux: Tmux, _ localId: String, _ text: String) throws {
        try tmux.openProfile(localId: localId)
        try tmux.type("n")
        try tmux.waitFor(text: "New session")
        try tmux.type(text)
        try tmux.waitFor(text: text)
    }

    private func draft(_ database: String) throws -> String {
        try runProcess(URL(fileURLWithPath: "/usr/bin/sqlite3"), [database, "SELECT payload FROM session_draft"]).stdout
    }

    /// Runs `stty -a` in the pane's shell and checks that line editing and echo are on.
    /// The end marker carries a number of its own, so a check never reads an earlier
    /// check's answer still on screen (leaving the alternate screen brings it back).
    private func assertTerminalIsSane(_ tmux: Tmux, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let marker = "STTY-END-\(UUID().uuidString.prefix(8))"
        try tmux.type("clear; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo \(marker)")
        try tmux.press("Enter")
        let screen = try tmux.waitFor("\(label): stty", file: file, line: line) { screen in
            screen.split(separator: "\n").contains { $0.hasSuffix(marker) && !$0.contains(";") }
        }
        let flags = screen.split(separator: "\n").first { $0.hasSuffix(marker) && !$0.contains(";") }
        XCTAssertEqual(flags?.split(separator: " ").map(String.init), ["icanon", "echo", marker], "\(label):\n\(screen)",
                       file: file, line: line)
    }

    /// The process ID of waypoint, the child of the pane's shell.
    private func waypointPid(_ tmux: Tmux) throws -> String {
        let shell = try tmux.command(["display-message", "-p", "-t", "0", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let found = try runProcess(URL(fileURLWithPath: "/usr/bin/pgrep"), ["-P", shell, "-x", "waypoint"])
        return try XCTUnwrap(found.stdout.split(separator: "\n").first.map(String.init), "no waypoint under the pane's shell")
    }

    func testControlZAndSIGTSTPStopWithTheDraftSavedAndFgRedrawsEverything() throws {
        let scratch = try Scratch()
        let (binary, database, localId, tmux) = try setUp(scratch)
        try tmux.freshShell()
        // No `; echo` after it: a shell runs the next command when a job stops.
        try tmux.type("'\(binary.path)' --db '\(database)'")
        try tmux.press("Enter")
        try startNote(tmux, localId, "Said before the shell took over")

        // In the editor Ctrl-Z is undo; a SIGTSTP from the shell stops it all the same.
        let pid = try waypointPid(tmux)
        XCTAssertEqual(try runProcess(URL(fileURLWithPath: "/bin/kill"), ["-TSTP", pid]).status, 0)
        try tmux.waitFor(text: "Stopped")
        XCTAssertTrue(try draft(database).contains("Said before the shell took over"), "the draft is saved before stopping")
        try assertTerminalIsSane(tmux, "stopped by SIGTSTP")
        try tmux.type("fg")
        try tmux.press("Enter")
        // Redrawn in full (the shell's lines are gone), and still typing into the same note.
        try tmux.waitFor("the editor back") { $0.contains("New session") && $0.contains("Said before the shell took over") && !$0.contains("STTY-END-") }
        try tmux.type(", and after.")
        try tmux.waitFor(text: "took over, and after.")
        try tmux.press("C-s")
        try tmux.waitFor(text: "Session saved.")

        // Outside the editor, Ctrl-Z itself suspends.
        try tmux.press("C-z")
        try tmux.waitFor(text: "Stopped")
        try assertTerminalIsSane(tmux, "stopped by Ctrl-Z")
        try tmux.type("fg")
        try tmux.press("Enter")
        try tmux.waitFor("the profile back") { $0.contains("Sessions (") && $0.contains("Said before the shell took over") && !$0.contains("STTY-END-") }
        try tmux.type("q")
        try tmux.type("q")
        try tmux.waitFor("the shell") { $0.contains("#") || $0.contains("$") }
        try tmux.type("echo FG-EXIT=$?")
        try tmux.press("Enter")
        try tmux.waitFor(text: "FG-EXIT=0")
    }

    func testHangupTerminateAndControlCKeepTheDraftAndGiveTheTerminalBack() throws {
        let scratch = try Scratch()
        let (binary, database, localId, tmux) = try setUp(scratch)
        for (way, status) in [("HUP", 129), ("TERM", 143), ("C-c", 0)] {
            try tmux.launchWaypoint(binary, database: database)
            if way == "HUP" {
                try startNote(tmux, localId, "Draft kept through \(way)")
            } else {
                // The draft of the previous round is offered first; take it up and add to it.
                try tmux.waitFor(text: "Unsaved draft")
                try tmux.type("r")
                try tmux.waitFor(text: "New session")
                try tmux.press("End")
                try tmux.type(" and \(way)")
                try tmux.waitFor(text: " and \(way)")
            }
            if way == "C-c" {
                try tmux.press("C-c")
            } else {
                XCTAssertEqual(try runProcess(URL(fileURLWithPath: "/bin/kill"), ["-\(way)", try waypointPid(tmux)]).status, 0)
            }
            try tmux.waitFor(text: "WAYPOINT-EXIT=\(status)")
            XCTAssertTrue(try draft(database).contains(way == "HUP" ? "Draft kept through HUP" : " and \(way)"), way)
            try assertTerminalIsSane(tmux, way)
        }
    }
}
