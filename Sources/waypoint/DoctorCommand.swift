import ArgumentParser
import Foundation
import TerminalKit
import WaypointStore

/// `waypoint doctor`: checks the database, the catalogs and the terminal, and says what is
/// wrong and how to fix it. It never changes the database: it reads it read-only, even one
/// the normal open refuses; `--fix` tightens permissions and finishes an import that stopped part-way.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the database, catalogs and terminal; say what is wrong and how to fix it.",
        discussion: """
            One line per check: OK, WARNING (works, but worth knowing) or PROBLEM, with how to fix it. \
            The exit status is 1 when there is a problem. --fix makes the database, its -wal and -shm \
            files owner-only (0600), gives your own read-only ones write permission back, makes its \
            folder owner-only (0700) when the folder holds only the database, removes plain copies \
            a stopped backup or restore left behind, and applies the rest of an import that stopped \
            part-way; it changes nothing else.
            """)

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Make the database files owner-only (and their folder, when it is the database's own), remove copies a stopped backup left and finish an import that stopped part-way; nothing else.")
    var fix = false

    func run() throws {
        let path = database.resolvedPath
        if fix {
            try tightenPermissions(path)
            LeftoverChecks.fix(databasePath: path)
            try InterruptedImportChecks.fix(databasePath: path)
        }
        var findings: [DoctorFinding] = []
        say("Database \(path)")
        findings += report(DatabaseChecks.run(path: path))
        findings += report(LeftoverChecks.run(databasePath: path))
        findings += report(DraftsAsideChecks.run(databasePath: path))
        let configDirectory = DatabaseLocation.configDirectory(environment: ProcessInfo.processInfo.environment)
        say("Catalogs in \(configDirectory)")
        findings += report(CatalogChecks.run(configDirectory: configDirectory))
        say("Terminal")
        findings += report(TerminalChecks.run(environment: ProcessInfo.processInfo.environment,
                                              outputIsTerminal: isatty(STDOUT_FILENO) == 1))
        let problems = findings.filter { $0.level == .problem }.count
        let warnings = findings.filter { $0.level == .warning }.count
        say(problems == 0 ? "No problems\(warnings > 0 ? " (\(counted(warnings, "warning")))" : "")."
              : "\(counted(problems, "problem")) found.")
        if problems > 0 { throw ExitCode(1) }
    }

    private func tightenPermissions(_ path: String) throws {
        // Another program's database is that program's business.
        do {
            _ = try AppDatabase.diagnose(path: path)
        } catch StoreError.notWaypointDatabase {
            say("SKIPPED  \(path) is another program's database; --fix leaves its permissions alone")
            return
        } catch {
            // Missing or damaged: its files are still Waypoint's to tighten.
        }
        do {
            for entry in try DatabasePermissions.makeWritable(databasePath: path) {
                print("FIXED    \(entry.path): mode \(entry.octalMode) -> 0600 (writable again)")
            }
            for entry in try DatabasePermissions.tightenFiles(databasePath: path) {
                say("FIXED    \(entry.path): mode \(entry.octalMode) -> \(DatabasePermissions.octal(entry.tightenedMode))")
            }
            if let folder = try DatabasePermissions.tightenFolder(databasePath: path) {
                say("FIXED    \(folder.path): mode \(folder.octalMode) -> \(DatabasePermissions.octal(folder.tightenedMode))")
            }
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
    }

    private func report(_ findings: [DoctorFinding]) -> [DoctorFinding] {
        for finding in findings { print(finding.line) }
        return findings
    }
}

/// One check's outcome, printed as one line.
struct DoctorFinding: Equatable {
    enum Level: String { case ok = "OK", warning = "WARNING", problem = "PROBLEM" }
    var level: Level
    var text: String
    /// How to fix it, for a warning or a problem.
    var fix: String?

    static func ok(_ text: String) -> DoctorFinding { DoctorFinding(level: .ok, text: text) }
    static func warning(_ text: String, fix: String) -> DoctorFinding { DoctorFinding(level: .warning, text: text, fix: fix) }
    static func problem(_ text: String, fix: String) -> DoctorFinding { DoctorFinding(level: .problem, text: text, fix: fix) }

    var line: String {
        let label = level.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
        let sentence = text.hasSuffix(".") ? String(text.dropLast()) : text
        return "\(label) \(Sanitizer.sanitize(sentence))" + (fix.map { ". Fix: \($0)" } ?? "")
    }
}
