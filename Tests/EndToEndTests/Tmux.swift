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

    /// Polls the screen until `predicate` holds, failing with the last screen after `seconds`.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 10, file: StaticString = #filePath, line: UInt = #line,
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
    func waitFor(text: String, seconds: Double = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitFor("\"\(text)\"", seconds: seconds, file: file, line: line) { $0.contains(text) }
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Tmux {
    /// Starts waypoint from the pane's shell, which prints its exit status when it ends.
    func launchWaypoint(_ binary: URL, database: String, arguments: String = "") throws {
        try waitFor("a shell prompt") { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        try type("'\(binary.path)' --db '\(database)' \(arguments); echo WAYPOINT-EXIT=$?")
        try press("Enter")
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
}
