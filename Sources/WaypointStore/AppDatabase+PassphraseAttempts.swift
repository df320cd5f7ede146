import Foundation
import GRDB
import WaypointCore

/// What came of trying a counselor's passphrase.
public enum PassphraseAttempt: Equatable, Sendable {
    case correct
    /// Wrong: `failures` in a row now, and the wait they impose before the next try (0 while free).
    case wrong(failures: Int, wait: TimeInterval)
    /// Refused without looking at it: earlier wrong tries impose this much more waiting.
    case mustWait(TimeInterval)
    /// The counselor has no passphrase.
    case noneSet
}

extension AppDatabase {
    /// How long before `counselorId`'s passphrase may be tried again (0: now).
    public func passphraseWait(for counselorId: Int64, now: Date = Date()) throws -> TimeInterval {
        try read { db in try passphraseWait(db, for: counselorId, now: now) }
    }

    private func passphraseWait(_ db: Database, for counselorId: Int64, now: Date) throws -> TimeInterval {
        guard let row = try Row.fetchOne(db, sql: "SELECT failures, lastFailureAt FROM passphrase_attempt WHERE counselorId = ?",
                                         arguments: [counselorId]) else { return 0 }
        let next = PassphraseDelay.nextTry(afterFailures: row["failures"], lastFailure: row["lastFailureAt"])
        return max(0, next.timeIntervalSince(now))
    }

    /// The one way a counselor's passphrase is tried, from the command line or the lock
    /// screen: refused unseen while earlier wrong tries impose a wait; a wrong one is counted
    /// in the database and audited in one transaction (so a restart, another process or
    /// another counselor chosen on the lock screen does not reset it); a right one clears the
    /// count. `matches` compares the typed passphrase with the stored hash (the vault's
    /// business); `place` says where it was typed, for the audit row. A clock set back by
    /// hand can shorten a wait: the count stays, and the next wrong try waits again.
    public func tryPassphrase(of counselorId: Int64, at place: String, now: Date = Date(),
                              matches: (String) throws -> Bool) throws -> PassphraseAttempt {
        guard let stored = try passphraseHash(for: counselorId) else { return .noneSet }
        let wait = try passphraseWait(for: counselorId, now: now)
        if wait > 0 { return .mustWait(wait) }
        // Checked outside any transaction: the key derivation is slow on purpose and must not
        // hold the database.
        if try matches(stored) {
            try write { db in
                try db.execute(sql: "DELETE FROM passphrase_attempt WHERE counselorId = ?", arguments: [counselorId])
            }
            return .correct
        }
        return try write { db in
            try db.execute(sql: """
                INSERT INTO passphrase_attempt (counselorId, failures, lastFailureAt) VALUES (?, 1, ?)
                ON CONFLICT(counselorId) DO UPDATE SET failures = failures + 1, lastFailureAt = excluded.lastFailureAt
                """, arguments: [counselorId, now])
            let failures = try Int.fetchOne(db, sql: "SELECT failures FROM passphrase_attempt WHERE counselorId = ?",
                                            arguments: [counselorId]) ?? 1
            let next = PassphraseDelay.wait(afterFailures: failures)
            // Nobody is known to be at the keyboard: the row names whose passphrase it was.
            try recordAudit(db, AuditEntry(.wrongPassphrase, counselorId: nil, subject: "passphrase of counselor \(counselorId)",
                                           detail: "wrong try \(failures) in a row, \(place)"
                                               + (next > 0 ? "; next try in \(Int(next)) s" : "")), now: now)
            return .wrong(failures: failures, wait: next)
        }
    }
}
