import ArgumentParser
import Foundation

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

    static func main() {
        // A file size limit (`ulimit -f`) reached mid-write kills the process with SIGXFSZ:
        // status 153, no word, and the shell's user left guessing. Ignored, the write fails
        // with EFBIG instead, SQLite rolls the transaction back, and the store says so in a
        // sentence naming the file (StorageTrouble).
        signal(SIGXFSZ, SIG_IGN)
        main(nil)
    }
}
