import Foundation
import XCTest

/// Waypoint on the terminals counselors have, on ones it cannot use, and under job control,
/// resizing and signals.
final class TerminalTypeTests: XCTestCase {
    private func demo(_ scratch: Scratch, counselors: Int = 1) throws -> (URL, String) {
        let binary = try waypointBinary()
        let database = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "40", "--counselors", "\(counselors)"]).status, 0)
        return (binary, database)
    }

    /// Starts waypoint from the pane's shell with extra environment variables in front.
    private func launch(_ tmux: Tmux, _ binary: URL, _ database: String, environment: String = "",
                        arguments: String = "--counselor 1") throws {
        try tmux.run("\(environment) '\(binary.path)' --db '\(database)' \(arguments)")
    }

    private static let colourSGR = try! NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m")
    private static let reverseSGR = try! NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*;)?7(;[0-9;]*)?m")

    private func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    func testEachTerminalTypeDrawsAUsableScreenAndMonochromeOnesUseAttributesOnly() throws {
        let scratch = try Scratch()
        let (binary, database) = try demo(scratch)
        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        let cases: [(environment: String, monochrome: Bool)] = [
            ("TERM=xterm-256color", false), ("TERM=screen", false), ("TERM=tmux-256color", false), ("TERM=linux", false),
            ("TERM=vt100", true), ("TERM=xterm-256color NO_COLOR=1", true),
        ]
        for (environment, monochrome) in cases {
            try launch(tmux, binary, database, environment: environment)
            let screen = try tmux.waitFor("\(environment): the caseload and its footer") { screen in
                screen.contains("Caseload of") && screen.split(separator: "\n").last?.contains("? Help") == true
            }
            let rows = screen.components(separatedBy: "\n").dropLast()
            XCTAssertEqual(rows.count, 24, "\(environment):\n\(screen)")
            XCTAssertTrue(rows.allSatisfy { $0.count <= 80 }, "\(environment):\n\(screen)")
            try tmux.type("j")
            try tmux.waitFor("\(environment): the selection moved") { $0.contains("2 of 40") }
            let styled = try tmux.command(["capture-pane", "-e", "-p", "-t", "0"])
            XCTAssertTrue(matches(Self.reverseSGR, styled), "\(environment): the selection is shown in reverse video")
            if monochrome {
                XCTAssertFalse(matches(Self.colourSGR, styled), "\(environment): no colour at all:\n\(styled.debugDescription)")
            }
            try tmux.type("q")
            let after = try tmux.waitFor(text: "WAYPOINT-EXIT=0")
            // Without an alternate screen (vt100) the last frame would stay in the shell.
            // (The title, not the column headers: a caseload of one school has no School column.)
            XCTAssertFalse(after.contains("Caseload of"), "\(environment): students left on screen after quitting:\n\(after)")
        }
    }

    func testTerminalsItCannotUseGetOneLinePointingToTheCommandLine() throws {
        let scratch = try Scratch()
        let (binary, database) = try demo(scratch)
        // No terminal at all: standard input is /dev/null, as in a script or CI.
        let piped = try runProcess(binary, ["--db", database])
        XCTAssertNotEqual(piped.status, 0)
        XCTAssertEqual(piped.stderr.trimmingCharacters(in: .newlines).split(separator: "\n").count, 1, piped.stderr)
        XCTAssertTrue(piped.stderr.contains("needs a terminal") && piped.stderr.contains("waypoint --help"), piped.stderr)

        let tmux = try Tmux(width: 200, height: 24, environment: ["HOME": scratch.url.path])
        for (term, reason) in [("dumb", "cannot move the cursor"), ("no-such-terminal", "is not in the terminfo database")] {
            try launch(tmux, binary, database, environment: "TERM=\(term)")
            let screen = try tmux.waitFor(text: "WAYPOINT-EXIT=1")
            let message = screen.split(separator: "\n").filter { $0.hasPrefix("Error:") }
            XCTAssertEqual(message.count, 1, screen)
            XCTAssertTrue(message.first?.contains(reason) == true && message.first?.contains("waypoint --help") == true, screen)
            XCTAssertFalse(screen.contains("Caseload of"), screen)
        }
    }

    func testCLocaleStillShowsNamesBeyondASCII() throws {
        let scratch = try Scratch()
        let (binary, database) = try demo(scratch)
        let list = try runProcess(binary, ["student", "list", "--db", database, "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let row = try XCTUnwrap(rows.first { ($0["familyName"] as? String)?.unicodeScalars.contains { $0.value > 0x7F } == true })
        let (name, localId) = (try XCTUnwrap(row["familyName"] as? String), try XCTUnwrap(row["localId"] as? String))
        let tmux = try Tmux(width: 100, height: 30, environment: ["HOME": scratch.url.path])
        try launch(tmux, binary, database, environment: "LANG=C LC_ALL=C")
        try tmux.waitFor(text: "Caseload of")
        try tmux.type("/\(localId)")
        // Waypoint falls back to C.UTF-8: the name is drawn whole, not as bytes or question marks.
        // Wait for the search as typed, not only the name: the name may be on the caseload
        // already, and under load Escape would otherwise arrive with the typed keys, and Escape
        // then `q` read together is Alt-q, which closes nothing.
        try tmux.waitFor("the search found the student") { $0.contains("Search: \(localId)") && $0.contains(name) }
        try tmux.press("Escape")
        // The whole caseload back in the title, not only a frame caught half drawn.
        try tmux.waitFor("the search closed") { !$0.contains("Search:") && $0.contains(" of 40 students") }
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")
    }

    func testEscPressedTwiceQuicklyIsTwoEscapesNotALostAltKey() throws {
        let scratch = try Scratch()
        let (binary, database) = try demo(scratch)
        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try launch(tmux, binary, database)
        try tmux.waitFor(text: "Caseload of")
        try tmux.type("/ga")
        try tmux.waitFor(text: "Search: ga")
        try tmux.press("Escape", "Escape")
        try tmux.waitFor("the search cleared") { !$0.contains("Search:") && $0.contains(" of 40 students") }
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")
    }

    func testResizeWhileHelpThePickerOrTheEditorIsOpenKeepsEverything() throws {
        let scratch = try Scratch()
        let (binary, database) = try demo(scratch, counselors: 3)
        let localId = try firstLocalId(binary, database, ["--counselor", "1"])
        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try launch(tmux, binary, database)
        try tmux.waitFor(text: "Caseload of")

        func resizeAround(_ what: String, stillShowing texts: [String]) throws {
            for (width, height) in [(120, 40), (80, 24), (60, 20), (100, 30)] {
                try tmux.resize(width: width, height: height)
                try tmux.waitFor("\(what) at \(width)x\(height)") { screen in
                    let rows = screen.components(separatedBy: "\n").dropLast()
                    guard rows.count == height, rows.allSatisfy({ $0.count <= width }) else { return false }
                    return width < 80 ? screen.contains("needs a window of at least 80x24") : texts.allSatisfy(screen.contains)
                }
            }
        }

        try tmux.type("?")
        try tmux.waitFor(text: "Help · Caseload")
        try resizeAround("help", stillShowing: ["Help · Caseload", "Close help"])
        try tmux.type("q")
        try tmux.type("c")
        try tmux.waitFor(text: "Whose caseload?")
        try resizeAround("the counselor picker", stillShowing: ["Whose caseload?", "All students in the district"])
        try tmux.press("Escape")
        try tmux.waitFor("the picker closed") { !$0.contains("Whose caseload?") }

        try tmux.openProfile(localId: localId)
        try tmux.type("n")
        try tmux.waitFor(text: "New session")
        let text = "Typed before the window changed size, and kept whole through it."
        try tmux.type(text)
        try tmux.waitFor(text: "kept whole through it.")
        try resizeAround("the editor", stillShowing: ["New session", text])
        try tmux.type(" More after.")
        try tmux.waitFor(text: "through it. More after.")
        try tmux.press("C-s")
        try tmux.waitFor(text: "Session saved.")
        let saved = try runProcess(binary, ["session", "list", localId, "--db", database, "--as", "1", "--json"])
        XCTAssertTrue(saved.stdout.contains(text + " More after."), saved.stdout + saved.stderr)
        try tmux.press("C-c")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")
    }
}
