import WaypointCore
import XCTest

/// The one rule for a repeating reminder's next due date, and how a repeat is typed.
final class RecurrenceTests: XCTestCase {
    private func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    func testTheNextIsOneIntervalAfterThePreviousDueDateNotAfterToday() {
        let fortnightly = Recurrence(everyDays: 14)
        // Done two days early: still due two weeks after the one done, not two weeks from today.
        XCTAssertEqual(fortnightly.nextDue(after: day("2026-12-08"), today: day("2026-12-06")), day("2026-12-22"))
        // Done on the day.
        XCTAssertEqual(fortnightly.nextDue(after: day("2026-12-08"), today: day("2026-12-08")), day("2026-12-22"))
    }

    func testDoneLateSkipsWholeIntervalsSoNoneIsBornOverdueAndTheWeekdayStays() {
        let weekly = Recurrence(everyDays: 7)
        // A Tuesday reminder done 17 days late: the next is the first Tuesday on or after today.
        let next = weekly.nextDue(after: day("2026-12-01"), today: day("2026-12-18"))
        XCTAssertEqual(next, day("2026-12-22"))
        XCTAssertEqual(next?.weekday, day("2026-12-01").weekday)
        // Exactly on a later step: due today, not a week after.
        XCTAssertEqual(weekly.nextDue(after: day("2026-12-01"), today: day("2026-12-15")), day("2026-12-15"))
    }

    func testMonthAndYearEndsAndLeapDays() {
        XCTAssertEqual(Recurrence(everyDays: 14).nextDue(after: day("2027-01-31"), today: day("2027-01-31")), day("2027-02-14"))
        XCTAssertEqual(Recurrence(everyDays: 7).nextDue(after: day("2028-02-22"), today: day("2028-02-22")), day("2028-02-29"))
        XCTAssertEqual(Recurrence(everyDays: 1).nextDue(after: day("2027-02-28"), today: day("2027-02-28")), day("2027-03-01"))
        XCTAssertEqual(Recurrence(everyDays: 10).nextDue(after: day("2026-12-28"), today: day("2026-12-28")), day("2027-01-07"))
    }

    func testTheSeriesEndsPastItsUntilDateAndMayLandOnIt() {
        let until = Recurrence(everyDays: 14, until: day("2027-01-05"))
        XCTAssertEqual(until.nextDue(after: day("2026-12-22"), today: day("2026-12-22")), day("2027-01-05"))
        XCTAssertNil(until.nextDue(after: day("2027-01-05"), today: day("2027-01-05")))
        // Late past the end: the skipped-to date is after `until`, so it ends too.
        XCTAssertNil(until.nextDue(after: day("2026-12-22"), today: day("2027-01-06")))
    }

    func testACheckInPlanGoesOnWhileTheTierHoldsAndAnUnknownTierNeverEndsIt() {
        let plan = Recurrence(everyDays: 14, whileTier: 3)
        XCTAssertTrue(plan.continues(tier: 3))
        XCTAssertFalse(plan.continues(tier: 2))
        XCTAssertTrue(plan.continues(tier: nil))
        XCTAssertTrue(Recurrence(everyDays: 14, whileTier: 2).continues(tier: 2))
        XCTAssertTrue(Recurrence(everyDays: 14).continues(tier: 1))
    }

    func testIntervalsAsTyped() throws {
        XCTAssertEqual(try Recurrence.parseInterval("2w"), 14)
        XCTAssertEqual(try Recurrence.parseInterval(" 10d "), 10)
        XCTAssertEqual(try Recurrence.parseInterval("3"), 3)
        XCTAssertEqual(try Recurrence.parseInterval("2 weeks"), 14)
        XCTAssertNil(try Recurrence.parseInterval(""))
        for bad in ["0d", "53w", "2m", "w", "-1w", "99999d", "fortnight"] {
            XCTAssertThrowsError(try Recurrence.parseInterval(bad), bad) { error in
                XCTAssertEqual("\(error)", "\"\(bad)\" is not a repeat interval; expected a number of days or weeks such as 14d or 2w (1 day to 52 weeks)")
            }
        }
    }

    func testInWords() {
        XCTAssertEqual(Recurrence(everyDays: 14, whileTier: 3).words, "every 2 weeks while tier 3")
        XCTAssertEqual(Recurrence(everyDays: 7, until: day("2027-06-11")).words, "every week until 2027-06-11")
        XCTAssertEqual(Recurrence(everyDays: 10, whileTier: 2).words, "every 10 days while tier 2 or 3")
        XCTAssertEqual(Recurrence(everyDays: 1).words, "every day")
    }

    func testProblemsAreSentences() {
        XCTAssertEqual(Recurrence(everyDays: 14).problem(dueDate: nil), "A repeating reminder needs a due date to count from.")
        XCTAssertEqual(Recurrence(everyDays: 14, until: day("2026-12-01")).problem(dueDate: day("2026-12-08")),
                       "The repeat ends (2026-12-01) before the first one is due (2026-12-08).")
        XCTAssertEqual(Recurrence(everyDays: 14, whileTier: 1).problem(dueDate: day("2026-12-08")), "A check-in plan runs while tier 2 or 3.")
        XCTAssertNil(Recurrence(everyDays: 14, until: day("2026-12-08")).problem(dueDate: day("2026-12-08")))
    }
}
