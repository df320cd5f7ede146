import Crypto
import Foundation

/// The envelope of an encrypted backup: a readable header, then the whole SQLite backup
/// sealed with AES-256-GCM under a key derived from a passphrase with scrypt.
///
///     WAYPOINT-ENCRYPTED-BACKUP v1
///     kdf=scrypt N=65536 r=8 p=1 salt=… cipher=aes-256-gcm nonce=… check=… length=…
///     <ciphertext><16-byte tag>
///
/// - The two header lines are the cipher's authenticated data: changing any byte of them
///   (a lower cost, another salt, another length) makes the file fail to open.
/// - `check` is a short value derived from the passphrase's key, so a wrong passphrase is
///   told apart from a file changed after it was written.
/// - `length` is the ciphertext's size, so a file cut short is named as such.
/// - Salt and nonce are fresh for every backup. There is no recovery: without the
///   passphrase the content cannot be read, by anyone.
public enum EncryptedBackup {
    public static let magicLine = "WAYPOINT-ENCRYPTED-BACKUP v1"
    /// What every version of the envelope starts with; the version follows.
    static let magicPrefix = Data("WAYPOINT-ENCRYPTED-BACKUP ".utf8)
    static let cipherName = "aes-256-gcm"
    static let saltByteCount = 16
    static let tagByteCount = 16
    static let checkByteCount = 16
    static let maximumHeaderBytes = 1024
    static let checkLabel = Data("waypoint backup passphrase check".utf8)

    /// Whether `prefix` (the first bytes of a file) is an encrypted backup of any version:
    /// enough to choose between decrypting and restoring a plain database.
    public static func isEncrypted(prefix: Data) -> Bool {
        prefix.starts(with: magicPrefix)
    }

    /// How many bytes ``isEncrypted(prefix:)`` needs.
    public static var prefixLength: Int { magicPrefix.count }

    /// Seals `plaintext` (a whole SQLite backup) under `passphrase`.
    public static func seal(_ plaintext: Data, passphrase: String, cost: ScryptCost = .standard) throws -> Data {
        try PassphraseRules.check(passphrase)
        let salt = randomBytes(saltByteCount)
        let keys = try Keys(passphrase: passphrase, salt: salt, cost: cost)
        let nonce = AES.GCM.Nonce()
        let header = Header(cost: cost, salt: salt, nonce: Data(nonce), check: keys.check,
                            length: plaintext.count).encoded
        do {
            let box = try AES.GCM.seal(plaintext, using: keys.encryption, nonce: nonce, authenticating: header)
            return header + box.ciphertext + box.tag
        } catch {
            throw VaultError.cryptoFailure("AES-GCM: \(error)")
        }
    }

    /// Opens a sealed backup, or throws without returning any byte of it: the wrong
    /// passphrase, a changed byte anywhere, or a file cut short.
    public static func open(_ sealed: Data, passphrase: String) throws -> Data {
        let (header, headerBytes) = try Header.read(sealed)
        let body = sealed.dropFirst(headerBytes.count)
        // Subtractions only: a crafted length must not overflow.
        guard body.count >= tagByteCount, body.count - tagByteCount >= header.length else { throw VaultError.truncatedBackup }
        guard body.count - tagByteCount == header.length else {
            throw VaultError.damagedBackupHeader("\(body.count - tagByteCount - header.length) bytes more than its length says")
        }
        guard !passphrase.isEmpty else { throw VaultError.wrongPassphrase }
        let keys = try Keys(passphrase: passphrase, salt: header.salt, cost: header.cost)
        guard constantTimeEqual(keys.check, header.check) else { throw VaultError.wrongPassphrase }
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: header.nonce),
                                            ciphertext: body.dropLast(tagByteCount), tag: body.suffix(tagByteCount))
            return try AES.GCM.open(box, using: keys.encryption, authenticating: headerBytes)
        } catch {
            throw VaultError.tamperedBackup
        }
    }

    /// The encryption key and the passphrase check, from one scrypt derivation.
    private struct Keys {
        var encryption: SymmetricKey
        var check: Data

        init(passphrase: String, salt: Data, cost: ScryptCost) throws {
            let derived = try cost.deriveKey(from: passphrase, salt: salt, byteCount: 64).withUnsafeBytes { Data($0) }
            encryption = SymmetricKey(data: derived.prefix(32))
            let checkKey = SymmetricKey(data: derived.suffix(32))
            check = Data(HMAC<SHA256>.authenticationCode(for: EncryptedBackup.checkLabel, using: checkKey))
                .prefix(EncryptedBackup.checkByteCount)
        }
    }

    /// The two header lines.
    struct Header {
        var cost: ScryptCost
        var salt: Data
        var nonce: Data
        var check: Data
        var length: Int

        var encoded: Data {
            let fields = "kdf=scrypt N=\(cost.rounds) r=\(cost.blockSize) p=\(cost.parallelism) "
                + "salt=\(salt.base64EncodedString()) cipher=\(EncryptedBackup.cipherName) "
                + "nonce=\(nonce.base64EncodedString()) check=\(check.base64EncodedString()) length=\(length)"
            return Data("\(EncryptedBackup.magicLine)\n\(fields)\n".utf8)
        }

        /// The header of `sealed` and its exact bytes (the authenticated data).
        static func read(_ sealed: Data) throws -> (Header, Data) {
            guard EncryptedBackup.isEncrypted(prefix: sealed) else { throw VaultError.notAnEncryptedBackup }
            let newline = UInt8(ascii: "\n")
            let limit = sealed.startIndex + min(sealed.count, EncryptedBackup.maximumHeaderBytes)
            guard let first = sealed[..<limit].firstIndex(of: newline) else {
                throw VaultError.damagedBackupHeader("no end to its first line")
            }
            let magic = String(decoding: sealed[..<first], as: UTF8.self)
            guard magic == EncryptedBackup.magicLine else {
                throw VaultError.unsupportedBackupFormat(String(magic.prefix(60).filter { $0.isASCII && !$0.isNewline && $0 >= " " }))
            }
            guard let second = sealed[(first + 1)..<limit].firstIndex(of: newline) else {
                throw VaultError.damagedBackupHeader("no end to its parameters line")
            }
            let line = String(decoding: sealed[(first + 1)..<second], as: UTF8.self)
            let header = try parse(line)
            return (header, Data(sealed[..<(second + 1)]))
        }

        static func parse(_ line: String) throws -> Header {
            var fields: [String: String] = [:]
            for pair in line.split(separator: " ") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, fields[parts[0]] == nil else {
                    throw VaultError.damagedBackupHeader("unreadable field \"\(pair.prefix(20))\"")
                }
                fields[parts[0]] = parts[1]
            }
            let expected: Set = ["kdf", "N", "r", "p", "salt", "cipher", "nonce", "check", "length"]
            guard Set(fields.keys) == expected else {
                throw VaultError.damagedBackupHeader("expected the fields \(expected.sorted().joined(separator: ", "))")
            }
            guard fields["kdf"] == "scrypt", fields["cipher"] == EncryptedBackup.cipherName else {
                throw VaultError.unsupportedBackupFormat("kdf=\(fields["kdf"]!) cipher=\(fields["cipher"]!)")
            }
            func number(_ key: String) throws -> Int {
                guard let value = Int(fields[key]!), value >= 0 else {
                    throw VaultError.damagedBackupHeader("\(key) is not a number")
                }
                return value
            }
            func bytes(_ key: String, count: Int) throws -> Data {
                guard let value = Data(base64Encoded: fields[key]!), value.count == count else {
                    throw VaultError.damagedBackupHeader("\(key) is not \(count) bytes of base64")
                }
                return value
            }
            return Header(
                cost: try ScryptCost(rounds: number("N"), blockSize: number("r"), parallelism: number("p")),
                salt: try bytes("salt", count: EncryptedBackup.saltByteCount),
                nonce: try bytes("nonce", count: 12),
                check: try bytes("check", count: EncryptedBackup.checkByteCount),
                length: try number("length"))
        }
    }
}
