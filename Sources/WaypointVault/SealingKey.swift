import Crypto
import Foundation

/// A counselor's sealing key for confidential records that travel through a district hub
/// (docs/SYNC.md, "Confidential notes"): 32 random bytes, made once per counselor.
///
/// - Records are sealed with the key itself (AES-256-GCM, a fresh nonce each time), so
///   sealing costs microseconds: the passphrase's key derivation runs only when the key is
///   wrapped or unwrapped (at join or unlock), never per record.
/// - The key travels and is kept at the hub only wrapped with the counselor's passphrase,
///   in the encrypted-backup envelope (scrypt, its cost in the header, a passphrase check),
///   so a wrong passphrase is told apart from a damaged key and neither the hub nor its
///   administrators can open it.
/// - Each sealed record is bound to its table and key (`context`, the cipher's
///   authenticated data): a sealed note cannot be passed off as another record.
public struct SealingKey: Sendable, Equatable {
    public static let byteCount = 32
    public let bytes: Data

    public init(bytes: Data) throws {
        guard bytes.count == SealingKey.byteCount else {
            throw VaultError.cryptoFailure("a sealing key is \(SealingKey.byteCount) bytes, not \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// A new random key.
    public static func generate() -> SealingKey {
        try! SealingKey(bytes: randomBytes(byteCount))
    }

    /// The key wrapped with `passphrase` (one scrypt derivation).
    public func wrapped(passphrase: String, cost: ScryptCost = .standard) throws -> Data {
        try EncryptedBackup.seal(bytes, passphrase: passphrase, cost: cost)
    }

    /// Opens a wrapped key (one scrypt derivation); ``VaultError/wrongPassphrase`` when the
    /// passphrase is not the one it was wrapped with.
    public static func unwrap(_ wrapped: Data, passphrase: String) throws -> SealingKey {
        try SealingKey(bytes: EncryptedBackup.open(wrapped, passphrase: passphrase))
    }

    /// Nonce, ciphertext and tag in one.
    public func seal(_ plaintext: Data, context: String) throws -> Data {
        do {
            guard let combined = try AES.GCM.seal(plaintext, using: SymmetricKey(data: bytes),
                                                  authenticating: Data(context.utf8)).combined
            else { throw VaultError.cryptoFailure("AES-GCM gave no combined form") }
            return combined
        } catch let error as VaultError {
            throw error
        } catch {
            throw VaultError.cryptoFailure("AES-GCM: \(error)")
        }
    }

    /// The plaintext of a record sealed with this key for `context`; throws
    /// ``VaultError/tamperedBackup`` for another key, another record or changed bytes.
    public func open(_ sealed: Data, context: String) throws -> Data {
        do {
            return try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: SymmetricKey(data: bytes),
                                    authenticating: Data(context.utf8))
        } catch {
            throw VaultError.tamperedBackup
        }
    }
}
