import Foundation
import GRDB
import HubTestSupport
import WaypointCore
@testable import WaypointHub
@testable import WaypointStore
@testable import WaypointSync
import XCTest

/// The hub's own rules (hub migration v4), proven with psql as the counselor's role and with
/// workstations syncing: values, confidential sessions' records, the hub's received time,
/// and a pull that leaves out what the workstation pushed itself. (In HubSyncTests: same
/// district and workstations.)
extension HubSyncTests {
    /// Before v4 a counselor's psql could store a milestone state no workstation knows, and
    /// every colleague's pull of that student then failed as a whole.
    func testAValueTheWorkstationsRulesRefuseIsRefusedAtTheHubWhoeverWritesIt() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        try await share("U1", with: b, by: a)
        let onB = try await workstation(b)
        try await onB.sync()
        let finished = #"{"student":"U1","milestoneId":"fafsa","status":"finished"}"#
        let expected = #"milestone_status.status: expected one of not-started, in-progress, done, waived, not "finished""#

        let pushed = try district.psql("""
            SELECT waypoint.apply_change('psql:1:1', 'milestone_status', 'U1/fafsa', 'insert', 0, '\(finished)')::text
            """, as: a)
        XCTAssertEqual(pushed.status, 0, pushed.err)
        XCTAssertTrue(pushed.out.contains(#""reason": "invalid""#), pushed.out)
        XCTAssertTrue(pushed.out.contains(expected.replacingOccurrences(of: "\"", with: "\\\"")), pushed.out)
        let direct = try district.psql("""
            INSERT INTO waypoint.synced_record (table_name, uid, version, payload, produced_by)
            VALUES ('milestone_status', 'U1/fafsa', 1, '\(finished)', 'psql')
            """, as: a)
        XCTAssertNotEqual(direct.status, 0)
        XCTAssertTrue(direct.err.contains(expected), direct.err)

        // A good record changed to a bad one directly is refused too.
        let good = try district.psql("""
            SELECT waypoint.apply_change('psql:2:1', 'milestone_status', 'U1/fafsa', 'insert', 0,
                '{"student":"U1","milestoneId":"fafsa","status":"done"}') ->> 'outcome'
            """, as: a)
        XCTAssertEqual(good.out, "applied", good.err)
        let changed = try district.psql("""
            UPDATE waypoint.synced_record SET payload = payload || '{"dueDate":"2026-02-30"}' WHERE uid = 'U1/fafsa'
            """, as: a)
        XCTAssertTrue(changed.err.contains(#"milestone_status.dueDate: expected a date (YYYY-MM-DD) that exists, not "2026-02-30""#),
                      changed.err)

        let pulled = try await onB.sync()
        XCTAssertEqual(pulled.pulled, 1, "only the good record came down")
        XCTAssertEqual(try onB.milestone("U1", "fafsa"), .done)
    }

    /// A workstation's own change the hub's rules refuse (the local schema holds no text
    /// lengths) comes back refused and is kept among the refused changes, never dropped.
    func testAWorkstationsChangeTheHubRefusesIsKeptAsRefused() async throws {
        let onA = try await workstation(district.roster.a)
        let long = String(repeating: "x", count: TextField.title.maxLength + 1)
        _ = try onA.database.addFollowUp(studentId: try onA.studentId("U1"), authorId: onA.counselorId, text: long, dueDate: nil)
        let report = try await onA.sync()
        XCTAssertEqual(report.refused, 1)
        let refused = try onA.database.refusedChanges()
        XCTAssertEqual(refused.map(\.reason), [.invalid])
        XCTAssertEqual(refused.map(\.tableName), ["follow_up"])
        XCTAssertTrue(refused.first?.detail.contains("follow_up.text: expected at most 500 characters (found 501)") == true,
                      refused.first?.detail ?? "none")
        XCTAssertTrue(refused.first?.mine.contains(long) == true, "the counselor's text is kept")
    }

    /// A follow-up, note or topic of a confidential session in clear is refused, by psql or
    /// through apply_change, from its author or from a colleague who cannot see the session;
    /// the marker word is nowhere in the hub's dump.
    func testClearTextOfAConfidentialSessionIsRefusedWhoeverWritesIt() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        try await share("U1", with: b, by: a)
        let session = "5e55e55e-0000-4000-8000-00000000c0f1"
        let marker = "xyzzy\(token())plugh"
        let sealed = try district.psql("""
            SELECT waypoint.apply_change('a:1:1', 'advising_session', '\(session)', 'insert', 0,
                '{"student":"U1","author":"\(a)","isConfidential":1,"sealed":"AQID"}') ->> 'outcome'
            """, as: a)
        XCTAssertEqual(sealed.out, "applied", sealed.err)

        let followUp = #"{"student":"U1","session":"\#(session)","author":"WHO","text":"\#(marker)","status":"open","createdAt":"2026-12-03 10:00:00.000"}"#
        let note = #"{"session":"\#(session)","version":2,"author":"WHO","text":"\#(marker)","createdAt":"2026-12-03 10:00:00.000"}"#
        let topic = #"{"session":"\#(session)","topic":"\#(marker)"}"#
        for (who, role) in [(a, "author"), (b, "colleague")] {
            for (table, uid, payload) in [("follow_up", UUID().uuidString.lowercased(), followUp),
                                          ("session_note", "\(session)/2", note),
                                          ("session_topic", "\(session)/\(marker)", topic)] {
                let body = payload.replacingOccurrences(of: "WHO", with: who)
                let viaApply = try district.psql("""
                    SELECT waypoint.apply_change('\(who):9:1', '\(table)', '\(uid)', 'insert', 0, '\(body)')::text
                    """, as: who)
                XCTAssertTrue(viaApply.out.contains(#""outcome": "refused""#), "\(role), \(table): \(viaApply)")
                let direct = try district.psql("""
                    INSERT INTO waypoint.synced_record (table_name, uid, version, payload, produced_by)
                    VALUES ('\(table)', '\(uid)', 1, '\(body)', 'psql')
                    """, as: who)
                XCTAssertNotEqual(direct.status, 0, "\(role), \(table)")
                XCTAssertTrue(direct.err.contains("never stored in clear at the hub") || direct.err.contains("topics travel sealed"),
                              "\(role), \(table): \(direct.err)")
            }
        }
        // Sealed, the author's follow-up is taken, and is the author's alone.
        let sealedFollowUp = try district.psql("""
            SELECT waypoint.apply_change('a:2:1', 'follow_up', 'f-1', 'insert', 0,
                '{"student":"U1","session":"\(session)","author":"\(a)","isConfidential":1,"sealed":"BAUG"}') ->> 'outcome'
            """, as: a)
        XCTAssertEqual(sealedFollowUp.out, "applied", sealedFollowUp.err)
        XCTAssertEqual(try district.psql("SELECT count(*) FROM waypoint.synced_record WHERE uid = 'f-1'", as: b).out, "0")
        XCTAssertFalse(try district.hub.dump().contains(marker), "a confidential session's words are in pg_dump")
    }

    /// The time a workstation claims stays as data; the hub stamps its own, which no writer sets.
    func testTheHubStampsWhenItReceivedAnAuditRowWhateverTheWriterClaims() async throws {
        let a = district.roster.a
        let claimed = "2001-01-01T00:00:00.000Z"
        let pushed = try district.psql("""
            SELECT waypoint.apply_change('a:1:1', 'audit_event', 'audit-1', 'insert', 0,
                '{"at":"\(claimed)","counselor":"\(a)","actor":"msmith","action":"viewedProfile","student":"U1","subject":"","detail":""}') ->> 'outcome';
            INSERT INTO waypoint.synced_record (table_name, uid, version, payload, produced_by, received_at)
            VALUES ('audit_event', 'audit-2', 1,
                '{"at":"\(claimed)","counselor":"\(a)","actor":"msmith","action":"viewedPlan","student":"U1","subject":"","detail":""}',
                'psql', '2001-01-01');
            INSERT INTO waypoint.audit_event (at, recorded_at, counselor_sourced_id, actor, action, student_sourced_id)
            VALUES ('2001-01-01', '2001-01-01', '\(a)', 'msmith', 'viewedProfile', 'U1');
            """, as: a)
        XCTAssertEqual(pushed.status, 0, pushed.err)
        XCTAssertEqual(pushed.out, "applied")
        let admin = { (sql: String) in
            try self.district.hub.psql(sql, as: self.district.hub.cluster.admin.user, password: self.district.hub.cluster.password)
        }
        XCTAssertEqual(try admin("""
            SELECT string_agg(uid || ' ' || (payload ->> 'at') || ' ' || (received_at > now() - interval '1 hour'), ',' ORDER BY uid)
            FROM waypoint.synced_record WHERE table_name = 'audit_event'
            """).out, "audit-1 \(claimed) true,audit-2 \(claimed) true")
        XCTAssertEqual(try admin("""
            SELECT to_char(at, 'YYYY') || ' ' || (recorded_at > now() - interval '1 hour') FROM waypoint.audit_event
            WHERE counselor_sourced_id = '\(a)'
            """).out, "2001 true")
        for sql in ["UPDATE waypoint.synced_record SET received_at = '2001-01-01' WHERE table_name = 'audit_event'",
                    "UPDATE waypoint.audit_event SET recorded_at = '2001-01-01'"] {
            let counselor = try district.psql(sql, as: a)
            XCTAssertTrue(counselor.status != 0 || counselor.out.isEmpty, "\(sql): \(counselor)")
            let owner = try admin(sql)
            XCTAssertNotEqual(owner.status, 0, sql)
            XCTAssertTrue(owner.err.contains("never") || owner.err.contains("append-only"), "\(sql): \(owner.err)")
        }
        XCTAssertEqual(try admin("SELECT count(*) FROM waypoint.synced_record WHERE received_at < '2002-01-01'").out, "0")
    }

    /// A sync used to pull back every change it had just pushed.
    func testAPullLeavesOutWhatThisWorkstationPushedAndOthersStillGetIt() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        try await share("U1", with: b, by: a)
        let onA = try await workstation(a), onB = try await workstation(b)
        let secondA = try await workstation(a)
        for station in [onA, onB, secondA] { try await station.sync() }

        try onA.recordSession("U1", note: "Pushed by A's first workstation")
        try onA.setMilestone("U1", "fafsa", .inProgress)
        let checkpoint = try onA.database.syncState().checkpoint
        let report = try await onA.sync()
        XCTAssertGreaterThanOrEqual(report.pushed, 4)
        XCTAssertEqual(report.pulled, 0, "none of its own rows came back")
        XCTAssertGreaterThan(try onA.database.syncState().checkpoint, checkpoint, "the checkpoint moved past them")
        let again = try await onA.link.pull(after: checkpoint, limit: 100,
                                            skippingPushesOf: try onA.database.syncState().workstationId)
        XCTAssertEqual(again.changes, [])
        let everything = try await onA.link.pull(after: checkpoint, limit: 100)
        XCTAssertGreaterThanOrEqual(everything.changes.count, 4, "the hub logged them")

        // The same counselor's other workstation and a colleague still receive them.
        try await secondA.sync()
        XCTAssertEqual(try secondA.notes("U1"), ["Pushed by A's first workstation"])
        try await onB.sync()
        XCTAssertEqual(try onB.milestone("U1", "fafsa"), .inProgress)

        // The hub versions A holds are the hub's: B's change over them conflicts with nothing.
        try onA.setMilestone("U1", "fafsa", .done)
        let second = try await onA.sync()
        XCTAssertEqual(second.refused, 0)
        XCTAssertEqual(second.pulled, 0)
        try onB.setMilestone("U1", "fafsa", .waived)
        let onBReport = try await onB.sync()
        XCTAssertEqual(onBReport.refused, 1, "B's change was made over the version A replaced")
        try await onA.sync()
        XCTAssertEqual(try onA.milestone("U1", "fafsa"), .done)
    }
}
