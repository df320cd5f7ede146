import Foundation
import GRDB
import WaypointCore

/// A change the hub refused, waiting for the counselor's decision.
public struct RefusedChange: Codable, Equatable, Sendable, FetchableRecord, TableRecord {
    public static let databaseTableName = "sync_refused"

    public var id: Int64
    public var tableName: String
    public var uid: String
    public var op: String
    public var baseVersion: Int64
    public var mine: String
    public var theirs: String?
    public var reason: RefusalReason
    public var detail: String
    public var refusedAt: String
}

extension RefusalReason: DatabaseValueConvertible {}

extension PendingChange {
    /// Stable across retries, and new when the entry changed again after it was sent: the
    /// hub applies each once, and tells an earlier revision of the same entry from someone
    /// else's change (docs/SYNC.md, "Push").
    public func changeId(workstation: String) -> String { "\(workstation):\(seq):\(revision)" }
}

extension AppDatabase {
    /// Records the hub's answers to `sent` (in order), in one transaction:
    /// - applied: the entry leaves the outbox and the row's hub version is kept, unless the
    ///   row changed again while the hub answered; then the entry stays, now made over the
    ///   version its earlier revision produced;
    /// - refused: the entry moves to `sync_refused` with both versions, for the counselor.
    /// - a note version refused because the hub has another of the same number (two
    ///   workstations amended one session offline) is not a conflict: both are kept
    ///   (`renumberNote`).
    /// `sealed` names the entries (by seq) that went sealed; the hub's copy of those records
    /// is then known to be sealed. Returns how many were applied and refused.
    @discardableResult
    public func settlePush(_ sent: [PendingChange], _ outcomes: [PushOutcome], now: Date, sealed: Set<Int64> = [],
                           open: SyncOpener = { _ in nil }) throws -> (applied: Int, refused: Int) {
        precondition(sent.count == outcomes.count, "one outcome per change")
        // Capture is paused: taking theirs for a refused change is the hub's row, not a change.
        return try withPullApplying { db in
            var applied = 0, refused = 0
            for (change, outcome) in zip(sent, outcomes) {
                let revision = try Int.fetchOne(db, sql: "SELECT revision FROM sync_outbox WHERE seq = ?", arguments: [change.seq])
                switch outcome {
                case .applied(let version):
                    applied += 1
                    if revision == change.revision {
                        try db.execute(sql: "DELETE FROM sync_outbox WHERE seq = ?", arguments: [change.seq])
                    } else if revision != nil {
                        try db.execute(sql: "UPDATE sync_outbox SET baseVersion = ? WHERE seq = ?", arguments: [version, change.seq])
                    } else if change.op != .delete {
                        // The entry went while the hub answered: the row was deleted here before
                        // the hub was known to have it, so capture dropped the pending insert.
                        // The hub has it now: it must hear of the delete.
                        try db.execute(sql: """
                            INSERT INTO sync_outbox (tableName, uid, op, baseVersion, payload, queuedAt)
                            VALUES (?, ?, 'delete', ?, ?, ?)
                            """, arguments: [change.tableName, change.uid, version, change.payload, AuditTime.text(now)])
                        continue
                    }
                    if change.op != .delete {
                        try db.execute(sql: "UPDATE sync_key SET hubVersion = ? WHERE tableName = ? AND uid = ?",
                                       arguments: [version, change.tableName, change.uid])
                        if db.changesCount == 0 {
                            // Rows keyed by their content have no key row until the hub knows them.
                            try AppDatabase.recordKey(db, table: change.tableName, localId: nil, uid: change.uid, hubVersion: version)
                        }
                        try db.execute(sql: "UPDATE sync_key SET sealed = ? WHERE tableName = ? AND uid = ?",
                                       arguments: [sealed.contains(change.seq), change.tableName, change.uid])
                    } else if revision == change.revision {
                        // The hub no longer has it (a topic withdrawn as its session became
                        // confidential, while the row stays here).
                        try db.execute(sql: "DELETE FROM sync_key WHERE tableName = ? AND uid = ? AND localId IS NULL",
                                       arguments: [change.tableName, change.uid])
                    }
                case .refused(.changedElsewhere, let theirs, _)
                    where change.tableName == "session_note" && change.op == .insert && revision == change.revision:
                    try AppDatabase.renumberNote(db, change, theirs: theirs, open: open)
                case .refused(.changedElsewhere, nil, _) where change.op == .delete && revision == change.revision:
                    // Removed here and removed at the hub: the two agree, nothing to decide.
                    applied += 1
                    try db.execute(sql: "DELETE FROM sync_outbox WHERE seq = ?", arguments: [change.seq])
                    try db.execute(sql: "DELETE FROM sync_key WHERE tableName = ? AND uid = ?", arguments: [change.tableName, change.uid])
                case .refused(let reason, let theirs, let detail):
                    refused += 1
                    try db.execute(sql: """
                        INSERT INTO sync_refused (tableName, uid, op, baseVersion, mine, theirs, reason, detail, refusedAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [change.tableName, change.uid, change.op.rawValue, change.baseVersion, change.payload,
                                         theirs?.payload, reason, detail, AuditTime.text(now)])
                    // Only the revision the hub saw is refused; a later one stays queued.
                    if revision == change.revision {
                        try db.execute(sql: "DELETE FROM sync_outbox WHERE seq = ?", arguments: [change.seq])
                        // This workstation now shows what the hub holds; its own version
                        // waits in sync_refused for the counselor to decide.
                        if let theirs {
                            try AppDatabase.apply(db, theirs, open: open)
                        } else if reason == .changedElsewhere {
                            // Changed elsewhere, and the hub holds nothing: a colleague removed
                            // it. Removed here too, so keeping mine puts it back as new rather
                            // than sending it over a version that is gone.
                            try AppDatabase.apply(db, HubChange(seq: 0, table: change.tableName, uid: change.uid, op: .delete,
                                                                version: 0, payload: change.payload), open: open)
                        }
                    }
                }
            }
            try db.execute(sql: "UPDATE sync_state SET lastSyncAt = ?, lastError = NULL WHERE id = 1", arguments: [AuditTime.text(now)])
            return (applied, refused)
        }
    }

    /// Two workstations amended one session offline and both wrote version N; the hub took
    /// the other first. Both versions are kept, in the order the hub received them: this
    /// workstation's version moves to the next free number here, the hub's takes N, and this
    /// one is queued again under its new number (if the hub has that one too by then, it
    /// moves on again the same way). Note history is append-only, so this is done with
    /// `rewriting` set, in the push's transaction.
    static func renumberNote(_ db: Database, _ change: PendingChange, theirs: HubChange?, open: SyncOpener) throws {
        guard let slash = change.uid.lastIndex(of: "/"), let version = Int64(change.uid[change.uid.index(after: slash)...]),
              let sessionId = try Int64.fetchOne(db, sql: "SELECT localId FROM sync_key WHERE tableName = 'advising_session' AND uid = ?",
                                                 arguments: [String(change.uid[..<slash])])
        else { return }
        let next = (try Int64.fetchOne(db, sql: "SELECT max(version) FROM session_note WHERE sessionId = ?", arguments: [sessionId]) ?? version) + 1
        try db.execute(sql: "DELETE FROM sync_outbox WHERE seq = ?", arguments: [change.seq])
        try db.execute(sql: "UPDATE sync_state SET rewriting = 1 WHERE id = 1")
        try db.execute(sql: "UPDATE session_note SET version = ? WHERE sessionId = ? AND version = ?", arguments: [next, sessionId, version])
        try db.execute(sql: "UPDATE sync_state SET rewriting = 0 WHERE id = 1")
        if let theirs { try apply(db, theirs, open: open) }
        let table = SyncTable.byName["session_note"]!
        let row = try Row.fetchOne(db, sql: """
            SELECT \(table.uidSQL("t")) AS uid, \(table.payloadSQL("t")) AS payload FROM session_note t WHERE sessionId = ? AND version = ?
            """, arguments: [sessionId, next])!
        try queue(db, table: table.name, uid: row["uid"], op: .insert, baseVersion: 0, payload: row["payload"])
    }

    public func refusedChanges() throws -> [RefusedChange] {
        try read { db in try RefusedChange.order(Column("id")).fetchAll(db) }
    }

    /// The hub could not be reached or answered with an error: kept for the status line.
    public func recordSyncTrouble(_ sentence: String) throws {
        try write { db in try db.execute(sql: "UPDATE sync_state SET lastError = ? WHERE id = 1", arguments: [sentence]) }
    }
}
