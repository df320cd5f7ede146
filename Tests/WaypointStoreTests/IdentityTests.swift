import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

/// Who is taken at their word without a passphrase, and how a colleague's first passphrase
/// is issued: the only counselor or the one chosen first; everyone else through a district
/// admin. Every step is an audit row.
final class IdentityTests: XCTestCase {
    private struct District {
        let database: AppDatabase
        let ana: Int64, marcus: Int64, lee: Int64
    }

    private func district() throws -> District {
        let fixture = try StoreFixture()
        let marcus = try fixture.database.insertCounselor(Counselor(givenName: "Marcus", familyName: "Okafor")).id!
        let lee = try fixture.database.insertCounselor(Counselor(givenName: "Lee", familyName: "Chen")).id!
        return District(database: fixture.database, ana: fixture.counselor.id!, marcus: marcus, lee: lee)
    }

    private func actions(_ database: AppDatabase) throws -> [AuditAction] {
        try database.auditEvents().reversed().map(\.action)
    }

    func testOnlyTheFirstChoiceIsTakenAtItsWord() throws {
        let d = try district()
        XCTAssertTrue(try d.database.mayChooseWithoutPassphrase(d.marcus), "nobody chosen yet: a first start")
        try d.database.recordChoice(of: d.ana)
        try d.database.recordChoice(of: d.marcus)
        XCTAssertEqual(try d.database.firstChosenCounselor(), d.ana, "only the first choice is kept")
        XCTAssertTrue(try d.database.mayChooseWithoutPassphrase(d.ana))
        XCTAssertFalse(try d.database.mayChooseWithoutPassphrase(d.marcus))
        XCTAssertEqual(try actions(d.database), [.chosenAtFirstStart])
    }

    func testTheOnlyCounselorIsAlwaysTakenAtTheirWord() throws {
        let fixture = try StoreFixture()
        try fixture.database.recordChoice(of: fixture.counselor.id!)
        XCTAssertTrue(try fixture.database.mayChooseWithoutPassphrase(fixture.counselor.id!))
    }

    func testNobodyCanSetAColleaguesFirstPassphraseButAnAdmin() throws {
        let d = try district()
        // Ana sets her own first passphrase on a new database: she becomes the first choice.
        try d.database.setFirstPassphrase("hash:ana", for: d.ana)
        XCTAssertEqual(try d.database.firstChosenCounselor(), d.ana)
        // Then nobody may set Marcus's "first" passphrase on his behalf and lock him out.
        XCTAssertThrowsError(try d.database.setFirstPassphrase("hash:mallory", for: d.marcus)) { error in
            XCTAssertTrue("\(error)".contains("a district admin issues a first passphrase"), "\(error)")
        }
        XCTAssertNil(try d.database.passphraseHash(for: d.marcus))
        // Nor can a counselor who is not an admin issue it.
        XCTAssertThrowsError(try d.database.setFirstPassphrase("hash:m", for: d.marcus, issuedBy: d.ana))

        // Ana, the first choice with a passphrase, makes herself the first admin and issues it.
        try d.database.makeDistrictAdmin(d.ana, by: d.ana)
        try d.database.setFirstPassphrase("hash:marcus", for: d.marcus, issuedBy: d.ana)
        XCTAssertEqual(try d.database.passphraseHash(for: d.marcus), "hash:marcus")
        // A first passphrase is first only once: changing it is the counselor's, with the current one.
        XCTAssertThrowsError(try d.database.setFirstPassphrase("hash:again", for: d.marcus, issuedBy: d.ana))
        XCTAssertEqual(try actions(d.database), [.chosenAtFirstStart, .setPassphrase, .madeAdmin, .issuedPassphrase])
        let issued = try XCTUnwrap(d.database.auditEvents().first)
        XCTAssertEqual(issued.counselorId, d.ana, "credited to the admin who issued it")
        XCTAssertEqual(issued.subject, "passphrase of counselor \(d.marcus)")
    }

    func testTheFirstAdminIsTheFirstChoiceAndLaterOnesAreMadeByAnAdmin() throws {
        let d = try district()
        try d.database.setFirstPassphrase("hash:ana", for: d.ana)
        XCTAssertThrowsError(try d.database.makeDistrictAdmin(d.marcus, by: d.marcus), "Marcus was not chosen first")
        XCTAssertThrowsError(try d.database.makeDistrictAdmin(d.ana, by: d.marcus), "nobody makes someone else the first admin")
        try d.database.makeDistrictAdmin(d.ana, by: d.ana)
        XCTAssertThrowsError(try d.database.makeDistrictAdmin(d.lee, by: d.ana)) { error in
            XCTAssertTrue("\(error)".contains("has no passphrase"), "an admin must have a passphrase: \(error)")
        }
        try d.database.setFirstPassphrase("hash:lee", for: d.lee, issuedBy: d.ana)
        XCTAssertThrowsError(try d.database.makeDistrictAdmin(d.lee, by: d.marcus), "Marcus is no admin")
        try d.database.makeDistrictAdmin(d.lee, by: d.ana)
        XCTAssertTrue(try d.database.isDistrictAdmin(d.lee))
        XCTAssertFalse(try d.database.isDistrictAdmin(d.marcus))
        let made = try d.database.auditEvents().filter { $0.action == .madeAdmin }.map(\.detail)
        XCTAssertEqual(made, ["by district admin \(d.ana)", "the first district admin"])
    }
}
