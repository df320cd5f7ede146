import Foundation
import XCTest

/// Finds the built `waypoint` binary next to the test bundle (or at $WAYPOINT_BINARY).
func waypointBinary() throws -> URL {
    if let path = ProcessInfo.processInfo.environment["WAYPOINT_BINARY"] {
        return URL(fileURLWithPath: path)
    }
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("waypoint")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory.deleteLastPathComponent()
    }
    let message = "no built waypoint binary near \(CommandLine.arguments[0]); run `swift build` first or set WAYPOINT_BINARY"
    if ProcessInfo.processInfo.environment["CI"] == "true" { throw TmuxError(message) }
    throw XCTSkip(message)
}

/// A fresh folder per test, removed afterwards.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a command to completion with no standard input, as CI does.
///
/// posix_spawn and waitpid rather than Foundation's Process: the tmux server that
/// `tmux new-session -d` leaves behind inherits descriptors, and Process then waits for a
/// child that has long exited. Output goes to files, so nothing can fill a pipe either.
@discardableResult
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outPath = scratch.appendingPathComponent("stdout").path
    let errPath = scratch.appendingPathComponent("stderr").path

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }

    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, envp)
    guard spawned == 0 else {
        throw TmuxError("cannot start \(executable.path): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    let exited = status & 0x7f == 0
    return ProcessResult(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                         stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                         stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
}

/// The local ID of the first student `waypoint student list` gives, with `filters`.
func firstLocalId(_ binary: URL, _ database: String, _ filters: [String] = []) throws -> String {
    let list = try runProcess(binary, ["student", "list", "--db", database, "--json"] + filters)
    let rows = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
    return try XCTUnwrap(rows?.first?["localId"] as? String, "no student in \(database): \(list.stderr)")
}
