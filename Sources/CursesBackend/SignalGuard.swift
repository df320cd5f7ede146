import Foundation

/// Gives the terminal back when the process dies.
///
/// Termination signals (SIGTERM, SIGHUP) and the stop signal (SIGTSTP) only raise a flag
/// that the main loop polls, so the app can save drafts and leave (or stop) in order.
/// Crash signals cannot wait: they restore the terminal at once and then die as they would have.
public enum SignalGuard {
    nonisolated(unsafe) private static var restore: (() -> Void)?
    nonisolated(unsafe) private static var requested: Int32 = 0

    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]
    static let terminationSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]

    nonisolated(unsafe) private static var suspendRequested: Int32 = 0

    /// True once after SIGTSTP arrived (`kill -TSTP`, or Ctrl-Z in a terminal not in raw mode).
    public static func takeSuspendRequest() -> Bool {
        guard suspendRequested != 0 else { return false }
        suspendRequested = 0
        return true
    }

    /// Stops the process as the shell's job control expects, returning when it is
    /// continued. The whole process group stops, as it would on Ctrl-Z in a cooked terminal.
    static func stopForJobControl() {
        signal(SIGTSTP, SIG_DFL)
        kill(0, SIGTSTP)
        signal(SIGTSTP) { _ in SignalGuard.suspendRequested = 1 }
    }

    /// The termination signal received since the last call, if any.
    public static func takeTerminationRequest() -> Int32? {
        let value = requested
        guard value != 0 else { return nil }
        requested = 0
        return value
    }

    static func install(restore: @escaping () -> Void) {
        Self.restore = restore
        for signalNumber in terminationSignals {
            signal(signalNumber) { number in SignalGuard.requested = number }
        }
        // A stop request waits for the main loop too, which saves the draft first.
        signal(SIGTSTP) { _ in SignalGuard.suspendRequested = 1 }
        for signalNumber in crashSignals {
            signal(signalNumber) { number in
                SignalGuard.restore?()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static func uninstall() {
        restore = nil
        for signalNumber in terminationSignals + crashSignals + [SIGTSTP] {
            signal(signalNumber, SIG_DFL)
        }
    }
}
