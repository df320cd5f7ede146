import HubTestSupport
import Foundation
import Interchange
@testable import WaypointHub
import XCTest

/// `hub counselor add` and `hub caseload share` as a district's IT could misuse them: a login
/// role that exists already (a DBA's superuser, another hub's counselor), text a field cannot
/// hold, a share by someone who does not serve the student. Each refused with a sentence,
/// nothing changed.
final class HubCounselorRulesTests: XCTestCase {
    private var hub: TestHub!

    override func setUp() async throws {
        hub = try await HubCluster.shared().makeDatabase().initialized()
    }

    override func tearDown() async throws {
        try await hub?.drop()
    }

    /// A role that exists on the server and was not made by this hub for this counselor (here
    /// a DBA's superuser login whose name happens to be `wp_` and an ID) was taken over: its
    /// password reset to the counselor's and made a counselor, handing a superuser's login to
    /// whoever knows the counselor's password.
    func testARoleThatIsNotThisHubsLoginIsNeverTakenOver() async throws {
        let tag = token()
        let id = "test_dba_\(tag)"
        let role = HubCounselors.roleName(for: id)
        let connection = try await hub.connect()
        try await connection.exec("CREATE ROLE \(role) SUPERUSER LOGIN PASSWORD 'dba-password'")
        do {
            try await HubCounselors.add(.init(sourcedId: id, givenName: "Eve", familyName: "Mallory"),
                                        password: "counselor-password", on: connection)
            XCTFail("an existing superuser role must not become a counselor's login")
        } catch {
            XCTAssertEqual("\(error)", "A PostgreSQL role \(role) already exists on the server at \(hub.address.place) and is "
                + "not this hub's login for counselor \(id) (a role made by hand, or another hub database's counselor); "
                + "Waypoint does not take it over. Give the counselor another sourced ID, or have the server's "
                + "administrator rename or drop that role. Nothing was changed.")
        }
        XCTAssertEqual(try hub.psql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", as: role,
                                    password: "dba-password").out, "t", "the role's password is unchanged")
        let value1 = try await connection.int("SELECT count(*) FROM waypoint.counselor WHERE sourced_id = '\(id)'")
        XCTAssertEqual(value1, 0)
        let value2 = try await connection.int("SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = '\(role)'")
        XCTAssertEqual(value2, 0, "the role was given no membership")
        await connection.close()
    }

    /// Two hub databases on one server (a district and its training copy): the same sourced ID
    /// in the second reset the first one's login password.
    func testTheSameCounselorInAnotherHubDatabaseDoesNotResetTheFirstOnesLogin() async throws {
        // Not "test_...": dropping the other database drops every wp_test_ role (TestHub.drop);
        // this hub's own drop removes this login.
        let id = "xhub_\(token())"
        let first = try await hub.connect()
        let role = try await HubCounselors.add(.init(sourcedId: id, givenName: "Maria", familyName: "Smith"),
                                               password: "first-password", on: first)
        let other = try await HubCluster.shared().makeDatabase().initialized()
        let second = try await other.connect()
        do {
            try await HubCounselors.add(.init(sourcedId: id, givenName: "Maria", familyName: "Smith"),
                                        password: "second-password", on: second)
            XCTFail("the other database's login must not be taken over")
        } catch {
            XCTAssertTrue("\(error)".hasPrefix("A PostgreSQL role \(role) already exists on the server"), "\(error)")
        }
        await second.close()
        try await other.drop()
        XCTAssertEqual(try hub.psql("SELECT waypoint.me()", as: role, password: "first-password").out, id)

        // The counselor's own hub may still set a new password: that is what running it again is for.
        try await HubCounselors.add(.init(sourcedId: id, givenName: "Maria", familyName: "Smith"),
                                    password: "third-password", on: first)
        XCTAssertEqual(try hub.psql("SELECT waypoint.me()", as: role, password: "third-password").out, id)
        await first.close()
    }

    /// The command line's names and IDs went in unchecked: an escape sequence in a name, a
    /// line break in an ID, 300 characters of ID. The workstation refuses each (`TextField`).
    func testNamesAndIDsFollowTheWorkstationsFieldRules() async throws {
        let connection = try await hub.connect()
        let long = String(repeating: "a", count: 300)
        let cases: [(HubCounselors.NewCounselor, String)] = [
            (.init(sourcedId: "c9", givenName: "\u{1B}[31mRed", familyName: "Smith"),
             "The counselor's given name (--given) \"\\u{1B}[31mRed\" cannot be stored: expected text without control characters (found U+001B at character 1). Nothing was changed."),
            (.init(sourcedId: "c10\nx", givenName: "A", familyName: "B"),
             "The counselor's sourced ID (--sourced-id) \"c10\\u{A}x\" cannot be stored: expected text without control characters (found U+000A at character 4). Nothing was changed."),
            (.init(sourcedId: long, givenName: "A", familyName: "B"),
             "The counselor's sourced ID (--sourced-id) \"\(String(repeating: "a", count: 60))… (300 characters)\" cannot be stored: expected at most 255 characters (found 300). Nothing was changed."),
            (.init(sourcedId: "c11", givenName: "A", familyName: "B", email: "x\u{1B}]0;pwn\u{7}@y"),
             "The counselor's email (--email) \"x\\u{1B}]0;pwn\\u{7}@y\" cannot be stored: expected text without control characters (found U+001B at character 2). Nothing was changed."),
        ]
        for (counselor, sentence) in cases {
            do {
                try await HubCounselors.add(counselor, password: "a long password", on: connection)
                XCTFail("\(counselor.sourcedId) must be refused")
            } catch {
                XCTAssertEqual("\(error)", sentence)
            }
        }
        let value = try await connection.int("SELECT count(*) FROM waypoint.counselor")
        XCTAssertEqual(value, 0)
        await connection.close()
    }

    /// `share --by OWNER` took any counselor as the sharer: the administrator could "share" a
    /// student in the name of a colleague who does not serve them, and a counselor with the
    /// student on their caseload got a share row too. The counselor's own rule (a policy at
    /// the hub) is: you share a student you can see.
    func testAShareIsMadeOnlyByACounselorWhoSeesTheStudent() async throws {
        let roster = try HubRoster(tag: token())
        let connection = try await hub.connect()
        _ = try await HubRosterImport.apply(try RosterReader.read(roster.url).bundle, source: "roster", on: connection)
        do {
            _ = try await HubCounselors.share(student: "U3", with: roster.a, by: roster.a, on: connection)
            XCTFail("U3 is b's student, not a's")
        } catch {
            XCTAssertEqual("\(error)", "\(roster.a) cannot share U3: U3 is neither on \(roster.a)'s caseload nor shared with "
                + "\(roster.a). Give --by the counselor whose caseload U3 is on. Nothing was changed.")
        }
        try await HubCounselors.share(student: "U3", with: roster.a, by: roster.b, on: connection)
        let value = try await connection.strings("SELECT student_sourced_id || ' ' || counselor_sourced_id || ' ' || shared_by FROM waypoint.student_share")
        XCTAssertEqual(value, ["U3 \(roster.a) \(roster.b)"])
        await connection.close()
    }

    /// A share to a counselor who has the student on their caseload, or a second identical
    /// share, used to pass quietly (the command said "nothing changed" at best; psql stored
    /// the first kind). The table refuses both with a sentence, whoever writes.
    func testAShareThatWouldChangeNothingIsRefusedByTheTable() async throws {
        let roster = try HubRoster(tag: token())
        let connection = try await hub.connect()
        _ = try await HubRosterImport.apply(try RosterReader.read(roster.url).bundle, source: "roster", on: connection)
        let roleB = try await HubCounselors.add(.init(sourcedId: roster.b, givenName: "Jo", familyName: "Doe"),
                                                password: "password-b", on: connection)
        func refusal(_ body: () async throws -> Void) async -> String {
            do {
                try await body()
                return "not refused"
            } catch {
                return "\(error)"
            }
        }
        let onCaseload = await refusal { try await HubCounselors.share(student: "U1", with: roster.a, by: roster.a, on: connection) }
        XCTAssertEqual(onCaseload, "Cannot share U1 with \(roster.a): \(roster.a) already has U1 on their caseload, so a share "
            + "would change nothing; nothing was changed.")
        try await HubCounselors.share(student: "U3", with: roster.a, by: roster.b, on: connection)
        let twice = await refusal { try await HubCounselors.share(student: "U3", with: roster.a, by: roster.b, on: connection) }
        XCTAssertEqual(twice, "Cannot share U3 with \(roster.a): U3 is already shared with \(roster.a), so a second share would "
            + "change nothing; nothing was changed.")

        // The same rules hold for the administrator's psql and for the student's counselor's.
        let asAdmin = try hub.psql("""
            INSERT INTO waypoint.student_share (student_sourced_id, counselor_sourced_id, shared_by) VALUES ('U4', '\(roster.b)', '\(roster.b)')
            """, as: hub.cluster.admin.user, password: hub.cluster.password)
        XCTAssertNotEqual(asAdmin.status, 0)
        XCTAssertTrue(asAdmin.err.contains("\(roster.b) already has U4 on their caseload"), asAdmin.err)
        let asB = try hub.psql("""
            INSERT INTO waypoint.student_share (student_sourced_id, counselor_sourced_id, shared_by) VALUES ('U3', '\(roster.a)', '\(roster.b)')
            """, as: roleB, password: "password-b")
        XCTAssertNotEqual(asB.status, 0)
        XCTAssertTrue(asB.err.contains("U3 is already shared with \(roster.a)"), asB.err)
        let shares = try await connection.int("SELECT count(*) FROM waypoint.student_share")
        XCTAssertEqual(shares, 1, "nothing changed")
        await connection.close()
    }
}
