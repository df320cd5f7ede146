import Crypto
import CryptoExtras
import Foundation

/// The work factors of scrypt: `rounds` (N, a power of two) sets time and memory,
/// `blockSize` (r) and `parallelism` (p) multiply them. Stored beside every hash and in
/// every encrypted backup, so the standard can be raised without breaking old ones.
public struct ScryptCost: Sendable, Equatable {
    public var rounds: Int
    public var blockSize: Int
    public var parallelism: Int

    public init(rounds: Int, blockSize: Int, parallelism: Int) throws {
        self.rounds = rounds
        self.blockSize = blockSize
        self.parallelism = parallelism
        try validate()
    }

    /// N = 2^16, r = 8, p = 1: 64 MiB and about 0.2 s per derivation on the project's build
    /// machine (release build), slow enough to make guessing expensive and quick enough
    /// for an unlock. Raise it here when machines get faster; older hashes keep working.
    public static let standard = try! ScryptCost(rounds: 1 << 16, blockSize: 8, parallelism: 1)

    /// A cheap cost for tests only: never for anything a counselor stores.
    public static let forTesting = try! ScryptCost(rounds: 1 << 10, blockSize: 8, parallelism: 1)

    /// Memory scrypt needs for these parameters, in bytes.
    public var memoryBytes: Int { 128 * rounds * blockSize * parallelism }

    /// Limits on what a stored hash or a backup header may ask for: a crafted file must not
    /// make Waypoint allocate gigabytes or spin for minutes.
    static let maximumMemoryBytes = 1 << 30

    func validate() throws {
        guard rounds >= 2, rounds & (rounds - 1) == 0 else {
            throw VaultError.unacceptableCost("N=\(rounds) is not a power of two of at least 2")
        }
        guard (1...64).contains(blockSize) else { throw VaultError.unacceptableCost("r=\(blockSize) is not 1-64") }
        guard (1...16).contains(parallelism) else { throw VaultError.unacceptableCost("p=\(parallelism) is not 1-16") }
        guard rounds <= 1 << 24, memoryBytes <= ScryptCost.maximumMemoryBytes else {
            throw VaultError.unacceptableCost("N=\(rounds) r=\(blockSize) p=\(parallelism) needs more than 1 GiB")
        }
    }

    /// Derives `byteCount` bytes of key from a passphrase and salt.
    func deriveKey(from passphrase: String, salt: Data, byteCount: Int) throws -> SymmetricKey {
        // BoringSSL is handed a pointer to the bytes; an empty passphrase has none.
        guard !passphrase.isEmpty, !salt.isEmpty else { throw VaultError.passphraseTooShort(minimum: PassphraseRules.minimumLength) }
        do {
            return try KDF.Scrypt.deriveKey(
                from: PassphraseRules.bytes(passphrase), salt: salt, outputByteCount: byteCount,
                rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        } catch {
            throw VaultError.cryptoFailure("scrypt: \(error)")
        }
    }
}

/// Fresh random bytes from the system's generator, for salts and nonces.
func randomBytes(_ count: Int) -> Data {
    var generator = SystemRandomNumberGenerator()
    return Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
}
