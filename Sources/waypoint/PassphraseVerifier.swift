import Foundation
import WaypointStore
import WaypointUI
import WaypointVault

/// The lock screen's passphrase checks, against the hashes the store keeps.
///
/// The TUI's effect runner calls it (a check takes about 0.2 s by design: scrypt at
/// ``ScryptCost/standard``). It throws only when the database cannot be read or the stored
/// hash is damaged, never for a wrong passphrase.
func passphraseVerifier(_ db: AppDatabase) -> PassphraseVerifier {
    PassphraseVerifier(
        isSet: { counselorId in try db.passphraseHash(for: counselorId) != nil },
        check: { counselorId, typed in
            guard let stored = try db.passphraseHash(for: counselorId) else { return false }
            return try passphraseMatches(typed, stored: stored)
        })
}

/// Whether `typed` is the passphrase behind an encoded hash.
func passphraseMatches(_ typed: String, stored: String) throws -> Bool {
    do {
        return try PassphraseHash(encoded: stored).verify(typed)
    } catch let error as VaultError {
        throw CLIError("\(error)")
    }
}
