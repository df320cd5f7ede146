import XCTest
@testable import WaypointCore

final class DueDateTests: XCTestCase {
    /// 2026-11-23 is a Monday.
    let today = CivilDate(year: 2026, month: 11, day: 23)

    func testISODatesAndTheirValidation() throws {
        XCTAssertEqual(try DueDate.parse("2026-12-05", today: today), CivilDate(year: 2026, month: 12, day: 5))
        XCTAssertNil(CivilDate(iso: "2026-02-30"))
        XCTAssertNil(CivilDate(iso: "2026-2-3"))
        XCTAssertNil(CivilDate(iso: "２０２６-01-01"))
        XCTAssertThrowsError(try DueDate.parse("2026-13-01", today: today))
    }

    func testRelativeDates() throws {
        XCTAssertEqual(today.weekday, 1)
        XCTAssertEqual(try DueDate.parse("today", today: today), today)
        XCTAssertEqual(try DueDate.parse("Tomorrow", today: today), today.adding(days: 1))
        XCTAssertEqual(try DueDate.parse("+7d", today: today).iso, "2026-11-30")
        XCTAssertEqual(try DueDate.parse("+2w", today: today).iso, "2026-12-07")
        XCTAssertEqual(try DueDate.parse("fri", today: today).iso, "2026-11-27")
        XCTAssertEqual(try DueDate.parse("Friday", today: today).iso, "2026-11-27")
        XCTAssertEqual(try DueDate.parse("mon", today: today).iso, "2026-11-30", "the next Monday, not today")
        XCTAssertEqual(try DueDate.parse("+31d", today: today).iso, "2026-12-24")
    }

    func testNonsenseIsAClearError() {
        for text in ["", "soon", "+7", "+xd", "fr", "friendly", "-3d", "+99999d", "next", "next fr", "next month", "in 2",
                     "in two weeks", "in -1 days", "in 99999 days", "in 2 weeksx"] {
            XCTAssertThrowsError(try DueDate.parse(text, today: today), text) { error in
                XCTAssertTrue(String(describing: error).contains("is not a date; try fri, next fri, in 2 weeks"), "\(error)")
            }
        }
    }

    /// The ways a counselor says it aloud (issue 15). "next fri" is the Friday of next week
    /// (weeks start on Monday), so it differs from "fri" early in a week and not late in it.
    func testNextWeekdayNextWeekAndInSoMany() throws {
        XCTAssertEqual(try DueDate.parse("next fri", today: today).iso, "2026-12-04", "Monday: not this week's Friday")
        XCTAssertEqual(try DueDate.parse("Next Friday", today: today).iso, "2026-12-04")
        XCTAssertEqual(try DueDate.parse("next mon", today: today).iso, "2026-11-30")
        XCTAssertEqual(try DueDate.parse("next  week", today: today).iso, "2026-11-30", "next week starts on Monday")
        let saturday = CivilDate(year: 2026, month: 11, day: 28)
        XCTAssertEqual(try DueDate.parse("next fri", today: saturday).iso, "2026-12-04", "Saturday: the coming week's Friday")
        XCTAssertEqual(try DueDate.parse("next sun", today: saturday).iso, "2026-12-06")
        XCTAssertEqual(try DueDate.parse("next week", today: saturday).iso, "2026-11-30")
        let sunday = CivilDate(year: 2026, month: 11, day: 29)
        XCTAssertEqual(try DueDate.parse("next week", today: sunday).iso, "2026-11-30")
        XCTAssertEqual(try DueDate.parse("in 2 weeks", today: today).iso, "2026-12-07")
        XCTAssertEqual(try DueDate.parse("in 1 week", today: today).iso, "2026-11-30")
        XCTAssertEqual(try DueDate.parse("in a week", today: today).iso, "2026-11-30")
        XCTAssertEqual(try DueDate.parse("in 3 days", today: today).iso, "2026-11-26")
        XCTAssertEqual(try DueDate.parse("in 1 day", today: today).iso, "2026-11-24")
        XCTAssertEqual(try FollowUpDraft.parse("in 2 weeks: check the schedule change", today: today)?.0.iso, "2026-12-07")
    }

    /// The message fits the 80-column footer beside its "⚠ " whatever was typed: a long
    /// entry is shortened in the quote (wide characters count twice).
    func testTheErrorFitsEightyColumns() {
        for text in ["x", "someday", "a very long thing that is not a date at all", "日本語の日付ではない文字列です"] {
            XCTAssertThrowsError(try DueDate.parse(text, today: today)) { error in
                let message = "⚠ " + String(describing: error)
                let columns = message.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
                XCTAssertLessThanOrEqual(columns, 78, message)
            }
        }
        XCTAssertEqual(String(describing: DueDate.ParseError(text: "a very long thing")),
                       "\"a very long …\" is not a date; try fri, next fri, in 2 weeks or 2026-12-05")
    }

    func testFollowUpSpecs() throws {
        let parsed = try FollowUpDraft.parse("fri: call home", today: today)
        XCTAssertEqual(parsed?.0.iso, "2026-11-27")
        XCTAssertEqual(parsed?.1, "call home")
        XCTAssertNil(try FollowUpDraft.parse("no colon here", today: today))
        XCTAssertThrowsError(try FollowUpDraft.parse("someday: x", today: today))
    }

    func testTodayUsesTheTimeZone() {
        let lateEvening = Date(timeIntervalSince1970: 1_795_474_800) // 2026-11-23 20:20 UTC
        XCTAssertEqual(CivilDate.today(now: lateEvening, timeZone: TimeZone(identifier: "UTC")!).iso, "2026-11-23")
        XCTAssertEqual(CivilDate.today(now: lateEvening, timeZone: TimeZone(secondsFromGMT: 5 * 3600)!).iso, "2026-11-24")
    }
}
