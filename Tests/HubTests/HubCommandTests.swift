import HubTestSupport
import Foundation
import ProcessKit
@testable import WaypointHub
import XCTest

/// `waypoint hub ...` as a district administrator runs it: the real binary, the real cluster.
final class HubCommandTests: XCTestCase {
    private func binary() throws -> String { try HubBinary.path() }

    private func waypoint(_ arguments: [String], password: String? = nil) throws -> (status: Int32, out: String, err: String) {
        // No PGPASSFILE or ~/.pgpass of the machine's user may answer instead.
        var environment = ["PGPASSFILE": "/nonexistent", "PGPASSWORD": password ?? ""]
        environment["WAYPOINT_HUB_URL"] = ""
        let result = try ProcessKit.run(try binary(), arguments, environment: environment, timeout: 120)
        return (result.status, String(decoding: result.stdout, as: UTF8.self), String(decoding: result.stderr, as: UTF8.self))
    }

    func testAPasswordOnTheCommandLineOrInTheURLIsRefused() throws {
        let onArgv = try waypoint(["hub", "init", "--url", "postgres://admin@127.0.0.1:5432/district", "--password", "hunter2"])
        XCTAssertNotEqual(onArgv.status, 0)
        XCTAssertTrue(onArgv.err.contains("--password would put a password on the command line"), onArgv.err)
        let inURL = try waypoint(["hub", "init", "--url", "postgres://admin:hunter2@127.0.0.1:5432/district"])
        XCTAssertNotEqual(inURL.status, 0)
        XCTAssertTrue(inURL.err.contains("The hub address holds a password; Waypoint refuses it there"), inURL.err)
        XCTAssertFalse(inURL.err.contains("hunter2"))
    }

    func testAHubThatIsDownIsNamedInASentence() throws {
        // Port 1 on loopback: nothing listens there, and connecting is refused at once.
        let down = try waypoint(["hub", "init", "--url", "postgres://admin@127.0.0.1:1/district"], password: "x")
        XCTAssertNotEqual(down.status, 0)
        XCTAssertEqual(down.err, "Error: Cannot reach the hub at 127.0.0.1:1: connection refused — working offline.\n")
    }

    func testInitCounselorAddAndImportFromTheCommandLine() async throws {
        let hub = try await HubCluster.shared().makeDatabase()
        let url = hub.address.description
        let secret = hub.cluster.password
        let first = try waypoint(["hub", "init", "--url", url], password: secret)
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertTrue(first.out.contains("is at schema version \(HubMigrations.latest) (applied v1-hub, v2-sync, v3-reports)"), first.out)
        let again = try waypoint(["hub", "init", "--url", url], password: secret)
        XCTAssertTrue(again.out.contains("is up to date"), again.out)

        let roster = try HubRoster(tag: token())
        let imported = try waypoint(["hub", "import", "oneroster", roster.url.path, "--url", url], password: secret)
        XCTAssertEqual(imported.status, 0, imported.err)
        XCTAssertTrue(imported.out.contains("students: 4 added"), imported.out)
        let twice = try waypoint(["hub", "import", "oneroster", roster.url.path, "--url", url], password: secret)
        XCTAssertTrue(twice.out.contains("total: 0 added, 0 updated, 0 deactivated"), twice.out)

        let passwordFile = roster.url.appendingPathComponent("counselor-password")
        try Data("a long password\n".utf8).write(to: passwordFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: passwordFile.path)
        let open = try waypoint(["hub", "counselor", "add", "--url", url, "--sourced-id", roster.a, "--given", "Maria",
                                 "--family", "Smith", "--password-file", passwordFile.path], password: secret)
        XCTAssertTrue(open.err.contains("can be read by other users (mode 0644)"), open.err)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile.path)
        let added = try waypoint(["hub", "counselor", "add", "--url", url, "--sourced-id", roster.a, "--given", "Maria",
                                  "--family", "Smith", "--password-file", passwordFile.path], password: secret)
        XCTAssertEqual(added.status, 0, added.err)
        let role = HubCounselors.roleName(for: roster.a)
        XCTAssertEqual(try hub.psql("SELECT string_agg(sourced_id, ',' ORDER BY sourced_id) FROM waypoint.student",
                                    as: role, password: "a long password").out, "U1,U2")

        try Data("sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,identifier,grades\nU1,active,1/05/2023,true,ana,Ana,Lopez,1001,09\n".utf8)
            .write(to: roster.url.appendingPathComponent("users.csv"))
        let bad = try waypoint(["hub", "import", "oneroster", roster.url.path, "--url", url], password: secret)
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.err.contains("users.csv:2:3: dateLastModified \"1/05/2023\""), bad.err)
        XCTAssertTrue(bad.err.contains("nothing was imported"), bad.err)
        try await hub.drop()
    }
}
