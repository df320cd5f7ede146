import XCTest
@testable import WaypointCore

final class MilestoneDueDateTests: XCTestCase {
    private func milestone(grade: Int, month: Int) -> MilestoneCatalog.Milestone {
        MilestoneCatalog.Milestone(id: "m", title: "M", grade: Grade(rawValue: grade)!, dueMonth: month)
    }

    private func due(grade: Int, month: Int, now: Int, start: Int) -> String {
        MilestoneCatalog.dueDate(for: milestone(grade: grade, month: month), gradeNow: Grade(rawValue: now)!,
                                 schoolYearStart: start).iso
    }

    func testAFallMonthFallsInTheYearTheSchoolYearStarts() {
        XCTAssertEqual(due(grade: 12, month: 12, now: 12, start: 2025), "2025-12-31")
        XCTAssertEqual(due(grade: 12, month: 8, now: 12, start: 2025), "2025-08-31")
        XCTAssertEqual(due(grade: 12, month: 11, now: 12, start: 2025), "2025-11-30")
    }

    func testASpringOrSummerMonthFallsInTheNextCalendarYear() {
        XCTAssertEqual(due(grade: 12, month: 4, now: 12, start: 2025), "2026-04-30")
        XCTAssertEqual(due(grade: 12, month: 7, now: 12, start: 2025), "2026-07-31")
        XCTAssertEqual(due(grade: 12, month: 1, now: 12, start: 2025), "2026-01-31")
    }

    func testTheLastDayOfFebruaryFollowsLeapYears() {
        XCTAssertEqual(due(grade: 11, month: 2, now: 11, start: 2027), "2028-02-29")
        XCTAssertEqual(due(grade: 11, month: 2, now: 11, start: 2025), "2026-02-28")
    }

    func testAMilestoneOfALaterGradeIsDueInThatGradesSchoolYear() {
        // A ninth grader in 2025-26 files the FAFSA in December of grade 12: 2028.
        XCTAssertEqual(due(grade: 12, month: 12, now: 9, start: 2025), "2028-12-31")
        XCTAssertEqual(due(grade: 11, month: 5, now: 9, start: 2025), "2028-05-31")
    }

    func testAMilestoneOfAnEarlierGradeIsInThePast() {
        let date = MilestoneCatalog.dueDate(for: milestone(grade: 9, month: 10), gradeNow: Grade(rawValue: 11)!,
                                            schoolYearStart: 2025)
        XCTAssertEqual(date.iso, "2023-10-31")
        XCTAssertTrue(MilestoneRecord(studentId: 1, milestoneId: "m", dueDate: date)
            .isOverdue(today: CivilDate(year: 2025, month: 9, day: 1)))
    }
}
