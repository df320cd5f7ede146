import Foundation
import TerminalKit
import WaypointCatalogs
import WaypointCore
import XCTest
@testable import WaypointUI

/// Saved view v7: the short list. Most urgent first with the reason leading each row, only
/// what can be acted on this week unless `a` asks for all, and the count of the rest on screen.
final class NeedsAttentionTests: XCTestCase {
    static let today = CivilDate(year: 2026, month: 11, day: 23)

    static func seen(daysAgo days: Int) -> Date { ProfileTests.now.addingTimeInterval(-86_400 * Double(days)) }

    /// Eight students: tier 3 without support; tier 2 with support (fine); tier 2 without
    /// support, not seen in 45 days; a milestone 12 days overdue; never seen; not seen in 40
    /// days; two seen yesterday.
    static func entries() -> [CaseloadEntry] {
        var entries = Fixtures.entries(count: 8)
        for index in entries.indices { entries[index].lastContact = seen(daysAgo: 1) }
        entries[0].tier = 3
        entries[1].tier = 2
        entries[1].hasActiveIntervention = true
        entries[2].tier = 2
        entries[2].lastContact = seen(daysAgo: 45)
        var plan = PlanSummary(grade: Grade(rawValue: 12)!, pathwayId: nil, requirementSetId: nil, goal: .fourYear, courses: [], milestones: [],
                               catalogs: CatalogLoader.shipped, today: today)
        plan.nextMilestone = .init(id: "fafsa", title: "FAFSA", due: today.adding(days: -12), isOverdue: true)
        entries[3].plan = plan
        entries[3].tier = 1
        entries[3].lastContact = seen(daysAgo: 10)
        entries[4].lastContact = nil
        entries[5].tier = 1
        entries[5].lastContact = seen(daysAgo: 40)
        return entries
    }

    static func state(size: Size = Size(width: 80, height: 24), entries: [CaseloadEntry] = entries()) -> AppState {
        var state = Fixtures.caseloadState(size: size)
        state.timeZone = TimeZone(identifier: "UTC")!
        _ = reduce(&state, .tick(ProfileTests.now))
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: entries))
        _ = reduce(&state, .command(.caseload(.showViews)))
        _ = reduce(&state, .edit(.char("7")))
        return state
    }

    /// A roster just imported: nobody has a session yet.
    static func newRosterState() -> AppState {
        var fresh = entries()
        for index in fresh.indices { fresh[index].lastContact = nil }
        return state(entries: fresh)
    }

    func testMostUrgentFirstAndWhatCanWaitIsCountedNotListed() {
        let state = Self.state()
        XCTAssertEqual(state.caseload.rows.map(\.student.localId), ["S100001", "S100003", "S100004"])
        XCTAssertEqual(state.caseload.attentionWaiting, 2)
        XCTAssertEqual(state.caseload.attentionNote, "3 to act on this week; 2 more only not seen in 30+ days: a shows them.")
        XCTAssertEqual(state.status?.text, "Needs attention: 3 of 8 students.")
    }

    func testTheReasonLeadsEachRow() {
        var buffer = Buffer(size: Size(width: 80, height: 24))
        RootView.render(Self.state(), into: &buffer)
        XCTAssertTrue(buffer.line(1).contains("3 to act on this week; 2 more only not seen in 30+ days: a shows them."),
                      "the hidden count is on screen: \(buffer.line(1))")
        XCTAssertTrue(buffer.line(2).hasPrefix(" Why"), buffer.line(2))
        XCTAssertTrue(buffer.line(3).hasPrefix(" No intervention                    T3"), buffer.line(3))
        XCTAssertTrue(buffer.line(4).hasPrefix(" No intervention; not seen 45d      T2"), buffer.line(4))
        XCTAssertTrue(buffer.line(5).hasPrefix(" FAFSA 12d overdue                  T1"), buffer.line(5))
    }

    func testAShowsEveryoneFlaggedAndAgainOnlyThisWeeks() {
        var state = Self.state()
        XCTAssertEqual(KeyRouter.action(for: .char("a"), in: state), .command(.caseload(.toggleAttentionAll)))
        XCTAssertTrue(Keymaps.caseload.hints(for: state).contains { $0.keys == "a" && $0.title == "Show all" })
        _ = reduce(&state, .command(.caseload(.toggleAttentionAll)))
        XCTAssertEqual(state.caseload.rows.map(\.student.localId), ["S100001", "S100003", "S100004", "S100006", "S100005"],
                       "those who can wait come after, by the same order (tier 1 before no data)")
        XCTAssertTrue(Keymaps.caseload.hints(for: state).contains { $0.keys == "a" && $0.title == "This week" })
        _ = reduce(&state, .command(.caseload(.toggleAttentionAll)))
        XCTAssertEqual(state.caseload.rows.count, 3)
    }

    func testAIsOnlyForNeedsAttention() {
        let state = Fixtures.caseloadState()
        XCTAssertEqual(KeyRouter.action(for: .char("a"), in: state),
                       .unavailable("All, or this week's only: only in Needs attention (v7)"))
        XCTAssertFalse(Keymaps.caseload.hints(for: state).contains { $0.keys == "a" })
    }

    func testANewRosterIsNotFlaggedForNotBeingSeenAndTheScreenSaysWhy() {
        let state = Self.newRosterState()
        XCTAssertTrue(state.caseload.nobodySeenYet)
        XCTAssertEqual(state.caseload.rows.map(\.student.localId), ["S100001", "S100003", "S100004"],
                       "what is known without sessions: tiers and overdue milestones")
        XCTAssertEqual(state.caseload.attentionWaiting, 0)
        XCTAssertTrue(state.caseload.attentionNote.contains("Nobody here has been seen yet, so “not seen” is left out (it would flag all 8)."))
    }

    func testANewRosterWithNothingKnownOffersEveryone() {
        let blank = Fixtures.entries(count: 5)
        let state = Self.state(entries: blank)
        XCTAssertTrue(state.caseload.rows.isEmpty)
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        XCTAssertTrue(buffer.text.contains("Nobody needs attention now; v1 lists everyone."),
                      buffer.text)
        XCTAssertTrue(buffer.text.contains("Nobody here has been seen yet"), buffer.text)
    }

    // Moved from ReportsScreenTests.
    func testTierTwoOrThreeWithoutAnInterventionNeedsAttention() {
        var state = Fixtures.caseloadState()
        state.now = Date(timeIntervalSince1970: 1_795_440_000)
        var entries = Fixtures.entries(count: 3)
        for index in entries.indices { entries[index].lastContact = state.now.addingTimeInterval(-86_400) }
        entries[0].tier = 3
        entries[1].tier = 2
        entries[1].hasActiveIntervention = true
        entries[2].tier = 1
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: entries))
        _ = reduce(&state, .command(.caseload(.showViews)))
        _ = reduce(&state, .edit(.char("7")))
        XCTAssertEqual(state.caseload.rows.map(\.student.localId), ["S100001"], "tier 2 with tutoring under way is covered")
    }
}
