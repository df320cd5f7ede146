import ArgumentParser
import CursesBackend
import Foundation
import TerminalKit
import WaypointStore
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

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError("the interactive screen needs a terminal on standard input and output; "
                + "for scripts use a subcommand such as `waypoint student list` (see `waypoint --help`)")
        }
        let db = try database.open()
        let counselorId = try counselor.map { try db.counselor(matching: $0).id }
        var state = AppState(size: Size(width: 80, height: 24), counselorId: counselorId ?? nil)
        state.databasePath = database.resolvedPath
        state.sessionKinds = loadCatalogs().sessionKinds

        let backend = CursesTerminal(monochrome: monochrome)
        let app = App(state: state, terminal: Terminal(backend: backend), runner: EffectRunner(database: db))
        var signal: Int32?
        app.run(terminationRequested: {
            signal = SignalGuard.takeTerminationRequest()
            return signal != nil
        })
        backend.stop()
        // Ended by a signal (logout, shutdown, kill): say so in the exit status, as shells expect.
        if let signal { throw ExitCode(128 + signal) }
    }
}
