import Foundation
import GRDB
import WaypointCore
@testable import WaypointStore
import XCTest
@testable import WaypointSync
import WaypointSyncTesting

/// The workstation's side of sync against the hub's rules in memory (ModelHub): what one
/// counselor records reaches a colleague who covers; two offline edits of one milestone
/// end with the hub's version on screen and the other kept, never lost.
final class SyncEngineTests: XCTestCase {
    func testASessionAndAMilestoneReachTheCoveringCounselorAndAConflictIsShownNotLost() async throws {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        let b = try district.workstation(1)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        let onA = try a.studentId(student), onB = try b.studentId(student)

        try a.database.recordSession(AdvisingSession(studentId: onA, authorId: a.counselorId, startedAt: Date(),
                                                     durationMinutes: 20, kind: "college", topics: ["FAFSA"],
                                                     note: "Talked about the FAFSA"))
        let today = CivilDate(year: 2026, month: 12, day: 3)
        try a.database.setMilestone(MilestoneRecord(studentId: onA, milestoneId: "fafsa", status: .inProgress), today: today, by: a.counselorId)
        let first = try await a.sync()
        XCTAssertGreaterThanOrEqual(first.pushed, 3, "session, note, topic, milestone (and audit rows)")
        XCTAssertEqual(first.refused, 0)
        XCTAssertEqual(try a.database.pendingChangeCount(), 0)

        // B covers: the hub shares the student; B's next sync brings the whole record.
        await district.hub.share(student, with: b.sourcedId)
        let covering = try await b.sync()
        XCTAssertEqual(covering.studentsEntered, 1)
        let sessions = try b.database.sessions(studentId: onB, viewerId: b.counselorId)
        XCTAssertEqual(sessions.map(\.session.note), ["Talked about the FAFSA"])
        XCTAssertEqual(try b.database.plan(studentId: onB).milestones.first { $0.milestoneId == "fafsa" }?.status, .inProgress)

        // Both change the milestone offline; A syncs first.
        try a.database.setMilestone(MilestoneRecord(studentId: onA, milestoneId: "fafsa", status: .done), today: today, by: a.counselorId)
        try b.database.setMilestone(MilestoneRecord(studentId: onB, milestoneId: "fafsa", status: .waived), today: today, by: b.counselorId)
        try await a.sync()
        let second = try await b.sync()
        XCTAssertEqual(second.refused, 1, "B's change was made over a version the hub no longer has")
        XCTAssertEqual(try b.database.plan(studentId: onB).milestones.first { $0.milestoneId == "fafsa" }?.status, .done,
                       "B now shows what the hub holds")
        let refused = try b.database.refusedChanges()
        XCTAssertEqual(refused.map(\.reason), [.changedElsewhere])
        XCTAssertTrue(refused[0].mine.contains("waived"), "B's own version is kept for B to decide: \(refused[0].mine)")
        XCTAssertTrue(refused[0].theirs?.contains("done") == true)

        // A pulls again: nothing of B's refused change reached A.
        try await a.sync()
        XCTAssertEqual(try a.database.plan(studentId: onA).milestones.first { $0.milestoneId == "fafsa" }?.status, .done)
    }

    func testTheSamePushTwiceAppliesOnceAndAPullRepeatedChangesNothing() async throws {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        try a.database.addFollowUp(studentId: try a.studentId(student), authorId: a.counselorId, text: "Check the schedule change",
                                   dueDate: nil)
        let pending = try a.database.pendingChanges()
        let workstation = try a.database.syncState().workstationId
        let outgoing = pending.map {
            OutgoingChange(changeId: $0.changeId(workstation: workstation), table: $0.tableName, uid: $0.uid,
                           op: $0.op, baseVersion: $0.baseVersion, payload: $0.payload)
        }
        // Delivered, then the workstation dies before it hears the answer: it sends again.
        let once = try await a.link.push(outgoing)
        let twice = try await a.link.push(outgoing)
        XCTAssertEqual(once, twice)
        let report = try await a.sync()
        XCTAssertEqual(report.refused, 0)
        let followUps = await district.hub.records["follow_up"]?.count
        XCTAssertEqual(followUps, 1, "one follow-up at the hub, however often it was sent")

        let checkpoint = try a.database.syncState().checkpoint
        let page = try await a.link.pull(after: 0, limit: 500)
        try a.database.applyPull(page)
        try a.database.applyPull(page)
        XCTAssertEqual(try a.database.syncState().checkpoint, checkpoint)
        XCTAssertEqual(try a.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM follow_up") }, 1)
    }
}
