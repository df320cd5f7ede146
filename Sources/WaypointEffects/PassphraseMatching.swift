import WaypointVault

/// Whether `typed` is the passphrase behind a stored hash (scrypt, WaypointVault): the one
/// comparison the lock screen and the command line both make, through the store's counting
/// of wrong tries. It throws only when the stored hash is damaged, never for a wrong passphrase.
public func passphraseMatches(_ typed: String, stored: String) throws -> Bool {
    do {
        return try PassphraseHash(encoded: stored).verify(typed)
    } catch let error as VaultError {
        throw DamagedPassphraseHash(description: "\(error)")
    }
}

public struct DamagedPassphraseHash: Error, CustomStringConvertible {
    public var description: String
}
