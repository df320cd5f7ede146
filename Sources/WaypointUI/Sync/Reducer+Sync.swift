import Foundation
import WaypointCore

extension AppState {
    /// The store said where sync stands (at start, after a decision): a joined workstation
    /// with no sync scheduled yet syncs now.
    mutating func receiveSyncStatus(_ status: SyncStatus) -> [Effect] {
        sync.status = status
        guard status.isJoined, sync.nextSyncAt == nil else { return [] }
        return startSync()
    }

    /// Starts a background sync unless one runs or the workstation is not joined. One the
    /// counselor `asked` for (S) says so in the footer, and says again when it ends.
    mutating func startSync(asked: Bool = false) -> [Effect] {
        guard sync.status.isJoined, !sync.isRunning else { return [] }
        sync.isRunning = true
        sync.isAsked = asked
        // S cleared the footer's message; a decision's sentence (keep mine) stays until the end.
        if asked, status == nil { status = StatusMessage("Syncing with the hub…") }
        sync.nextSyncAt = now.addingTimeInterval(sync.interval)
        return [.syncNow]
    }

    /// Each tick: a sync that is due starts.
    mutating func syncEffectsForTick() -> [Effect] {
        guard sync.status.isJoined, let due = sync.nextSyncAt, now >= due else { return [] }
        return startSync()
    }

    /// A background sync ended. `failure` is its sentence when it did not get through;
    /// `changedHere` says it wrote rows here, so what is shown is loaded again.
    mutating func syncFinished(_ status: SyncStatus, failure: String?, changedHere: Bool) -> [Effect] {
        let asked = sync.isAsked
        sync.isRunning = false
        sync.isAsked = false
        sync.status = status
        sync.nextSyncAt = now.addingTimeInterval(sync.interval)
        // An unreachable hub is the footer's line already (unless S asked); other failures say why once.
        if let failure, asked || !status.isUnreachable {
            self.status = StatusMessage(failure, isError: true)
        } else if asked {
            self.status = StatusMessage(status.refused == 0 ? "Synced with the hub."
                : "Synced; the hub refused \(counted(status.refused, "change")) — R shows \(status.refused == 1 ? "it" : "them").")
        }
        return changedHere ? reloadShownData() + (refused == nil ? [] : [reloadRefused()]) : []
    }

    /// The lock opened with the passphrase that also opens the sealing key this workstation
    /// lacks: it is opened now, in the background, for the counselor who is at the keyboard
    /// (not if the lock is still shut or someone else took over meanwhile).
    mutating func sealingKeyWaits(counselorId: Int64, passphrase: String) -> [Effect] {
        guard lock == nil, userId == counselorId, sync.status.isJoined else { return [] }
        return [.openSealingKey(counselorId: counselorId, passphrase: passphrase)]
    }

    /// With the key open, confidential work that waited here goes out sealed at once, and
    /// what arrived sealed is shown; a failure says why, and the next unlock tries again.
    mutating func sealingKeyOpened(failure: String?) -> [Effect] {
        if let failure {
            status = StatusMessage(failure, isError: true)
            return [.loadSyncStatus]
        }
        status = StatusMessage("Your key for confidential notes is open: they sync sealed.")
        return reloadShownData() + [.loadSyncStatus] + startSync()
    }

    mutating func openRefused() -> [Effect] {
        refused = RefusedChangesState()
        screens.append(.refusedChanges)
        return [reloadRefused()]
    }

    mutating func reloadRefused() -> Effect {
        var current = refused ?? RefusedChangesState()
        current.requestToken += 1
        refused = current
        return .loadRefusedChanges(token: current.requestToken, viewerId: userId)
    }

    mutating func receiveRefused(token: Int, rows: [RefusedChangeSummary]) {
        guard var current = refused, current.requestToken == token else { return }
        current.rows = rows
        current.isLoaded = true
        current.table.clamp(rowCount: rows.count, visibleRows: refusedVisibleRows)
        refused = current
    }

    mutating func resolveSelectedRefused(_ resolution: RefusedResolution) -> [Effect] {
        guard let row = refused?.selected else { return [] }
        return [.resolveRefused(id: row.id, resolution, userId: userId)]
    }

    /// A decision was kept: the list and the status line are read again; a kept "mine"
    /// goes out at once, and the footer says when it went.
    mutating func refusedResolved(_ sentence: String, resolution: RefusedResolution) -> [Effect] {
        status = StatusMessage(sentence)
        var effects: [Effect] = [reloadRefused(), .loadSyncStatus]
        if resolution == .keepMine { effects += startSync(asked: true) }
        return effects
    }

    mutating func moveRefusedSelection(by delta: Int) {
        guard var current = refused else { return }
        current.table.move(by: delta, rowCount: current.rows.count, visibleRows: refusedVisibleRows)
        refused = current
    }
}
