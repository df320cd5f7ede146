import Foundation
import GRDB
import WaypointCore
@testable import WaypointStore
import XCTest
@testable import WaypointSync
import WaypointSyncTesting

/// Reminders that repeat travel with their repeat (v18-reminders, hub v6): a colleague who
/// covers sees the check-in plan, marks it done, and the next one reaches the first
/// counselor naming the one it came from.
final class ReminderSyncTests: XCTestCase {
    func testARepeatingReminderAndItsNextReachTheColleagueAndBack() async throws {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        let b = try district.workstation(1)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        let onA = try a.studentId(student), onB = try b.studentId(student)
        let plan = Recurrence(everyDays: 14, until: CivilDate(iso: "2027-06-11"), whileTier: 3)
        try a.database.addFollowUp(studentId: onA, authorId: a.counselorId, text: "Check-in", dueDate: CivilDate(iso: "2026-12-08"),
                                   recurrence: plan)
        let pushed = try await a.sync()
        XCTAssertEqual(pushed.refused, 0)

        await district.hub.share(student, with: b.sourcedId)
        try await b.sync()
        let arrived = try XCTUnwrap(try b.database.followUps(studentId: onB, viewerId: b.counselorId).first)
        XCTAssertEqual(arrived.recurrence, plan)

        // B marks it done (no ABC data here: the tier is not known, so the plan goes on).
        let outcome = try b.database.setFollowUpStatus(id: arrived.id!, to: .done, by: b.counselorId,
                                                       today: CivilDate(iso: "2026-12-08"))
        guard case .next(_, let due)? = outcome else { return XCTFail("\(String(describing: outcome))") }
        XCTAssertEqual(due, CivilDate(iso: "2026-12-22"))
        let fromB = try await b.sync()
        XCTAssertEqual(fromB.refused, 0, "\(String(describing: try? b.database.refusedChanges()))")

        try await a.sync()
        let onAOpen = try a.database.followUps(studentId: onA, viewerId: a.counselorId)
        XCTAssertEqual(onAOpen.map(\.dueDate), [CivilDate(iso: "2026-12-22")])
        XCTAssertEqual(onAOpen.first?.recurrence, plan)
        let first = try XCTUnwrap(try a.database.followUps(studentId: onA, statuses: [.done], viewerId: a.counselorId).first)
        XCTAssertEqual(onAOpen.first?.repeatedFromId, first.id, "the next names the one it came from, on A's own ids")
        guard let next = onAOpen.first?.id else { return XCTFail("the next did not arrive") }
        // Reopened and done again on A: its next arrived already, so no second one is made.
        try a.database.setFollowUpStatus(id: first.id!, to: .open, by: a.counselorId)
        XCTAssertEqual(try a.database.setFollowUpStatus(id: first.id!, to: .done, by: a.counselorId),
                       .alreadyMade(id: next))
    }

    /// A and B mark the same reminder done offline: each makes a next. Both arrive and are
    /// kept (nothing refused, no pull stopped); the counselor drops one.
    func testDoneOnTwoWorkstationsOfflineKeepsBothNexts() async throws {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        let b = try district.workstation(1)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        let onA = try a.studentId(student), onB = try b.studentId(student)
        try a.database.addFollowUp(studentId: onA, authorId: a.counselorId, text: "Check-in", dueDate: CivilDate(iso: "2026-12-08"),
                                   recurrence: Recurrence(everyDays: 7))
        try await a.sync()
        await district.hub.share(student, with: b.sourcedId)
        try await b.sync()
        let first = try XCTUnwrap(try a.database.followUps(studentId: onA, viewerId: a.counselorId).first?.id)
        let firstOnB = try XCTUnwrap(try b.database.followUps(studentId: onB, viewerId: b.counselorId).first?.id)
        try a.database.setFollowUpStatus(id: first, to: .done, by: a.counselorId, today: CivilDate(iso: "2026-12-08"))
        try b.database.setFollowUpStatus(id: firstOnB, to: .done, by: b.counselorId, today: CivilDate(iso: "2026-12-08"))
        try await a.sync()
        // B's "done" may be refused as made over an older version (theirs is "done" too); its
        // next is a new record, which the hub takes, and the pull brings A's.
        try await b.sync()
        XCTAssertEqual(try b.database.followUps(studentId: onB, viewerId: b.counselorId).count, 2, "both nexts, on B")
        try await a.sync()
        let onAOpen = try a.database.followUps(studentId: onA, viewerId: a.counselorId)
        XCTAssertEqual(onAOpen.map(\.dueDate), [CivilDate(iso: "2026-12-15"), CivilDate(iso: "2026-12-15")])
        XCTAssertEqual(Set(onAOpen.map(\.repeatedFromId)), [first])
    }
}
