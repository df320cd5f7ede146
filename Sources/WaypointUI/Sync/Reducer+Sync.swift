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

    /// Starts a background sync unless one runs or the workstation is not joined.
    mutating func startSync() -> [Effect] {
        guard sync.status.isJoined, !sync.isRunning else { return [] }
        sync.isRunning = true
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
        sync.isRunning = false
        sync.status = status
        sync.nextSyncAt = now.addingTimeInterval(sync.interval)
        // An unreachable hub is the footer's line already; other failures say why once.
        if let failure, !status.isUnreachable { self.status = StatusMessage(failure, isError: true) }
        return changedHere ? reloadShownData() + (refused == nil ? [] : [reloadRefused()]) : []
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
        return .loadRefusedChanges(token: current.requestToken)
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
    /// goes out at once.
    mutating func refusedResolved(_ sentence: String, resolution: RefusedResolution) -> [Effect] {
        status = StatusMessage(sentence)
        var effects: [Effect] = [reloadRefused(), .loadSyncStatus]
        if resolution == .keepMine { effects += startSync() }
        return effects
    }

    mutating func moveRefusedSelection(by delta: Int) {
        guard var current = refused else { return }
        current.table.move(by: delta, rowCount: current.rows.count, visibleRows: refusedVisibleRows)
        refused = current
    }
}
