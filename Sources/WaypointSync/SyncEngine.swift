import Foundation
import WaypointCore
import WaypointStore

/// What one sync did, for the footer and `waypoint sync`.
public struct SyncReport: Equatable, Sendable, Codable {
    public var pushed = 0
    public var refused = 0
    public var pulled = 0
    public var studentsEntered = 0
    public var checkpoint: Int64 = 0

    public init() {}
}

/// How far a sync has come, for a progress line.
public enum SyncProgress: Equatable, Sendable {
    case pushing(done: Int, waiting: Int)
    case pulling(changes: Int)
}

public enum SyncError: Error, Equatable, Sendable, CustomStringConvertible {
    case notJoined
    case hubAnsweredWrongly(String)

    public var description: String {
        switch self {
        case .notJoined:
            "This database is not joined to a hub: `waypoint sync join` first (or keep working alone: nothing needs a hub)."
        case .hubAnsweredWrongly(let what):
            "The hub answered in a way this workstation does not understand (\(what)); nothing was changed here."
        }
    }
}

/// Pushes the outbox, then pulls what changed since the checkpoint (docs/SYNC.md). Every
/// step is safe to repeat after a crash at any point: the hub applies each change once (by
/// its id), and a pull page and its checkpoint are kept in one transaction. The engine
/// holds no state of its own between calls; the database holds it all.
public struct SyncEngine: Sendable {
    public let database: AppDatabase
    public let hub: any HubLink
    public var clock: @Sendable () -> Date
    public var pushBatch = 200
    public var pullPage = 500

    public init(database: AppDatabase, hub: any HubLink, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.hub = hub
        self.clock = clock
    }

    public func sync(progress: (@Sendable (SyncProgress) -> Void)? = nil) async throws -> SyncReport {
        let state = try database.syncState()
        guard state.isJoined else { throw SyncError.notJoined }
        try await hub.checkCompatible(workstationProtocol: SyncProtocol.version)
        var report = SyncReport()
        try await push(workstation: state.workstationId, into: &report, progress: progress)
        try await pull(into: &report, progress: progress)
        return report
    }

    private func push(workstation: String, into report: inout SyncReport, progress: (@Sendable (SyncProgress) -> Void)?) async throws {
        var done = 0
        // A change queued while this loop runs goes out in the same sync; one that keeps
        // being refused leaves the outbox, so the loop ends.
        while true {
            let pending = try database.pendingChanges(limit: pushBatch)
            guard !pending.isEmpty else { return }
            progress?(.pushing(done: done, waiting: try database.pendingChangeCount()))
            let outgoing = pending.map {
                OutgoingChange(changeId: $0.changeId(workstation: workstation), table: $0.tableName, uid: $0.uid,
                               op: $0.op, baseVersion: $0.baseVersion, payload: $0.payload)
            }
            let outcomes = try await hub.push(outgoing)
            guard outcomes.count == outgoing.count else {
                throw SyncError.hubAnsweredWrongly("\(outcomes.count) answers for \(outgoing.count) changes")
            }
            let settled = try database.settlePush(pending, outcomes, now: clock())
            report.pushed += settled.applied
            report.refused += settled.refused
            done += pending.count
            // Entries that changed again while the hub answered stay, made over the new
            // version: the next round sends them. If nothing left the outbox, stop rather
            // than spin; the next sync sends them.
            if try database.pendingChanges(limit: pushBatch).map(\.seq) == pending.map(\.seq),
               try database.pendingChanges(limit: pushBatch).map(\.revision) == pending.map(\.revision) {
                return
            }
        }
    }

    private func pull(into report: inout SyncReport, progress: (@Sendable (SyncProgress) -> Void)?) async throws {
        var checkpoint = try database.syncState().checkpoint
        while true {
            let page = try await hub.pull(after: checkpoint, limit: pullPage)
            guard page.nextCheckpoint >= checkpoint else {
                throw SyncError.hubAnsweredWrongly("a checkpoint that goes back, \(page.nextCheckpoint) after \(checkpoint)")
            }
            var entered: [HubChange] = []
            for scope in page.scope where scope.entered {
                entered += try await hub.fetchStudent(scope.student)
                report.studentsEntered += 1
            }
            try database.applyPull(page, entered: entered)
            report.pulled += page.changes.count
            checkpoint = page.nextCheckpoint
            report.checkpoint = checkpoint
            progress?(.pulling(changes: report.pulled))
            if !page.hasMore { return }
        }
    }
}
