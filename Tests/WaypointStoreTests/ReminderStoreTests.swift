import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

/// Reminders without a session, their repeats and check-in plans, in the store (v18).
final class ReminderStoreTests: XCTestCase {
    private var fixture: StoreFixture!
    private var student: Student!
    private let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    /// Attendance alone decides the tier here: under 90% is one indicator (tier 2), under
    /// 80% is severe (tier 3).
    private let rules = EarlyWarningRules(
        attendance: .init(chronicBelow: 0.9, severeBelow: 0.8),
        behavior: .init(suspensions: 99, incidents: 99, severeSuspensionDays: 99, windowDays: 30),
        courses: .init(gpaBelow: 0, failingCoreCourses: 99, severeFailingCoreCourses: 99), tier3Indicators: 2)

    override func setUpWithError() throws {
        fixture = try StoreFixture()
        student = try fixture.add("Ana", "López")
    }

    private func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }
    private var database: AppDatabase { fixture.database }
    private var counselorId: Int64 { fixture.counselor.id! }

    private func open() throws -> [FollowUp] {
        try database.followUps(studentId: student.id!, viewerId: counselorId)
    }

    private func attendance(present: Int) throws {
        try database.importABC(ABCBatch(attendance: [
            ABCAttendance(studentId: student.id!, term: "2026-FA", startDate: "2026-08-20", endDate: "2026-12-18",
                          daysEnrolled: 100, daysPresent: present),
        ]))
    }

    private func addFortnightly(due: String, until: String? = nil, whileTier: Int? = nil) throws -> Int64 {
        try database.addFollowUp(studentId: student.id!, authorId: counselorId, text: "Check-in", dueDate: day(due),
                                 recurrence: Recurrence(everyDays: 14, until: until.map(day), whileTier: whileTier), now: t0)
    }

    func testAReminderNeedsNoSessionAndKeepsItsRepeat() throws {
        let id = try addFortnightly(due: "2026-12-08", until: "2027-03-01")
        let listed = try open()
        XCTAssertEqual(listed.map(\.id), [id])
        XCTAssertNil(listed[0].sessionId)
        XCTAssertEqual(listed[0].recurrence, Recurrence(everyDays: 14, until: day("2027-03-01")))
        let audit = try fixture.queue.read { try String.fetchOne($0, sql: "SELECT detail FROM audit_event WHERE action = 'addedFollowUp'") }
        XCTAssertTrue(audit?.contains("repeats every 2 weeks until 2027-03-01") == true, audit ?? "")
    }

    func testDoneMakesTheNextDueOneIntervalAfterThePreviousDueDate() throws {
        let id = try addFortnightly(due: "2026-12-08")
        let outcome = try database.setFollowUpStatus(id: id, to: .done, by: counselorId, today: day("2026-12-10"), now: t0)
        guard case .next(let nextId, let due)? = outcome else { return XCTFail("\(String(describing: outcome))") }
        XCTAssertEqual(due, day("2026-12-22"))
        let listed = try open()
        XCTAssertEqual(listed.map(\.id), [nextId])
        XCTAssertEqual(listed[0].dueDate, day("2026-12-22"))
        XCTAssertEqual(listed[0].text, "Check-in")
        XCTAssertEqual(listed[0].repeatedFromId, id)
        XCTAssertEqual(listed[0].recurrence, Recurrence(everyDays: 14))
    }

    func testDoneLateSkipsPastDates() throws {
        let id = try addFortnightly(due: "2026-11-03")
        let outcome = try database.setFollowUpStatus(id: id, to: .done, by: counselorId, today: day("2026-12-03"), now: t0)
        guard case .next(_, let due)? = outcome else { return XCTFail("\(String(describing: outcome))") }
        XCTAssertEqual(due, day("2026-12-15"))
    }

    func testAMonthEndDueDateCarriesIntoTheNextMonth() throws {
        let id = try addFortnightly(due: "2027-01-31")
        let outcome = try database.setFollowUpStatus(id: id, to: .done, by: counselorId, today: day("2027-01-31"), now: t0)
        guard case .next(_, let due)? = outcome else { return XCTFail("\(String(describing: outcome))") }
        XCTAssertEqual(due, day("2027-02-14"))
    }

    func testTheSeriesEndsWhenItsUntilDateIsReached() throws {
        let first = try addFortnightly(due: "2026-12-08", until: "2026-12-22")
        guard case .next(let second, _)? = try database.setFollowUpStatus(id: first, to: .done, by: counselorId,
                                                                          today: day("2026-12-08"), now: t0)
        else { return XCTFail("no second reminder") }
        XCTAssertEqual(try database.setFollowUpStatus(id: second, to: .done, by: counselorId, today: day("2026-12-22"), now: t0),
                       .ended(.untilReached))
        XCTAssertEqual(try open(), [])
    }

    func testDoneTwiceIsIdempotent() throws {
        let id = try addFortnightly(due: "2026-12-08")
        _ = try database.setFollowUpStatus(id: id, to: .done, by: counselorId, today: day("2026-12-08"), now: t0)
        let closedAt = try database.followUp(id: id, viewerId: counselorId)?.closedAt
        XCTAssertNil(try database.setFollowUpStatus(id: id, to: .done, by: counselorId, today: day("2026-12-09"),
                                                    now: t0.addingTimeInterval(60)))
        XCTAssertEqual(try database.followUp(id: id, viewerId: counselorId)?.closedAt, closedAt)
        XCTAssertEqual(try open().count, 1)
        // Reopened and done again: its next exists already, and no second one is made.
        try database.setFollowUpStatus(id: id, to: .open, by: counselorId, now: t0)
        guard case .alreadyMade? = try database.setFollowUpStatus(id: id, to: .done, by: counselorId, today: day("2026-12-09"), now: t0)
        else { return XCTFail("a second next was made") }
        XCTAssertEqual(try open().count, 1)
        let all = try database.followUps(studentId: student.id!, statuses: Set(FollowUpStatus.allCases), viewerId: counselorId)
        XCTAssertEqual(all.count, 2)
    }

    func testDroppingARepeatingReminderMakesNoNext() throws {
        let id = try addFortnightly(due: "2026-12-08")
        XCTAssertNil(try database.setFollowUpStatus(id: id, to: .dropped, by: counselorId, today: day("2026-12-08"), now: t0))
        XCTAssertEqual(try open(), [])
    }

    func testStoppingKeepsItOpenOnceAndMakesNoNext() throws {
        let id = try addFortnightly(due: "2026-12-08", whileTier: 3)
        try database.stopRepeating(id: id, by: counselorId, now: t0)
        XCTAssertNil(try open()[0].recurrence)
        XCTAssertNil(try database.setFollowUpStatus(id: id, to: .done, by: counselorId, today: day("2026-12-08"), now: t0))
        XCTAssertEqual(try open(), [])
        let audit = try fixture.queue.read {
            try String.fetchAll($0, sql: "SELECT detail FROM audit_event WHERE action = 'changedFollowUp' ORDER BY id")
        }
        XCTAssertTrue(audit.first?.contains("stopped repeating every 2 weeks while tier 3") == true, "\(audit)")
    }

    func testACheckInPlanEndsWhenTheTierDropsBelowItsTier() throws {
        try attendance(present: 70) // tier 3
        let first = try addFortnightly(due: "2026-12-08", whileTier: 3)
        guard case .next(let second, _)? = try database.setFollowUpStatus(id: first, to: .done, by: counselorId,
                                                                          today: day("2026-12-08"), rules: rules, now: t0)
        else { return XCTFail("the plan should go on at tier 3") }
        try attendance(present: 85) // tier 2
        XCTAssertEqual(try database.setFollowUpStatus(id: second, to: .done, by: counselorId, today: day("2026-12-22"),
                                                      rules: rules, now: t0),
                       .ended(.tierDropped(tier: 2)))
        XCTAssertEqual(try open(), [])
    }

    func testBadRepeatsAreRefusedWithASentenceAndNothingSaved() throws {
        XCTAssertThrowsError(try database.addFollowUp(studentId: student.id!, authorId: counselorId, text: "Check-in", dueDate: nil,
                                                      recurrence: Recurrence(everyDays: 14))) { error in
            XCTAssertEqual("\(error)", "A repeating reminder needs a due date to count from. Nothing was saved.")
        }
        XCTAssertThrowsError(try addFortnightly(due: "2026-12-08", until: "2026-12-01"))
        XCTAssertEqual(try open(), [])
    }

    func testTheSchemaHoldsTheRepeatRules() throws {
        let id = try addFortnightly(due: "2026-12-08")
        for sql in [
            "UPDATE follow_up SET repeatDays = 0 WHERE id = ?",
            "UPDATE follow_up SET repeatDays = 400 WHERE id = ?",
            "UPDATE follow_up SET dueDate = NULL WHERE id = ?",
            "UPDATE follow_up SET whileTier = 1 WHERE id = ?",
            "UPDATE follow_up SET repeatUntil = '2026-12-01' WHERE id = ?",
            "UPDATE follow_up SET repeatUntil = 'soon' WHERE id = ?",
        ] {
            XCTAssertThrowsError(try fixture.queue.write { try $0.execute(sql: sql, arguments: [id]) }, sql)
        }
        // A tier condition needs a repeat: the repeat cannot go while it stays.
        try fixture.queue.write { db in
            try db.execute(sql: "UPDATE follow_up SET whileTier = 3 WHERE id = ?", arguments: [id])
        }
        XCTAssertThrowsError(try fixture.queue.write { try $0.execute(sql: "UPDATE follow_up SET repeatDays = NULL WHERE id = ?", arguments: [id]) })
    }

    func testAFollowUpFromBeforeV18ReadsAsOnce() throws {
        try database.addFollowUp(studentId: student.id!, authorId: counselorId, text: "Bring transcript", dueDate: day("2026-12-08"))
        let listed = try open()
        XCTAssertNil(listed[0].recurrence)
        XCTAssertNil(try database.setFollowUpStatus(id: listed[0].id!, to: .done, by: counselorId, now: t0))
        XCTAssertEqual(try open(), [])
    }
}
