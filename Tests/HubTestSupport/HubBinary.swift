import Foundation
import XCTest

/// The built `waypoint` binary, for tests that run it as an administrator or a lead would.
public enum HubBinary {
    public static func path() throws -> String {
        if let path = ProcessInfo.processInfo.environment["WAYPOINT_BINARY"] { return path }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("waypoint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            directory.deleteLastPathComponent()
        }
        let message = "no built waypoint binary near \(CommandLine.arguments[0]); run `swift build` first"
        if ProcessInfo.processInfo.environment["CI"] == "true" { throw HubTestFailure(message) }
        throw XCTSkip(message)
    }
}
