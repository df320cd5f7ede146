import Foundation
import XCTest
@testable import WaypointVault

final class EncryptedBackupTests: XCTestCase {
    private let cost = ScryptCost.forTesting
    private let passphrase = "a long walk to the river"
    /// Stands in for a SQLite backup: the real header and some binary content.
    private let plaintext = Data("SQLite format 3\u{0}".utf8) + Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) })

    private func sealed() throws -> Data {
        try EncryptedBackup.seal(plaintext, passphrase: passphrase, cost: cost)
    }

    func testRoundTripGivesBackEveryByte() throws {
        let file = try sealed()
        XCTAssertTrue(EncryptedBackup.isEncrypted(prefix: file.prefix(EncryptedBackup.prefixLength)))
        XCTAssertTrue(file.starts(with: Data("WAYPOINT-ENCRYPTED-BACKUP v1\n".utf8)))
        XCTAssertEqual(try EncryptedBackup.open(file, passphrase: passphrase), plaintext)
    }

    func testTheContentIsNotInTheFile() throws {
        let file = try sealed()
        XCTAssertNil(file.range(of: Data("SQLite format 3".utf8)))
        XCTAssertNil(file.range(of: plaintext.suffix(64)))
        XCTAssertFalse(EncryptedBackup.isEncrypted(prefix: plaintext))
    }

    func testTwoBackupsOfTheSameContentDiffer() throws {
        XCTAssertNotEqual(try sealed(), try sealed())
    }

    func testAWrongPassphraseIsNamedAsSuch() throws {
        let file = try sealed()
        for wrong in ["a long walk to the rivers", "", "A long walk to the river"] {
            XCTAssertThrowsError(try EncryptedBackup.open(file, passphrase: wrong)) { error in
                XCTAssertEqual(error as? VaultError, .wrongPassphrase, wrong)
            }
        }
    }

    func testAFlippedByteAnywhereIsRefused() throws {
        let file = try sealed()
        let headerEnd = try XCTUnwrap(file.indices.filter { file[$0] == UInt8(ascii: "\n") }.dropFirst().first)
        let positions = [
            0,                          // the magic line
            40,                         // the parameters line (kdf/N)
            headerEnd - 3,              // the length field
            headerEnd + 1,              // the first byte of ciphertext
            headerEnd + 2500,           // the middle
            file.count - 17,            // the last byte of ciphertext
            file.count - 1,             // the tag
        ]
        for position in positions {
            var tampered = file
            tampered[position] ^= 0x01
            XCTAssertThrowsError(try EncryptedBackup.open(tampered, passphrase: passphrase), "byte \(position)") { error in
                XCTAssertNotNil(error as? VaultError, "byte \(position): \(error)")
            }
        }
        // A changed byte in the body is told apart from a wrong passphrase.
        var body = file
        body[headerEnd + 2500] ^= 0x80
        XCTAssertThrowsError(try EncryptedBackup.open(body, passphrase: passphrase)) { error in
            XCTAssertEqual(error as? VaultError, .tamperedBackup)
        }
        var tag = file
        tag[file.count - 1] ^= 0x80
        XCTAssertThrowsError(try EncryptedBackup.open(tag, passphrase: passphrase)) { error in
            XCTAssertEqual(error as? VaultError, .tamperedBackup)
        }
    }

    func testAHeaderEditThatStillParsesFailsAuthentication() throws {
        // Lowering the cost in the header changes the key; editing the length field to
        // match a cut file is caught by the cipher, since the header is authenticated.
        let file = try sealed()
        let text = String(decoding: file.prefix(300), as: UTF8.self)
        let headerLength = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).prefix(2)
            .map { $0.utf8.count + 1 }.reduce(0, +)
        let header = String(decoding: file.prefix(headerLength), as: UTF8.self)
        let cheaper = Data(header.replacingOccurrences(of: "N=1024", with: "N=512").utf8) + file.dropFirst(headerLength)
        XCTAssertThrowsError(try EncryptedBackup.open(cheaper, passphrase: passphrase)) { error in
            XCTAssertEqual(error as? VaultError, .wrongPassphrase)
        }
        let shorter = header.replacingOccurrences(of: "length=\(plaintext.count)", with: "length=\(plaintext.count - 1)")
        let cut = Data(shorter.utf8) + file.dropFirst(headerLength).dropFirst()
        XCTAssertThrowsError(try EncryptedBackup.open(cut, passphrase: passphrase)) { error in
            XCTAssertEqual(error as? VaultError, .tamperedBackup)
        }
    }

    func testATruncatedFileIsNamedAsSuch() throws {
        let file = try sealed()
        for keep in [file.count - 1, file.count - 16, file.count / 2] {
            XCTAssertThrowsError(try EncryptedBackup.open(file.prefix(keep), passphrase: passphrase), "\(keep)") { error in
                XCTAssertEqual(error as? VaultError, .truncatedBackup)
            }
        }
        XCTAssertThrowsError(try EncryptedBackup.open(file.prefix(20), passphrase: passphrase)) { error in
            XCTAssertEqual(error as? VaultError, .notAnEncryptedBackup)
        }
        XCTAssertThrowsError(try EncryptedBackup.open(file.prefix(35), passphrase: passphrase)) { error in
            guard case .damagedBackupHeader? = error as? VaultError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try EncryptedBackup.open(file + Data([0]), passphrase: passphrase)) { error in
            guard case .damagedBackupHeader? = error as? VaultError else { return XCTFail("\(error)") }
        }
    }

    func testAnotherVersionOrAPlainFileIsNotGuessedAt() throws {
        let file = try sealed()
        let v2 = Data("WAYPOINT-ENCRYPTED-BACKUP v2".utf8) + file.dropFirst(28)
        XCTAssertThrowsError(try EncryptedBackup.open(v2, passphrase: passphrase)) { error in
            XCTAssertEqual(error as? VaultError, .unsupportedBackupFormat("WAYPOINT-ENCRYPTED-BACKUP v2"))
        }
        XCTAssertThrowsError(try EncryptedBackup.open(plaintext, passphrase: passphrase)) { error in
            XCTAssertEqual(error as? VaultError, .notAnEncryptedBackup)
        }
    }

    func testAnEmptyDatabaseStillRoundTrips() throws {
        let file = try EncryptedBackup.seal(Data(), passphrase: passphrase, cost: cost)
        XCTAssertEqual(try EncryptedBackup.open(file, passphrase: passphrase), Data())
    }

    func testAShortPassphraseCannotSealABackup() {
        XCTAssertThrowsError(try EncryptedBackup.seal(plaintext, passphrase: "short", cost: cost)) { error in
            XCTAssertEqual(error as? VaultError, .passphraseTooShort(minimum: 8))
        }
    }
}
