import Foundation

extension Effect {
    /// Work that can take seconds (reading and applying a roster, generating the demo
    /// district, deriving a passphrase key): it runs on a worker thread, so no key waits
    /// behind it, and its result comes back to the main loop as actions.
    public var runsInBackground: Bool {
        switch self {
        case .loadDemoDistrict, .importRoster, .checkPassphrase, .syncNow, .openSealingKey: true
        default: false
        }
    }
}

/// What a background job can see of the screen: whether the counselor asked to stop it,
/// and where to report how far it has come. Shared by the main loop and the worker thread.
public final class JobControl: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private let progress: @Sendable (JobProgress) -> Void

    init(progress: @escaping @Sendable (JobProgress) -> Void) {
        self.progress = progress
    }

    /// A control nobody cancels and whose progress goes nowhere (a test, a benchmark).
    public static var detached: JobControl { JobControl(progress: { _ in }) }

    public var isCancelled: Bool { lock.withLock { cancelled } }

    func cancel() { lock.withLock { cancelled = true } }

    public func report(_ value: JobProgress) { progress(value) }
}

/// The counselor stopped a job; what it wrote is rolled back.
public struct JobCancelled: Error, Sendable {
    public init() {}
}

/// Results of background jobs waiting for the main loop, and how many jobs still run.
final class JobInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [Action] = []
    private var running: [JobControl] = []
    private let finished = NSCondition()

    var isIdle: Bool { lock.withLock { running.isEmpty && actions.isEmpty } }

    func started(_ control: JobControl) { lock.withLock { running.append(control) } }

    func post(_ new: [Action]) { lock.withLock { actions += new } }

    func finish(_ control: JobControl, with result: [Action]) {
        lock.withLock {
            actions += result
            running.removeAll { $0 === control }
        }
        finished.lock()
        finished.broadcast()
        finished.unlock()
    }

    func cancelAll() { lock.withLock { running.forEach { $0.cancel() } } }

    /// Everything posted so far, in order.
    func take() -> [Action] {
        lock.withLock {
            defer { actions = [] }
            return actions
        }
    }

    /// Blocks until no job runs (or `seconds` pass).
    func waitUntilIdle(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        finished.lock()
        while lock.withLock({ !running.isEmpty }), Date() < deadline {
            _ = finished.wait(until: min(deadline, Date().addingTimeInterval(0.05)))
        }
        finished.unlock()
    }
}

/// Carries the performer to the worker thread. Only `runInBackground` is called there, and
/// it touches only what is safe from another thread (the database, read-only settings).
struct PerformerBox: @unchecked Sendable {
    let performer: any EffectPerformer
}
