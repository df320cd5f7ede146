/// What the vault refuses, in words a counselor can act on. None of these messages ever
/// contains a passphrase or any part of one.
public enum VaultError: Error, Equatable, CustomStringConvertible {
    /// Shorter than ``PassphraseRules/minimumLength`` characters.
    case passphraseTooShort(minimum: Int)
    /// Longer than ``PassphraseRules/maximumLength`` characters (a pasted file, most likely).
    case passphraseTooLong(maximum: Int)
    /// A passphrase with a line break cannot be typed at a prompt or read from a file's first line.
    case passphraseHasLineBreak
    /// A stored passphrase hash that is not in the `scrypt$N$r$p$salt$hash` form.
    case malformedHash
    /// Scrypt parameters outside what Waypoint accepts (a crafted file could ask for
    /// gigabytes of memory); `detail` says which.
    case unacceptableCost(String)
    /// The file does not start with the encrypted-backup header.
    case notAnEncryptedBackup
    /// The header names a format version or algorithm this Waypoint does not know.
    case unsupportedBackupFormat(String)
    /// The header is present but cannot be read.
    case damagedBackupHeader(String)
    /// The file ends before its authentication tag.
    case truncatedBackup
    /// The passphrase does not derive the key the backup was sealed with (or the header's
    /// key parameters were changed, which has the same effect).
    case wrongPassphrase
    /// The key is right but the content does not authenticate: the file was changed or
    /// cut short after it was written.
    case tamperedBackup
    /// swift-crypto could not derive a key or seal (out of memory, most likely).
    case cryptoFailure(String)

    public var description: String {
        switch self {
        case .passphraseTooShort(let minimum):
            "the passphrase is too short: use at least \(minimum) characters (a few words are easier to remember than symbols)"
        case .passphraseTooLong(let maximum):
            "the passphrase is too long: use at most \(maximum) characters"
        case .passphraseHasLineBreak:
            "the passphrase contains a line break; a passphrase is one line"
        case .malformedHash:
            "the stored passphrase hash is not in the form scrypt$N$r$p$salt$hash; set the passphrase again"
        case .unacceptableCost(let detail):
            "the key-derivation parameters are not acceptable (\(detail))"
        case .notAnEncryptedBackup:
            "it is not an encrypted Waypoint backup (it does not start with \"\(EncryptedBackup.magicLine)\")"
        case .unsupportedBackupFormat(let found):
            "it was encrypted in a format this Waypoint does not know (\(found)); update Waypoint"
        case .damagedBackupHeader(let detail):
            "its header is damaged (\(detail))"
        case .truncatedBackup:
            "it is cut short (it ends before its authentication tag); use another copy"
        case .wrongPassphrase:
            "the passphrase is wrong (or the file's header was changed)"
        case .tamperedBackup:
            "it was changed or damaged after it was written (authentication failed); use another copy"
        case .cryptoFailure(let detail):
            "the encryption library failed (\(detail))"
        }
    }
}
