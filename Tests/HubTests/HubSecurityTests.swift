import HubTestSupport
import Foundation
import Interchange
@testable import WaypointHub
import XCTest

/// Row-level security proven with `psql`, the real client, logged in as each role: what a
/// counselor could do with their password and no Waypoint at all.
final class HubSecurityTests: XCTestCase {
    private var hub: TestHub!
    private var roster: HubRoster!
    private var roleA = ""
    private var roleB = ""
    private var lead = ""
    private let visible = "11111111-1111-1111-1111-111111111111"
    private let confidential = "22222222-2222-2222-2222-222222222222"

    override func setUp() async throws {
        hub = try await HubCluster.shared().makeDatabase().initialized()
        let tag = token()
        roster = try HubRoster(tag: tag)
        let connection = try await hub.connect()
        _ = try await HubRosterImport.apply(try RosterReader.read(roster.url).bundle, source: "roster", on: connection)
        roleA = try await HubCounselors.add(.init(sourcedId: roster.a, givenName: "Maria", familyName: "Smith"),
                                            password: "password-a", on: connection)
        roleB = try await HubCounselors.add(.init(sourcedId: roster.b, givenName: "Jo", familyName: "Doe"),
                                            password: "password-b", on: connection)
        // A lead who is no counselor: reports only.
        lead = "wp_test_lead_\(tag)"
        try await connection.exec("CREATE ROLE \(lead) LOGIN PASSWORD 'password-l' IN ROLE waypoint_lead")
        await connection.close()

        // B records two sessions on U3 (their caseload) through the hub's apply_change, one
        // confidential (sealed), and shares U3 with A.
        let b = roster.b
        let written = try hub.psql("""
            SELECT waypoint.apply_change('b:1:1', 'advising_session', '\(visible)', 'insert', 0,
                '{"student":"U3","author":"\(b)","startedAt":"2026-12-01 10:00:00.000","durationMinutes":30,"kind":"academic","participants":"student","isConfidential":0,"isArchived":0,"createdAt":"2026-12-01 10:00:00.000"}') ->> 'outcome';
            SELECT waypoint.apply_change('b:2:1', 'session_note', '\(visible)/1', 'insert', 0,
                '{"session":"\(visible)","version":1,"text":"visible-note","author":"\(b)","createdAt":"2026-12-01 10:30:00.000"}') ->> 'outcome';
            SELECT waypoint.apply_change('b:3:1', 'advising_session', '\(confidential)', 'insert', 0,
                '{"student":"U3","author":"\(b)","isConfidential":1,"sealed":"AQI="}') ->> 'outcome';
            SELECT waypoint.apply_change('b:4:1', 'session_note', '\(confidential)/1', 'insert', 0,
                '{"session":"\(confidential)","version":1,"author":"\(b)","isConfidential":1,"sealed":"AwQ="}') ->> 'outcome';
            INSERT INTO waypoint.student_share (student_sourced_id, counselor_sourced_id, shared_by)
            VALUES ('U3', '\(roster.a)', '\(b)');
            INSERT INTO waypoint.audit_event (at, counselor_sourced_id, actor, action, student_sourced_id)
            VALUES (now(), '\(b)', 'jdoe', 'addedSession', 'U3');
            """, as: roleB, password: "password-b")
        XCTAssertEqual(written.out.split(separator: "\n"), ["applied", "applied", "applied", "applied"], written.err)
        XCTAssertEqual(written.status, 0, written.err)
    }

    override func tearDown() async throws {
        try await hub?.drop()
    }

    private func asA(_ sql: String) throws -> (status: Int32, out: String, err: String) {
        try hub.psql(sql, as: roleA, password: "password-a")
    }

    func testACounselorSeesTheirCaseloadAndWhatIsSharedNotAnotherCaseload() throws {
        XCTAssertEqual(try asA("SELECT string_agg(sourced_id, ',' ORDER BY sourced_id) FROM waypoint.student").out, "U1,U2,U3",
                       "U3 is shared with A; U4 is B's alone")
        XCTAssertEqual(try asA("SELECT count(*) FROM waypoint.student WHERE sourced_id = 'U4'").out, "0")
        XCTAssertEqual(try hub.psql("SELECT string_agg(sourced_id, ',' ORDER BY sourced_id) FROM waypoint.student",
                                    as: roleB, password: "password-b").out, "U3,U4")
        XCTAssertEqual(try asA("SELECT count(*) FROM waypoint.change_log WHERE student_sourced_id = 'U4'").out, "0",
                       "the change log is scoped the same way")
    }

    /// `student_records` (hub migration v8) reads past row-level security, once per student:
    /// for each login it gives exactly the records the read policy shows it, another
    /// author's confidential session never, a student not in scope never, and nothing once a
    /// share ends or to a login that is no counselor.
    func testStudentRecordsGivesWhatTheReadPolicyShowsAndNothingMore() throws {
        let fetched = "SELECT coalesce(string_agg(uid, ',' ORDER BY uid), '-') FROM waypoint.student_records(ARRAY['U1', 'U2', 'U3', 'U4'])"
        let policy = "SELECT coalesce(string_agg(uid, ',' ORDER BY uid), '-') FROM waypoint.synced_record WHERE table_name <> 'audit_event'"
        let asB = { (sql: String) in try self.hub.psql(sql, as: self.roleB, password: "password-b") }
        XCTAssertEqual(try asA(fetched).out, [visible, "\(visible)/1"].joined(separator: ","), "B's open session on U3, shared with A")
        XCTAssertEqual(try asA(fetched).out, try asA(policy).out)
        XCTAssertEqual(try asB(fetched).out, [visible, "\(visible)/1", confidential, "\(confidential)/1"].sorted().joined(separator: ","),
                       "its author fetches the confidential session too")
        XCTAssertEqual(try asB(fetched).out, try asB(policy).out)
        let byLead = try hub.psql(fetched, as: lead, password: "password-l")
        XCTAssertNotEqual(byLead.status, 0, "a lead who is no counselor may not call it")
        XCTAssertTrue(byLead.err.contains("permission denied"), byLead.err)

        let unshared = try asB("DELETE FROM waypoint.student_share WHERE student_sourced_id = 'U3'")
        XCTAssertEqual(unshared.status, 0, unshared.err)
        XCTAssertEqual(try asA(fetched).out, "-", "the share ended: B's records on U3 are out of A's reach")
        XCTAssertEqual(try asA(fetched).out, try asA(policy).out)
    }

    func testAnotherAuthorsConfidentialSessionIsInvisibleEvenOnASharedStudent() throws {
        XCTAssertEqual(try asA("SELECT string_agg(uid, ',') FROM waypoint.synced_record WHERE table_name = 'advising_session'").out,
                       visible)
        XCTAssertEqual(try asA("""
            SELECT string_agg(coalesce(payload ->> 'text', 'sealed'), ',') FROM waypoint.synced_record WHERE table_name = 'session_note'
            """).out, "visible-note")
        XCTAssertEqual(try asA("SELECT count(*) FROM waypoint.change_log WHERE private_to IS NOT NULL").out, "0")
        XCTAssertEqual(try hub.psql("SELECT count(*) FROM waypoint.synced_record WHERE confidential AND table_name = 'advising_session'",
                                    as: roleB, password: "password-b").out, "1", "its author sees it")
        let clear = try hub.psql("""
            INSERT INTO waypoint.synced_record (table_name, uid, version, payload, produced_by)
            VALUES ('session_note', '\(confidential)/2', 1,
                    '{"session":"\(confidential)","version":2,"text":"marker-in-clear","author":"\(roster.b)"}', 'psql')
            """, as: roleB, password: "password-b")
        XCTAssertNotEqual(clear.status, 0)
        XCTAssertTrue(clear.err.contains("sealed on the workstation, never stored in clear at the hub"), clear.err)
    }

    func testACounselorWritesOnlyInTheirOwnNameAndOnlyForStudentsTheySee() throws {
        func insert(_ student: String, author: String) throws -> (status: Int32, out: String, err: String) {
            try asA("""
                INSERT INTO waypoint.synced_record (table_name, uid, version, payload, produced_by)
                VALUES ('advising_session', gen_random_uuid()::text, 1,
                        '{"student":"\(student)","author":"\(author)","startedAt":"2026-12-01 10:00:00.000","durationMinutes":30,
                          "kind":"academic","participants":"student","isConfidential":0,"isArchived":0,"createdAt":"2026-12-01 10:00:00.000"}', 'psql')
                """)
        }
        let asB = try insert("U1", author: roster.b)
        XCTAssertNotEqual(asB.status, 0)
        XCTAssertTrue(asB.err.contains("violates row-level security policy"), asB.err)
        let notMine = try insert("U4", author: roster.a)
        XCTAssertTrue(notMine.err.contains("violates row-level security policy"), notMine.err)
        XCTAssertEqual(try asA("UPDATE waypoint.synced_record SET payload = payload || '{\"kind\":\"x\"}' WHERE uid = '\(confidential)' RETURNING uid").out,
                       "", "B's confidential session is not A's to see, nor to change")
        let takeOver = try asA("UPDATE waypoint.synced_record SET payload = payload || '{\"author\":\"\(roster.a)\"}' WHERE uid = '\(visible)'")
        XCTAssertTrue(takeOver.err.contains("student and author never change"), takeOver.err)
        XCTAssertEqual(try asA("UPDATE waypoint.student SET grade = 1 WHERE sourced_id = 'U1'").err.contains("permission denied"), true)
    }

    func testNobodyCanChangeOrRemoveAuditRowsNotEvenTheSuperuser() throws {
        XCTAssertEqual(try asA("""
            INSERT INTO waypoint.audit_event (at, counselor_sourced_id, actor, action, student_sourced_id)
            VALUES (now(), '\(roster.a)', 'msmith', 'viewedProfile', 'U1') RETURNING action
            """).out, "viewedProfile")
        for sql in ["UPDATE waypoint.audit_event SET detail = 'edited'", "DELETE FROM waypoint.audit_event",
                    "TRUNCATE waypoint.audit_event"] {
            let counselor = try asA(sql)
            XCTAssertNotEqual(counselor.status, 0, sql)
            XCTAssertTrue(counselor.err.contains("permission denied"), "\(sql): \(counselor.err)")
            let owner = try hub.psql(sql, as: hub.cluster.admin.user, password: hub.cluster.password)
            XCTAssertNotEqual(owner.status, 0, sql)
            XCTAssertTrue(owner.err.contains("the audit trail is append-only"), "\(sql): \(owner.err)")
        }
        XCTAssertEqual(try hub.psql("SELECT count(*) FROM waypoint.audit_event WHERE detail = 'edited'",
                                    as: hub.cluster.admin.user, password: hub.cluster.password).out, "0")
        XCTAssertEqual(try asA("SELECT count(*) FROM waypoint.audit_event").out, "1", "a counselor reads only their own")
    }

    func testALeadReadsReportsButNeverNoteTextOrNames() throws {
        let asLead = { (sql: String) in try self.hub.psql(sql, as: self.lead, password: "password-l") }
        XCTAssertEqual(try asLead("SELECT count(*) || ' ' || sum(duration_minutes) FROM waypoint.report_session").out, "2 30",
                       "every counselor's sessions count in a report; a confidential one's minutes are sealed")
        XCTAssertEqual(try asLead("SELECT count(*) FROM waypoint.report_student").out, "4")
        for sql in ["SELECT payload FROM waypoint.synced_record", "SELECT given_name FROM waypoint.student",
                    "SELECT row FROM waypoint.change_log"] {
            let refused = try asLead(sql)
            XCTAssertNotEqual(refused.status, 0, sql)
            XCTAssertTrue(refused.err.contains("permission denied"), "\(sql): \(refused.err)")
        }
    }
}
