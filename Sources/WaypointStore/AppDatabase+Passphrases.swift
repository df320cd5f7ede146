import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Stores (or replaces) a counselor's passphrase hash. `encodedHash` is the vault's
    /// opaque line; whether the caller checked the current passphrase first is its business.
    /// The audit trail records, in the same transaction, that it was set or changed, and for
    /// whom (never the hash).
    public func setPassphraseHash(_ encodedHash: String, for counselorId: Int64, now: Date = Date()) throws {
        guard !encodedHash.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.missingField(record: "passphrase", field: "hash")
        }
        try write { db in
            guard try Counselor.exists(db, key: counselorId) else { throw StoreError.counselorNotFound(id: counselorId) }
            let existed = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM counselor_passphrase WHERE counselorId = ?)",
                                            arguments: [counselorId]) ?? false
            try db.execute(sql: """
                INSERT INTO counselor_passphrase (counselorId, hash, setAt) VALUES (?, ?, ?)
                ON CONFLICT(counselorId) DO UPDATE SET hash = excluded.hash, setAt = excluded.setAt
                """, arguments: [counselorId, encodedHash, now])
            try recordAudit(db, AuditEntry(existed ? .changedPassphrase : .setPassphrase, counselorId: counselorId,
                                           subject: "passphrase of counselor \(counselorId)"), now: now)
        }
    }

    /// The stored passphrase hash of a counselor, or nil when they have none.
    public func passphraseHash(for counselorId: Int64) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT hash FROM counselor_passphrase WHERE counselorId = ?",
                                arguments: [counselorId])
        }
    }
}
