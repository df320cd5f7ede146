import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// A plan form whose save was refused (another window changed the record meanwhile) loses
/// nothing: beneath the conflict modal it is open again with what was typed, Esc leaves it
/// there compared with theirs, and `o` saves it over theirs.
final class PlanFormConflictTests: XCTestCase {
    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    private func type(_ text: String, into state: inout AppState) {
        for character in text { _ = reduce(&state, .edit(.char(character))) }
    }

    /// The plan as the other window left it.
    private static func theirs() -> PlanData {
        var data = PlanScreenTests.data()
        data.plan.milestones.append(MilestoneRecord(studentId: 1, milestoneId: "psat", status: .inProgress, evidence: "W1 evidence"))
        data.plan.goals.careerInterests = ["Nursing", "Pharmacy"]
        data.plan.courses[3].status = .completed
        return data
    }

    /// Window 2 opens the PSAT milestone and marks it done with its own evidence.
    private static func editingPSAT() throws -> AppState {
        var state = PlanScreenTests.state()
        _ = reduce(&state, .command(.plan(.nextSection)))
        let rows = PlanScreenRows.milestones(state.plan!.data!, catalogs: state.catalogs, today: state.today)
        let index = try XCTUnwrap(rows.firstIndex { $0.record.milestoneId == "psat" })
        for _ in 0..<index { _ = reduce(&state, .command(.list(.moveDown))) }
        _ = reduce(&state, .command(.plan(.editPlanItem)))
        XCTAssertEqual(state.plan?.form?.title, "PSAT")
        while state.plan?.form?["status"] != MilestoneStatus.done.rawValue { _ = reduce(&state, .edit(.right)) }
        _ = reduce(&state, .command(.field(.nextField)))
        _ = reduce(&state, .command(.field(.nextField)))
        for character in "W2 evidence" { _ = reduce(&state, .edit(.char(character))) }
        return state
    }

    /// Submits the open form and answers as the store does when theirs is newer: the refusal,
    /// carrying the same change compared with what is stored now; then the reload arrives.
    private func submitAndRefuse(_ state: inout AppState, file: StaticString = #filePath, line: UInt = #line) -> PlanChange? {
        let effects = reduce(&state, .command(.plan(.submitForm)))
        guard case .changePlan(let change, let userId, _)? = effects.first else {
            XCTFail("no save: \(effects)", file: file, line: line)
            return nil
        }
        XCTAssertNil(state.plan?.form, "the form closes while its save is on its way", file: file, line: line)
        let conflict = Conflict(record: "PSAT for Omar Abdel-Rahman (S105596)", theirs: "in progress", yours: "done",
                                retry: .changePlan(change, userId: userId, loaded: Self.theirs().plan))
        let reloads = reduce(&state, .changedElsewhere(conflict))
        XCTAssertEqual(state.overlay, .changedElsewhere(conflict), file: file, line: line)
        XCTAssertTrue(reloads.contains(.loadPlan(studentId: 1, token: state.plan!.requestToken)), "\(reloads)", file: file, line: line)
        _ = reduce(&state, .planLoaded(token: state.plan!.requestToken, data: Self.theirs()))
        return change
    }

    func testEscAfterARefusedMilestoneSaveLeavesTheFormOpenWithTheTypedValues() throws {
        var state = try Self.editingPSAT()
        let typed = state.plan?.form
        XCTAssertNotNil(submitAndRefuse(&state))
        XCTAssertEqual(state.plan?.form, typed, "beneath the modal, the form is open again with what was typed")
        XCTAssertEqual(state.plan?.data, Self.theirs(), "on top of the plan as the other window left it")

        XCTAssertEqual(reduce(&state, .command(.conflict(.keepTheirs))), [])
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.plan?.form, typed)
        XCTAssertEqual(state.plan?.form?["evidence"], "W2 evidence")
        XCTAssertEqual(Keymaps.context(for: state), .planForm)
        XCTAssertEqual(state.status?.text, "Kept theirs; your values stay in the form (Enter saves them over theirs).")
        XCTAssertTrue(render(state).text.contains("Changed elsewhere · Enter saves yours over theirs · Esc cancels"), render(state).text)
        assertScreen(render(state), matches: "plan-form-refused-80x24")
    }

    func testSavingAgainAfterEscComparesWithThePlanReloadedAtTheRefusal() throws {
        var state = try Self.editingPSAT()
        guard let refused = submitAndRefuse(&state) else { return }
        _ = reduce(&state, .command(.conflict(.keepTheirs)))
        let effects = reduce(&state, .command(.plan(.submitForm)))
        guard case .changePlan(.setMilestone(let record), _, let loaded)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(loaded, Self.theirs().plan, "compared with theirs, so it is not refused again for the same change")
        XCTAssertEqual(record.status, .done)
        XCTAssertEqual(record.evidence, "W2 evidence")
        XCTAssertEqual(effects.first, .changePlan(refused, userId: 1, loaded: Self.theirs().plan))
        XCTAssertNil(state.plan?.form)
    }

    func testSaveMineOverTheirsSavesTheTypedValuesAndClosesTheForm() throws {
        var state = try Self.editingPSAT()
        guard let refused = submitAndRefuse(&state) else { return }
        let effects = reduce(&state, .command(.conflict(.saveMineOverTheirs)))
        XCTAssertEqual(effects.first, .changePlan(refused, userId: 1, loaded: Self.theirs().plan))
        XCTAssertNil(state.plan?.form, "saved: nothing left to edit")
        XCTAssertNil(state.overlay)
    }

    func testARefusedCourseEditAndGoalsEditReopenTheirForms() {
        var state = PlanScreenTests.state()
        _ = reduce(&state, .command(.plan(.nextYear)))
        _ = reduce(&state, .command(.plan(.nextYear)))
        _ = reduce(&state, .command(.plan(.editPlanItem)))
        XCTAssertEqual(state.plan?.form?["title"], "Algebra II")
        _ = reduce(&state, .command(.field(.nextField)))
        _ = reduce(&state, .command(.field(.nextField)))
        _ = reduce(&state, .edit(.ctrl("u")))
        type("0.5", into: &state)
        let course = state.plan?.form
        _ = submitAndRefuse(&state)
        _ = reduce(&state, .command(.conflict(.keepTheirs)))
        XCTAssertEqual(state.plan?.form, course)
        XCTAssertEqual(state.plan?.formPurpose, .editCourse(4))
        _ = reduce(&state, .command(.plan(.cancelForm)))

        _ = reduce(&state, .command(.plan(.changePathway)))
        _ = reduce(&state, .command(.plan(.cancelForm)))
        _ = reduce(&state, .command(.plan(.editPlanItem)))
        XCTAssertEqual(state.plan?.formPurpose, .careerInterests)
        _ = reduce(&state, .command(.field(.nextField)))
        type(", Physical therapy", into: &state)
        let goals = state.plan?.form
        _ = submitAndRefuse(&state)
        _ = reduce(&state, .command(.conflict(.keepTheirs)))
        XCTAssertEqual(state.plan?.form, goals)
        XCTAssertEqual(state.plan?.form?["interests"], "Nursing, Pharmacy, Physical therapy")
        XCTAssertEqual(state.plan?.formLoaded, Self.theirs().plan)
    }

    func testARefusedChangeMadeWithoutAFormOpensNoForm() throws {
        var state = try Self.editingPSAT()
        // The form's save went through; later Space on a milestone is refused.
        _ = reduce(&state, .command(.plan(.submitForm)))
        let effects = reduce(&state, .command(.plan(.cyclePlanStatus)))
        guard case .changePlan(let change, let userId, _)? = effects.first else { return XCTFail("\(effects)") }
        _ = reduce(&state, .changedElsewhere(Conflict(record: "PSAT for Omar Abdel-Rahman (S105596)", theirs: "in progress",
                                                      yours: "done", retry: .changePlan(change, userId: userId,
                                                                                         loaded: Self.theirs().plan))))
        XCTAssertNil(state.plan?.form, "no form was refused: none opens")
        _ = reduce(&state, .command(.conflict(.keepTheirs)))
        XCTAssertEqual(state.status?.text, "Kept the version saved in the other window.")
    }
}
