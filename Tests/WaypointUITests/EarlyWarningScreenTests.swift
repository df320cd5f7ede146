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
        _ = reduce(&state, .command(.caseload(.openTasks)))
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
        _ = reduce(&state, .command(.caseload(.showViews)))
        _ = reduce(&state, .edit(.char("7")))
        assertScreen(render(state), matches: "needs-attention-80x24")
    }

    func testReportAt80x24() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.openReports)))
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

    /// Race groups as `Reports` makes them from roster codes: titles on screen, and the legend
    /// `waypoint report` prints under a suppressed group.
    func testReportByRaceAt80x24() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.openReports)))
        let codes = [("white", 30), ("hispanicOrLatinoEthnicity,demographicRaceTwoOrMoreRaces", 12), ("americanIndianOrAlaskaNative", 3)]
        var students: [ReportStudent] = []
        for (code, count) in codes {
            for _ in 0..<count {
                let id = Int64(students.count + 1)
                students.append(ReportStudent(student: Student(id: id, localId: "S\(id)", givenName: "A", familyName: "B",
                                                               grade: Grade(rawValue: 9)!, schoolId: 1, raceEthnicity: code),
                                              schoolName: "Riverside", counselorName: nil, pathwayTitle: nil, lastContact: nil,
                                              completedMilestoneIds: id % 5 == 0 ? ["fafsa"] : [], tier: 1))
            }
        }
        state.reports?.grouping = .race
        let report = Reports.milestone(students, id: "fafsa", title: "FAFSA", grade: nil, by: .race, minimumGroup: ReportsState.minimumGroup)
        _ = reduce(&state, .reportLoaded(token: 1, report: report))
        let buffer = render(state)
        XCTAssertTrue(buffer.text.contains("Hispanic or Latino, Two or more races"), buffer.text)
        XCTAssertTrue(buffer.text.contains("American Indian or Alaska Native"), buffer.text)
        assertScreen(buffer, matches: "report-by-race-80x24")
    }
}
