import HubTestSupport
import Foundation
import Interchange
import WaypointCore
@testable import WaypointHub
import XCTest

/// The administrator's commands (import, counselor add, caseloads) against a database that is
/// no hub yet, or with a counselor's login: a sentence saying what to do, not the engine's
/// `relation "waypoint.school" does not exist` or a student "not at the hub" that is only
/// invisible to the login.
final class HubAdministratorTests: XCTestCase {
    private var hub: TestHub!

    override func setUp() async throws {
        hub = try await HubCluster.shared().makeDatabase()
    }

    override func tearDown() async throws {
        try await hub?.drop()
    }

    private func everyCommand(on connection: HubConnection, roster: HubRoster) async -> [String] {
        var sentences: [String] = []
        func attempt(_ body: () async throws -> Void) async {
            do { try await body(); sentences.append("(accepted)") } catch { sentences.append("\(error)") }
        }
        await attempt { _ = try await HubRosterImport.apply(try RosterReader.read(roster.url).bundle, source: "roster", on: connection) }
        await attempt { _ = try await HubABCImport.students(on: connection) }
        await attempt {
            _ = try await HubABCImport.apply(ABCBatch(), students: .init(keys: .init(bySourcedId: [:], byLocalId: [:]), sourcedIds: [:]),
                                             source: "attendance.csv", on: connection)
        }
        // A test's own ID: login roles belong to the whole server, and a regression here must
        // not touch a real counselor's (wp_c1) on a developer's cluster.
        await attempt {
            try await HubCounselors.add(.init(sourcedId: "test_admin_\(token())", givenName: "A", familyName: "B"),
                                        password: "a long password", on: connection)
        }
        await attempt { _ = try await HubCounselors.assign(student: "U1", to: roster.a, on: connection) }
        await attempt { _ = try await HubCounselors.share(student: "U1", with: roster.b, by: roster.a, on: connection) }
        return sentences
    }

    func testCommandsOnADatabaseThatIsNoHubSayToRunHubInit() async throws {
        let connection = try await hub.connect()
        let sentences = await everyCommand(on: connection, roster: try HubRoster(tag: token()))
        let notAHub = "\(HubError.notAHub(database: hub.address.database, place: hub.address.place))"
        XCTAssertEqual(sentences, Array(repeating: notAHub, count: 6))
        let value = try await connection.int("SELECT count(*) FROM pg_namespace WHERE nspname = 'waypoint'")
        XCTAssertEqual(value, 0, "nothing was created")
        await connection.close()
    }

    func testCommandsOnAHubOfAnotherSchemaVersionSaySo() async throws {
        let connection = try await hub.initialized().connect()
        try await connection.exec("UPDATE waypoint.hub_meta SET schema_version = 99")
        let sentences = await everyCommand(on: connection, roster: try HubRoster(tag: token()))
        let tooNew = "\(HubError.schemaTooNew(hub: 99, known: HubMigrations.latest, place: hub.address.place))"
        XCTAssertEqual(sentences, Array(repeating: tooNew, count: 6))
        await connection.close()
    }

    func testACounselorsLoginIsToldTheseAreTheAdministratorsCommands() async throws {
        let roster = try HubRoster(tag: token())
        let admin = try await hub.initialized().connect()
        _ = try await HubRosterImport.apply(try RosterReader.read(roster.url).bundle, source: "roster", on: admin)
        let role = try await HubCounselors.add(.init(sourcedId: roster.a, givenName: "Maria", familyName: "Smith"),
                                               password: "password-a", on: admin)
        let before = try await admin.int("SELECT count(*) FROM waypoint.change_log")
        let counselor = try await HubConnection.connect(hub.address(as: role), password: "password-a")
        let sentences = await everyCommand(on: counselor, roster: roster)
        let sentence = "\(role) is a counselor's login, not an administrator's, at the hub \(hub.address.place): the roster, "
            + "counselors and caseloads are changed with the login that ran hub init (or another member of waypoint_admin). "
            + "Nothing was changed."
        XCTAssertEqual(sentences, Array(repeating: sentence, count: 6))
        await counselor.close()
        let after = try await admin.int("SELECT count(*) FROM waypoint.change_log")
        XCTAssertEqual(after, before)
        await admin.close()
    }
}
