import Foundation
import HubTestSupport
import ProcessKit
import WaypointHub
import WaypointStore
import XCTest

/// `waypoint sync ...` as a counselor runs it: the real binary, a workstation database that
/// imported the district's roster, the real hub.
extension HubCommandTests {
    func testJoinSyncStatusAndAnUnreachableHubFromTheCommandLine() async throws {
        let district = try await commandDistrict()
        let (hub, roster, passwordFile, counselorURL, role) =
            (district.hub, district.roster, district.passwordFile, district.counselorURL, district.role)

        // A demo database cannot join: its counselors have no district ID.
        let demo = roster.url.appendingPathComponent("demo.sqlite").path
        XCTAssertEqual(try waypoint(["demo", "--students", "12", "--counselors", "1", "--db", demo]).status, 0)
        let refused = try waypoint(["sync", "join", "--db", demo, "--url", counselorURL, "--as", "1",
                                    "--password-file", passwordFile.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.err.contains("has no district ID (sourcedId)"), refused.err)

        let database = roster.url.appendingPathComponent("workstation.sqlite").path
        XCTAssertEqual(try waypoint(["import", "oneroster", roster.url.path, "--db", database]).status, 0)
        let notJoined = try waypoint(["sync", "--db", database])
        XCTAssertNotEqual(notJoined.status, 0)
        XCTAssertTrue(notJoined.err.contains("not joined to a hub"), notJoined.err)
        let onArgv = try waypoint(["sync", "join", "--db", database, "--url", counselorURL, "--as", roster.a, "--password", "x"])
        XCTAssertTrue(onArgv.err.contains("--password would put a password on the command line"), onArgv.err)

        let joined = try waypoint(["sync", "join", "--db", database, "--url", counselorURL, "--as", roster.a,
                                   "--password-file", passwordFile.path])
        XCTAssertEqual(joined.status, 0, joined.err)
        XCTAssertTrue(joined.out.contains("This database is joined to \(counselorURL) as Maria Smith"), joined.out)

        let synced = try waypoint(["sync", "--db", database, "--json"])
        XCTAssertEqual(synced.status, 0, synced.err)
        XCTAssertTrue(synced.out.contains("\"refused\" : 0"), synced.out)
        let status = try waypoint(["sync", "status", "--db", database])
        XCTAssertTrue(status.out.contains("Syncing as:        Maria Smith (\(roster.a))"), status.out)
        XCTAssertTrue(status.out.contains("Last error:        none"), status.out)
        XCTAssertEqual(try waypoint(["sync", "refused", "--db", database]).out, "The hub has refused none of your changes.\n")

        // The hub goes away (here: the workstation is pointed at a port nobody listens on).
        let store = try AppDatabase.open(path: database)
        let counselorId = try XCTUnwrap(store.syncState().counselorId)
        try store.leaveHub()
        try store.joinHub(url: "postgres://\(role)@127.0.0.1:1/\(hub.address.database)", counselorId: counselorId)
        let waiting = try store.pendingChangeCount()
        let down = try waypoint(["sync", "--db", database])
        XCTAssertNotEqual(down.status, 0)
        XCTAssertEqual(down.err, "Error: Cannot reach the hub at 127.0.0.1:1: working offline; \(waiting) changes wait.\n")
        XCTAssertEqual(try store.pendingChangeCount(), waiting, "nothing changed")
        let offline = try waypoint(["sync", "status", "--db", database, "--json"])
        XCTAssertTrue(offline.out.contains("\"lastError\" : \"Cannot reach the hub at 127.0.0.1:1"), offline.out)
        try await hub.drop()
    }
}
