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
        /// Runs `passphrase set` for the `run`th time, answering the two prompts as they appear
        /// (each run adds its own prompts to the screen), and waits for its exit status.
        func set(run: Int, answers: [String], exit: String) throws -> String {
            try tmux.type(command)
            try tmux.press("Enter")
            for (prompt, answer) in zip(["New passphrase for", "Again, to be sure:"], answers) {
                try tmux.waitFor("\(prompt) × \(run)") { $0.components(separatedBy: prompt).count - 1 >= run }
                try tmux.type(answer)
                try tmux.press("Enter")
            }
            return try tmux.waitFor(text: exit)
        }

        var screen = try set(run: 1, answers: ["first attempt here", "second attempt here"], exit: "EXIT=1")
        XCTAssertTrue(screen.contains("the two passphrases differ; nothing was changed"), screen)
        screen = try set(run: 2, answers: ["correct horse battery", "correct horse battery"], exit: "EXIT=0")
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
