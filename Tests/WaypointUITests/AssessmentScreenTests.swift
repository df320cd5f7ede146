import Foundation
import TerminalKit
import WaypointCatalogs
import WaypointCore
import XCTest
@testable import WaypointUI

/// Test results on screen (issue 16 item 3): the profile's compact Tests line, the plan's
/// line under Pathway & goals, and the milestones they complete.
final class AssessmentScreenTests: XCTestCase {
    static func results(studentId: Int64 = 1) -> [AssessmentResult] {
        [
            AssessmentResult(studentId: studentId, testId: "sat", date: CivilDate(year: 2026, month: 10, day: 3), total: 1250,
                             scores: ["erw": 620, "math": 630]),
            AssessmentResult(studentId: studentId, testId: "act", date: CivilDate(year: 2026, month: 9, day: 12), total: 26),
            AssessmentResult(studentId: studentId, testId: "ap-biology", date: CivilDate(year: 2026, month: 5, day: 12), total: 4),
            AssessmentResult(studentId: studentId, testId: "act", date: CivilDate(year: 2026, month: 4, day: 11), total: 28),
            AssessmentResult(studentId: studentId, testId: "sat", date: CivilDate(year: 2026, month: 3, day: 14), total: 1180),
            AssessmentResult(studentId: studentId, testId: "psat", date: CivilDate(year: 2025, month: 10, day: 15), total: 1100),
        ]
    }

    static func profileState(size: Size = Size(width: 80, height: 24)) -> AppState {
        var state = ProfileTests.state(size: size)
        var data = ProfileTests.data()
        data.testResults = results()
        _ = reduce(&state, .profileLoaded(token: state.profile!.requestToken, data: data))
        return state
    }

    static func planData() -> PlanData {
        var data = PlanScreenTests.data()
        data.testResults = results()
        data.plan.assessmentsTaken = ["psat": CivilDate(year: 2025, month: 10, day: 15), "sat": CivilDate(year: 2026, month: 3, day: 14),
                                      "act": CivilDate(year: 2026, month: 4, day: 11)]
        return data
    }

    func testTheProfileShowsEachTestTakenOnOneLineAt80x24() {
        let buffer = render(Self.profileState())
        XCTAssertTrue(buffer.text.contains("Tests: PSAT 1100 · SAT 1250 best, 1250 latest")
                      || buffer.text.contains("Tests: PSAT 1100 · SAT 1250 best of 2 · ACT 28 best, 26 latest · AP Bio 4"),
                      buffer.text)
        assertScreen(buffer, matches: "profile-tests-80x24")
    }

    func testTheProfileShowsTestsAt120x40() {
        assertScreen(render(Self.profileState(size: Size(width: 120, height: 40))), matches: "profile-tests-120x40")
    }

    func testAProfileWithoutResultsHasNoTestsLine() {
        XCTAssertFalse(render(ProfileTests.state()).text.contains("Tests:"))
    }

    func testThePlanShowsTheTestsUnderPathwayAndGoals() {
        var state = PlanScreenTests.state(data: Self.planData())
        _ = reduce(&state, .command(.plan(.showSection(.pathway))))
        let buffer = render(state)
        XCTAssertTrue(buffer.text.contains("Tests: PSAT 1100 · SAT 1250 best of 2 · ACT 28 best, 26 latest · AP Bio 4"), buffer.text)
        assertScreen(buffer, matches: "plan-pathway-tests-80x24")
    }

    func testMilestonesAResultCompletesShowDoneWithTheSittingAndSpaceSaysWhy() throws {
        var state = PlanScreenTests.state(data: Self.planData())
        _ = reduce(&state, .command(.plan(.showSection(.milestones))))
        let rows = PlanScreenRows.milestones(state.plan!.data!, catalogs: state.catalogs, today: state.today)
        let psat = try XCTUnwrap(rows.firstIndex { $0.milestone.id == "psat" })
        XCTAssertEqual(rows[psat].record.status, .done)
        XCTAssertEqual(rows[psat].record.evidence, "PSAT/NMSQT result of 2025-10-15")
        XCTAssertEqual(rows.first { $0.milestone.id == "sat-act" }?.record.completedDate, CivilDate(year: 2026, month: 3, day: 14))
        assertScreen(render(state), matches: "plan-milestones-tests-80x24")

        state.plan!.milestones.select(psat, rowCount: rows.count, visibleRows: state.planVisibleRows)
        let effects = reduce(&state, .command(.plan(.cyclePlanStatus)))
        XCTAssertEqual(effects, [], "nothing is written over a result")
        XCTAssertEqual(state.status?.text, "PSAT is done: a PSAT/NMSQT result of 2025-10-15 is on file (waypoint assessment list).")
    }

    // MARK: The form (`t`)

    func testTheFormRecordsAScoreFromAPaperReportAndRefusesOneOutOfRange() {
        var state = ProfileTests.state()
        _ = press(&state, [.char("t")])
        XCTAssertEqual(Keymaps.context(for: state), .testForm)
        _ = press(&state, [.right, .tab, .tab])
        for character in "1700" { _ = reduce(&state, .edit(.char(character))) }
        var effects = press(&state, [.enter])
        XCTAssertEqual(effects, [], "nothing is saved")
        XCTAssertEqual(state.profile?.testForm?.error, "Total: expected SAT total from 400 to 1600.")
        assertScreen(render(state), matches: "test-form-error-80x24")

        for _ in 0..<4 { _ = press(&state, [.backspace]) }
        for character in "1250" { _ = reduce(&state, .edit(.char(character))) }
        _ = press(&state, [.tab])
        for character in "erw=620 science=30" { _ = reduce(&state, .edit(.char(character))) }
        XCTAssertEqual(press(&state, [.enter]), [])
        XCTAssertEqual(state.profile?.testForm?.error,
                       "Sub-score science: expected a sub-score of SAT (erw, math). This test's sub-scores: erw, math.")
        for _ in 0..<10 { _ = press(&state, [.backspace]) }
        for character in "math=630" { _ = reduce(&state, .edit(.char(character))) }
        effects = press(&state, [.enter])
        XCTAssertEqual(effects.first, .recordAssessment(AssessmentResult(studentId: 1, testId: "sat", date: state.today, total: 1250,
                                                                         scores: ["erw": 620, "math": 630], source: .hand),
                                                        userId: 1))
        XCTAssertNil(state.profile?.testForm)
        XCTAssertEqual(state.status?.text, "SAT 1250 (Reading and Writing 620, Math 630) on \(state.today.iso) recorded.")
    }

    func testEscapeClosesTheFormWithNothingSaved() {
        var state = ProfileTests.state()
        _ = press(&state, [.char("t")])
        XCTAssertEqual(press(&state, [.escape]), [])
        XCTAssertNil(state.profile?.testForm)
        XCTAssertEqual(Keymaps.context(for: state), .profile)
    }
}
