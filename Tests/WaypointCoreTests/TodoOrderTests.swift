import WaypointCore
import XCTest

final class TodoOrderTests: XCTestCase {
    /// A Thursday.
    let today = CivilDate(year: 2026, month: 12, day: 3)

    func testGroupsReadAsADayPlanner() {
        func title(_ isFollowUp: Bool, _ days: Int?) -> String {
            TodoOrder.group(isFollowUp: isFollowUp, due: days.map { today.adding(days: $0) }, today: today).title(today: today)
        }
        XCTAssertEqual(title(true, -3), "Overdue")
        XCTAssertEqual(title(true, 0), "Today")
        XCTAssertEqual(title(false, 0), "Today")
        XCTAssertEqual(title(true, 1), "Tomorrow")
        XCTAssertEqual(title(true, 4), "Mon 12/7")
        XCTAssertEqual(title(true, nil), "No date")
        XCTAssertEqual(title(false, -30), "Milestones")
        XCTAssertEqual(TodoOrder.group(isFollowUp: true, due: today.adding(days: -3), today: today),
                       TodoOrder.group(isFollowUp: true, due: today.adding(days: -9), today: today),
                       "overdue follow-ups are one group")
        XCTAssertEqual(TodoOrder.group(isFollowUp: false, due: today.adding(days: -3), today: today),
                       TodoOrder.group(isFollowUp: false, due: today.adding(days: -9), today: today),
                       "so are overdue milestones")
        XCTAssertNotEqual(TodoOrder.group(isFollowUp: true, due: today.adding(days: 4), today: today),
                          TodoOrder.group(isFollowUp: true, due: today.adding(days: 5), today: today),
                          "what is due later, by day")
    }

    func testOverdueFollowUpsFirstThenByDayThenUndatedThenOverdueMilestones() {
        let items: [(String, Bool, Int?)] = [
            ("milestone 40 days late", false, -40), ("follow-up next week", true, 6), ("follow-up someday", true, nil),
            ("milestone 3 days late", false, -3), ("follow-up 2 days late", true, -2), ("follow-up today", true, 0),
            ("follow-up 9 days late", true, -9), ("milestone today", false, 0),
        ]
        let sorted = items.sorted { lhs, rhs in
            TodoOrder.precedes((lhs.1, lhs.2.map { today.adding(days: $0) }), (rhs.1, rhs.2.map { today.adding(days: $0) }),
                               today: today) ?? (lhs.0 < rhs.0)
        }
        XCTAssertEqual(sorted.map(\.0), ["follow-up 9 days late", "follow-up 2 days late", "follow-up today", "milestone today",
                                         "follow-up next week", "follow-up someday", "milestone 40 days late",
                                         "milestone 3 days late"])
    }

    func testShowChoosesFollowUpsMilestonesOrBoth() {
        XCTAssertEqual(TodoOrder.Show.both.next, .followUps)
        XCTAssertEqual(TodoOrder.Show.followUps.next, .milestones)
        XCTAssertEqual(TodoOrder.Show.milestones.next, .both)
        XCTAssertTrue(TodoOrder.Show.followUps.includes(isFollowUp: true))
        XCTAssertFalse(TodoOrder.Show.followUps.includes(isFollowUp: false))
        XCTAssertFalse(TodoOrder.Show.milestones.includes(isFollowUp: true))
        XCTAssertTrue(TodoOrder.Show.both.includes(isFollowUp: false))
    }
}
