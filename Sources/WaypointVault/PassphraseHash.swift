import Crypto
import Foundation

/// A counselor's passphrase as it is stored: never the passphrase, only a salted scrypt
/// hash with its parameters, as one self-describing line:
///
///     scrypt$65536$8$1$<salt, base64>$<hash, base64>
///
/// The parameters travel with the hash, so ``ScryptCost/standard`` can be raised later
/// and hashes made before still verify (``needsUpgrade(to:)`` says when to re-hash).
public struct PassphraseHash: Sendable, Equatable {
    public static let scheme = "scrypt"
    static let saltByteCount = 16
    static let hashByteCount = 32

    public let cost: ScryptCost
    public let salt: Data
    let hash: Data

    /// Hashes a new passphrase with a fresh random salt, after checking ``PassphraseRules``.
    public init(passphrase: String, cost: ScryptCost = .standard) throws {
        try PassphraseRules.check(passphrase)
        let salt = randomBytes(PassphraseHash.saltByteCount)
        self.cost = cost
        self.salt = salt
        self.hash = try cost.deriveKey(from: passphrase, salt: salt, byteCount: PassphraseHash.hashByteCount)
            .withUnsafeBytes { Data($0) }
    }

    /// Reads a stored hash; throws ``VaultError/malformedHash`` or
    /// ``VaultError/unacceptableCost(_:)`` rather than guess.
    public init(encoded: String) throws {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == PassphraseHash.scheme,
              let rounds = Int(parts[1]), let blockSize = Int(parts[2]), let parallelism = Int(parts[3]),
              let salt = Data(base64Encoded: parts[4]), salt.count >= PassphraseHash.saltByteCount,
              let hash = Data(base64Encoded: parts[5]), hash.count == PassphraseHash.hashByteCount
        else { throw VaultError.malformedHash }
        self.cost = try ScryptCost(rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        self.salt = salt
        self.hash = hash
    }

    /// The line to store.
    public var encoded: String {
        [PassphraseHash.scheme, String(cost.rounds), String(cost.blockSize), String(cost.parallelism),
         salt.base64EncodedString(), hash.base64EncodedString()].joined(separator: "$")
    }

    /// Whether `passphrase` is the one hashed. The comparison takes the same time whatever
    /// bytes differ, so timing says nothing about how close a guess was.
    public func verify(_ passphrase: String) throws -> Bool {
        guard !passphrase.isEmpty else { return false }
        let candidate = try cost.deriveKey(from: passphrase, salt: salt, byteCount: hash.count).withUnsafeBytes { Data($0) }
        return constantTimeEqual(candidate, hash)
    }

    /// True when this hash was made with a lower cost than `standard`: re-hash the
    /// passphrase the next time it is typed correctly.
    public func needsUpgrade(to standard: ScryptCost = .standard) -> Bool {
        cost.memoryBytes < standard.memoryBytes || cost.rounds < standard.rounds
    }
}

/// Compares every byte, never stopping at the first difference.
func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for (x, y) in zip(a, b) { difference |= x ^ y }
    return difference == 0
}
