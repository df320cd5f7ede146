@testable import WaypointHub
import WaypointCore
import XCTest

/// The hub's CHECKs are written out in a frozen migration; these keep them with the one rule
/// in WaypointCore, so a changed rule cannot leave the hub behind unnoticed (it needs a new
/// hub migration).
final class HubSchemaRulesTests: XCTestCase {
    func testSessionMinutesMatchFieldRules() {
        let rule = FieldRules.sessionMinutes
        XCTAssertTrue(HubMigrations.v1.contains("duration_minutes BETWEEN \(Int(rule.range.lowerBound)) AND \(Int(rule.range.upperBound))"))
    }

    func testEveryAuditActionIsAllowedAtTheHub() {
        for action in AuditAction.allCases {
            XCTAssertTrue(HubMigrations.v1.contains("'\(action.rawValue)'"), "\(action) needs a hub migration")
        }
    }
}
