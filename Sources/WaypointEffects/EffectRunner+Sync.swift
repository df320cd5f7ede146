import Foundation
import WaypointCore
import WaypointStore
import WaypointSync
import WaypointUI

extension EffectRunner {
    /// The quick sync effects, on the main thread: reads of the status and the refused
    /// changes, and a decision on one.
    func runSyncEffect(_ effect: Effect) throws -> [Action] {
        switch effect {
        case .loadSyncStatus:
            return [.syncStatusLoaded(try database.syncStatus())]
        case .loadRefusedChanges(let token):
            return [.refusedChangesLoaded(token: token, rows: try database.refusedChangeSummaries())]
        case .resolveRefused(let id, let resolution, let userId):
            let sentence = try database.resolveRefused(id, resolution, by: userId, now: clock())
            return [.refusedResolved(sentence, resolution)]
        default:
            return []
        }
    }

    /// One sync with the hub, on a worker thread (`Effect.syncNow` runs in the background):
    /// its own connection, so the screen's writes wait on SQLite's lock with their patience
    /// rather than behind the sync. Never fails as an effect: an unreachable hub or any other
    /// trouble comes back as the status and its sentence.
    func syncNow(job: JobControl) throws -> [Action] {
        let connection = try database.companion()
        guard let opener = syncOpener else {
            let sentence = "This run of Waypoint cannot reach a hub (no hub link); your changes wait here."
            try connection.recordSyncTrouble(sentence)
            return [.syncFinished(try connection.syncStatus(), failure: sentence, changedHere: false)]
        }
        // The injected clock is read-only while the screen runs, like the catalogs.
        let clock = UncheckedClock(read: self.clock)
        let sync = WorkstationSync(database: connection, opener: opener, clock: { clock.read() })
        let outcome = sync.runWaiting()
        markOwnWrite()
        let changedHere: Bool = switch outcome {
        case .synced(let report): report.pulled > 0 || report.refused > 0 || report.studentsEntered > 0
        default: false
        }
        return [.syncFinished(try connection.syncStatus(), failure: outcome.sentence, changedHere: changedHere)]
    }
}

private struct UncheckedClock: @unchecked Sendable { let read: () -> Date }
