import Foundation
import GRDB
import HubTestSupport
import WaypointCore
@testable import WaypointHub
@testable import WaypointStore
@testable import WaypointSync
import XCTest

/// An intervention planned on screen (issue 15, item 5) reaches the hub and a colleague
/// whole: tier, area, the tutor who delivers it, the planned weeks and the measure, and each
/// note's sessions and measured value (local v21, hub v7-intervention-measures).
final class HubInterventionMeasuresTests: XCTestCase {
    private var district: HubDistrict!
    private var stations: [HubWorkstation] = []

    override func setUp() async throws {
        district = try await HubDistrict.make()
    }

    override func tearDown() async throws {
        for station in stations { await station.close() }
        try await district?.drop()
    }

    func testAnInterventionsPlanAndMeasuresTravelThroughTheHub() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        let onA = try await district.workstation(a), onB = try await district.workstation(b)
        stations += [onA, onB]
        let student = try onA.studentId("U1")
        let start = CivilDate(iso: "2026-11-02")!
        let planned = try onA.database.addIntervention(Intervention(
            studentId: student, kind: "tutoring", ownerId: onA.counselorId, ownerName: "Sam Ortiz (tutor)", tier: 2,
            area: .academic, goal: "Pass Algebra I", startDate: start, sessionsPerWeek: 2, minutesPerSession: 30,
            plannedWeeks: 8, measure: "quiz score %"), by: onA.counselorId)
        for (week, value) in [(1, 61.5), (2, 68.0)] {
            try onA.database.addInterventionNote(interventionId: planned.id!, date: start.adding(days: 7 * week),
                                                 text: "Week \(week)", sessionsDelivered: 2, measuredValue: value,
                                                 by: onA.counselorId)
        }
        let pushed = try await onA.sync()
        let refused = try onA.database.refusedChanges().map(\.detail)
        XCTAssertEqual(pushed.refused, 0, refused.joined(separator: "; "))
        XCTAssertEqual(try onA.database.pendingChangeCount(), 0)

        let atHub = try await district.admin { hub in
            try await hub.strings("""
                SELECT concat_ws('|', payload ->> 'ownerName', payload ->> 'tier', payload ->> 'area', payload ->> 'plannedWeeks',
                                 payload ->> 'measure')
                FROM waypoint.synced_record WHERE table_name = 'intervention'
                """)
        }
        XCTAssertEqual(atHub, ["Sam Ortiz (tutor)|2|academic|8|quiz score %"])

        _ = try await district.admin { try await HubCounselors.share(student: "U1", with: b, by: a, on: $0) }
        try await onB.sync()
        let theirs = try XCTUnwrap(try onB.database.interventions(studentId: try onB.studentId("U1")).first)
        XCTAssertEqual(theirs.ownerName, "Sam Ortiz (tutor)")
        XCTAssertEqual(theirs.tier, 2)
        XCTAssertEqual(theirs.area, .academic)
        XCTAssertEqual(theirs.plannedWeeks, 8)
        XCTAssertEqual(theirs.measure, "quiz score %")
        let notes = try onB.database.interventionNotes(id: theirs.id!)
        XCTAssertEqual(notes.map(\.measuredValue), [61.5, 68])
        XCTAssertEqual(InterventionDosage(theirs, notes: notes).text, "4 of 16 sessions, 120 of 480 min")
    }

    /// A value the workstation's rules refuse is refused by the hub too, naming the field.
    func testTheHubRefusesAnOutOfRangeMeasuredValue() async throws {
        let problem = try await district.admin { hub in
            try await hub.strings("""
                SELECT waypoint.value_problem('intervention_note', '{"intervention":"k1","date":"2026-11-09","text":"x",
                    "author":"c","createdAt":"2026-11-09 10:00:00.000","measuredValue":100001}'::jsonb)
                """)
        }
        XCTAssertEqual(problem.first?.hasPrefix("intervention_note.measuredValue: expected a number from -100000 to 100000"), true,
                       "\(problem)")
    }

    /// A and B close one intervention offline, differently (hub v9-intervention-rules, local
    /// v22-intervention-pulls): the hub takes A's; B's is refused and listed, B's pull writes
    /// A's closing over its own without stopping, "keep mine" is refused in words (a closed
    /// intervention does not change at the hub), and "take theirs" clears it.
    func testAnInterventionClosedTwiceOfflineEndsAsTheHubClosedIt() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        let onA = try await district.workstation(a), onB = try await district.workstation(b)
        stations += [onA, onB]
        let today = CivilDate(iso: "2026-12-03")!
        let planned = try onA.database.addIntervention(Intervention(
            studentId: try onA.studentId("U1"), kind: "attendance", ownerId: onA.counselorId, goal: "Attend every day",
            startDate: today.adding(days: -30), sessionsPerWeek: 1, minutesPerSession: 20), by: onA.counselorId)
        try await onA.sync()
        _ = try await district.admin { try await HubCounselors.share(student: "U1", with: b, by: a, on: $0) }
        try await onB.sync()
        let hers = try XCTUnwrap(try onB.database.interventions(studentId: try onB.studentId("U1")).first)

        try onA.database.closeIntervention(id: planned.id!, status: .completed, endDate: today, by: onA.counselorId)
        try onB.database.closeIntervention(id: hers.id!, status: .discontinued, endDate: today.adding(days: -1), by: onB.counselorId)
        let fromA = try await onA.sync(), fromB = try await onB.sync()
        XCTAssertEqual(fromA.refused, 0)
        XCTAssertEqual(fromB.refused, 1, "B closed it over an older version")
        let onBNow = try XCTUnwrap(try onB.database.interventions(studentId: try onB.studentId("U1"), includeClosed: true).first)
        XCTAssertEqual(onBNow.status, .completed, "the hub's closing, written over B's own")
        XCTAssertEqual(onBNow.endDate, today)

        let refused = try XCTUnwrap(try onB.database.refusedChanges().first)
        _ = try onB.database.resolveRefused(refused.id, .keepMine, by: onB.counselorId, now: Date())
        let kept = try await onB.sync()
        XCTAssertEqual(kept.refused, 1)
        let again = try XCTUnwrap(try onB.database.refusedChanges().first)
        XCTAssertTrue(again.detail.contains("a closed intervention does not change"), again.detail)
        let words = try XCTUnwrap(try onB.database.refusedChangeSummaries(viewerId: onB.counselorId).first)
        XCTAssertEqual(words.reason, "The hub's rules refused it: intervention: it was closed (completed) at the hub, "
                       + "and a closed intervention does not change.")
        XCTAssertFalse(words.canKeepMine)
        _ = try onB.database.resolveRefused(again.id, .takeTheirs, by: onB.counselorId, now: Date())
        let taken = try await onB.sync()
        XCTAssertEqual(taken.refused, 0)
        XCTAssertEqual(try onB.database.pendingChangeCount(), 0)
        let final = try XCTUnwrap(try onB.database.interventions(studentId: try onB.studentId("U1"), includeClosed: true).first)
        XCTAssertEqual(final.status, .completed)
        XCTAssertEqual(final.endDate, today)
    }

    /// The cross-field rules, as the hub holds them for any writer.
    func testTheHubRefusesAnEndBeforeTheStartAndAClosingWithoutItsDates() async throws {
        let base = #"{"student":"U1","kind":"attendance","owner":"\#(district.roster.a)","goal":"g","startDate":"2026-11-02","sessionsPerWeek":1,"minutesPerSession":20,"createdAt":"2026-11-02 10:00:00.000""#
        func insert(_ uid: String, _ rest: String) async throws -> String? {
            try await district.admin { hub in
                do {
                    try await hub.exec("""
                        INSERT INTO waypoint.synced_record (table_name, uid, version, payload, produced_by) VALUES ('intervention', '\(uid)', 1, '\(base),\(rest)}', 'test')
                        """)
                    return nil
                } catch {
                    return "\(error)"
                }
            }
        }
        let backwards = try await insert("i1", #""status":"active","endDate":"2026-11-01""#)
        XCTAssertTrue(backwards?.contains("its end date (2026-11-01) is before its start date (2026-11-02)") == true, "\(backwards ?? "accepted")")
        let undated = try await insert("i2", #""status":"completed","endDate":"2026-11-20""#)
        XCTAssertTrue(undated?.contains("a completed one says when it ended and when it was closed") == true, "\(undated ?? "accepted")")
        let closed = try await insert("i3", #""status":"completed","endDate":"2026-11-20","closedAt":"2026-11-20 10:00:00.000""#)
        XCTAssertNil(closed)
    }
}
