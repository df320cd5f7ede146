import Crypto
import Foundation
import GRDB

/// The bookkeeping of `roster_state` (v27): whether the roster tables still hold exactly
/// what the last OneRoster import made of them, so that importing the same bundle again
/// changes nothing and need not compare every record to find that out.
enum RosterState {
    /// Changed whenever the rules that apply a bundle change, so that a bundle imported by
    /// an older Waypoint is applied again in full by a newer one.
    private static let rules = "waypoint roster rules 1\n"

    /// The SHA-256 of a bundle as the import keeps it (its JSON, keys sorted).
    static func digest(_ payload: Data) -> String {
        var hash = SHA256()
        hash.update(data: Data(rules.utf8))
        hash.update(data: payload)
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The JSON an import keeps its bundle as: keys sorted, so that the same bundle gives
    /// the same bytes and so the same digest.
    static func payload(_ bundle: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(bundle)
    }

    /// What a re-import of the bundle with `digest` reports (its kept hand edits), if the
    /// roster tables are untouched since that bundle was applied whole; nil otherwise.
    static func unchanged(_ db: Database, digest: String) throws -> Int? {
        try Int.fetchOne(db, sql: """
            SELECT contactEditsKept FROM roster_state WHERE id = 1 AND digest = ? AND digestWrites = writes
            """, arguments: [digest])
    }

    /// An import begins to apply batch `id`: from now on, writes to the roster tables are its own.
    static func follow(_ db: Database, batch id: Int64) throws {
        try db.execute(sql: "UPDATE roster_state SET batchId = ?, batchWrites = writes WHERE id = 1", arguments: [id])
    }

    /// Before a chunk of batch `id` writes: if someone else wrote to the roster tables since
    /// its last chunk, the batch is no longer followed and will leave no digest.
    static func chunkBegins(_ db: Database, batch id: Int64) throws {
        try db.execute(sql: """
            UPDATE roster_state SET batchId = NULL, batchWrites = NULL WHERE id = 1 AND batchId = ? AND batchWrites IS NOT writes
            """, arguments: [id])
    }

    /// After a chunk of batch `id` wrote (its own writes, in the same transaction).
    static func chunkEnds(_ db: Database, batch id: Int64) throws {
        try db.execute(sql: "UPDATE roster_state SET batchWrites = writes WHERE id = 1 AND batchId = ?", arguments: [id])
    }

    /// Batch `id` applied its last record: its digest stands if nobody else wrote meanwhile.
    static func finished(_ db: Database, batch id: Int64, digest: String, contactEditsKept: Int) throws {
        try db.execute(sql: """
            UPDATE roster_state SET digest = CASE WHEN batchId = ? THEN ? END, digestWrites = writes,
                contactEditsKept = ?, batchId = NULL, batchWrites = NULL
            WHERE id = 1
            """, arguments: [id, digest, contactEditsKept])
    }
}
