import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// The plan shows which courses came from a district file (`*`) and where the district's
/// mark differs from the counselor's entry (`!`, both values), and `i` takes the district's.
final class PlanImportedMarksTests: XCTestCase {
    /// English 9 (course 1): the counselor wrote A, the transcript says B. Algebra I (course 2):
    /// added by an ABC import.
    static func data() -> PlanData {
        var data = PlanScreenTests.data()
        data.plan.markLinks = [
            CourseMarkLink(studentId: 1, planCourseId: 1, source: .transcript, term: "2025-FA", course: "ENG9", mark: "B",
                           credits: 1, addedCourse: false, isConflict: true),
            CourseMarkLink(studentId: 1, planCourseId: 2, source: .abc, term: "2026-SP", course: "Algebra I", mark: "B",
                           credits: 1, addedCourse: true, isConflict: false),
        ]
        return data
    }

    static func state() -> AppState {
        PlanScreenTests.state(data: data())
    }

    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    func testAConflictShowsBothValuesAndTheKeyThatTakesTheImportedOne() {
        let state = Self.state()
        XCTAssertEqual(state.plan?.selectedCourse?.title, "English 9")
        assertScreen(render(state), matches: "plan-imported-conflict-80x24")
    }

    func testAnImportedCourseSaysWhereItCameFrom() {
        var state = Self.state()
        _ = reduce(&state, .command(.list(.moveDown)))
        XCTAssertEqual(state.plan?.selectedCourse?.title, "Algebra I")
        let text = render(state).text
        XCTAssertTrue(text.contains("* From the ABC marks, 2026-SP"), text)
        XCTAssertTrue(text.contains("B*"), text)
        XCTAssertEqual(KeyRouter.action(for: .char("i"), in: state),
                       .unavailable("Take imported mark: select a course whose imported mark differs (marked !)"))
        XCTAssertEqual(reduce(&state, .command(.plan(.takeImportedMark))), [], "no conflict here: nothing to take")
    }

    func testITakesTheImportedMark() {
        var state = Self.state()
        let effects = reduce(&state, .command(.plan(.takeImportedMark)))
        XCTAssertTrue(effects.contains { effect in
            if case .changePlan(.takeImportedMark(courseId: 1), _, _) = effect { return true }
            return false
        }, "\(effects)")
        XCTAssertEqual(state.status?.text, "English 9: took the imported B, 1 cr.")
    }
}
