import Foundation

/// Gives the terminal back when the process dies.
///
/// Termination signals (SIGTERM, SIGHUP) only raise a flag that the main loop polls, so the
/// app can save drafts and leave in order. Crash signals cannot wait: they restore the
/// terminal at once and then die as they would have.
public enum SignalGuard {
    nonisolated(unsafe) private static var restore: (() -> Void)?
    nonisolated(unsafe) private static var requested: Int32 = 0

    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]
    static let terminationSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]

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
        for signalNumber in terminationSignals + crashSignals {
            signal(signalNumber, SIG_DFL)
        }
    }
}
