import Foundation
import XCTest

/// A private tmux server for one test: its own socket, killed at the end, never the
/// user's own server. Screens are read with capture-pane and waited for with a deadline.
final class Tmux {
    let socket: String
    let tmux: URL

    init(width: Int = 100, height: Int = 30, environment: [String: String]) throws {
        guard let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
            .map(URL.init(fileURLWithPath:))
            .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                throw TmuxError("tmux is not installed; .ci/run must install it")
            }
            throw XCTSkip("tmux is not installed")
        }
        self.tmux = tmux
        socket = "waypoint-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        var variables = ["TERM": "xterm-256color"].merging(environment) { $1 }
        if let home = environment["HOME"] {
            // The configuration Waypoint writes (who is at the keyboard) stays in the test's folder.
            variables["XDG_CONFIG_HOME"] = variables["XDG_CONFIG_HOME"] ?? home + "/.config"
        }
        // A plain sh with a fixed prompt, so the test can see the terminal come back.
        try command(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)"]
            + variables.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] }
            + ["sh"])
        try command(["set-option", "-g", "status", "off"])
    }

    deinit {
        _ = try? command(["kill-server"])
    }

    @discardableResult
    func command(_ arguments: [String]) throws -> String {
        let result = try runProcess(tmux, ["-u", "-L", socket] + arguments)
        guard result.status == 0 else {
            throw TmuxError("tmux \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout
    }

    func type(_ text: String) throws { try command(["send-keys", "-t", "0", "-l", text]) }
    func press(_ keys: String...) throws { try command(["send-keys", "-t", "0"] + keys) }
    func resize(width: Int, height: Int) throws {
        try command(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"])
    }

    func screen() throws -> String { try command(["capture-pane", "-p", "-t", "0"]) }

    /// How long a wait may take by default. A wait returns as soon as its state is on
    /// screen, so a long deadline costs nothing when things work; it is long because the
    /// suite must pass while other processes keep both cores busy (a demo district loads
    /// several times slower then).
    static let defaultDeadline: Double = 60

    /// Polls the screen until `predicate` holds, failing with the last screen after `seconds`.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = Tmux.defaultDeadline, file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            usleep(20_000)
        }
        XCTFail("timed out waiting for \(what); screen was:\n\(last)", file: file, line: line)
        throw TmuxError("timed out waiting for \(what)")
    }

    @discardableResult
    func waitFor(text: String, seconds: Double = Tmux.defaultDeadline, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitFor("\"\(text)\"", seconds: seconds, file: file, line: line) { $0.contains(text) }
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Tmux {
    /// Replaces the pane's shell with a new one on a blank screen, and waits for its prompt.
    ///
    /// Every launch starts here, so a wait that follows can only match what this run drew:
    /// never a previous run's exit status, caseload or `Stopped` line still on screen (a
    /// process killed with SIGKILL leaves its last frame behind). `respawn-pane -k` ends
    /// whatever still runs in the pane and clears it; the session's environment is kept.
    /// `directory` is where the shell starts (the folder a plan export lands in, say).
    func freshShell(in directory: String? = nil) throws {
        try command(["respawn-pane", "-k", "-t", "0"] + (directory.map { ["-c", $0] } ?? []) + ["sh"])
        try waitFor("a fresh shell's prompt alone") { screen in
            let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return lines == ["#"] || lines == ["$"]
        }
    }

    /// Runs a shell command line in a fresh shell (see `freshShell`); the shell prints
    /// `WAYPOINT-EXIT=<status>` when it ends.
    func run(_ commandLine: String, in directory: String? = nil) throws {
        try freshShell(in: directory)
        try type("\(commandLine); echo WAYPOINT-EXIT=$?")
        try press("Enter")
    }

    /// Starts waypoint in a fresh shell, which prints its exit status when it ends.
    func launchWaypoint(_ binary: URL, database: String, arguments: String = "", in directory: String? = nil) throws {
        try run("'\(binary.path)' --db '\(database)' \(arguments)", in: directory)
    }

    /// From a student's plan, back through the profile and the caseload to the shell, each
    /// step waiting for the screen it goes to; waypoint must end with status 0.
    func quitFromPlan(file: StaticString = #filePath, line: UInt = #line) throws {
        try type("q")
        try waitFor(text: "Sessions (", file: file, line: line)
        try type("q")
        try waitFor(text: "Caseload of", file: file, line: line)
        try type("q")
        try waitFor(text: "WAYPOINT-EXIT=0", file: file, line: line)
    }

    /// Kills the waypoint the pane's shell runs with SIGKILL (as a power cut would end it),
    /// waits for the shell to report it, and gives the shell a sane terminal back.
    func killWaypoint(file: StaticString = #filePath, line: UInt = #line) throws {
        let shell = try command(["display-message", "-p", "-t", "0", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try runProcess(URL(fileURLWithPath: "/usr/bin/pkill"), ["-KILL", "-P", shell, "-x", "waypoint"]).status, 0,
                       file: file, line: line)
        try waitFor(text: "WAYPOINT-EXIT=137", file: file, line: line)
        // A killed program cannot restore the terminal; the shell gets it back as a person
        // would, with `stty sane` (typed with Ctrl-J, since raw mode ignores Enter's CR).
        try type("stty sane")
        try press("C-j")
    }

    /// From the caseload, finds a student by typing their ID into the search and opens the one match.
    func openProfile(localId: String) throws {
        try waitFor(text: "Caseload of")
        try type("/")
        try type(localId)
        try waitFor(text: "1 match")
        try press("Enter")
        try press("Enter")
        try waitFor(text: "Sessions (")
    }

    /// From a student's profile, opens the plan's milestones and the form of the milestone
    /// `title` (walking down the rows until Enter opens its form).
    func openMilestoneForm(titled title: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try type("p")
        try waitFor(text: "1 Courses", file: file, line: line)
        try press("Tab")
        try waitFor(text: "Milestones ·", file: file, line: line)
        for _ in 0..<30 {
            try press("Enter")
            let form = try waitFor(text: "Esc cancels", file: file, line: line)
            if form.contains("─ \(title) ─") { return }
            try press("Escape")
            try waitFor("the form to close", file: file, line: line) { !$0.contains("Esc cancels") }
            try press("Down")
        }
        XCTFail("no \(title) row among the milestones", file: file, line: line)
        throw TmuxError("no \(title) row among the milestones")
    }

    /// In an open milestone form: the status by its first letter, the evidence typed over
    /// what was there, and Enter to save.
    func saveMilestoneForm(status: String, evidence: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try type(status)
        try press("Tab")
        try press("Tab")
        try press("C-u")
        try type(evidence)
        try waitFor(text: evidence, file: file, line: line)
        try press("Enter")
    }
}
