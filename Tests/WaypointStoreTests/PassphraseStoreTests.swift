import Foundation
import GRDB
import XCTest
import WaypointCore
import WaypointStore

final class PassphraseStoreTests: XCTestCase {
    func testAHashIsStoredReplacedAndReadBack() throws {
        let fixture = try StoreFixture()
        let id = try XCTUnwrap(fixture.counselor.id)
        XCTAssertNil(try fixture.database.passphraseHash(for: id))
        try fixture.database.setPassphraseHash("scrypt$1024$8$1$c2FsdA==$aGFzaA==", for: id)
        XCTAssertEqual(try fixture.database.passphraseHash(for: id), "scrypt$1024$8$1$c2FsdA==$aGFzaA==")
        let later = Date(timeIntervalSince1970: 1_800_000_000)
        try fixture.database.setPassphraseHash("scrypt$2048$8$1$bmV3$bmV3aGFzaA==", for: id, now: later)
        XCTAssertEqual(try fixture.database.passphraseHash(for: id), "scrypt$2048$8$1$bmV3$bmV3aGFzaA==")
        let rows = try fixture.queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM counselor_passphrase") }
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?["setAt"] as Date?, later)
    }

    func testAnotherCounselorsHashIsTheirOwn() throws {
        let fixture = try StoreFixture()
        let other = try fixture.database.insertCounselor(Counselor(givenName: "Ana", familyName: "Souza"))
        try fixture.database.setPassphraseHash("scrypt$1024$8$1$YQ==$Yg==", for: fixture.counselor.id!)
        XCTAssertNil(try fixture.database.passphraseHash(for: other.id!))
    }

    func testAnUnknownCounselorOrAnEmptyHashIsRefused() throws {
        let fixture = try StoreFixture()
        XCTAssertThrowsError(try fixture.database.setPassphraseHash("scrypt$1$1$1$a$b", for: 999)) { error in
            XCTAssertEqual(error as? StoreError, .counselorNotFound(id: 999))
        }
        XCTAssertThrowsError(try fixture.database.setPassphraseHash("  ", for: fixture.counselor.id!)) { error in
            XCTAssertEqual(error as? StoreError, .missingField(record: "passphrase", field: "hash"))
        }
    }

    func testTheSchemaRefusesEmptyHashesAndUnknownCounselors() throws {
        let fixture = try StoreFixture()
        for (counselorId, hash) in [(fixture.counselor.id!, " "), (999, "scrypt$1$1$1$a$b")] {
            XCTAssertThrowsError(try fixture.queue.write { db in
                try db.execute(sql: "INSERT INTO counselor_passphrase (counselorId, hash, setAt) VALUES (?, ?, '2026-11-23')",
                               arguments: [counselorId, hash])
            }) { error in
                XCTAssertEqual((error as? DatabaseError)?.resultCode, .SQLITE_CONSTRAINT, "\(counselorId) \(hash)")
            }
        }
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: "INSERT INTO counselor_passphrase (counselorId, hash) VALUES (?, 'x')",
                           arguments: [fixture.counselor.id!])
        })
    }

    func testTheMigrationIsNamedAfterTheInterventions() throws {
        let fixture = try StoreFixture()
        let applied = try fixture.queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        let interventions = try XCTUnwrap(applied.firstIndex(of: "v6-interventions"))
        XCTAssertEqual(applied[interventions + 1], "v7-passphrases")
    }
}
