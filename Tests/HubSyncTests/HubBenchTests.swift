import Foundation
import HubTestSupport
import ProcessKit
@testable import WaypointHub
import XCTest

/// `waypoint bench --hub` at the smallest size (one year of sessions) against the test
/// cluster: every hub row comes with its floor and ratio, twenty workstations syncing at once
/// lose nothing, and the bench's database and login roles are gone afterwards. No time is asserted.
final class HubBenchTests: XCTestCase {
    func testTheHubBenchProducesEveryRowAndLosesNothing() async throws {
        let cluster = try HubCluster.shared()
        let binary = try HubBinary.path()
        let passwordFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-password-\(token())").path
        XCTAssertTrue(FileManager.default.createFile(atPath: passwordFile, contents: Data((cluster.password + "\n").utf8),
                                                     attributes: [.posixPermissions: 0o600]))
        defer { try? FileManager.default.removeItem(atPath: passwordFile) }
        let leftovers = """
            SELECT (SELECT count(*) FROM pg_database WHERE datname LIKE 'waypoint_bench_%')
                 + (SELECT count(*) FROM pg_roles WHERE rolname LIKE 'wp_bench%')
            """
        let server = try await HubConnection.connect(cluster.admin, password: cluster.password)
        let before = try await server.int(leftovers)

        let run = try ProcessKit.run(binary, ["bench", "--students", "600", "--hub", cluster.admin.description,
                                              "--hub-password-file", passwordFile, "--hub-only", "--json",
                                              // A year of sessions, not three: the rows and the 0 lost are what is checked.
                                              "--hub-years", "1"], timeout: 1_200)
        let stderr = String(decoding: run.stderr, as: UTF8.self)
        XCTAssertEqual(run.status, 0, stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any], stderr)
        let figures = try XCTUnwrap(json["figures"] as? [[String: Any]])
        XCTAssertEqual(figures.compactMap { $0["name"] as? String }, [
            "first sync of a caseload (plans, 1 year of sessions)", "one query returning a caseload's records (first-sync floor)",
            "incremental sync, nothing new", "SELECT 1 round trip (idle-sync floor)",
            "push 1,000 queued changes", "one INSERT of the same 1,000 payloads (push floor)",
            "20 workstations syncing at once (waypoint sync each, 0 lost)",
            "one waypoint sync process alone, nothing new (concurrent floor)",
        ])
        XCTAssertTrue(figures.allSatisfy { ($0["samples"] as? Int ?? 0) > 0 && ($0["p50Milliseconds"] as? Double ?? 0) > 0 }, "\(figures)")
        let ratios = try XCTUnwrap(json["ratios"] as? [[String: Any]])
        XCTAssertEqual(ratios.count, 4)
        XCTAssertTrue(ratios.allSatisfy { ($0["ratio"] as? Double ?? 0) > 0 }, "\(ratios)")
        XCTAssertEqual(json["lostUpdates"] as? Int, 0)
        XCTAssertEqual(json["workstations"] as? Int, 20)
        XCTAssertEqual(json["concurrentChanges"] as? Int, 200)
        XCTAssertGreaterThan(json["records"] as? Int ?? 0, 0)
        let statements = try XCTUnwrap(json["statements"] as? [[String: Any]])
        XCTAssertEqual(statements.count, 3)

        let after = try await server.int(leftovers)
        await server.close()
        XCTAssertEqual(after, before, "the bench left its database or login roles behind")
    }
}
