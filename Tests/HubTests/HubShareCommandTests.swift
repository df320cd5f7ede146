import Foundation
import HubTestSupport
import XCTest

/// `waypoint hub caseload share` as an administrator types it: a share that would change
/// nothing is an error with the table's sentence, not a quiet "nothing changed".
extension HubCommandTests {
    func testAShareThatChangesNothingIsRefusedOnTheCommandLine() async throws {
        let district = try await commandDistrict()
        let (hub, roster) = (district.hub, district.roster)
        func share(_ student: String, with colleague: String, by owner: String) throws -> (status: Int32, out: String, err: String) {
            try waypoint(["hub", "caseload", "share", "--url", hub.address.description, "--student", student, "--with", colleague,
                          "--by", owner], password: hub.cluster.password)
        }
        let onCaseload = try share("U1", with: roster.a, by: roster.a)
        XCTAssertNotEqual(onCaseload.status, 0)
        XCTAssertEqual(onCaseload.err, "Error: Cannot share U1 with \(roster.a): \(roster.a) already has U1 on their caseload, "
            + "so a share would change nothing; nothing was changed.\n")
        let first = try share("U3", with: roster.a, by: roster.b)
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertEqual(first.out, "\(roster.a) can now see U3.\n")
        let again = try share("U3", with: roster.a, by: roster.b)
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.err.contains("U3 is already shared with \(roster.a), so a second share would change nothing"), again.err)
        try await hub.drop()
    }
}
