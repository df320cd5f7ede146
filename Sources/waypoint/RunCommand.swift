import ArgumentParser
import CursesBackend
import Foundation
import TerminalKit
import Interchange
import WaypointCore
import WaypointStore
import WaypointEffects
import WaypointUI

/// The interactive screen.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Open the interactive screen (the default when no subcommand is given).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Start on this counselor's caseload (ID, sourcedId or email).", valueName: "id"))
    var counselor: String?

    @Flag(help: "Draw without colours (also when NO_COLOR is set).")
    var monochrome = false

    @Flag(help: "Draw trends with ASCII characters, for terminals that lack block characters (also WAYPOINT_ASCII=1).")
    var ascii = false

    /// For `waypoint bench`: draw the first frame, then quit, so a benchmark can time start-up.
    @Flag(help: .hidden)
    var exitAfterFirstFrame = false

    /// For `waypoint bench`, with `--exit-after-first-frame`: then open the whole district
    /// (`c`, End, Enter) and draw it before quitting, for the screen's memory with it open.
    @Flag(help: .hidden)
    var thenOpenDistrict = false

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError("the interactive screen needs a terminal on standard input and output; "
                + "for scripts use a subcommand such as `waypoint student list` (see `waypoint --help`)")
        }
        if let reason = CursesTerminal.unusableReason() {
            throw CLIError("\(reason); use a terminal such as xterm-256color, or the command line (`waypoint --help`)")
        }
        let db = try database.openForScreen()
        let environment = ProcessInfo.processInfo.environment
        let configDirectory = DatabaseLocation.configDirectory(environment: environment)
        let config: WorkstationConfig
        do {
            config = try WorkstationConfig.load(directory: configDirectory)
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
        let databasePath = WorkstationConfig.key(forDatabase: database.resolvedPath)
        // Who is at the keyboard was settled on an earlier run; --counselor only says whose
        // caseload to show (choosing someone new there asks for their passphrase, if they have one).
        let remembered = config.counselors[databasePath]
        let caseloadOwnerId = try counselor.flatMap { try db.counselor(matching: $0).id } ?? remembered
        let load = loadCatalogsWithWarnings()
        // The roster's courses join the course catalog as the screen opens (a roster
        // imported while it runs joins at the next start).
        let catalogs = try db.catalogsWithRosterCourses(load.catalogs)
        var state = AppState(size: Size(width: 80, height: 24), caseloadOwnerId: caseloadOwnerId, catalogs: catalogs)
        state.userId = remembered
        state.idleLock = try idleLock(config: config, environment: environment)
        state.asciiOnly = ascii || ProcessInfo.processInfo.environment["WAYPOINT_ASCII"] == "1"
        state.databasePath = database.resolvedPath
        if let warning = load.warnings.first {
            // The screen would hide a warning printed now: show it in the footer instead.
            state.status = StatusMessage("Warning: \(warning)", isError: true)
        }

        let backend: CursesTerminal
        do {
            backend = try CursesTerminal(monochrome: monochrome)
        } catch {
            throw CLIError("\(error); use the command line instead (`waypoint --help`)")
        }
        let runner = EffectRunner(database: db, catalogs: catalogs)
        runner.workstation = (configDirectory: configDirectory, databasePath: databasePath)
        // The background sync of a joined workstation opens the hub as `waypoint sync` does.
        runner.syncOpener = PostgresHubOpener()
        let app = App(state: state, terminal: Terminal(backend: backend), runner: runner)
        if exitAfterFirstFrame {
            app.start()
            if thenOpenDistrict {
                for key in [Key.char("c"), .end, .enter] { app.handle(.key(key)) }
                app.render()
            }
            backend.stop()
            // This image's own peak memory: wait4's figure for a spawned child also counts
            // the parent it was spawned from (posix_spawn shares the parent's memory until exec).
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            if let peak = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) { print(peak) }
            return
        }
        var signal: Int32?
        app.run(terminationRequested: {
            signal = SignalGuard.takeTerminationRequest()
            return signal != nil
        }, suspendRequested: SignalGuard.takeSuspendRequest)
        backend.stop()
        // Ended by a signal (logout, shutdown, kill): say so in the exit status, as shells expect.
        if let signal { throw ExitCode(128 + signal) }
    }

    /// `WAYPOINT_IDLE_LOCK` (for a kiosk or a test) wins over the configuration file.
    private func idleLock(config: WorkstationConfig, environment: [String: String]) throws -> IdleLock {
        guard let text = environment["WAYPOINT_IDLE_LOCK"], !text.isEmpty else { return config.idleLock }
        guard let lock = IdleLock(parsing: text) else {
            throw CLIError("WAYPOINT_IDLE_LOCK=\(text): expected \"off\" or a time of at least 5 seconds such as \"10m\" or \"90s\"")
        }
        return lock
    }
}
