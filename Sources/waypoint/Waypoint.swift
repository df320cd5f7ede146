import ArgumentParser
import Foundation
import TerminalKit

@main
struct Waypoint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waypoint",
        abstract: "An offline, keyboard-driven workstation for school counselors.",
        discussion: """
            With no subcommand, opens the interactive screen on the default database.
            Every subcommand takes --db PATH (or WAYPOINT_DB) to use another database.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, DemoCommand.self, StudentCommand.self, SessionCommand.self, FollowUpCommand.self, InterventionCommand.self, PlanCommand.self, ReportCommand.self, ImportCommand.self, ExportCommand.self, AuditCommand.self, BackupCommand.self, RestoreCommand.self, PassphraseCommand.self, DoctorCommand.self, BenchCommand.self, KeysCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// ArgumentParser's own `main`, except that every message it prints (an error quoting an
    /// argument, "unexpected argument …") is sanitized first: an argument holding ESC or BEL
    /// is echoed as text, never as terminal control.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = Sanitizer.sanitizeKeepingLines(fullMessage(for: error))
            if code == .success {
                if !message.isEmpty { print(message) }
            } else {
                if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
