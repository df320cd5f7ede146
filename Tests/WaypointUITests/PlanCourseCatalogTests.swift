import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// The plan's course form completes from the course catalog (issue 16, item 1); a course
/// typed as free text is kept and marked; a prerequisite not in an earlier year is a warning.
final class PlanCourseCatalogTests: XCTestCase {
    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    /// The course form of `year` (grade 10 unless said), opened as `a` opens it.
    private func addForm(year steps: Int = 1) -> AppState {
        var state = PlanScreenTests.state()
        for _ in 0..<steps { _ = reduce(&state, .command(.plan(.nextYear))) }
        XCTAssertEqual(KeyRouter.action(for: .char("a"), in: state), .command(.plan(.addPlanItem)))
        _ = reduce(&state, .command(.plan(.addPlanItem)))
        return state
    }

    private func type(_ text: String, into state: inout AppState) {
        for character in text { _ = reduce(&state, KeyRouter.action(for: .char(character), in: state) ?? .edit(.char(character))) }
    }

    func testTypingATitleShowsWhatRightArrowCompletesTo() {
        var state = addForm()
        type("chem", into: &state)
        let form = state.plan?.form
        XCTAssertEqual(form?.ghost, "istry")
        XCTAssertEqual(form?.note, "→ SCI-1020 Chemistry · Science · 1 cr · Standard")
        assertScreen(render(state), matches: "plan-course-completion-80x24")
    }

    func testRightArrowFillsTitleSubjectCreditsAndLevelAndEnterAddsTheCourse() {
        var state = addForm(year: 3)
        type("ap calc", into: &state)
        XCTAssertEqual(KeyRouter.action(for: .right, in: state), .edit(.right))
        _ = reduce(&state, .edit(.right))
        let form = state.plan?.form
        XCTAssertEqual(form?["title"], "AP Calculus AB")
        XCTAssertEqual(form?["subject"], "math")
        XCTAssertEqual(form?["credits"], "1")
        XCTAssertEqual(form?["level"], "ap")
        XCTAssertNil(form?.ghost)
        XCTAssertEqual(form?.note, "Warning: AP Calculus AB needs Precalculus (MTH-2010) in an earlier year")
        // → once more, with nothing to complete, moves the cursor as ever (at the end: stays).
        _ = reduce(&state, .edit(.right))
        XCTAssertEqual(state.plan?.form?["title"], "AP Calculus AB")
        let effects = reduce(&state, .command(.plan(.submitForm)))
        guard case .changePlan(.addCourse(let course), _, _)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(course.title, "AP Calculus AB")
        XCTAssertEqual(course.level, .ap)
        XCTAssertEqual(course.year.rawValue, 12)
        XCTAssertEqual(state.status?.text, "Added AP Calculus AB to grade 12. Warning: AP Calculus AB needs Precalculus (MTH-2010) in an earlier year.")
    }

    func testACodeTypedAsTheTitleIsThatCatalogCourse() {
        var state = addForm()
        type("SCI-1020", into: &state)
        let effects = reduce(&state, .command(.plan(.submitForm)))
        guard case .changePlan(.addCourse(let course), _, _)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(course.title, "Chemistry")
        XCTAssertEqual(course.subject, "science")
        XCTAssertEqual(state.status?.text, "Added Chemistry to grade 10.", "Algebra I is in grade 9: no warning")
    }

    func testAPrerequisiteNotInAnEarlierYearIsAWarningNotARefusal() {
        var state = addForm(year: 0)
        type("Algebra II", into: &state)
        XCTAssertEqual(state.plan?.form?.note,
                       "Warning: Algebra II needs Algebra I (MTH-1010) in an earlier year")
        assertScreen(render(state), matches: "plan-course-prerequisite-80x24")
        let effects = reduce(&state, .command(.plan(.submitForm)))
        guard case .changePlan(.addCourse(let course), _, _)? = effects.first else { return XCTFail("the course is added: \(effects)") }
        XCTAssertEqual(course.title, "Algebra II")
        XCTAssertTrue(state.status?.text.contains("Warning: Algebra II needs Algebra I (MTH-1010)") == true, "\(String(describing: state.status))")
    }

    /// Renaming a course to a catalog course warns as adding it does; other edits say nothing.
    func testRenamingACourseToACatalogCourseWarnsOfItsPrerequisite() {
        var state = PlanScreenTests.state()
        XCTAssertEqual(state.plan?.selectedCourse?.title, "English 9")
        _ = reduce(&state, .command(.plan(.editPlanItem)))
        XCTAssertEqual(state.plan?.formPurpose, .editCourse(1))
        _ = reduce(&state, .command(.plan(.submitForm)))
        XCTAssertEqual(state.status?.text, "Saved English 9.")
        _ = reduce(&state, .command(.plan(.editPlanItem)))
        for _ in 0..<"English 9".count { _ = reduce(&state, .edit(.backspace)) }
        type("Geometry", into: &state)
        _ = reduce(&state, .command(.plan(.submitForm)))
        XCTAssertEqual(state.status?.text, "Saved Geometry. Warning: Geometry needs Algebra I (MTH-1010) in an earlier year.")
    }

    func testAFreeTextCourseIsKeptAndMarkedOnThePlan() {
        var state = addForm()
        type("Yearbook", into: &state)
        XCTAssertEqual(state.plan?.form?.note, "~ Not in the course catalog: saved as free text")
        XCTAssertNil(state.plan?.form?.ghost)
        _ = reduce(&state, .edit(.right))
        XCTAssertEqual(state.plan?.form?["title"], "Yearbook", "nothing to complete")
        let effects = reduce(&state, .command(.plan(.submitForm)))
        guard case .changePlan(.addCourse(let course), _, _)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(course.title, "Yearbook")

        var data = PlanScreenTests.data()
        data.plan.courses.append(PlannedCourse(id: 7, studentId: 1, year: Grade(rawValue: 10)!, title: "Yearbook",
                                               subject: "elective", credits: 1))
        var shown = PlanScreenTests.state(data: data)
        _ = reduce(&shown, .command(.plan(.nextYear)))
        assertScreen(render(shown), matches: "plan-course-free-text-80x24")
        let wide = PlanScreenTests.state(size: Size(width: 120, height: 40), data: data)
        XCTAssertTrue(render(wide).text.contains("Yearbook ~"), render(wide).text)
    }
}
