import Foundation
import GRDB
import WaypointCore

/// A sealed record opened with this counselor's key: the record's payload as capture wrote
/// it, and for a session, its topics (which never travel as rows of their own).
public struct SyncOpened: Sendable, Equatable {
    public var payload: String
    public var topics: [String]?

    public init(payload: String, topics: [String]?) {
        self.payload = payload
        self.topics = topics
    }
}

/// Opens a sealed change, or nil when this workstation has no key that opens it: then the
/// record is held as it came (`sync_held`), never shown as empty text.
public typealias SyncOpener = (HubChange) -> SyncOpened?

/// What of a confidential session travels sealed (docs/SYNC.md, "Confidential notes"): the
/// session, its note versions and its follow-ups (confidential to their author like the
/// note, docs/PRIVACY.md), each found by the session it belongs to. Its topics ride inside
/// the sealed session. Written once here; the push and the fold below read it.
enum SyncConfidential {
    /// The session uid an outbox entry belongs to, as SQL over `sync_outbox` columns (named
    /// in full: `sync_key` has columns of the same names).
    static let sessionOfEntry = """
        CASE sync_outbox.tableName WHEN 'advising_session' THEN sync_outbox.uid
        WHEN 'session_note' THEN json_extract(sync_outbox.payload, '$.session')
        WHEN 'follow_up' THEN json_extract(sync_outbox.payload, '$.session')
        WHEN 'session_topic' THEN json_extract(sync_outbox.payload, '$.session') END
        """

    /// Whether the session named by the SQL expression `uid` is confidential here.
    static func isConfidential(_ uid: String) -> String {
        """
        EXISTS (SELECT 1 FROM sync_key ck JOIN advising_session cs ON cs.id = ck.localId
                WHERE ck.tableName = 'advising_session' AND ck.uid = \(uid) AND cs.isConfidential)
        """
    }

    /// An outbox entry of a confidential session (as a condition over `sync_outbox`).
    static let entry = isConfidential(sessionOfEntry)
}

extension AppDatabase {
    /// This counselor's sealing key, unwrapped (docs/PRIVACY.md says why it may be here).
    public func sealingKey() throws -> Data? {
        try read { db in try Data.fetchOne(db, sql: "SELECT sealingKey FROM sync_state WHERE id = 1") }
    }

    public func keepSealingKey(_ key: Data) throws {
        try write { db in try db.execute(sql: "UPDATE sync_state SET sealingKey = ? WHERE id = 1", arguments: [key]) }
    }

    /// Entries of confidential sessions waiting in the outbox: without a sealing key they
    /// stay on this workstation (never pushed) until the counselor sets a passphrase.
    public func confidentialChangesWaiting() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_outbox WHERE \(SyncConfidential.entry)") ?? 0 }
    }

    /// Sealed records that arrived without a key that opens them.
    public func sealedRecordsHeld() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_held") ?? 0 }
    }

    /// The entries among `pending` that travel sealed (their session is confidential here),
    /// by seq, with the session's topics for a session's own entry (they ride inside it).
    /// A topic entry never does: the fold leaves only withdrawals of clear topics.
    public func confidentialEntries(_ pending: [PendingChange]) throws -> [Int64: [String]] {
        guard !pending.isEmpty else { return [:] }
        return try read { db in
            var result: [Int64: [String]] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT seq, tableName, uid FROM sync_outbox
                WHERE seq IN (SELECT value FROM json_each(?)) AND tableName <> 'session_topic' AND \(SyncConfidential.entry)
                """, arguments: ["[" + pending.map { String($0.seq) }.joined(separator: ",") + "]"])
            for row in rows {
                let table: String = row["tableName"]
                result[row["seq"]] = table != "advising_session" ? [] : try String.fetchAll(db, sql: """
                    SELECT topic FROM session_topic WHERE sessionId = (SELECT localId FROM sync_key WHERE tableName = ? AND uid = ?)
                    ORDER BY topic
                    """, arguments: [table, row["uid"] as String])
            }
            return result
        }
    }

    /// Rearranges the outbox so a confidential session's content can only leave sealed, run
    /// before each push round:
    /// - a topic entry of a confidential session never goes out: the session is queued
    ///   again instead (its topics ride inside it), unless the hub still holds that topic in
    ///   clear (the session was open when it synced), which then goes as a delete;
    /// - a session turned confidential after it synced queues its note versions and
    ///   follow-ups the hub holds in clear, to be sent again sealed (the one update the hub
    ///   allows to an append-only record).
    public func foldForSealing() throws {
        let waiting = """
            SELECT DISTINCT \(SyncConfidential.sessionOfEntry) AS session FROM sync_outbox
            WHERE tableName IN ('advising_session', 'session_topic') AND \(SyncConfidential.entry)
            """
        // Most pushes carry no confidential session: no write transaction for them.
        guard try read({ db in try String.fetchOne(db, sql: waiting) }) != nil else { return }
        try write { db in
            for session in try String.fetchAll(db, sql: waiting) {
                guard let localId = try Int64.fetchOne(db, sql: "SELECT localId FROM sync_key WHERE tableName = 'advising_session' AND uid = ?",
                                                       arguments: [session]) else { continue }
                // A topic entry made over a hub version (the hub holds that topic in clear) goes
                // as a withdrawal; the others are dropped.
                try db.execute(sql: """
                    DELETE FROM sync_outbox WHERE tableName = 'session_topic' AND json_extract(payload, '$.session') = ? AND baseVersion = 0
                    """, arguments: [session])
                try db.execute(sql: """
                    UPDATE sync_outbox SET op = 'delete', revision = revision + 1
                    WHERE tableName = 'session_topic' AND json_extract(payload, '$.session') = ? AND op <> 'delete'
                    """, arguments: [session])
                for topic in try Row.fetchAll(db, sql: """
                    SELECT uid, hubVersion FROM sync_key WHERE tableName = 'session_topic' AND hubVersion > 0 AND NOT sealed
                      AND substr(uid, 1, length(?) + 1) = ? || '/'
                    """, arguments: [session, session]) {
                    let uid: String = topic["uid"]
                    let name = String(uid.dropFirst(session.count + 1))
                    try AppDatabase.queue(db, table: "session_topic", uid: uid, op: .delete, baseVersion: topic["hubVersion"],
                              payload: try String.fetchOne(db, sql: "SELECT json_object('session', ?, 'topic', ?)",
                                                           arguments: [session, name])!)
                }
                // The session goes again (its topics are read as it is sealed), if not already waiting.
                try queueAgain(db, SyncTable.byName["advising_session"]!, where: "t.id = \(localId)")
                try queueAgain(db, SyncTable.byName["session_note"]!, where: "t.sessionId = \(localId)", onlyIfClearAtHub: true)
                try queueAgain(db, SyncTable.byName["follow_up"]!, where: "t.sessionId = \(localId)", onlyIfClearAtHub: true)
            }
        }
    }

    /// Queues rows of `table` matching `condition` (over alias `t`) that have no entry
    /// waiting, as updates of the hub's version; with `onlyIfClearAtHub`, only rows the hub
    /// holds in clear.
    private func queueAgain(_ db: Database, _ table: SyncTable, where condition: String, onlyIfClearAtHub: Bool = false) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT \(table.uidSQL("t")) AS uid, \(table.payloadSQL("t")) AS payload FROM \(table.name) t WHERE \(condition)")
        for row in rows {
            guard let uid: String = row["uid"] else { continue }
            let key = try Row.fetchOne(db, sql: "SELECT hubVersion, sealed FROM sync_key WHERE tableName = ? AND uid = ?",
                                       arguments: [table.name, uid])
            let hubVersion: Int64 = key?["hubVersion"] ?? 0
            if onlyIfClearAtHub, hubVersion == 0 || key?["sealed"] == true { continue }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE tableName = ? AND uid = ?)",
                                                    arguments: [table.name, uid]) == true { continue }
            try AppDatabase.queue(db, table: table.name, uid: uid, op: hubVersion == 0 ? .insert : .update, baseVersion: hubVersion,
                      payload: row["payload"])
        }
    }

    /// Adds an outbox entry. A pending entry of the same record keeps its seq and base
    /// version; one that becomes a delete is a new revision, so a hub that saw the earlier one
    /// (a push cut off before its answer) does not take the delete for it.
    static func queue(_ db: Database, table: String, uid: String, op: SyncOperation, baseVersion: Int64, payload: String) throws {
        try db.execute(sql: """
            INSERT INTO sync_outbox (tableName, uid, op, baseVersion, payload, queuedAt)
            VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            ON CONFLICT (tableName, uid) DO UPDATE SET
                revision = revision + (excluded.op = 'delete' AND op <> 'delete'),
                op = CASE WHEN excluded.op = 'delete' THEN 'delete' ELSE op END
            """, arguments: [table, uid, op, baseVersion, payload])
    }

    /// Applies again the sealed records held for want of a key, in the order they came; what
    /// the opener still cannot open stays held.
    public func releaseHeld(open: SyncOpener) throws {
        // Most syncs hold nothing: no write transaction for them.
        guard try sealedRecordsHeld() > 0 else { return }
        try withPullApplying { db in
            let held = try Row.fetchAll(db, sql: "SELECT tableName, uid, version, payload FROM sync_held ORDER BY seq")
            guard !held.isEmpty else { return }
            try db.execute(sql: "DELETE FROM sync_held")
            for row in held {
                try AppDatabase.apply(db, HubChange(seq: 0, table: row["tableName"], uid: row["uid"], op: .update,
                                                    version: row["version"], payload: row["payload"]), open: open)
            }
        }
    }

    /// Keeps a change this workstation cannot apply yet (sealed without its key, or a child
    /// of such a record) as it came.
    static func hold(_ db: Database, _ change: HubChange) throws {
        try db.executeCached("""
            INSERT INTO sync_held (tableName, uid, version, payload) VALUES (?, ?, ?, ?)
            ON CONFLICT (tableName, uid) DO UPDATE SET version = excluded.version, payload = excluded.payload
            """, arguments: [change.table, change.uid, change.version, change.payload ?? "{}"])
    }
}
