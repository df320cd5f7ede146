import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// The college list on screen (issue 16, item 4): the profile's Colleges panel, its keys and
/// form, the deadlines on the to-do list and the applications report.
final class CollegeApplicationTests: XCTestCase {
    static let applications = [
        CollegeApplication(id: 1, studentId: 1, institution: "Lakeview State University", type: .earlyAction,
                           deadline: CivilDate(year: 2026, month: 11, day: 1), status: .submitted, transcript: .sent,
                           recommendation: .sent),
        CollegeApplication(id: 3, studentId: 1, institution: "Pine Harbor University", type: .earlyDecision,
                           deadline: CivilDate(year: 2026, month: 11, day: 15), status: .admitted, transcript: .sent,
                           recommendation: .sent, aidAward: 12_500),
        CollegeApplication(id: 2, studentId: 1, institution: "Northfield College", type: .regular,
                           deadline: CivilDate(year: 2026, month: 11, day: 20), status: .applying, transcript: .requested),
        CollegeApplication(id: 4, studentId: 1, institution: "Riverbend Community College", type: .rolling),
    ]

    static func state(size: Size = Size(width: 80, height: 24), applications: [CollegeApplication] = applications) -> AppState {
        var state = ProfileTests.state(size: size)
        var data = ProfileTests.data()
        data.applications = applications
        _ = reduce(&state, .profileLoaded(token: state.profile!.requestToken, data: data))
        return state
    }

    private func type(_ state: inout AppState, _ text: String) {
        for character in text { _ = reduce(&state, .edit(.char(character))) }
    }

    private func clear(_ state: inout AppState) {
        for _ in 0..<40 { _ = reduce(&state, .edit(.backspace)) }
    }

    // MARK: The Colleges panel

    func testTheProfileListsTheCollegesAt80x24() {
        let buffer = render(Self.state())
        XCTAssertTrue(buffer.text.contains("Colleges (4)"), buffer.text)
        XCTAssertTrue(buffer.text.contains("$12,500"), buffer.text)
        assertScreen(buffer, matches: "profile-colleges-80x24")
    }

    func testAProfileWithoutApplicationsKeepsItsLayout() {
        XCTAssertEqual(render(Self.state(applications: [])).text, render(ProfileTests.state()).text)
    }

    func testTabReachesTheCollegesAndKeysStepStatusTranscriptAndLetter() {
        var state = Self.state()
        XCTAssertEqual(KeyRouter.action(for: .char("s"), in: state),
                       .unavailable("Application status: select one on Colleges (Tab)"))
        _ = press(&state, [.tab, .tab])
        XCTAssertEqual(state.profile?.focus, .colleges)
        XCTAssertTrue(Keymaps.profile.hints(for: state).contains { $0.keys == "s" && $0.title == "Status" })
        XCTAssertEqual(state.profile?.selectedApplication?.institution, "Lakeview State University")
        var effects = press(&state, [.char("s")])
        XCTAssertEqual(effects, [.saveCollegeApplication(id: 1, studentId: 1, changes: [.status(.admitted)], userId: 1),
                                 .loadProfile(studentId: 1, viewerId: 1, token: 2)])
        XCTAssertEqual(state.status?.text, "Lakeview State University: status admitted.")
        _ = press(&state, [.char("j"), .char("j")])
        XCTAssertEqual(state.profile?.selectedApplication?.institution, "Northfield College")
        effects = press(&state, [.char("T")])
        XCTAssertEqual(effects.first, .saveCollegeApplication(id: 2, studentId: 1, changes: [.transcript(.sent)], userId: 1))
        effects = press(&state, [.char("l")])
        XCTAssertEqual(effects.first, .saveCollegeApplication(id: 2, studentId: 1, changes: [.recommendation(.requested)], userId: 1))
        XCTAssertEqual(state.status?.text, "Northfield College: recommendation requested.")
        _ = press(&state, [.tab])
        XCTAssertEqual(state.profile?.focus, .sessions, "Tab goes round")
    }

    func testWithoutApplicationsTabSkipsTheCollegesAndTheKeysSayHowToAddOne() {
        var state = Self.state(applications: [])
        _ = press(&state, [.tab, .tab])
        XCTAssertEqual(state.profile?.focus, .sessions)
        XCTAssertEqual(KeyRouter.action(for: .char("O"), in: state),
                       .unavailable("Edit application, aid award: none yet (o adds one)"))
    }

    // MARK: The form

    func testTheFormAddsAnApplicationAndRefusesABadAidAward() {
        var state = Self.state()
        _ = press(&state, [.char("o")])
        XCTAssertEqual(Keymaps.context(for: state), .collegeForm)
        type(&state, "Eastgate University")
        _ = press(&state, [.tab])
        _ = reduce(&state, .edit(.char("e")))
        _ = press(&state, [.tab])
        type(&state, "2027-01-05")
        _ = press(&state, [.tab])
        _ = reduce(&state, .edit(.char("a")))
        _ = press(&state, [.tab])
        _ = reduce(&state, .edit(.char("r")))
        _ = press(&state, [.tab, .tab])
        type(&state, "lots")
        XCTAssertEqual(press(&state, [.enter]), [], "nothing is saved")
        XCTAssertEqual(state.profile?.collegeForm?.error,
                       "Aid award: expected whole dollars a year from 0 to 999,999 (e.g. 12500), or empty for none.")
        assertScreen(render(state), matches: "college-form-error-80x24")

        clear(&state)
        type(&state, "$8,000")
        let effects = press(&state, [.enter])
        XCTAssertEqual(effects.first, .saveCollegeApplication(id: nil, studentId: 1, changes: [
            .institution("Eastgate University"), .type(.earlyDecision), .deadline(CivilDate(year: 2027, month: 1, day: 5)),
            .status(.applying), .transcript(.requested), .recommendation(.notRequested), .aidAward(8000),
        ], userId: 1))
        XCTAssertNil(state.profile?.collegeForm)
        XCTAssertEqual(state.status?.text, "College application added.")
    }

    func testTheFormRefusesABlankNameABadDateAndASecondApplicationToOneInstitution() {
        var state = Self.state()
        _ = press(&state, [.char("o")])
        XCTAssertEqual(press(&state, [.enter]), [])
        XCTAssertEqual(state.profile?.collegeForm?.error, "Institution: expected the institution's name (it is empty).")
        type(&state, "northfield college")
        _ = press(&state, [.tab, .tab])
        type(&state, "someday")
        XCTAssertEqual(press(&state, [.enter]), [])
        XCTAssertEqual(state.profile?.collegeForm?.error, "Deadline: expected a date such as 2027-01-01, fri or in 2 weeks.")
        clear(&state)
        XCTAssertEqual(press(&state, [.enter]), [])
        XCTAssertEqual(state.profile?.collegeForm?.error, "Northfield College is on the list already: O on its row edits it.")
        _ = press(&state, [.escape])
        XCTAssertNil(state.profile?.collegeForm)
        XCTAssertEqual(Keymaps.context(for: state), .profile)
    }

    func testEditingNotesAnAidAwardAndSavesOnlyWhatChanged() {
        var state = Self.state()
        _ = press(&state, [.tab, .tab, .char("j"), .char("O")])
        XCTAssertEqual(state.profile?.collegeForm?.title, "Edit · Pine Harbor University")
        _ = press(&state, [.backTab])
        clear(&state)
        type(&state, "15000")
        let effects = press(&state, [.enter])
        XCTAssertEqual(effects.first, .saveCollegeApplication(id: 3, studentId: 1, changes: [.aidAward(15_000)], userId: 1))
        XCTAssertEqual(state.status?.text, "College application saved.")
        _ = press(&state, [.char("O")])
        XCTAssertEqual(press(&state, [.enter]), [], "an untouched form saves nothing")
        XCTAssertEqual(state.status?.text, "Nothing changed.")
    }

    func testRemovingAsksFirst() {
        var state = Self.state()
        _ = press(&state, [.tab, .tab, .char("j"), .char("j"), .char("D")])
        XCTAssertEqual(Keymaps.context(for: state), .collegeConfirm)
        let buffer = render(state)
        XCTAssertTrue(buffer.text.contains("Take Northfield College off the list?"), buffer.text)
        assertScreen(buffer, matches: "college-remove-80x24")
        XCTAssertEqual(press(&state, [.char("n")]), [])
        XCTAssertEqual(Keymaps.context(for: state), .profile)
        _ = press(&state, [.char("D")])
        let effects = press(&state, [.char("y")])
        XCTAssertEqual(effects.first, .removeCollegeApplication(id: 2, userId: 1))
        XCTAssertEqual(Keymaps.context(for: state), .profile)
    }

    // MARK: The to-do list and the report

    func testDeadlinesAreOnTheToDoListByDayAsFollowUpsAre() {
        let today = CivilDate(year: 2026, month: 11, day: 23)
        let rows = [
            TaskRow(source: .milestone(id: "fafsa"), studentId: 1, studentName: "Lopez, Ana", localId: "S1", due: today.adding(days: -3),
                    text: "FAFSA"),
            TaskRow(source: .collegeDeadline(id: 2), studentId: 1, studentName: "Lopez, Ana", localId: "S1", due: today.adding(days: 1),
                    text: "Deadline: Northfield College (RD)"),
            TaskRow(source: .followUp(id: 7), studentId: 2, studentName: "Okafor, Ben", localId: "S2", due: today.adding(days: 1),
                    text: "Check transcript"),
            TaskRow(source: .collegeDeadline(id: 5), studentId: 2, studentName: "Okafor, Ben", localId: "S2", due: today.adding(days: -2),
                    text: "Deadline: Sunridge College (EA)"),
            TaskRow(source: .followUp(id: 8), studentId: 1, studentName: "Lopez, Ana", localId: "S1", due: nil, text: "Someday"),
        ]
        let ordered = TaskRow.ordered(rows, today: today)
        XCTAssertEqual(ordered.map(\.text), ["Deadline: Sunridge College (EA)",
                                             "Deadline: Northfield College (RD)", "Check transcript", "Someday", "FAFSA"],
                       "an overdue deadline first, then by day and student, milestones last")
        var state = Fixtures.caseloadState()
        state.timeZone = TimeZone(identifier: "UTC")!
        _ = reduce(&state, .tick(ProfileTests.now))
        _ = reduce(&state, .command(.caseload(.openTasks)))
        _ = reduce(&state, .tasksLoaded(token: 1, rows: ordered))
        XCTAssertEqual(KeyRouter.action(for: .char("x"), in: state),
                       .unavailable("Done: an application leaves the list when its status passes applying (Enter, then s on Colleges)"))
        assertScreen(render(state), matches: "tasks-college-deadlines-80x24")
        XCTAssertEqual(reduce(&state, .command(.tasks(.openTaskStudent))).last, .loadProfile(studentId: 2, viewerId: 1, token: 1))
        _ = reduce(&state, .command(.global(.back)))
        _ = reduce(&state, .command(.tasks(.cycleShow)))
        XCTAssertEqual(state.tasks?.rows.count, 4, "deadlines count with the follow-ups")
    }

    func testTheApplicationsReportAt80x24() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.openReports)))
        for _ in 0..<4 { _ = reduce(&state, .command(.reports(.nextReport))) }
        XCTAssertEqual(state.reports?.kind, .applications)
        XCTAssertEqual(reduce(&state, .command(.reports(.nextReport))).first?.coalescingKey, "report")
        XCTAssertEqual(state.reports?.kind, .coverage, "Tab goes round")
        for _ in 0..<4 { _ = reduce(&state, .command(.reports(.nextReport))) }
        // 15, 12, 11 and 3 seniors: the 3 are hidden, and so are the 11 (or the total would tell).
        let schools = Array(repeating: "Riverside High School", count: 15) + Array(repeating: "Lincoln High School", count: 12)
            + Array(repeating: "Eastside Early College High School", count: 11) + Array(repeating: "Harbor Academy", count: 3)
        let students = schools.enumerated().map { index, school in
            ReportStudent(student: Student(id: Int64(index), localId: "S\(index)", givenName: "A", familyName: "B",
                                           grade: Grade(rawValue: 12)!, schoolId: 1),
                          schoolName: school, counselorName: nil,
                          pathwayTitle: nil, lastContact: nil, completedMilestoneIds: [], tier: 1,
                          applications: index % 3 == 0 ? [] : index % 3 == 1 ? [.admitted, .denied, .submitted] : [.waitlisted, .applying])
        }
        let report = Reports.applications(students, grade: Grade(rawValue: 12), by: .school, minimumGroup: ReportsState.minimumGroup)
        _ = reduce(&state, .reportLoaded(token: state.reports!.requestToken, report: report))
        let buffer = render(state)
        XCTAssertTrue(buffer.text.contains("Coverage   FAFSA   Tiers   Time   Colleges"), "the tabs take their short names at 80 columns:\n\(buffer.text)")
        XCTAssertTrue(buffer.text.contains(Suppression.legend(minimumGroup: ReportsState.minimumGroup)), buffer.text)
        assertScreen(buffer, matches: "report-applications-80x24")
    }
}
