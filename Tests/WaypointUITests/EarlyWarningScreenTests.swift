import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// Snapshots of the screens a counselor opens in the morning: the to-do list, the
/// needs-attention view and a report.
final class EarlyWarningScreenTests: XCTestCase {
    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    func testToDoListAt80x24() {
        var state = Fixtures.caseloadState()
        state.timeZone = TimeZone(identifier: "UTC")!
        _ = reduce(&state, .tick(ProfileTests.now))
        _ = reduce(&state, .command(.openTasks))
        let today = CivilDate(year: 2026, month: 11, day: 23)
        _ = reduce(&state, .tasksLoaded(token: 1, rows: TaskRow.ordered([
            TaskRow(source: .milestone(id: "fafsa"), studentId: 1, studentName: "Nguyễn, Minh Anh", localId: "S100001", due: today.adding(days: -3), text: "FAFSA"),
            TaskRow(source: .followUp(id: 7), studentId: 3, studentName: "王, 伟", localId: "S100003", due: today.adding(days: 4), text: "Bring tax documents"),
            TaskRow(source: .followUp(id: 8), studentId: 4, studentName: "O'Brien, Liam", localId: "S100004", due: nil, text: "Ask about the job shadow"),
        ])))
        assertScreen(render(state), matches: "todo-80x24")
    }

    func testNeedsAttentionViewAt80x24() {
        var state = Fixtures.caseloadState()
        state.timeZone = TimeZone(identifier: "UTC")!
        _ = reduce(&state, .tick(ProfileTests.now))
        var entries = Fixtures.entries(count: 6)
        for index in entries.indices { entries[index].lastContact = ProfileTests.now.addingTimeInterval(-86_400) }
        entries[0].tier = 3
        entries[1].tier = 2
        entries[1].hasActiveIntervention = true
        entries[2].tier = 2
        entries[4].lastContact = nil
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: entries))
        _ = reduce(&state, .command(.showViews))
        _ = reduce(&state, .edit(.char("7")))
        assertScreen(render(state), matches: "needs-attention-80x24")
    }

    func testReportAt80x24() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.openReports))
        let report = Report(title: "Early-warning tiers and interventions", groupTitle: "Grade",
                            measures: ["Tier 1 (%)", "Tier 2 (%)", "Tier 3 (%)"],
                            rows: Suppression.apply([
                                .init(group: "Grade 9", count: 280, values: [80, 8, 12]),
                                .init(group: "Grade 10", count: 6, values: [50, 50, 0]),
                                .init(group: "Grade 11", count: 300, values: [82, 6, 12]),
                            ], minimum: 10),
                            total: .init(group: "All", count: 586, values: [80.9, 7.2, 11.9]))
        _ = reduce(&state, .reportLoaded(token: 1, report: report))
        let buffer = render(state)
        XCTAssertFalse(buffer.text.contains("50.0"), "a suppressed group's numbers never reach the screen")
        assertScreen(buffer, matches: "report-80x24")
    }
}
