import Foundation
import WaypointStore
import WaypointVault

/// The answer to "is this the counselor's passphrase?".
enum PassphraseCheck: Sendable, Equatable {
    case correct
    case wrong
    /// The counselor has not set one (`waypoint passphrase set`).
    case noneSet
}

/// Checks a typed passphrase against a counselor's stored hash, for the lock screen.
///
/// The TUI's effect runner calls it off the main loop (a check takes about 0.2 s by
/// design: scrypt at ``ScryptCost/standard``). It throws only when the database cannot be
/// read or the stored hash is damaged, never for a wrong passphrase.
///
///     runner.verifyPassphrase = passphraseVerifier(db)
///     switch try runner.verifyPassphrase(counselorId, typed) { … }
func passphraseVerifier(_ db: AppDatabase) -> @Sendable (Int64, String) throws -> PassphraseCheck {
    { counselorId, typed in
        guard let stored = try db.passphraseHash(for: counselorId) else { return .noneSet }
        return try checkPassphrase(typed, against: stored)
    }
}

/// `.correct` or `.wrong` for `typed` against an encoded hash.
func checkPassphrase(_ typed: String, against stored: String) throws -> PassphraseCheck {
    do {
        return try PassphraseHash(encoded: stored).verify(typed) ? .correct : .wrong
    } catch let error as VaultError {
        throw CLIError("\(error)")
    }
}
