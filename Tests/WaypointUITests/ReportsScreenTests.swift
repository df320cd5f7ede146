import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

final class ReportsScreenTests: XCTestCase {
    func testReportsOpenSwitchAndRegroup() {
        var state = Fixtures.caseloadState()
        XCTAssertEqual(KeyRouter.action(for: .char("r"), in: state), .command(.caseload(.openReports)))
        XCTAssertEqual(reduce(&state, .command(.caseload(.openReports))), [.loadReport(kind: .coverage, grouping: .counselor, caseloadOwnerId: 1, token: 1)])
        XCTAssertEqual(Keymaps.context(for: state), .reports)
        XCTAssertEqual(KeyRouter.action(for: .tab, in: state), .command(.reports(.nextReport)))
        XCTAssertEqual(reduce(&state, .command(.reports(.nextReport))), [.loadReport(kind: .fafsa, grouping: .counselor, caseloadOwnerId: 1, token: 2)])
        XCTAssertEqual(KeyRouter.action(for: .char("g"), in: state), .command(.reports(.nextGrouping)))
        XCTAssertEqual(reduce(&state, .command(.reports(.nextGrouping))), [.loadReport(kind: .fafsa, grouping: .grade, caseloadOwnerId: 1, token: 3)])
        let report = Report(title: "FAFSA", groupTitle: "Grade", measures: ["Done (%)"],
                            rows: [.init(group: "Grade 12", count: 40, values: [25]), .init(group: "Grade 11", count: 3, values: [nil], isSuppressed: true)],
                            total: .init(group: "All", count: 43, values: [23.3]))
        _ = reduce(&state, .reportLoaded(token: 2, report: report))
        XCTAssertNil(state.reports?.report, "a stale report is dropped")
        _ = reduce(&state, .reportLoaded(token: 3, report: report))
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        XCTAssertTrue(buffer.text.contains("Grade 12"), buffer.text)
        XCTAssertTrue(buffer.text.contains(Suppression.legend(minimumGroup: ReportsState.minimumGroup)), "the legend `waypoint report` prints:\n\(buffer.text)")
    }
}

final class EffectCoalescingTests: XCTestCase {
    func testOnlyTheLastLoadOfEachKindRunsAndOrderIsKept() {
        let effects: [Effect] = [
            .loadCaseload(caseloadOwnerId: 1, query: "n", token: 1),
            .setFollowUpStatus(id: 3, status: .done, userId: 1, loaded: .open),
            .loadCaseload(caseloadOwnerId: 1, query: "ng", token: 2),
            .loadProfile(studentId: 1, viewerId: 1, token: 1),
            .loadCaseload(caseloadOwnerId: 1, query: "ngu", token: 3),
        ]
        XCTAssertEqual(Effect.coalesced(effects), [
            .setFollowUpStatus(id: 3, status: .done, userId: 1, loaded: .open),
            .loadProfile(studentId: 1, viewerId: 1, token: 1),
            .loadCaseload(caseloadOwnerId: 1, query: "ngu", token: 3),
        ])
    }
}
