import Foundation
import HubTestSupport
import Interchange
import ProcessKit
import WaypointCatalogs
import WaypointCore
@testable import WaypointHub
import XCTest

/// The leaders' reports over the whole district (`waypoint report ... --hub`): read as a
/// lead, from what every counselor synced, with the workstation's rules and suppression.
final class HubReportsTests: XCTestCase {
    private var hub: TestHub!
    private var roster: HubRoster!
    private var lead = ""
    private let leadPassword = "password-lead"

    override func setUp() async throws {
        hub = try await HubCluster.shared().makeDatabase().initialized()
        let tag = token()
        roster = try HubRoster(tag: tag)
        let connection = try await hub.connect()
        _ = try await HubRosterImport.apply(try RosterReader.read(roster.url).bundle, source: "roster", on: connection)
        lead = "wp_test_lead_\(tag)"
        try await connection.exec("CREATE ROLE \(lead) LOGIN PASSWORD '\(leadPassword)' IN ROLE waypoint_lead")
        // What two counselors' workstations synced: A's student U1 has a pathway and FAFSA
        // done, U2 an active intervention; B saw U3 today (and wrote a note the lead must
        // never read); U4 nothing.
        let today = Self.storedText(Date())
        try await connection.exec("""
            INSERT INTO waypoint.synced_record (table_name, uid, student, author, confidential, version, payload, produced_by) VALUES
            ('plan', 'U1', 'U1', NULL, false, 1, '{"student": "U1", "pathwayId": "health-science", "postsecondaryGoal": "undecided", "careerInterests": "[]"}', 'ws1:1:1'),
            ('milestone_status', 'U1/fafsa', 'U1', NULL, false, 1,
             '{"student": "U1", "milestoneId": "fafsa", "status": "done"}', 'ws1:2:1'),
            ('milestone_status', 'U1/campus-visit', 'U1', NULL, false, 1,
             '{"student": "U1", "milestoneId": "campus-visit", "status": "in-progress"}', 'ws1:3:1'),
            ('intervention', 'i-1', 'U2', '\(roster.a)', false, 1,
             '{"student": "U2", "kind": "reading", "owner": "\(roster.a)", "goal": "Read daily", "startDate": "2026-09-01",
               "sessionsPerWeek": 2, "minutesPerSession": 30, "status": "active", "createdAt": "2026-09-01 10:00:00.000"}', 'ws1:4:1'),
            ('advising_session', 's-1', 'U3', '\(roster.b)', false, 1,
             '{"student": "U3", "author": "\(roster.b)", "startedAt": "\(today)", "durationMinutes": 20, "kind": "college",
               "participants": "student", "isConfidential": 0, "isArchived": 0, "createdAt": "\(today)"}',
             'ws2:1:1'),
            ('session_note', 's-1/1', 'U3', '\(roster.b)', false, 1,
             '{"session": "s-1", "version": 1, "text": "lead-must-not-read", "author": "\(roster.b)", "createdAt": "\(today)"}', 'ws2:2:1')
            """)
        await connection.close()
    }

    override func tearDown() async throws {
        try await hub?.drop()
    }

    private static func storedText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        return formatter.string(from: date)
    }

    private func studentsAsLead(counselor: String? = nil) async throws -> [String: ReportStudent] {
        let connection = try await HubConnection.connect(hub.address(as: lead), password: leadPassword)
        let students = try await HubReports.students(on: connection, counselor: counselor, catalogs: CatalogLoader.shipped)
        await connection.close()
        return Dictionary(uniqueKeysWithValues: students.map { ($0.student.sourcedId!, $0) })
    }

    func testALeadReadsEveryCounselorsWorkAsTheWorkstationWould() async throws {
        let students = try await studentsAsLead()
        XCTAssertEqual(students.keys.sorted(), ["U1", "U2", "U3", "U4"])
        XCTAssertEqual(students["U1"]?.counselorName, "Maria Smith")
        XCTAssertEqual(students["U3"]?.counselorName, "Jo Doe")
        XCTAssertEqual(students["U1"]?.pathwayTitle, CatalogLoader.shipped.pathways.title(of: "health-science"))
        XCTAssertEqual(students["U1"]?.completedMilestoneIds, ["fafsa"], "in progress is not done")
        XCTAssertEqual(students["U2"]?.hasActiveIntervention, true)
        XCTAssertEqual(students["U1"]?.hasActiveIntervention, false)
        XCTAssertNotNil(students["U3"]?.lastContact)
        XCTAssertNil(students["U4"]?.lastContact)
        XCTAssertEqual(students["U1"]?.student.givenName, "", "a lead never reads a name")

        let coverage = Reports.coverage(Array(students.values), by: .counselor, days: 30, now: Date(), minimumGroup: 1)
        let seen = Dictionary(uniqueKeysWithValues: coverage.rows.map { ($0.group, $0.count) })
        XCTAssertEqual(seen, ["Maria Smith": 2, "Jo Doe": 2])
        XCTAssertEqual(coverage.total.count, 4)

        let onlyB = try await studentsAsLead(counselor: roster.b)
        XCTAssertEqual(onlyB.keys.sorted(), ["U3", "U4"])
    }

    func testALeadCannotReadNotesOrNamesWithPsql() throws {
        let payloads = try hub.psql("SELECT count(*) FROM waypoint.synced_record", as: lead, password: leadPassword)
        XCTAssertNotEqual(payloads.status, 0, "a lead reads the report views, not the records")
        XCTAssertTrue(payloads.err.contains("permission denied"), payloads.err)
        let names = try hub.psql("SELECT given_name FROM waypoint.student", as: lead, password: leadPassword)
        XCTAssertNotEqual(names.status, 0)
        let views = try hub.psql("SELECT string_agg(milestone_id || ':' || status, ',') FROM waypoint.report_milestone",
                                 as: lead, password: leadPassword)
        XCTAssertEqual(views.status, 0, views.err)
        XCTAssertFalse(views.out.contains("lead-must-not-read"))
    }

    func testTheCommandReportsTheDistrictWithSmallGroupsSuppressed() throws {
        let url = "postgres://\(lead)@\(hub.address.host):\(hub.address.port)/\(hub.address.database)"
        let passwordFile = FileManager.default.temporaryDirectory.appendingPathComponent("lead-\(UUID().uuidString)")
        try Data("\(leadPassword)\n".utf8).write(to: passwordFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile.path)
        defer { try? FileManager.default.removeItem(at: passwordFile) }

        let wide = try waypoint(["report", "coverage", "--by", "counselor", "--min-group", "1", "--json",
                                 "--hub", url, "--hub-password-file", passwordFile.path])
        XCTAssertEqual(wide.status, 0, wide.err)
        XCTAssertTrue(wide.out.contains("Maria Smith") && wide.out.contains("Jo Doe"), wide.out)

        // Groups of two under a minimum of ten: every group hidden, the total still shown.
        let suppressed = try waypoint(["report", "coverage", "--by", "counselor", "--hub", url,
                                       "--hub-password-file", passwordFile.path])
        XCTAssertEqual(suppressed.status, 0, suppressed.err)
        XCTAssertTrue(suppressed.out.contains(Suppression.legend(minimumGroup: 10)), suppressed.out)

        let down = try waypoint(["report", "coverage", "--hub", "postgres://\(lead)@127.0.0.1:1/\(hub.address.database)",
                                 "--hub-password-file", passwordFile.path])
        XCTAssertNotEqual(down.status, 0)
        XCTAssertTrue(down.err.contains("127.0.0.1:1"), down.err)
    }

    private func waypoint(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let result = try ProcessKit.run(try HubBinary.path(), arguments,
                                        environment: ["PGPASSFILE": "/nonexistent", "PGPASSWORD": "", "WAYPOINT_HUB_URL": ""],
                                        timeout: 120)
        return (result.status, String(decoding: result.stdout, as: UTF8.self), String(decoding: result.stderr, as: UTF8.self))
    }
}
