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
        for text in ["", "soon", "+7", "+xd", "fr", "friendly", "-3d", "+99999d"] {
            XCTAssertThrowsError(try DueDate.parse(text, today: today), text) { error in
                XCTAssertTrue(String(describing: error).contains("expected YYYY-MM-DD"))
            }
        }
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
