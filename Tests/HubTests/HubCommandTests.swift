import HubTestSupport
import Foundation
import Glibc
import ProcessKit
@testable import WaypointHub
import XCTest

/// `waypoint hub ...` as a district administrator runs it: the real binary, the real cluster.
final class HubCommandTests: XCTestCase {
    func binary() throws -> String { try HubBinary.path() }

    func waypoint(_ arguments: [String], password: String? = nil) throws -> (status: Int32, out: String, err: String) {
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

    /// An import killed with kill -9 half way (it waits on a lock another session holds,
    /// after writing the schools): nothing of it stays; run again, it imports everything once.
    func testAnImportKilledHalfWayLeavesNothingAndTheNextRunImportsOnce() async throws {
        let hub = try await HubCluster.shared().makeDatabase().initialized()
        let (url, secret) = (hub.address.description, hub.cluster.password)
        let roster = try HubRoster(tag: token())
        let watcher = try await hub.connect()
        func counts() async throws -> [String] {
            try await watcher.strings("""
                SELECT 'schools ' || (SELECT count(*) FROM waypoint.school) || ', students ' || (SELECT count(*) FROM waypoint.student)
                    || ', caseloads ' || (SELECT count(*) FROM waypoint.caseload) || ', changes ' || (SELECT count(*) FROM waypoint.change_log)
                    || ', audit ' || (SELECT count(*) FROM waypoint.audit_event)
                """)
        }
        func waitUntil(_ sql: String, is expected: Int, _ what: String) async throws {
            let deadline = Date().addingTimeInterval(60)
            while try await watcher.int(sql) != expected {
                guard Date() < deadline else { throw HubTestFailure("timed out waiting until \(what)") }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        let locker = try await hub.connect()
        try await locker.exec("BEGIN")
        try await locker.exec("LOCK TABLE waypoint.student IN ACCESS EXCLUSIVE MODE")

        var environment = ProcessInfo.processInfo.environment
        environment.merge(["PGPASSFILE": "/nonexistent", "PGPASSWORD": secret, "WAYPOINT_HUB_URL": ""]) { $1 }
        let pid = try ProcessKit.spawn(try binary(), ["hub", "import", "oneroster", roster.url.path, "--url", url],
                                       environment: environment,
                                       actions: [.open(1, path: "/dev/null", flags: O_WRONLY), .open(2, path: "/dev/null", flags: O_WRONLY)])
        try await waitUntil("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
                            is: 1, "the import waits on the lock")
        kill(pid, SIGKILL)
        XCTAssertEqual(ProcessKit.wait(pid, timeout: 60).signal, SIGKILL)
        try await locker.exec("ROLLBACK")
        await locker.close()
        try await waitUntil("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
                            is: 0, "the killed import's session has ended")
        let afterKill = try await counts()
        XCTAssertEqual(afterKill, ["schools 0, students 0, caseloads 0, changes 0, audit 0"])

        let again = try waypoint(["hub", "import", "oneroster", roster.url.path, "--url", url], password: secret)
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertTrue(again.out.contains("students: 4 added"), again.out)
        let twice = try waypoint(["hub", "import", "oneroster", roster.url.path, "--url", url], password: secret)
        XCTAssertTrue(twice.out.contains("total: 0 added, 0 updated, 0 deactivated"), twice.out)
        let final = try await counts()
        XCTAssertEqual(final, ["schools 1, students 4, caseloads 4, changes 11, audit 2"])
        await watcher.close()
        try await hub.drop()
    }

    /// The same counselor added again with other names: the hub kept the names it had, but
    /// the command said "Mario Smyth (c1) can log in", names the hub does not hold.
    func testAddingACounselorAgainWithOtherNamesSaysWhichNameTheHubKeeps() async throws {
        let hub = try await HubCluster.shared().makeDatabase().initialized()
        let (url, secret) = (hub.address.description, hub.cluster.password)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-again-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let passwordFile = folder.appendingPathComponent("pw")
        try Data("a long password\n".utf8).write(to: passwordFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile.path)
        let id = "wp_test_n_\(token())"
        func add(_ given: String, _ family: String) throws -> (status: Int32, out: String, err: String) {
            try waypoint(["hub", "counselor", "add", "--url", url, "--sourced-id", id, "--given", given, "--family", family,
                          "--password-file", passwordFile.path], password: secret)
        }
        let first = try add("Maria", "Smith")
        XCTAssertTrue(first.out.hasPrefix("Maria Smith (\(id)) can log in"), first.out + first.err)
        XCTAssertEqual(first.err, "")
        let again = try add("Mario", "Smyth")
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertTrue(again.out.hasPrefix("Maria Smith (\(id)) can log in"), again.out)
        XCTAssertEqual(again.err, "The hub keeps the name it has for \(id), Maria Smith; the names given (Mario Smyth) "
            + "were not used (the roster sets names).\n")
        try? FileManager.default.removeItem(at: folder)
        try await hub.drop()
    }

    func testInitCounselorAddAndImportFromTheCommandLine() async throws {
        let hub = try await HubCluster.shared().makeDatabase()
        let url = hub.address.description
        let secret = hub.cluster.password
        let first = try waypoint(["hub", "init", "--url", url], password: secret)
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertTrue(first.out.contains("is at schema version \(HubMigrations.latest) (applied v1-hub, v2-sync, v3-reports, v4-hub-rules, v5-pull-scope, v6-reminders, v7-intervention-measures, v8-student-records, v9-intervention-rules)"), first.out)
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
