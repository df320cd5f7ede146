import Foundation
import GRDB

/// A second writer beside a long write, for `waypoint bench`: on its own connection and
/// thread it takes and at once gives back the write lock (`BEGIN IMMEDIATE`, `ROLLBACK`)
/// every few milliseconds, waiting as a counselor's save waits, and keeps the longest it had to
/// wait. That wait is the figure issue 12 asks about: how long a save waits behind an import.
/// It is measured from outside the writer, so it holds every transaction the writer makes
/// (give or take the 2 ms between two looks at the lock).
public final class WriteLockProbe: @unchecked Sendable {
    private let lock = NSLock()
    private var longest: TimeInterval = 0
    private var stopping = false
    private let done = DispatchSemaphore(value: 0)

    /// Starts probing the database at `path`, which must exist.
    public init(path: String) throws {
        // Waiting the way a counselor's save waits.
        let queue = try DatabaseQueue(path: path, configuration: AppDatabase.configuration(
            patience: BusyPatience(perTry: 600, overall: 0)))
        Thread.detachNewThread { [self] in
            defer { done.signal() }
            while !lock.withLock({ stopping }) {
                let start = DispatchTime.now().uptimeNanoseconds
                do {
                    try queue.writeWithoutTransaction { db in
                        try db.execute(sql: "BEGIN IMMEDIATE")
                        try db.execute(sql: "ROLLBACK")
                    }
                } catch {
                    return
                }
                let waited = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                lock.withLock { longest = max(longest, waited) }
                Thread.sleep(forTimeInterval: 0.005)
            }
        }
    }

    /// Stops probing; the longest wait for the write lock, in seconds.
    public func finish() -> TimeInterval {
        lock.withLock { stopping = true }
        done.wait()
        return lock.withLock { longest }
    }
}
