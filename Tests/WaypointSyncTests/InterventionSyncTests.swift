import Foundation
import GRDB
import WaypointCore
@testable import WaypointStore
import XCTest
@testable import WaypointSync
import WaypointSyncTesting

/// A closed intervention stays closed on the workstation that closed it, and the hub's
/// copy is what every workstation ends with: applying it again, or the hub's closing over
/// this workstation's own, never stops a pull.
final class InterventionSyncTests: XCTestCase {
    /// A and B close the same intervention offline, differently. The hub takes A's; B's is
    /// refused and listed, and B's pull brings A's closing over its own without stopping.
    func testAnInterventionClosedOnTwoWorkstationsEndsAsTheHubClosedIt() async throws {
        let (district, a, b, student, added) = try Self.planned()
        try await a.sync()
        await district.hub.share(student, with: b.sourcedId)
        try await b.sync()
        let onB = try XCTUnwrap(try b.database.interventions(studentId: try b.studentId(student), includeClosed: true).first)

        try a.database.closeIntervention(id: added.id!, status: .completed, endDate: Self.today, by: a.counselorId)
        try b.database.closeIntervention(id: onB.id!, status: .discontinued, endDate: Self.today.adding(days: -1), by: b.counselorId)
        let fromA = try await a.sync()
        XCTAssertEqual(fromA.refused, 0)
        let fromB = try await b.sync()
        XCTAssertEqual(fromB.refused, 1, "B's closing was made over an older version")
        let refused = try XCTUnwrap(try b.database.refusedChanges().first)
        XCTAssertEqual(refused.tableName, "intervention")

        // B takes the hub's closing: its row becomes A's, and the next syncs go on.
        _ = try b.database.resolveRefused(refused.id, .takeTheirs, by: b.counselorId, now: Date())
        let closed = try XCTUnwrap(try b.database.interventions(studentId: try b.studentId(student), includeClosed: true).first)
        XCTAssertEqual(closed.status, .completed)
        XCTAssertEqual(closed.endDate, Self.today)
        let again = try await b.sync()
        XCTAssertEqual(again.refused, 0)
        XCTAssertEqual(try b.database.pendingChangeCount(), 0)
        try await a.sync()
        XCTAssertEqual(try a.database.interventions(studentId: try a.studentId(student), includeClosed: true).first?.status, .completed)
    }

    /// A student who enters scope again brings their closed intervention again: the same
    /// record applied twice is no change, so the closed one's rule is not met.
    func testAClosedInterventionAppliedAgainIsNoChange() async throws {
        let (district, a, b, student, added) = try Self.planned()
        try a.database.closeIntervention(id: added.id!, status: .completed, endDate: Self.today, by: a.counselorId)
        try await a.sync()
        await district.hub.share(student, with: b.sourcedId)
        try await b.sync()
        let fetched = try await b.link.fetchStudent(student)
        XCTAssertTrue(fetched.contains { $0.table == "intervention" })
        let page = PullPage(changes: [], scope: [ScopeChange(seq: 1, student: student, entered: true)],
                            nextCheckpoint: 0, hasMore: false)
        // Set-based (a student entering) and one by one (a change from the log), both again.
        try b.database.applyPull(page, entered: [student: fetched])
        let oneByOne = PullPage(changes: fetched.enumerated().map { index, change in
            HubChange(seq: Int64(index + 1), table: change.table, uid: change.uid, op: change.op, version: change.version, payload: change.payload)
        }, scope: [], nextCheckpoint: 0, hasMore: false)
        try b.database.applyPull(oneByOne)
        XCTAssertEqual(try b.database.interventions(studentId: try b.studentId(student), includeClosed: true).first?.status, .completed)
        XCTAssertEqual(try b.database.pendingChangeCount(), 0)
    }

    private static let today = CivilDate(iso: "2026-12-03")!

    /// Counselors 0 (A) and 1 (B), a student of A's, and an active intervention A planned.
    private static func planned() throws -> (SyncFixture, Workstation, Workstation, String, Intervention) {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        let b = try district.workstation(1)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        let added = try a.database.addIntervention(
            Intervention(studentId: try a.studentId(student), kind: "attendance", ownerId: a.counselorId, goal: "Attend every day",
                         startDate: today.adding(days: -30), sessionsPerWeek: 1, minutesPerSession: 20),
            by: a.counselorId)
        return (district, a, b, student, added)
    }
}
