import HubTestSupport
import Foundation
import PostgresNIO
@testable import WaypointHub
import XCTest

/// `hub init`'s migrations, counselor logins, and the sentences for a hub that is down, is no
/// hub, or is newer or older than this Waypoint. Each test on its own database.
final class HubSchemaTests: XCTestCase {
    private var hub: TestHub!

    override func setUp() async throws {
        hub = try await HubCluster.shared().makeDatabase()
    }

    override func tearDown() async throws {
        try await hub?.drop()
    }

    /// Everything the schema is made of, to compare before and after a second run.
    private func schemaShape(_ connection: HubConnection) async throws -> [String] {
        try await connection.strings("""
            SELECT 'rel ' || relname || ' ' || relkind::text || ' ' || relrowsecurity || relforcerowsecurity FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname = 'waypoint'
            UNION ALL SELECT 'policy ' || tablename || ' ' || policyname FROM pg_policies WHERE schemaname = 'waypoint'
            UNION ALL SELECT 'trigger ' || tgname || ' ' || tgrelid::regclass FROM pg_trigger WHERE NOT tgisinternal
            UNION ALL SELECT 'migration ' || version || ' ' || name || ' ' || applied_at FROM waypoint.hub_migration
            ORDER BY 1
            """)
    }

    func testMigrationsApplyOnceAndReapplyingChangesNothing() async throws {
        let connection = try await hub.connect()
        let first = try await HubMigrations.migrate(connection)
        XCTAssertEqual(first, .init(applied: ["v1-hub", "v2-sync", "v3-reports", "v4-hub-rules", "v5-pull-scope", "v6-reminders", "v7-intervention-measures", "v8-student-records", "v9-intervention-rules"], version: HubMigrations.latest))
        let shape = try await schemaShape(connection)
        XCTAssertTrue(shape.contains("rel change_log r truetrue"), "RLS enabled and forced: \(shape)")
        let value1 = try await connection.checkSchema()
        XCTAssertEqual(value1, HubMigrations.latest)

        let again = try await HubMigrations.migrate(connection)
        XCTAssertEqual(again, .init(applied: [], version: HubMigrations.latest))
        let after = try await schemaShape(connection)
        XCTAssertEqual(after, shape)
        let unforced = try await connection.strings("""
            SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE nspname = 'waypoint' AND relkind = 'r' AND NOT (relrowsecurity AND relforcerowsecurity)
            """)
        XCTAssertEqual(unforced, [], "every table has row-level security enabled and forced")
        await connection.close()
    }

    func testAShippedMigrationThatChangedIsRefused() async throws {
        let connection = try await hub.initialized().connect()
        try await connection.run("UPDATE waypoint.hub_migration SET digest = 'edited' WHERE version = 1")
        do {
            _ = try await HubMigrations.migrate(connection)
            XCTFail("a changed migration must be refused")
        } catch {
            XCTAssertEqual(error, .migrationChanged(version: 1, name: "v1-hub", place: hub.address.place))
        }
        await connection.close()
    }

    func testSchemaVersionsNewerOrOlderOrMissingGetASentence() async throws {
        let bare = try await hub.connect()
        do { _ = try await bare.checkSchema(); XCTFail("an empty database is no hub") } catch {
            XCTAssertEqual("\(error)", "The database \"\(hub.address.database)\" at \(hub.address.place) is not a Waypoint hub "
                + "(it has no Waypoint schema); the district's administrator makes one with: waypoint hub init --url URL")
        }
        _ = try await HubMigrations.migrate(bare)
        try await bare.run("UPDATE waypoint.hub_meta SET schema_version = 99")
        do { _ = try await bare.checkSchema(); XCTFail("too new") } catch {
            XCTAssertEqual(error, .schemaTooNew(hub: 99, known: HubMigrations.latest, place: hub.address.place))
            XCTAssertTrue("\(error)".contains("update Waypoint on this machine"))
        }
        try await bare.run("UPDATE waypoint.hub_meta SET schema_version = 0")
        do { _ = try await bare.checkSchema(); XCTFail("too old") } catch {
            XCTAssertTrue("\(error)".contains("older than this Waypoint needs"), "\(error)")
        }
        try await bare.run("INSERT INTO waypoint.hub_migration VALUES (99, 'v99-future', 'x')")
        do { _ = try await HubMigrations.migrate(bare); XCTFail("init must not touch a newer hub") } catch {
            XCTAssertEqual(error, .schemaTooNew(hub: 99, known: HubMigrations.latest, place: hub.address.place))
        }
        await bare.close()
    }

    func testCounselorAddCreatesAWorkingLogin() async throws {
        let connection = try await hub.initialized().connect()
        let id = "wp_test_c_\(token())"
        let role = try await HubCounselors.add(.init(sourcedId: id, givenName: "Maria", familyName: "Smith"),
                                                password: "correct horse", on: connection)
        XCTAssertEqual(role, HubCounselors.roleName(for: id))
        let me = try await HubConnection.connect(hub.address(as: role), password: "correct horse")
        let value2 = try await me.strings("SELECT waypoint.me()")
        XCTAssertEqual(value2, [id])
        await me.close()
        XCTAssertEqual(try hub.psql("SELECT waypoint.me()", as: role, password: "correct horse").out, id,
                       "psql logs in with the same password (SCRAM verifier made by Waypoint)")

        // Again: a new password; the old one no longer works, with a sentence.
        try await HubCounselors.add(.init(sourcedId: id, givenName: "Maria", familyName: "Smith"),
                                    password: "new password", on: connection)
        do {
            _ = try await HubConnection.connect(hub.address(as: role), password: "correct horse")
            XCTFail("the old password must be refused")
        } catch {
            XCTAssertEqual("\(error)", "The hub at \(hub.address.place) refused the password for \(role): check PGPASSWORD, "
                + "the password file or the passfile, or ask the district's hub administrator.")
        }
        await connection.close()
    }

    func testAHubThatIsDownGetsTheOfflineSentence() async throws {
        let port = try closedPort()
        let address = HubAddress(user: "wp_ana", host: "127.0.0.1", port: port, database: "district")
        do {
            _ = try await HubConnection.connect(address, password: "x")
            XCTFail("nothing listens there")
        } catch {
            XCTAssertEqual("\(error)", "Cannot reach the hub at 127.0.0.1:\(port): connection refused — working offline.")
        }
    }

    /// A host name that does not resolve gave the resolver's own words ("DNS error:
    /// SocketAddressError.UnknownHost: ... (error -2)").
    func testAHostNameThatDoesNotResolveIsSaidInWords() async throws {
        let address = HubAddress(user: "wp_ana", host: "no-such-hub.invalid", port: 5432, database: "district")
        do {
            _ = try await HubConnection.connect(address, password: "x")
            XCTFail("the name cannot resolve (.invalid is reserved)")
        } catch {
            XCTAssertEqual("\(error)", "Cannot reach the hub at no-such-hub.invalid:5432: the host name cannot be found — working offline.")
        }
    }

    func testAMissingDatabaseAndAMissingPrivilegeAreNamed() async throws {
        var address = hub.address
        address.database = "wp_test_absent_\(token())"
        do { _ = try await HubConnection.connect(address, password: hub.cluster.password); XCTFail("no such database") } catch {
            XCTAssertEqual(error, .noDatabase(database: address.database, place: address.place))
        }
        let connection = try await hub.initialized().connect()
        let id = "wp_test_p_\(token())"
        let role = try await HubCounselors.add(.init(sourcedId: id, givenName: "P", familyName: "Q"), password: "password1",
                                                on: connection)
        await connection.close()
        let counselor = try await HubConnection.connect(hub.address(as: role), password: "password1")
        do { _ = try await HubMigrations.migrate(counselor); XCTFail("a counselor cannot run hub init") } catch {
            guard case .permissionDenied(let user, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(user, role)
            XCTAssertTrue("\(error)".hasPrefix("\(role) may not do this on the hub at \(hub.address.place): "), "\(error)")
        }
        await counselor.close()
    }

    func testAHubRestartedUnderAnOpenConnectionGivesASentenceAndTheNextConnectionWorks() async throws {
        let connection = try await HubConnection.connect(hub.initialized().address, password: hub.cluster.password,
                                                         queryTimeout: .seconds(10))
        try HubCluster.restartImmediately()
        do {
            _ = try await connection.checkSchema()
            XCTFail("the old connection died with the server")
        } catch {
            guard case .unreachable(let place, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(place, hub.address.place)
            XCTAssertTrue("\(error)".hasSuffix("— working offline."), "\(error)")
        }
        let again = try await hub.connect()
        let version = try await again.checkSchema()
        XCTAssertEqual(version, HubMigrations.latest)
        await again.close()
    }

    /// A port nothing listens on: bound, then released.
    private func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw HubTestFailure("cannot bind a port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
