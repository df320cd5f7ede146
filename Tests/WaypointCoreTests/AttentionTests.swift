import WaypointCore
import XCTest

final class AttentionTests: XCTestCase {
    let today = CivilDate(year: 2026, month: 12, day: 3)

    private func overdue(_ days: Int, _ title: String = "FAFSA") -> PlanSummary.NextMilestone {
        .init(id: title.lowercased(), title: title, due: today.adding(days: -days), isOverdue: true)
    }

    private func attention(tier: Int? = nil, intervention: Bool = false, milestone: PlanSummary.NextMilestone? = nil,
                           seenDaysAgo: Int? = 2, nobodySeenYet: Bool = false) -> Attention? {
        Attention(tier: tier, hasActiveIntervention: intervention, nextMilestone: milestone,
                  lastSeen: seenDaysAgo.map { today.adding(days: -$0) }, today: today, nobodySeenYet: nobodySeenYet)
    }

    func testReasonsComeMostUrgentFirstAndSayWhy() throws {
        let found = try XCTUnwrap(attention(tier: 3, milestone: overdue(12), seenDaysAgo: 45))
        XCTAssertEqual(found.text, "No intervention; FAFSA 12d overdue; not seen 45d")
        XCTAssertEqual(found.tierText, "T3")
        XCTAssertEqual(attention(seenDaysAgo: 40)?.tierText, "", "no ABC data: no tier")
        XCTAssertTrue(found.isThisWeek)
        XCTAssertEqual(attention(seenDaysAgo: nil)?.text, "never seen")
        XCTAssertNil(attention(tier: 2, intervention: true), "tier 2 with support under way, seen lately: nothing to do")
        XCTAssertNil(attention(tier: 1, milestone: .init(id: "psat", title: "PSAT", due: today.adding(days: 3), isOverdue: false)))
    }

    func testOnlyNotSeenLatelyCanWaitUnlessTheStudentIsAtRisk() throws {
        XCTAssertEqual(attention(tier: 1, seenDaysAgo: 40)?.isThisWeek, false)
        XCTAssertEqual(attention(seenDaysAgo: nil)?.isThisWeek, false, "no ABC data and never seen: can wait")
        XCTAssertEqual(attention(tier: 2, intervention: true, seenDaysAgo: 40)?.isThisWeek, true,
                       "an intervention under way and not seen in a month: check in this week")
        XCTAssertEqual(attention(milestone: overdue(1))?.isThisWeek, true)
        XCTAssertEqual(attention(tier: 2)?.isThisWeek, true)
        XCTAssertNil(attention(tier: 1, seenDaysAgo: 29), "29 days is not a month")
    }

    func testOrderIsTierThenHowOverdueThenHowLongUnseen() {
        let students: [(String, Attention?)] = [
            ("unseen 40", attention(tier: 2, intervention: true, seenDaysAgo: 40)),
            ("tier 2, 5 days late", attention(tier: 2, milestone: overdue(5))),
            ("tier 3", attention(tier: 3)),
            ("never seen, tier 2", attention(tier: 2, intervention: true, seenDaysAgo: nil)),
            ("tier 2, 30 days late", attention(tier: 2, milestone: overdue(30))),
            ("only a milestone", attention(milestone: overdue(90))),
            ("can wait", attention(tier: 1, seenDaysAgo: 60)),
        ]
        let list = Attention.shortList(students, showAll: false) { $0.1 }
        XCTAssertEqual(list.shown.map(\.item.0), ["tier 3", "tier 2, 30 days late", "tier 2, 5 days late", "never seen, tier 2",
                                                  "unseen 40", "only a milestone"])
        XCTAssertEqual(list.waiting, 1)
        let all = Attention.shortList(students, showAll: true) { $0.1 }
        XCTAssertEqual(all.shown.last?.item.0, "can wait", "shown after this week's when asked")
        XCTAssertEqual(all.shown.count, 7)
    }

    /// A new roster: nobody has a session yet, so "never seen" would flag every student.
    func testNobodySeenYetFlagsNobodyForNotBeingSeen() {
        XCTAssertNil(attention(seenDaysAgo: nil, nobodySeenYet: true))
        XCTAssertEqual(attention(tier: 3, seenDaysAgo: nil, nobodySeenYet: true)?.text, "No intervention")
    }
}
