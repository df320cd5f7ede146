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

    /// A shipped migration never changes: its digest is recorded here as the hub records it.
    /// A failure here means a shipped migration was edited; write a new one at the end.
    func testShippedMigrationsKeepTheirDigests() {
        let recorded = [
            "v1-hub": "0cafd4d01c1fe469b73ad6e0f4b9a0d848e0f7a79f8d4eb645289930b22abe49",
            "v2-sync": "87753e5bb5c03af346294c46506dcbceed1408a56b8a1671470d37ae0d3c84cb",
            "v3-reports": "3c6e243952baae3de8b4dac9df3a40fb84c22dd72e7117c76a013ccee79b3e91",
            "v5-pull-scope": "966d96f9402b8b8a4a9526a95d2806f2abac0c1c315c16df1ff25bd6932a10d2",
        ]
        for migration in HubMigrations.all {
            XCTAssertEqual(HubMigrations.digest(migration.sql), recorded[migration.name], "\(migration.name) changed after it shipped")
        }
    }
}
