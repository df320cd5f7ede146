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
        subcommands: [RunCommand.self, DemoCommand.self, StudentCommand.self, SessionCommand.self, FollowUpCommand.self, ContactCommand.self, AssessmentCommand.self, CollegeCommand.self, TodoCommand.self, AttentionCommand.self, InterventionCommand.self, PlanCommand.self, CourseCommand.self, ReportCommand.self, ImportCommand.self, ExportCommand.self, AuditCommand.self, BackupCommand.self, RestoreCommand.self, PassphraseCommand.self, AdminCommand.self, DoctorCommand.self, BenchCommand.self, KeysCommand.self, HubCommand.self, SyncCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

extension Waypoint {
    /// ArgumentParser's own `main`, with two things added to what it prints: every message
    /// (an error quoting an argument, "unexpected argument …") is sanitized first, so an
    /// argument holding ESC or BEL is echoed as text, never as terminal control; and the
    /// error of a mistyped subcommand (`waypoint studnet list`), which would otherwise read
    /// as extra arguments to the interactive screen, says which one was meant.
    static func main() {
        // A file size limit (`ulimit -f`) reached mid-write kills the process with SIGXFSZ:
        // status 153, no word, and the shell's user left guessing. Ignored, the write fails
        // with EFBIG instead, SQLite rolls the transaction back, and the store says so in a
        // sentence naming the file (StorageTrouble).
        signal(SIGXFSZ, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            var message = Sanitizer.sanitizeKeepingLines(fullMessage(for: error))
            if code == .success {
                if !message.isEmpty { print(message) }
            } else {
                if let hint = SubcommandHint.hint(for: arguments, root: Waypoint.self) {
                    message += (message.isEmpty ? "" : "\n") + Sanitizer.sanitizeKeepingLines(hint)
                }
                if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// The nearest subcommand to a mistyped one, found by walking the words given down the
/// command tree.
enum SubcommandHint {
    static func hint(for arguments: [String], root: ParsableCommand.Type) -> String? {
        var command = root
        var path = [root.configuration.commandName ?? "waypoint"]
        for word in arguments where !word.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            let names = subcommands.compactMap { $0.configuration.commandName }
            if let index = names.firstIndex(of: word) {
                command = subcommands[index]
                path.append(word)
                continue
            }
            let near = names.map { ($0, distance(word.lowercased(), $0)) }
                .filter { $0.1 <= max(1, min(2, $0.0.count / 3)) || ($0.0.hasPrefix(word.lowercased()) && word.count >= 2) }
                .min { $0.1 < $1.1 }
            // Not near any: an option's value (`--db PATH`), so look further.
            guard let near else { continue }
            return "Did you mean `\((path + [near.0]).joined(separator: " "))`? (`\(path.joined(separator: " ")) --help` lists them all.)"
        }
        return nil
    }

    /// Levenshtein distance, with a swap of two neighbours counted as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
