import Foundation
import GRDB
import WaypointCore

/// The one row of `sync_state`: whether this workstation is joined to a hub, and how far
/// its pulls have come.
public struct SyncState: Codable, Equatable, Sendable, FetchableRecord, TableRecord {
    public static let databaseTableName = "sync_state"

    /// Random, made by the migration: tells this workstation's changes apart at the hub.
    public var workstationId: String
    /// nil: not joined. Nothing is captured and Waypoint works alone, as before sync.
    public var hubUrl: String?
    /// The counselor (local id) whose changes this workstation pushes.
    public var counselorId: Int64?
    /// The last hub change-log seq a pull applied.
    public var checkpoint: Int64
    /// Set only inside `withPullApplying`, so the hub's rows are not captured back.
    public var applyingPull: Bool
    public var lastSyncAt: Date?
    public var lastError: String?
    /// The hub password's file (v15), if the counselor named one when joining.
    public var passwordFile: String?

    public var isJoined: Bool { hubUrl != nil }
}

extension SyncOperation: DatabaseValueConvertible {}

/// One entry of the outbox: the net change to one row since it was last pushed.
public struct PendingChange: Codable, Equatable, Sendable, FetchableRecord, TableRecord {
    public static let databaseTableName = "sync_outbox"

    /// Push order. A change folded into a pending entry keeps the entry's seq.
    public var seq: Int64
    public var tableName: String
    /// The row's global key: a UUID, or a composite ("S-1/visit-college") for rows keyed by content.
    public var uid: String
    public var op: SyncOperation
    /// The hub version the change was made over (0: a row the hub has never seen).
    public var baseVersion: Int64
    /// The row's columns as a JSON object, references written as global keys.
    public var payload: String
    /// When the entry was first queued (the workstation's clock: shown, never used to order).
    public var queuedAt: String
    /// How many changes were folded into this entry: a push that sent revision N and finds
    /// N + 1 on its return knows the row changed again meanwhile.
    public var revision: Int
}

/// The global id of a synced row, and the hub version a pull last saw of it.
public struct SyncKey: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "sync_key"

    public var tableName: String
    /// nil for rows keyed by their content (plan, milestone_status, session_note, session_topic).
    public var localId: Int64?
    public var uid: String
    public var hubVersion: Int64

    public init(tableName: String, localId: Int64?, uid: String, hubVersion: Int64) {
        self.tableName = tableName
        self.localId = localId
        self.uid = uid
        self.hubVersion = hubVersion
    }
}

extension AppDatabase {
    public func syncState() throws -> SyncState {
        try read { db in try SyncState.fetchOne(db, key: 1)! }
    }

    /// Joins the hub at `url` as `counselorId`: from now on every change to a synced table
    /// is captured in the outbox. Every student and counselor must carry the district's ID
    /// (sourcedId), since the hub knows them by it; a database of hand-entered or demo
    /// students cannot join.
    public func joinHub(url: String, counselorId: Int64) throws {
        let url = url.trimmingCharacters(in: .whitespaces)
        guard !url.isEmpty else { throw StoreError.missingField(record: "hub", field: "url") }
        try write { db in
            guard try Counselor.exists(db, key: counselorId) else { throw StoreError.counselorNotFound(id: counselorId) }
            let state = try SyncState.fetchOne(db, key: 1)!
            if let joined = state.hubUrl {
                guard joined == url, state.counselorId == counselorId else {
                    throw StoreError.cannotJoinHub("it is already joined to \(joined); leave that hub first")
                }
                return
            }
            // A walk-in is said apart: an import that brings their local ID merges them, then the join can go ahead.
            let walkIns = try Int.fetchOne(db, sql: "SELECT count(*) FROM student WHERE source = ?", arguments: [WalkIn.source]) ?? 0
            if walkIns > 0 {
                throw StoreError.cannotJoinHub("\(counted(walkIns, "student") ?? "") added by hand \(walkIns == 1 ? "is" : "are") "
                    + "not in the roster yet; import the roster that brings \(walkIns == 1 ? "them" : "each") (matched by local ID), "
                    + "then join")
            }
            let students = try Int.fetchOne(db, sql: "SELECT count(*) FROM student WHERE sourcedId IS NULL") ?? 0
            let counselors = try Int.fetchOne(db, sql: "SELECT count(*) FROM counselor WHERE sourcedId IS NULL") ?? 0
            if students + counselors > 0 {
                let who = [counted(students, "student"), counted(counselors, "counselor")].compactMap { $0 }
                let verb = students + counselors == 1 ? "has" : "have"
                throw StoreError.cannotJoinHub("\(who.joined(separator: " and ")) \(verb) no district ID (sourcedId), "
                    + "as in the demo: join the hub with a new database")
            }
            try db.execute(sql: "UPDATE sync_state SET hubUrl = ?, counselorId = ?, lastError = NULL WHERE id = 1",
                           arguments: [url, counselorId])
        }
    }

    /// Stops capturing. Changes still waiting stay in the outbox (nothing is dropped) and
    /// go out if this database joins the same hub again. The sealing key goes: it is the
    /// counselor's who joined, and joining again asks for their passphrase.
    public func leaveHub() throws {
        try write { db in
            try db.execute(sql: "UPDATE sync_state SET hubUrl = NULL, counselorId = NULL, sealingKey = NULL WHERE id = 1")
        }
    }

    /// The oldest waiting changes, in push order; `withholdingConfidential` leaves out those
    /// of confidential sessions (this counselor has no sealing key here yet).
    public func pendingChanges(limit: Int = 500, withholdingConfidential: Bool = false) throws -> [PendingChange] {
        try read { db in
            var request = PendingChange.order(Column("seq")).limit(limit)
            if withholdingConfidential { request = request.filter(sql: "NOT (\(SyncConfidential.entry))") }
            return try request.fetchAll(db)
        }
    }

    public func pendingChangeCount() throws -> Int {
        try read { db in try PendingChange.fetchCount(db) }
    }

    /// The hub answered for every change up to `seq`: they leave the outbox.
    public func markPushed(upTo seq: Int64) throws {
        try write { db in _ = try PendingChange.filter(Column("seq") <= seq).deleteAll(db) }
    }

    public func removePending(seqs: [Int64]) throws {
        try write { db in _ = try PendingChange.filter(keys: seqs).deleteAll(db) }
    }

    /// Runs a pull's writes in one transaction with capture paused, so the hub's rows are
    /// not queued back to it. The flag is set and cleared inside the transaction: a pull
    /// that fails rolls it back with its rows, and no other connection ever sees it set.
    public func withPullApplying<T>(_ body: (Database) throws -> T) throws -> T {
        try write { db in
            try db.execute(sql: "UPDATE sync_state SET applyingPull = 1 WHERE id = 1")
            let result = try body(db)
            try db.execute(sql: "UPDATE sync_state SET applyingPull = 0 WHERE id = 1")
            return result
        }
    }

    /// Records the hub's uid and version of a row (a pull, or a push the hub accepted).
    public func recordKey(table: String, localId: Int64?, uid: String, hubVersion: Int64) throws {
        try write { db in try AppDatabase.recordKey(db, table: table, localId: localId, uid: uid, hubVersion: hubVersion) }
    }

    /// The same, inside a pull's transaction (`withPullApplying`).
    public static func recordKey(_ db: Database, table: String, localId: Int64?, uid: String, hubVersion: Int64) throws {
        try db.executeCached("""
            INSERT INTO sync_key (tableName, localId, uid, hubVersion) VALUES (?, ?, ?, ?)
            ON CONFLICT (tableName, uid) DO UPDATE SET localId = excluded.localId, hubVersion = excluded.hubVersion
            """, arguments: [table, localId, uid, hubVersion])
    }

    /// The global key of a row with an integer id, if it has one.
    public func syncKey(table: String, localId: Int64) throws -> SyncKey? {
        try read { db in
            try SyncKey.filter(Column("tableName") == table && Column("localId") == localId).fetchOne(db)
        }
    }
}

/// "3 students", "1 counselor"; nil for none.
private func counted(_ count: Int, _ noun: String) -> String? {
    count == 0 ? nil : "\(count) \(noun)\(count == 1 ? "" : "s")"
}
