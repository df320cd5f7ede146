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
        case .loadRefusedChanges(let token, let viewerId):
            return [.refusedChangesLoaded(token: token, rows: try database.refusedChangeSummaries(viewerId: viewerId))]
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

extension EffectRunner {
    /// Whether the passphrase `counselorId` just unlocked with should also open their
    /// sealing key: this workstation syncs as them, can reach a hub, and has no key yet.
    func sealingKeyWaits(for counselorId: Int64) throws -> Bool {
        let state = try database.syncState()
        guard syncOpener != nil, state.isJoined, state.counselorId == counselorId else { return false }
        return try database.sealingKey() == nil
    }

    /// Opens (or, on the counselor's first workstation, makes) the sealing key with the
    /// passphrase just checked at the lock screen, as `waypoint sync join` does; nil when it
    /// is open, else the sentence saying why not. On a worker thread, through its own connection.
    func openSealingKey(for counselorId: Int64, passphrase: String) -> String? {
        let unopened = "Your key for confidential notes was not opened"
        guard let opener = syncOpener else { return "\(unopened): this run of Waypoint cannot reach a hub." }
        let box = SealingBox()
        let done = DispatchSemaphore(value: 0)
        let database = self.database
        Task {
            do {
                let connection = try database.companion()
                let state = try connection.syncState()
                guard state.isJoined, state.counselorId == counselorId else { throw SyncError.notJoined }
                let link = try await opener.open(state)
                do {
                    try await SyncSealer.prepare(database: connection, hub: link, passphrase: passphrase)
                    await opener.close(link)
                } catch {
                    await opener.close(link)
                    throw error
                }
            } catch let unreachable as HubUnreachable {
                box.failure = "\(unopened): \(unreachable) Confidential notes wait here; unlock again when the hub is in reach."
            } catch {
                box.failure = "\(unopened): \(error)"
            }
            done.signal()
        }
        done.wait()
        markOwnWrite()
        return box.failure
    }
}

/// Written by the task, read after the semaphore: never at the same time.
private final class SealingBox: @unchecked Sendable { var failure: String? }

private struct UncheckedClock: @unchecked Sendable { let read: () -> Date }
