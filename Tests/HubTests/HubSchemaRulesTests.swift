import HubTestSupport
@testable import WaypointHub
import WaypointCore
import XCTest

/// The hub's rules are written out in frozen migrations; these keep them with the one rule
/// in WaypointCore, so a changed rule cannot leave the hub behind unnoticed (it needs a new
/// hub migration).
final class HubSchemaRulesTests: XCTestCase {
    /// The rule live on a hub after every migration (v1's CHECK went with v2's typed session
    /// table; v4 checks each synced session's minutes), tried at and beyond both ends.
    func testSessionMinutesMatchFieldRules() async throws {
        let hub = try await HubCluster.shared().makeDatabase().initialized()
        let connection = try await hub.connect()
        let rule = FieldRules.sessionMinutes
        do {
            let live = try await connection.strings("""
                SELECT low || ' ' || high || ' ' || whole || ' ' || required FROM waypoint.value_rule
                WHERE table_name = 'advising_session' AND field = 'durationMinutes'
                """)
            XCTAssertEqual(live, ["\(Int(rule.range.lowerBound)) \(Int(rule.range.upperBound)) true true"])
            let session = """
                {"student":"U1","author":"c","startedAt":"2026-12-03 10:00:00.000","kind":"college","participants":"student",
                 "isConfidential":0,"isArchived":0,"createdAt":"2026-12-03 10:00:00.000"}
                """
            for minutes in [rule.range.lowerBound - 1, rule.range.lowerBound, 30.5, rule.range.upperBound, rule.range.upperBound + 1] {
                let problem = try await connection.strings("""
                    SELECT coalesce(waypoint.value_problem('advising_session',
                        '\(session)'::jsonb || jsonb_build_object('durationMinutes', \(minutes)::numeric)), 'none')
                    """)
                XCTAssertEqual(problem == ["none"], rule.problem(minutes) == nil, "\(minutes) minutes: \(problem)")
            }
        } catch {
            XCTFail("\(error)")
        }
        await connection.close()
        try await hub.drop()
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
            "v4-hub-rules": "0febd71fa08c5ac82bdd0fb7b941884a65ae4611ebd539025a29f780d456cd75",
            "v5-pull-scope": "966d96f9402b8b8a4a9526a95d2806f2abac0c1c315c16df1ff25bd6932a10d2",
            "v6-reminders": "42a5de3fef6bdefca3aabb9c06a11942d217755b6f3dc94e083325afbddd6198",
            "v7-intervention-measures": "201ac974730b8c0688da6aa29d92957e3b069dfe379552638fa26810201d9ef9",
            "v8-student-records": "d117343e8f47835ec7960f2759915ec25baf96e6da68f924cb40f2660be9d010",
            "v9-intervention-rules": "8261c4dc12c0643dacc725359094b32793c3532f828e473acbb540190c4e71e9",
        ]
        for migration in HubMigrations.all {
            XCTAssertEqual(HubMigrations.digest(migration.sql), recorded[migration.name], "\(migration.name) changed after it shipped")
        }
    }
}
