import Foundation

/// The minimum a passphrase must meet, checked before anything is hashed or encrypted.
///
/// Length is what matters against guessing; composition rules ("one digit, one symbol")
/// push people towards predictable patterns, so there are none.
public enum PassphraseRules {
    public static let minimumLength = 8
    public static let maximumLength = 1024

    /// Throws ``VaultError`` when `passphrase` is too short, too long or not one line.
    public static func check(_ passphrase: String) throws {
        if passphrase.contains(where: \.isNewline) { throw VaultError.passphraseHasLineBreak }
        let length = passphrase.count
        if length < minimumLength { throw VaultError.passphraseTooShort(minimum: minimumLength) }
        if length > maximumLength { throw VaultError.passphraseTooLong(maximum: maximumLength) }
    }

    /// The bytes a passphrase stands for. Unicode NFC, so that "é" typed as one character
    /// on one machine and as e + accent on another is the same passphrase.
    static func bytes(_ passphrase: String) -> Data {
        Data(passphrase.precomposedStringWithCanonicalMapping.utf8)
    }
}
