import HubTestSupport
import Foundation
import Interchange
@testable import WaypointHub
import WaypointCore
import XCTest

/// The district imports once, at the hub, with the workstation's readers and rules: all or
/// nothing, and the same files twice change nothing.
final class HubImportTests: XCTestCase {
    private var hub: TestHub!

    override func setUp() async throws {
        hub = try await HubCluster.shared().makeDatabase().initialized()
    }

    override func tearDown() async throws {
        try await hub?.drop()
    }

    /// The rows the import may touch and the change log's end: equal before and after means
    /// nothing changed.
    private func snapshot(_ connection: HubConnection) async throws -> [String] {
        try await connection.strings("""
            SELECT 'student ' || to_jsonb(s)::text FROM waypoint.student s
            UNION ALL SELECT 'school ' || to_jsonb(s)::text FROM waypoint.school s
            UNION ALL SELECT 'counselor ' || to_jsonb(c)::text FROM waypoint.counselor c
            UNION ALL SELECT 'caseload ' || to_jsonb(c)::text FROM waypoint.caseload c
            UNION ALL SELECT 'abc ' || to_jsonb(a)::text FROM waypoint.abc_attendance a
            UNION ALL SELECT 'changes ' || count(*) FROM waypoint.change_log
            ORDER BY 1
            """)
    }

    func testARosterImportsOnceAndTheSecondRunChangesNothing() async throws {
        let roster = try HubRoster(tag: token())
        let bundle = try RosterReader.read(roster.url).bundle
        let connection = try await hub.connect()
        let first = try await HubRosterImport.apply(bundle, source: "roster", on: connection)
        XCTAssertEqual(first.students, .init(added: 4))
        XCTAssertEqual(first.counselors, .init(added: 2))
        XCTAssertEqual(first.schools.added, 1)
        XCTAssertEqual(first.caseloadsAdded, 4)
        let value1 = try await connection.strings("SELECT student_sourced_id FROM waypoint.caseload WHERE counselor_sourced_id = '\(roster.a)' ORDER BY 1")
        XCTAssertEqual(value1,
                       ["U1", "U2"])
        let value2 = try await connection.strings("SELECT birth_date FROM waypoint.student WHERE sourced_id = 'U1'")
        XCTAssertEqual(value2, ["2010-04-17"])
        let before = try await snapshot(connection)

        let second = try await HubRosterImport.apply(bundle, source: "roster", on: connection)
        XCTAssertEqual(second, RosterImportSummary())
        let value3 = try await snapshot(connection)
        XCTAssertEqual(value3, before)
        let value4 = try await connection.int("SELECT count(*) FROM waypoint.audit_event WHERE action = 'importedRoster'")
        XCTAssertEqual(value4, 2,
                       "each import is audited, as on a workstation")
        await connection.close()
    }

    func testABulkRosterMovesAStudentAndDeactivatesWhoItNoLongerLists() async throws {
        let tag = token()
        let connection = try await hub.connect()
        let roster = try HubRoster(tag: tag)
        _ = try await HubRosterImport.apply(try RosterReader.read(roster.url).bundle, source: "roster", on: connection)
        let users = """
            sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,identifier,grades
            U1,active,2025-01-01,true,ana,Ana,Lopez,1001,10
            U2,active,2025-01-01,true,ben,Ben,Okafor,1002,10
            U3,active,2025-01-01,true,cy,Cy,Ng,1003,11
            \(roster.a),active,2025-01-01,true,msmith,Maria,Smith,,
            \(roster.b),active,2025-01-01,true,jdoe,Jo,Doe,,

            """
        let next = try HubRoster(tag: tag, caseloads: "counselor,student\n\(roster.a),U1\n\(roster.b),U2\n\(roster.b),U3\n",
                                 users: users)
        let roles = try String(contentsOf: next.url.appendingPathComponent("roles.csv"), encoding: .utf8)
        try Data(roles.split(separator: "\n").filter { !$0.contains(",U4,") }.joined(separator: "\n").utf8)
            .write(to: next.url.appendingPathComponent("roles.csv"))
        let summary = try await HubRosterImport.apply(try RosterReader.read(next.url).bundle, source: "next", on: connection)
        XCTAssertEqual(summary.students, .init(added: 0, updated: 1, deactivated: 1), "U1 changed grade; U4 left")
        XCTAssertEqual(summary.caseloadsAdded, 1)
        XCTAssertEqual(summary.caseloadsRemoved, 2, "U2 left A's caseload; U4's assignment ended")
        let value5 = try await connection.strings("SELECT sourced_id || ' ' || is_active || ' ' || grade FROM waypoint.student ORDER BY 1")
        XCTAssertEqual(value5,
                       ["U1 true 10", "U2 true 10", "U3 true 11", "U4 false 12"], "U4 is kept, inactive")
        let value6 = try await connection.strings("SELECT birth_date FROM waypoint.student WHERE sourced_id = 'U1'")
        XCTAssertEqual(value6, ["2010-04-17"])
        await connection.close()
    }

    func testABadRosterIsRefusedAtItsLineAndChangesNothing() async throws {
        let roster = try HubRoster(tag: token())
        let connection = try await hub.connect()
        // A student the district entered before, holding U4's local ID.
        try await connection.run("""
            INSERT INTO waypoint.school (sourced_id, name) VALUES ('S0', 'Old School');
            INSERT INTO waypoint.student (sourced_id, local_id, given_name, family_name, grade, school_sourced_id)
            VALUES ('X9', '1004', 'Xa', 'Old', 9, 'S0');
            """)
        let before = try await snapshot(connection)

        // A roster the reader accepts but the hub cannot take: refused in a sentence, and
        // none of it applied (not the school, not the three students before the clash).
        let bundle = try RosterReader.read(roster.url).bundle
        do {
            _ = try await HubRosterImport.apply(bundle, source: "clash", on: connection)
            XCTFail("a duplicate local ID must be refused")
        } catch {
            XCTAssertEqual("\(error)", "Two students would share the local ID 1004 (one already at the hub): correct the roster. "
                + "Nothing was imported.")
        }
        let value7 = try await snapshot(connection)
        XCTAssertEqual(value7, before)

        // A file the reader refuses: the same file:line:column errors as a workstation import,
        // before the hub is touched.
        try Data("sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,identifier,grades\nU1,active,1/05/2023,true,ana,Ana,Lopez,1001,09\n".utf8)
            .write(to: roster.url.appendingPathComponent("users.csv"))
        XCTAssertThrowsError(try RosterReader.read(roster.url)) { error in
            XCTAssertTrue("\(error)".contains("users.csv:2:3: dateLastModified \"1/05/2023\""), "\(error)")
        }
        await connection.close()
    }

    func testAnABCFileImportsOnceAndTheSecondRunChangesNothing() async throws {
        let roster = try HubRoster(tag: token())
        let connection = try await hub.connect()
        _ = try await HubRosterImport.apply(try RosterReader.read(roster.url).bundle, source: "roster", on: connection)
        let file = roster.url.appendingPathComponent("attendance.csv")
        try Data("""
            studentSourcedId,localId,term,startDate,endDate,daysEnrolled,daysPresent,daysAbsent
            U1,,2026-FA,2026-08-20,2026-12-18,80,70,
            ,1002,2026-FA,2026-08-20,2026-12-18,80,,4

            """.utf8).write(to: file)
        let students = try await HubABCImport.students(on: connection)
        let batch = try ABCReader.read(file, students: students.keys)
        let first = try await HubABCImport.apply(batch, students: students, source: "attendance.csv", on: connection)
        XCTAssertEqual(first.attendance, .init(added: 2))
        let value8 = try await connection.strings("SELECT student_sourced_id || ' ' || days_present FROM waypoint.abc_attendance ORDER BY 1")
        XCTAssertEqual(value8,
                       ["U1 70", "U2 76"])
        let before = try await snapshot(connection)
        let second = try await HubABCImport.apply(batch, students: students, source: "attendance.csv", on: connection)
        XCTAssertEqual(second.attendance, .init(unchanged: 2))
        let value9 = try await snapshot(connection)
        XCTAssertEqual(value9, before)

        try Data("studentSourcedId,term,startDate,endDate,daysEnrolled,daysPresent\nU7,2026-FA,2026-08-20,2026-12-18,80,70\n".utf8)
            .write(to: file)
        XCTAssertThrowsError(try ABCReader.read(file, students: students.keys)) { error in
            XCTAssertTrue("\(error)".hasPrefix("attendance.csv:2:1: studentSourcedId \"U7\""), "\(error)")
        }
        await connection.close()
    }
}
