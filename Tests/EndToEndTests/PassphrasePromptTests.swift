import Foundation
import XCTest

/// The passphrase prompt on a real terminal (tmux): nothing typed is shown, it is asked
/// twice, and Ctrl-C leaves the terminal echoing again.
final class PassphrasePromptTests: XCTestCase {
    func testThePassphraseIsAskedTwiceWithoutEchoAndCtrlCGivesTheEchoBack() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20"]).status, 0)
        let tmux = try Tmux(height: 40, environment: [:])
        try tmux.waitFor("a shell prompt") { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        let command = "'\(binary.path)' passphrase set --db '\(db)' --as 1; echo EXIT=$?"
        /// Waits until `text` is on the screen `count` times: each run adds its own prompts.
        @discardableResult func waitFor(_ text: String, _ count: Int) throws -> String {
            try tmux.waitFor("\(text) × \(count)") { $0.components(separatedBy: text).count - 1 >= count }
        }

        // Two different answers: refused.
        try tmux.type(command)
        try tmux.press("Enter")
        try waitFor("New passphrase for", 1)
        try tmux.type("first attempt here")
        try tmux.press("Enter")
        try waitFor("Again, to be sure:", 1)
        try tmux.type("second attempt here")
        try tmux.press("Enter")
        var screen = try tmux.waitFor(text: "EXIT=1")
        XCTAssertTrue(screen.contains("the two passphrases differ; nothing was changed"), screen)

        try tmux.type(command)
        try tmux.press("Enter")
        try waitFor("New passphrase for", 2)
        try tmux.type("correct horse battery")
        try tmux.press("Enter")
        try waitFor("Again, to be sure:", 2)
        try tmux.type("correct horse battery")
        try tmux.press("Enter")
        screen = try tmux.waitFor(text: "EXIT=0")
        XCTAssertTrue(screen.contains("Passphrase set for"), screen)
        XCTAssertFalse(screen.contains("attempt here") || screen.contains("horse"), "a passphrase was echoed:\n\(screen)")

        // Changing it asks for the current one first; Ctrl-C there ends the command and the
        // terminal echoes what is typed again.
        try tmux.type(command)
        try tmux.press("Enter")
        try tmux.waitFor(text: "Current passphrase for")
        try tmux.type("half typ")
        try tmux.press("C-c")
        // The shell runs the next command only once waypoint has ended; the typed command
        // line itself shows only if the echo is back.
        try tmux.type("echo DONE-$((6*7))")
        try tmux.press("Enter")
        screen = try tmux.waitFor(text: "DONE-42")
        XCTAssertTrue(screen.contains("echo DONE-$((6*7))"), "the terminal does not echo:\n\(screen)")
        XCTAssertFalse(screen.contains("half typ"), screen)
        XCTAssertFalse(screen.contains("Passphrase changed"), screen)
    }
}
