import Foundation
import XCTest
@testable import WaypointVault

final class PassphraseHashTests: XCTestCase {
    private let cost = ScryptCost.forTesting

    func testTheRightPassphraseVerifiesAndAWrongOneDoesNot() throws {
        let hash = try PassphraseHash(passphrase: "correct horse battery", cost: cost)
        XCTAssertTrue(try hash.verify("correct horse battery"))
        XCTAssertFalse(try hash.verify("correct horse batterY"))
        XCTAssertFalse(try hash.verify("correct horse battery "))
        XCTAssertFalse(try hash.verify(""))
    }

    func testTheStoredFormNamesItsParametersAndNeverThePassphrase() throws {
        let hash = try PassphraseHash(passphrase: "correct horse battery", cost: cost)
        let parts = hash.encoded.split(separator: "$").map(String.init)
        XCTAssertEqual(Array(parts.prefix(4)), ["scrypt", "1024", "8", "1"])
        XCTAssertEqual(Data(base64Encoded: parts[4])?.count, 16)
        XCTAssertEqual(Data(base64Encoded: parts[5])?.count, 32)
        XCTAssertFalse(hash.encoded.contains("horse"))
        // Read back from storage, it still verifies.
        let stored = try PassphraseHash(encoded: hash.encoded)
        XCTAssertEqual(stored, hash)
        XCTAssertTrue(try stored.verify("correct horse battery"))
    }

    func testTheSamePassphraseGetsADifferentSaltAndHashEachTime() throws {
        let first = try PassphraseHash(passphrase: "correct horse battery", cost: cost)
        let second = try PassphraseHash(passphrase: "correct horse battery", cost: cost)
        XCTAssertNotEqual(first.salt, second.salt)
        XCTAssertNotEqual(first.encoded, second.encoded)
        XCTAssertTrue(try second.verify("correct horse battery"))
    }

    func testTheCostTravelsWithTheHash() throws {
        let cheap = try PassphraseHash(passphrase: "correct horse battery", cost: cost)
        let dearer = try ScryptCost(rounds: 1 << 11, blockSize: 8, parallelism: 1)
        XCTAssertTrue(cheap.needsUpgrade(to: dearer))
        let upgraded = try PassphraseHash(passphrase: "correct horse battery", cost: dearer)
        XCTAssertFalse(upgraded.needsUpgrade(to: dearer))
        XCTAssertTrue(try PassphraseHash(encoded: upgraded.encoded).verify("correct horse battery"))
    }

    func testTheStandardCostIsSlowEnoughToMatter() {
        // 64 MiB and N = 2^16: the floor OWASP gives for scrypt is N = 2^17 at r = 8 for
        // servers; an unlock on a school laptop gets a little less, never less than this.
        XCTAssertGreaterThanOrEqual(ScryptCost.standard.rounds, 1 << 16)
        XCTAssertGreaterThanOrEqual(ScryptCost.standard.memoryBytes, 64 << 20)
    }

    func testCanonicallyEqualSpellingsAreOnePassphrase() throws {
        let composed = "caf\u{E9} au lait"
        let decomposed = "cafe\u{301} au lait"
        let hash = try PassphraseHash(passphrase: composed, cost: cost)
        XCTAssertTrue(try hash.verify(decomposed))
    }

    func testShortLongAndMultilinePassphrasesAreRefusedWithTheRule() {
        XCTAssertThrowsError(try PassphraseHash(passphrase: "seven77", cost: cost)) { error in
            XCTAssertEqual(error as? VaultError, .passphraseTooShort(minimum: 8))
            XCTAssertTrue("\(error)".contains("at least 8 characters"))
        }
        XCTAssertNoThrow(try PassphraseRules.check("eight888"))
        XCTAssertThrowsError(try PassphraseRules.check(String(repeating: "x", count: 1025))) { error in
            XCTAssertEqual(error as? VaultError, .passphraseTooLong(maximum: 1024))
        }
        XCTAssertThrowsError(try PassphraseRules.check("two lines\nof text")) { error in
            XCTAssertEqual(error as? VaultError, .passphraseHasLineBreak)
        }
    }

    func testMalformedOrExtravagantStoredHashesAreRefused() throws {
        let good = try PassphraseHash(passphrase: "correct horse battery", cost: cost).encoded
        let parts = good.split(separator: "$").map(String.init)
        func with(_ index: Int, _ value: String) -> String {
            var copy = parts
            copy[index] = value
            return copy.joined(separator: "$")
        }
        for bad in ["", "plain", with(0, "bcrypt"), with(1, "1000"), with(4, "c2FsdA=="), with(5, "!!"),
                    parts.dropLast().joined(separator: "$")] {
            XCTAssertThrowsError(try PassphraseHash(encoded: bad), bad)
        }
        XCTAssertThrowsError(try PassphraseHash(encoded: with(1, String(1 << 30)))) { error in
            guard case .unacceptableCost? = error as? VaultError else { return XCTFail("\(error)") }
        }
    }

    func testComparisonLooksAtEveryByte() {
        XCTAssertTrue(constantTimeEqual(Data([1, 2, 3]), Data([1, 2, 3])))
        XCTAssertFalse(constantTimeEqual(Data([1, 2, 3]), Data([1, 2, 4])))
        XCTAssertFalse(constantTimeEqual(Data([0, 2, 3]), Data([1, 2, 3])))
        XCTAssertFalse(constantTimeEqual(Data([1, 2]), Data([1, 2, 3])))
    }
}
