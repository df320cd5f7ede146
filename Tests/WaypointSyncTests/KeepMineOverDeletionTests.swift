import Foundation
import GRDB
import WaypointCore
@testable import WaypointStore
import XCTest
@testable import WaypointSync
import WaypointSyncTesting

/// A record changed here that a colleague removed at the hub meanwhile: the refusal shows
/// the removal (this workstation no longer shows the record, as the hub holds nothing), and
/// keeping mine puts it back, at the hub too, rather than being refused again.
final class KeepMineOverDeletionTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_796_000_000)

    private struct Setup {
        let district: SyncFixture
        let a: Workstation, b: Workstation
        let onA: Int64, onB: Int64
        let courseOnB: Int64
    }

    /// A plans a course for a student B covers; B moves it to grade 12 offline while A removes it.
    /// `pulledWhilePending`: B's pull of the removal ran while B's move waited in the outbox
    /// (a background sync between the edit and its push), so that pull left the course here.
    /// A plans a course for a student B covers; both have synced it.
    private func plannedOnBoth() async throws -> (setup: Setup, courseOnA: Int64) {
        let district = try SyncFixture.make()
        let a = try district.workstation(0), b = try district.workstation(1)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        await district.hub.share(student, with: b.sourcedId)
        let onA = try a.studentId(student), onB = try b.studentId(student)
        let course = try a.database.addCourse(PlannedCourse(studentId: onA, year: Grade(rawValue: 11)!, title: "Chemistry",
                                                            subject: "science", credits: 1), by: a.counselorId)
        try await a.sync()
        try await b.sync()
        let courseOnB = try XCTUnwrap(try b.database.plan(studentId: onB).courses.first { $0.title == "Chemistry" }?.id)
        return (Setup(district: district, a: a, b: b, onA: onA, onB: onB, courseOnB: courseOnB), course.id!)
    }

    private func removedAtTheHubWhileMovedHere(pulledWhilePending: Bool) async throws -> Setup {
        let (setup, course) = try await plannedOnBoth()
        let (a, b, onB, courseOnB) = (setup.a, setup.b, setup.onB, setup.courseOnB)
        try b.database.moveCourse(id: courseOnB, toYear: Grade(rawValue: 12)!, by: b.counselorId)
        try a.database.removeCourse(id: course, by: a.counselorId)
        try await a.sync()
        if pulledWhilePending {
            let page = try await b.link.pull(after: try b.database.syncState().checkpoint, limit: 500)
            try b.database.applyPull(page, now: now)
            XCTAssertEqual(try b.database.plan(studentId: onB).courses.map(\.title), ["Chemistry"],
                           "a pull leaves a record with a change waiting as it is")
        }
        let report = try await b.sync()
        XCTAssertEqual(report.refused, 1)
        return setup
    }

    private func courses(_ station: Workstation, _ student: Int64) throws -> [String] {
        try station.database.plan(studentId: student).courses.map { "\($0.title) \($0.year)" }
    }

    func testKeepingMineOverARemovalPutsTheRecordBackEverywhere() async throws {
        for pulledWhilePending in [false, true] {
            let setup = try await removedAtTheHubWhileMovedHere(pulledWhilePending: pulledWhilePending)
            let (a, b) = (setup.a, setup.b)
            let context = pulledWhilePending ? "pulled while pending" : "pushed first"
            XCTAssertEqual(try courses(b, setup.onB), [], "\(context): B shows what the hub holds, no course")
            let refused = try XCTUnwrap(try b.database.refusedChangeSummaries(viewerId: b.counselorId).first)
            XCTAssertEqual(refused.theirs, ["(removed at the hub)"], context)
            XCTAssertTrue(refused.mine.contains("year: 12"), "\(context): \(refused.mine)")
            XCTAssertTrue(refused.canKeepMine, context)

            let sentence = try b.database.resolveRefused(refused.id, .keepMine, by: b.counselorId, now: now)
            XCTAssertTrue(sentence.contains("put back"), "\(context): \(sentence)")
            XCTAssertEqual(try courses(b, setup.onB), ["Chemistry 12"], "\(context): mine is shown here again")
            let again = try await b.sync()
            let details = try b.database.refusedChanges().map(\.detail)
            XCTAssertEqual(again.refused, 0, "\(context): not refused again: \(details)")
            XCTAssertEqual(try b.database.pendingChangeCount(), 0, context)
            try await a.sync()
            XCTAssertEqual(try courses(a, setup.onA), ["Chemistry 12"], "\(context): the colleague sees it back")
        }
    }

    func testTakingTheirsOverARemovalLeavesTheRecordRemoved() async throws {
        let setup = try await removedAtTheHubWhileMovedHere(pulledWhilePending: true)
        let b = setup.b
        let id = try XCTUnwrap(try b.database.refusedChanges().first?.id)
        try b.database.resolveRefused(id, .takeTheirs, by: b.counselorId, now: now)
        try await b.sync()
        XCTAssertEqual(try courses(b, setup.onB), [])
        let atHub = await setup.district.hub.records["plan_course"] ?? [:]
        XCTAssertTrue(atHub.isEmpty, "\(atHub)")
    }

    /// Both removed the same record: nothing to decide, the two agree.
    func testARemovalOfARecordAlsoRemovedAtTheHubIsNotAConflict() async throws {
        let (setup, course) = try await plannedOnBoth()
        let (a, b, onB) = (setup.a, setup.b, setup.onB)
        try a.database.removeCourse(id: course, by: a.counselorId)
        try b.database.removeCourse(id: setup.courseOnB, by: b.counselorId)
        try await a.sync()
        let report = try await b.sync()
        let details = try b.database.refusedChanges().map(\.detail)
        XCTAssertEqual(report.refused, 0, "\(details)")
        XCTAssertEqual(try b.database.pendingChangeCount(), 0)
        XCTAssertEqual(try courses(b, onB), [])
    }
}
