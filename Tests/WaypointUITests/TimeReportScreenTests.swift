import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// Issue 15 item 11: the time report among the reports.
final class TimeReportScreenTests: XCTestCase {
    static let kinds = SessionKindCatalog(kinds: [
        .init(id: "academic", title: "Academic"), .init(id: "personal", title: "Social-emotional/personal"),
        .init(id: "phone-call", title: "Phone call", family: true),
    ])
    static let utc = TimeZone(identifier: "UTC")!
    static let now = Date(timeIntervalSince1970: 1_795_440_000) // Monday 2026-11-23 10:40 UTC

    static func report(weeks: Int) -> TimeReport {
        let day: (Int) -> Date = { now.addingTimeInterval(Double($0) * 86_400) }
        let entries = [
            TimeReport.Entry(sessionId: 1, startedAt: day(0), minutes: 30, kind: "academic", studentName: "Minh Nguyễn"),
            TimeReport.Entry(sessionId: 2, startedAt: day(-7), minutes: 45, kind: "personal", studentName: "Ana López"),
            TimeReport.Entry(sessionId: 3, startedAt: day(-8), minutes: 10, kind: "phone-call", studentName: "Ana López"),
            TimeReport.Entry(sessionId: 4, startedAt: day(-1), minutes: 0, kind: "academic", studentName: "Jordan Smith"),
        ]
        return TimeReport(counselorName: "Ana Rivera", entries: entries,
                          weeks: TimeReport.weeks(count: weeks, endingWith: CivilDate(year: 2026, month: 11, day: 23)),
                          kinds: kinds, timeZone: utc)
    }

    private func reportsState(size: Size) -> AppState {
        var state = Fixtures.caseloadState(size: size)
        state.timeZone = Self.utc
        _ = reduce(&state, .tick(Self.now))
        _ = reduce(&state, .command(.caseload(.openReports)))
        for _ in 0..<3 { _ = reduce(&state, .command(.reports(.nextReport))) }
        return state
    }

    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    func testTabReachesTheTimeReportOfTheCaseloadShown() {
        var state = Fixtures.caseloadState()
        state.timeZone = Self.utc
        _ = reduce(&state, .tick(Self.now))
        _ = reduce(&state, .command(.caseload(.openReports)))
        _ = reduce(&state, .command(.reports(.nextReport)))
        _ = reduce(&state, .command(.reports(.nextReport)))
        let effects = reduce(&state, .command(.reports(.nextReport)))
        XCTAssertEqual(state.reports?.kind, .time)
        XCTAssertEqual(effects, [.loadTimeReport(counselorId: 1, weeks: 6, endingWith: CivilDate(year: 2026, month: 11, day: 23),
                                                 timeZone: Self.utc, token: 4)])
        XCTAssertEqual(KeyRouter.action(for: .char("g"), in: state),
                       .unavailable("Group by: the time report is by session kind and week"))
        _ = reduce(&state, .timeReportLoaded(token: 3, report: Self.report(weeks: 6)))
        XCTAssertNil(state.reports?.timeReport, "a stale report is dropped")
        _ = reduce(&state, .timeReportLoaded(token: 4, report: Self.report(weeks: 6)))
        XCTAssertEqual(state.reports?.timeReport?.total, 85)
        XCTAssertEqual(reduce(&state, .command(.reports(.nextReport))),
                       [.loadReport(kind: .applications, grouping: .counselor, caseloadOwnerId: 1, token: 5)],
                       "Tab goes on to the college applications")
    }

    func testWithNoCaseloadChosenItIsTheCounselorAtTheKeyboard() {
        var state = reportsState(size: Size(width: 80, height: 24))
        state.caseloadOwnerId = nil
        XCTAssertEqual(state.reportRequest(state.reports!),
                       .loadTimeReport(counselorId: 1, weeks: 6, endingWith: CivilDate(year: 2026, month: 11, day: 23),
                                       timeZone: Self.utc, token: 4))
    }

    func testWithNobodyToReportOnItSaysSo() {
        var state = reportsState(size: Size(width: 80, height: 24))
        _ = reduce(&state, .timeReportLoaded(token: 4, report: nil))
        XCTAssertTrue(render(state).text.contains("Nobody to report on"), render(state).text)
    }

    func testTheWeeksThatFit() {
        XCTAssertEqual(ReportsState.timeWeeks(width: 80), 6)
        XCTAssertEqual(ReportsState.timeWeeks(width: 120), 12)
        XCTAssertEqual(ReportsState.timeWeeks(width: 100), 9)
    }

    func testSessionsWithoutMinutesAreNamedOnScreen() {
        var state = reportsState(size: Size(width: 80, height: 24))
        _ = reduce(&state, .timeReportLoaded(token: 4, report: Self.report(weeks: 6)))
        let text = render(state).text
        XCTAssertTrue(text.contains("1 session was recorded without minutes"), text)
        XCTAssertTrue(text.contains("2026-11-22 Jordan"), text)
        XCTAssertTrue(text.contains("Social-emotional/personal"), "kind titles are whole at 80 columns:\n\(text)")
    }

    func testTimeReportAt80x24() {
        var state = reportsState(size: Size(width: 80, height: 24))
        _ = reduce(&state, .timeReportLoaded(token: 4, report: Self.report(weeks: 6)))
        assertScreen(render(state), matches: "time-report-80x24")
    }

    func testTimeReportAt120x40() {
        var state = reportsState(size: Size(width: 120, height: 40))
        _ = reduce(&state, .timeReportLoaded(token: 4, report: Self.report(weeks: 12)))
        assertScreen(render(state), matches: "time-report-120x40")
    }
}
