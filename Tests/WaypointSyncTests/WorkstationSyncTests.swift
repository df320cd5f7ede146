import Foundation
import GRDB
import WaypointCore
@testable import WaypointStore
import XCTest
@testable import WaypointSync
import WaypointSyncTesting

/// What `waypoint sync` and the screen run over the engine: one opener, the status kept for
/// the footer, refused changes in words and the counselor's decision on each.
final class WorkstationSyncTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_796_000_000)
    let today = CivilDate(year: 2026, month: 12, day: 3)

    private func sync(_ station: Workstation) -> WorkstationSync {
        WorkstationSync(database: station.database, opener: ModelHubOpener(station.link), clock: { [now] in now })
    }

    func testAnUnreachableHubChangesNothingAndSaysSoThenTheNextSyncGetsThrough() async throws {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        try a.database.addFollowUp(studentId: try a.studentId(student), authorId: a.counselorId, text: "Call home", dueDate: nil)
        let waiting = try a.database.pendingChangeCount()
        XCTAssertEqual(try a.database.syncStatus().line(now: now), "not synced yet · \(waiting) changes waiting")

        a.link.reachable = false
        let offline = await sync(a).run()
        XCTAssertEqual(offline, .unreachable("Cannot reach the hub at model-hub:5432: working offline; \(waiting) changes wait."))
        XCTAssertEqual(try a.database.pendingChangeCount(), waiting, "nothing left the outbox")
        let pushes = await district.hub.pushCount
        XCTAssertEqual(pushes, 0)
        let status = try a.database.syncStatus()
        XCTAssertTrue(status.isUnreachable)
        XCTAssertEqual(status.line(now: now), "hub unreachable — working offline · \(waiting) changes waiting")

        a.link.reachable = true
        guard case .synced(let report) = await sync(a).run() else { return XCTFail("the hub answers again") }
        XCTAssertEqual(report.pushed, waiting)
        let after = try a.database.syncStatus()
        XCTAssertNil(after.lastError)
        XCTAssertEqual(after.lastSyncAt, now)
        XCTAssertEqual(after.line(now: now.addingTimeInterval(150)), "synced 2 min ago")
        XCTAssertEqual(after.counselor?.hasSuffix("(\(a.sourcedId))"), true, after.counselor ?? "")
    }

    func testANotJoinedDatabaseIsToldToJoinAndStandaloneShowsNothing() async throws {
        let database = try AppDatabase.inMemory()
        XCTAssertNil(try database.syncStatus().line(now: now))
        let outcome = await WorkstationSync(database: database, opener: ModelHubOpener(links: { _ in
            XCTFail("no hub is opened for a database that is not joined")
            throw HubUnreachable(place: "nowhere", reason: "")
        })).run()
        XCTAssertEqual(outcome, .failed(SyncError.notJoined.description))
    }

    /// A and B both move one milestone offline; A syncs first, B's is refused.
    private func conflict() async throws -> (a: Workstation, b: Workstation, onA: Int64, onB: Int64, district: SyncFixture) {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        let b = try district.workstation(1)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        let onA = try a.studentId(student), onB = try b.studentId(student)
        try a.database.setMilestone(MilestoneRecord(studentId: onA, milestoneId: "fafsa", status: .inProgress), today: today, by: a.counselorId)
        try await a.sync()
        await district.hub.share(student, with: b.sourcedId)
        try await b.sync()
        try a.database.setMilestone(MilestoneRecord(studentId: onA, milestoneId: "fafsa", status: .done), today: today, by: a.counselorId)
        try b.database.setMilestone(MilestoneRecord(studentId: onB, milestoneId: "fafsa", status: .waived), today: today, by: b.counselorId)
        try await a.sync()
        let report = try await b.sync()
        XCTAssertEqual(report.refused, 1)
        return (a, b, onA, onB, district)
    }

    private func fafsa(_ station: Workstation, _ student: Int64) throws -> MilestoneStatus? {
        try station.database.plan(studentId: student).milestones.first { $0.milestoneId == "fafsa" }?.status
    }

    func testARefusedChangeReadsInWordsAndKeepingMineSendsItOverTheHubsVersion() async throws {
        let (a, b, onA, onB, district) = try await conflict()
        let refused = try b.database.refusedChangeSummaries(viewerId: b.counselorId)
        XCTAssertEqual(refused.count, 1)
        let change = refused[0]
        XCTAssertEqual(change.what, "Milestone “fafsa”")
        let name = try b.database.read { try Student.fetchOne($0, key: onB)! }.displayName
        XCTAssertEqual(change.student?.hasPrefix(name), true, "whose student: \(change.student ?? "none")")
        XCTAssertTrue(change.mine.contains("status: waived"), "\(change.mine)")
        XCTAssertTrue(change.theirs.contains("status: done"), "\(change.theirs)")
        XCTAssertTrue(change.canKeepMine)
        XCTAssertEqual(try b.database.syncStatus().refused, 1)

        let sentence = try b.database.resolveRefused(change.id, .keepMine, by: b.counselorId, now: now)
        XCTAssertTrue(sentence.contains("yours goes to the hub over its version"), sentence)
        XCTAssertEqual(try fafsa(b, onB), .waived, "mine is shown here again")
        XCTAssertEqual(try b.database.refusedChanges(), [])
        let report = try await b.sync()
        XCTAssertEqual(report.refused, 0, "made over the hub's version, it is applied")
        try await a.sync()
        XCTAssertEqual(try fafsa(a, onA), .waived, "and reaches the colleague")
        let audit = try b.database.auditEvents(AuditQuery(studentId: onB)).first { $0.detail.contains("refused by the hub") }
        XCTAssertEqual(audit?.detail.contains("kept mine over the hub's version"), true, audit?.detail ?? "no audit row")
        _ = district
    }

    func testTakingTheirsDropsMineAndTheAuditSaysSo() async throws {
        let (_, b, _, onB, district) = try await conflict()
        let id = try XCTUnwrap(b.database.refusedChanges().first?.id)
        let pushesBefore = await district.hub.pushCount
        let sentence = try b.database.resolveRefused(id, .takeTheirs, by: b.counselorId, now: now)
        XCTAssertTrue(sentence.contains("the hub's version stays"), sentence)
        XCTAssertEqual(try fafsa(b, onB), .done)
        XCTAssertEqual(try b.database.refusedChanges(), [])
        let audit = try b.database.auditEvents(AuditQuery(studentId: onB)).first { $0.detail.contains("refused by the hub") }
        XCTAssertEqual(audit?.detail.contains("took the hub's version, mine dropped"), true, audit?.detail ?? "no audit row")
        try await b.sync()
        let milestone = await district.hub.records["milestone_status"]?.values.first?.payload ?? ""
        XCTAssertTrue(milestone.contains("\"done\""), "the hub keeps theirs: \(milestone)")
        let pushes = await district.hub.pushCount
        XCTAssertGreaterThan(pushes, pushesBefore, "the audit row of the decision goes up")

        XCTAssertThrowsError(try b.database.resolveRefused(id, .takeTheirs, by: b.counselorId, now: now)) { error in
            XCTAssertEqual("\(error)", "No refused change numbered \(id); `waypoint sync refused` lists them.")
        }
    }
}
