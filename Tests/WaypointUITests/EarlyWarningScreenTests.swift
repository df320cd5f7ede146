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

    /// The to-do list on 2026-11-23 (a Monday): an overdue follow-up first, then by day,
    /// then undated, then this year's overdue milestones.
    private func toDoState(size: Size = Size(width: 80, height: 24)) -> AppState {
        var state = Fixtures.caseloadState(size: size)
        state.timeZone = TimeZone(identifier: "UTC")!
        _ = reduce(&state, .tick(ProfileTests.now))
        _ = reduce(&state, .command(.caseload(.openTasks)))
        let today = CivilDate(year: 2026, month: 11, day: 23)
        func row(_ source: TaskRow.Source, _ student: Int, _ days: Int?, _ text: String) -> TaskRow {
            let entry = Fixtures.entries(count: 6)[student - 1].student
            return TaskRow(source: source, studentId: Int64(student), studentName: entry.listName, localId: entry.localId,
                           due: days.map { today.adding(days: $0) }, text: text)
        }
        _ = reduce(&state, .tasksLoaded(token: 1, rows: TaskRow.ordered([
            row(.milestone(id: "fafsa"), 1, -3, "FAFSA"),
            row(.milestone(id: "psat"), 2, -54, "PSAT"),
            row(.milestone(id: "college-applications"), 5, -3, "College applications"),
            row(.followUp(id: 7), 3, 4, "Bring tax documents"),
            row(.followUp(id: 9), 6, 4, "Check the schedule change"),
            row(.followUp(id: 8), 4, nil, "Ask about the job shadow"),
            row(.followUp(id: 10), 2, -2, "Call home about attendance"),
            row(.followUp(id: 11), 1, 0, "Transcript request"),
            row(.followUp(id: 12), 5, 1, "Meet with the tutor"),
        ], today: today)))
        return state
    }

    func testToDoListAt80x24() {
        assertScreen(render(toDoState()), matches: "todo-80x24")
    }

    func testToDoListAt120x40() {
        assertScreen(render(toDoState(size: Size(width: 120, height: 40))), matches: "todo-120x40")
    }

    func testToDoFollowUpsOnlyAt80x24() {
        var state = toDoState()
        _ = reduce(&state, .command(.tasks(.cycleShow)))
        assertScreen(render(state), matches: "todo-follow-ups-80x24")
    }

    func testNeedsAttentionViewAt80x24() {
        assertScreen(render(NeedsAttentionTests.state()), matches: "needs-attention-80x24")
    }

    func testNeedsAttentionViewAt120x40() {
        assertScreen(render(NeedsAttentionTests.state(size: Size(width: 120, height: 40))), matches: "needs-attention-120x40")
    }

    func testNeedsAttentionShowingAllAt80x24() {
        var state = NeedsAttentionTests.state()
        _ = reduce(&state, .command(.caseload(.toggleAttentionAll)))
        assertScreen(render(state), matches: "needs-attention-all-80x24")
    }

    func testNeedsAttentionOnANewRosterAt80x24() {
        assertScreen(render(NeedsAttentionTests.newRosterState()), matches: "needs-attention-new-roster-80x24")
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

    /// The tiers report as `Reports.tiers` makes it, five measures wide, grouped by `grouping`.
    private func tiersReportState(size: Size = Size(width: 80, height: 24), by grouping: ReportGrouping) -> AppState {
        var state = Fixtures.caseloadState(size: size)
        _ = reduce(&state, .command(.caseload(.openReports)))
        let codes = ["white", "hispanicOrLatinoEthnicity,demographicRaceTwoOrMoreRaces", "americanIndianOrAlaskaNative", "asian"]
        let students = (1...240).map { id in
            ReportStudent(student: Student(id: Int64(id), localId: "S\(id)", givenName: "A", familyName: "B", grade: Grade(rawValue: 9 + id % 4)!,
                                           schoolId: 1, raceEthnicity: codes[id % codes.count]),
                          schoolName: "Riverside", counselorName: "Ana Rivera", pathwayTitle: nil, lastContact: nil,
                          completedMilestoneIds: [], tier: [1, 1, 1, 2, 3, nil][id % 6], hasActiveIntervention: id % 5 == 0)
        }
        state.reports?.kind = .tiers
        state.reports?.grouping = grouping
        _ = reduce(&state, .reportLoaded(token: 1, report: Reports.tiers(students, by: grouping, minimumGroup: ReportsState.minimumGroup)))
        return state
    }

    /// Issue 15 item 9: five measures at 80 columns used to leave "Gra…" on every row. The
    /// titles wrap onto two lines instead, and every group label is whole.
    func testTheTiersReportKeepsEveryGradeWholeAt80x24() {
        let buffer = render(tiersReportState(by: .grade))
        for grade in ["Grade 9", "Grade 10", "Grade 11", "Grade 12"] {
            XCTAssertTrue(buffer.text.contains(grade), "\(grade) whole:\n\(buffer.text)")
        }
        XCTAssertFalse(buffer.text.contains("…"), buffer.text)
        assertScreen(buffer, matches: "report-tiers-by-grade-80x24")
    }

    func testTheTiersReportAt120x40HasEveryTitleOnOneLine() {
        let buffer = render(tiersReportState(size: Size(width: 120, height: 40), by: .grade))
        XCTAssertTrue(buffer.text.contains("Tier 2-3 helped (%)"), buffer.text)
        assertScreen(buffer, matches: "report-tiers-by-grade-120x40")
    }

    /// Labels longer than the room the five measures leave wrap onto a second line of their row.
    func testTheTiersReportWrapsLongRaceGroupsAt80x24() {
        let buffer = render(tiersReportState(by: .race))
        XCTAssertFalse(buffer.text.contains("…"), buffer.text)
        XCTAssertTrue(buffer.text.contains("American Indian or Alaska Native"), buffer.text)
        XCTAssertTrue(buffer.text.contains("Hispanic or Latino, Two or"), buffer.text)
        assertScreen(buffer, matches: "report-tiers-by-race-80x24")
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
