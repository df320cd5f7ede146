import Foundation
import WaypointCore
import WaypointStore

/// How one sync ended, in the words the counselor reads.
public enum SyncOutcome: Equatable, Sendable {
    case synced(SyncReport)
    /// The hub did not answer: nothing changed here, the changes wait.
    case unreachable(String)
    /// Anything else (a wrong password, a hub too new); nothing of the failed step was kept.
    case failed(String)

    public var sentence: String? {
        switch self {
        case .synced: nil
        case .unreachable(let sentence), .failed(let sentence): sentence
        }
    }
}

/// A workstation's sync as the command line and the screen run it: open the hub through
/// the one opener, run the engine, and keep how it went in `sync_state` for the status
/// line. Never throws: every failure becomes an outcome with its sentence.
public struct WorkstationSync: Sendable {
    public let database: AppDatabase
    public let opener: any HubLinkOpener
    public var clock: @Sendable () -> Date
    /// Batch and page sizes and the step hook, for fault tests; nil keeps the engine's own.
    public var adjust: (@Sendable (inout SyncEngine) -> Void)?

    public init(database: AppDatabase, opener: any HubLinkOpener, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.opener = opener
        self.clock = clock
    }

    public func run(progress: (@Sendable (SyncProgress) -> Void)? = nil) async -> SyncOutcome {
        let state: SyncState
        do {
            state = try database.syncState()
            guard state.isJoined else { return .failed(SyncError.notJoined.description) }
        } catch {
            return .failed("\(error)")
        }
        let outcome: SyncOutcome
        do {
            let link = try await opener.open(state)
            do {
                var engine = SyncEngine(database: database, hub: link, clock: clock)
                adjust?(&engine)
                let report = try await engine.sync(progress: progress)
                await opener.close(link)
                try database.recordSyncSuccess(now: clock())
                return .synced(report)
            } catch {
                await opener.close(link)
                throw error
            }
        } catch let unreachable as HubUnreachable {
            let waiting = (try? database.pendingChangeCount()) ?? 0
            outcome = .unreachable(SyncStatus.unreachable(place: unreachable.place, waiting: waiting))
        } catch {
            outcome = .failed("\(error)")
        }
        // Kept for the status line; if even that write fails, the outcome still says why.
        try? database.recordSyncTrouble(outcome.sentence ?? "")
        return outcome
    }

    /// `run`, from a thread that may wait for it (a command, the screen's worker thread;
    /// never the screen's main loop, which must not block).
    public func runWaiting(progress: (@Sendable (SyncProgress) -> Void)? = nil) -> SyncOutcome {
        let box = OutcomeBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.outcome = await run(progress: progress)
            done.signal()
        }
        done.wait()
        return box.outcome!
    }
}

/// Written by the task, read after the semaphore: never at the same time.
private final class OutcomeBox: @unchecked Sendable { var outcome: SyncOutcome? }
