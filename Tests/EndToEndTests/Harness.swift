import Foundation
import ProcessKit
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

/// Runs a command to completion with no standard input, as CI does, through ProcessKit:
/// output goes through files, so neither a full pipe nor a tmux server left holding the
/// descriptors can stall it.
@discardableResult
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
    let result = try ProcessKit.run(executable.path, arguments, environment: environment)
    return ProcessResult(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self),
                         stderr: String(decoding: result.stderr, as: UTF8.self))
}

/// The local ID of the first student `waypoint student list` gives, with `filters`.
func firstLocalId(_ binary: URL, _ database: String, _ filters: [String] = []) throws -> String {
    let list = try runProcess(binary, ["student", "list", "--db", database, "--json"] + filters)
    let rows = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
    return try XCTUnwrap(rows?.first?["localId"] as? String, "no student in \(database): \(list.stderr)")
}
