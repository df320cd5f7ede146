import Foundation
import WaypointCore
import WaypointStore

/// What one sync did, for the footer and `waypoint sync`.
public struct SyncReport: Equatable, Sendable, Codable {
    public var pushed = 0
    public var refused = 0
    public var pulled = 0
    public var studentsEntered = 0
    public var studentsLeft = 0
    /// Changes of confidential sessions kept on this workstation, never pushed, because
    /// this counselor has no sealing key here yet (no passphrase): say so to the counselor.
    public var confidentialKeptHere = 0
    /// Sealed records that arrived without a key that opens them, kept sealed.
    public var sealedHeld = 0
    public var checkpoint: Int64 = 0

    public init() {}
}

/// How far a sync has come, for a progress line.
public enum SyncProgress: Equatable, Sendable {
    case pushing(done: Int, waiting: Int)
    case pulling(changes: Int)
}

/// The points between which a sync can die (the process killed, the machine off) and must
/// lose and double nothing, for the fault tests that kill a real `waypoint sync` there.
/// Batches and pages count from 1 within one sync.
public enum SyncStep: Equatable, Sendable, CustomStringConvertible {
    /// The hub committed a push batch and answered; nothing of the answer is kept here yet.
    case hubApplied(batch: Int)
    /// The workstation kept the hub's answers to the batch (the outbox shrank).
    case settled(batch: Int)
    /// A pull page arrived; nothing of it is kept here yet.
    case pageReceived(page: Int)
    /// The page and its checkpoint are kept here, in one transaction.
    case pageApplied(page: Int)

    public var description: String {
        switch self {
        case .hubApplied(let batch): "hub-applied \(batch)"
        case .settled(let batch): "settled \(batch)"
        case .pageReceived(let page): "page-received \(page)"
        case .pageApplied(let page): "page-applied \(page)"
        }
    }
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
    /// Students fetched per round trip when they enter this counselor's scope.
    static let fetchBatch = 100
    /// Called at each ``SyncStep``; only fault tests set it (through the executable).
    public var reached: (@Sendable (SyncStep) -> Void)?

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
        let sealer = try Sealer(database: database)
        if let sealer { try database.releaseHeld(open: sealer.open) }
        try await push(workstation: state.workstationId, sealer: sealer, into: &report, progress: progress)
        try await pull(workstation: state.workstationId, sealer: sealer, into: &report, progress: progress)
        report.confidentialKeptHere = sealer == nil ? try database.confidentialChangesWaiting() : 0
        report.sealedHeld = try database.sealedRecordsHeld()
        return report
    }

    private func push(workstation: String, sealer: Sealer?, into report: inout SyncReport,
                      progress: (@Sendable (SyncProgress) -> Void)?) async throws {
        var done = 0
        var batch = 0
        // A change queued while this loop runs goes out in the same sync; one that keeps
        // being refused leaves the outbox, so the loop ends.
        while true {
            try database.foldForSealing()
            // Without a sealing key, a confidential session's changes wait here.
            let withholding = sealer == nil
            let pending = try Self.hubOrder(database.pendingChanges(limit: pushBatch, withholdingConfidential: withholding))
            guard !pending.isEmpty else { return }
            progress?(.pushing(done: done, waiting: try database.pendingChangeCount()))
            let confidential = try database.confidentialEntries(pending)
            var sealed: Set<Int64> = []
            let outgoing = try pending.map { change in
                var payload = change.payload
                if let topics = confidential[change.seq], let sealer {
                    payload = try sealer.seal(change, topics: change.tableName == "advising_session" ? topics : nil)
                    sealed.insert(change.seq)
                }
                return OutgoingChange(changeId: change.changeId(workstation: workstation), table: change.tableName, uid: change.uid,
                                      op: change.op, baseVersion: change.baseVersion, payload: payload)
            }
            let outcomes = try await hub.push(outgoing)
            batch += 1
            reached?(.hubApplied(batch: batch))
            guard outcomes.count == outgoing.count else {
                throw SyncError.hubAnsweredWrongly("\(outcomes.count) answers for \(outgoing.count) changes")
            }
            let settled = try database.settlePush(pending, outcomes, now: clock(), sealed: sealed, open: sealer?.open ?? { _ in nil })
            report.pushed += settled.applied
            report.refused += settled.refused
            done += pending.count
            reached?(.settled(batch: batch))
            // Entries that changed again while the hub answered stay, made over the new
            // version: the next round sends them. If nothing left the outbox, stop rather
            // than spin; the next sync sends them.
            let after = try database.pendingChanges(limit: pushBatch, withholdingConfidential: withholding)
            if Set(after.map(\.seq)) == Set(pending.map(\.seq)), Set(after.map(\.revision)) == Set(pending.map(\.revision)) {
                return
            }
        }
    }

    /// A topic of a session turned confidential is withdrawn from the hub before the session
    /// goes sealed (the hub refuses any topic of a confidential session); otherwise the
    /// outbox's order.
    static func hubOrder(_ pending: [PendingChange]) -> [PendingChange] {
        let withdrawn = pending.filter { $0.tableName == "session_topic" && $0.op == .delete }
        return withdrawn + pending.filter { !($0.tableName == "session_topic" && $0.op == .delete) }
    }

    private func pull(workstation: String, sealer: Sealer?, into report: inout SyncReport,
                      progress: (@Sendable (SyncProgress) -> Void)?) async throws {
        var checkpoint = try database.syncState().checkpoint
        var pages = 0
        while true {
            let page = try await hub.pull(after: checkpoint, limit: pullPage, skippingPushesOf: workstation)
            pages += 1
            reached?(.pageReceived(page: pages))
            guard page.nextCheckpoint >= checkpoint else {
                throw SyncError.hubAnsweredWrongly("a checkpoint that goes back, \(page.nextCheckpoint) after \(checkpoint)")
            }
            // The students who entered, a few hundred per round trip (a first pull brings the
            // whole caseload at once).
            let entering = page.scope.filter(\.entered).map(\.student)
            var entered: [String: [HubChange]] = [:]
            for start in stride(from: 0, to: entering.count, by: Self.fetchBatch) {
                let batch = Array(entering[start..<min(start + Self.fetchBatch, entering.count)])
                entered.merge(try await hub.fetchStudents(batch)) { _, fetched in fetched }
            }
            report.studentsEntered += entering.count
            // A student leaving: what was written here for them goes to the hub first (what
            // the hub refuses is kept among the refused changes), then they leave this
            // workstation with the page.
            if page.scope.contains(where: { !$0.entered }) {
                try await push(workstation: workstation, sealer: sealer, into: &report, progress: progress)
                report.studentsLeft += page.scope.filter { !$0.entered }.count
            }
            try database.applyPull(page, entered: entered, now: clock(), open: sealer?.open ?? { _ in nil })
            reached?(.pageApplied(page: pages))
            report.pulled += page.changes.count
            checkpoint = page.nextCheckpoint
            report.checkpoint = checkpoint
            progress?(.pulling(changes: report.pulled))
            if !page.hasMore { return }
        }
    }
}

