import Foundation
import TerminalKit
import WaypointCatalogs
import WaypointCore
import XCTest
@testable import WaypointUI

/// Issue 16 item 6 on the plan screen: `x` asks which language the family's plan is
/// written in (the family's home language selected) and whether to save or print it.
final class PlanExportChoiceTests: XCTestCase {
    private func chooser(homeLanguages: [String], size: Size = Size(width: 80, height: 24)) -> AppState {
        var data = PlanScreenTests.data()
        data.homeLanguages = homeLanguages
        var state = PlanScreenTests.state(size: size, data: data)
        _ = press(&state, .char("x"))
        return state
    }

    /// A key through the keymap, as the running app routes it.
    private func press(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let action = KeyRouter.action(for: key, in: state) else {
            XCTFail("\(key) does nothing in \(Keymaps.context(for: state))")
            return []
        }
        return reduce(&state, action)
    }

    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    func testTheFamilysHomeLanguageIsSelectedAndEnterWritesThePlanInIt() throws {
        var state = chooser(homeLanguages: ["Haitian Creole", "Spanish"])
        XCTAssertEqual(state.plan?.export, ExportChoice(languages: ["en", "es"], homeLanguage: "es"))
        XCTAssertEqual(state.plan?.export?.language, "es")
        XCTAssertEqual(Keymaps.context(for: state), .planExport)
        XCTAssertEqual(press(&state, .enter), [.exportPlan(studentId: 1, userId: state.userId, language: "es")])
        XCTAssertNil(state.plan?.export)
        XCTAssertEqual(state.status?.text, "Writing the plan…")
    }

    func testWithoutAKnownHomeLanguageEnglishIsSelectedAndPPrintsTheChosenOne() throws {
        var state = chooser(homeLanguages: ["Haitian Creole"])
        XCTAssertEqual(state.plan?.export?.language, "en")
        XCTAssertNil(state.plan?.export?.homeLanguage)
        _ = press(&state, .char("j"))
        _ = press(&state, .char("j"))
        XCTAssertEqual(state.plan?.export?.language, "es", "the last language is as far as j goes")
        XCTAssertEqual(press(&state, .char("p")), [.printPlan(studentId: 1, userId: state.userId, language: "es")])
        XCTAssertEqual(state.status?.text, "Sending the plan to the printer…")
    }

    func testEscapeAsksNothingMore() {
        var state = chooser(homeLanguages: [])
        XCTAssertEqual(press(&state, .escape), [])
        XCTAssertNil(state.plan?.export)
        XCTAssertEqual(Keymaps.context(for: state), .plan)
    }

    func testTheQuestionAt80x24() {
        assertScreen(render(chooser(homeLanguages: ["Spanish"])), matches: "plan-export-choice-80x24")
    }

    /// A printer's refusal reaches the footer as the sentence the effect gave.
    func testAPrintedPlanOrARefusalIsSaid() {
        var state = chooser(homeLanguages: [])
        _ = reduce(&state, .printed(message: "Plan sent to the printer Office (request Office-3)"))
        XCTAssertEqual(state.status?.text, "Plan sent to the printer Office (request Office-3)")
    }
}
