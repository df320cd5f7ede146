import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// Another window or a command changed the database: what is on screen reloads beneath
/// whatever the counselor is typing; a save over such a change shows both versions.
final class OutsideChangeTests: XCTestCase {
    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    private static func amendingState(size: Size = Size(width: 80, height: 24)) -> AppState {
        var state = ProfileTests.state(size: size)
        var data = ProfileTests.data()
        data.sessions[0].session.noteVersion = 3
        _ = reduce(&state, .profileLoaded(token: 1, data: data))
        _ = reduce(&state, .command(.profile(.amendSession)))
        _ = reduce(&state, .editorDraftLoaded(studentId: 1, sessionId: 2, draft: nil, knownTopics: []))
        for character in " Mine." { _ = reduce(&state, .edit(.char(character))) }
        return state
    }

    func testTheCaseloadReloadsKeepingTheSelectedStudent() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.list(.moveDown)))
        _ = reduce(&state, .command(.list(.moveDown)))
        let selected = state.caseload.selectedEntry?.id
        let effects = reduce(&state, .databaseChanged)
        XCTAssertEqual(effects, [.loadCaseload(caseloadOwnerId: 1, query: "", token: state.caseload.requestToken)])
        var rows = Fixtures.entries()
        rows.insert(rows.removeLast(), at: 0)
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: rows))
        XCTAssertEqual(state.caseload.selectedEntry?.id, selected, "the selection stays on the same student")
    }

    func testTheToDoListAndAReportReloadAndTheReportStaysUntilTheNewOneArrives() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.openTasks)))
        _ = reduce(&state, .command(.caseload(.openReports)))
        let report = Report(title: "Coverage", groupTitle: "Counselor", measures: ["Seen (%)"],
                            rows: [.init(group: "Ana Rivera", count: 30, values: [50])],
                            total: .init(group: "All", count: 30, values: [50]))
        _ = reduce(&state, .reportLoaded(token: 1, report: report))
        let effects = reduce(&state, .databaseChanged)
        XCTAssertTrue(effects.contains(.loadTasks(caseloadOwnerId: 1, viewerId: 1, token: 2)), "\(effects)")
        XCTAssertTrue(effects.contains(.loadReport(kind: .coverage, grouping: .counselor, caseloadOwnerId: 1, token: 2)), "\(effects)")
        XCTAssertEqual(state.reports?.report, report, "no blank screen while the new one loads")
    }

    func testTheWelcomeScreenLooksAgainUnlessAFolderIsBeingTyped() {
        var state = AppState(size: Size(width: 80, height: 24))
        _ = reduce(&state, .started(counselors: [], isEmpty: true))
        XCTAssertEqual(reduce(&state, .databaseChanged), [.loadStartup])
        _ = reduce(&state, .command(.welcome(.startImport)))
        _ = reduce(&state, .edit(.char("r")))
        XCTAssertEqual(reduce(&state, .databaseChanged), [])
        XCTAssertEqual(state.overlay, .importRoster(TextInput("r")))
    }

    func testEverythingShownReloadsAndTheEditorIsLeftAlone() {
        var state = Self.amendingState()
        let editor = state.editor
        let effects = reduce(&state, .databaseChanged)
        XCTAssertEqual(effects, [.loadCaseload(caseloadOwnerId: 1, query: "", token: state.caseload.requestToken),
                                 .loadProfile(studentId: 1, viewerId: 1, token: 2)])
        XCTAssertEqual(state.editor, editor, "the text being typed is not touched")
        XCTAssertEqual(state.screen, .editor)
        XCTAssertNil(state.overlay)
    }

    func testAnOpenPlanFormStillComparesWithWhatItWasOpenedOn() {
        var state = PlanScreenTests.state()
        _ = reduce(&state, .command(.plan(.nextSection)))
        _ = reduce(&state, .command(.plan(.editPlanItem)))
        let form = state.plan?.form
        XCTAssertNotNil(form)
        let effects = reduce(&state, .databaseChanged)
        XCTAssertTrue(effects.contains(.loadPlan(studentId: 1, token: 2)), "\(effects)")
        XCTAssertTrue(effects.contains(.loadProfile(studentId: 1, viewerId: 1, token: 2)), "\(effects)")
        var changed = PlanScreenTests.data()
        changed.plan.pathwayId = "information-technology"
        _ = reduce(&state, .planLoaded(token: 2, data: changed))
        XCTAssertEqual(state.plan?.form, form, "the form keeps what was typed")
        let submitted = reduce(&state, .command(.plan(.submitForm)))
        guard case .changePlan(.setMilestone, _, let loaded)? = submitted.first else { return XCTFail("\(submitted)") }
        XCTAssertEqual(loaded, PlanScreenTests.data().plan, "compared with the plan the form was opened on")
    }

    func testTheAmendmentSaysWhichNoteVersionItWasWrittenOver() {
        var state = Self.amendingState()
        let effects = reduce(&state, .command(.editor(.saveSession)))
        guard case .saveSession(let save)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(save.payload.loadedNoteVersion, 3)
        XCTAssertTrue(save.payload.note.hasSuffix(" Mine."))
    }

    func testAConflictShowsBothVersionsKeepsTheTextAndOffersToSaveMine() {
        var state = Self.amendingState()
        let effects = reduce(&state, .command(.editor(.saveSession)))
        guard case .saveSession(var save)? = effects.first else { return XCTFail("\(effects)") }
        save.payload.loadedNoteVersion = 4
        let conflict = Conflict(record: "The note of session 2", theirs: "Amended in the other window.",
                                yours: save.payload.note, retry: .saveSession(save))
        let editor = state.editor
        let reloads = reduce(&state, .changedElsewhere(conflict))
        XCTAssertEqual(state.overlay, .changedElsewhere(conflict))
        XCTAssertFalse(state.isBusy)
        XCTAssertEqual(state.editor, editor, "the counselor's text stays in the editor")
        XCTAssertTrue(reloads.contains(.loadProfile(studentId: 1, viewerId: 1, token: 2)), "\(reloads)")
        XCTAssertEqual(Keymaps.context(for: state), .changedElsewhere)
        XCTAssertEqual(KeyRouter.action(for: .char("o"), in: state), .command(.conflict(.saveMineOverTheirs)))

        var keeping = state
        XCTAssertEqual(reduce(&keeping, .command(.conflict(.keepTheirs))), [])
        XCTAssertNil(keeping.overlay)
        XCTAssertEqual(keeping.editor, editor)
        XCTAssertEqual(keeping.screen, .editor)

        let saving = reduce(&state, .command(.conflict(.saveMineOverTheirs)))
        XCTAssertEqual(saving.first, .saveSession(save), "mine, now compared with theirs")
        XCTAssertNil(state.overlay)
    }

    func testAFollowUpClosedElsewhereOffersNothingToOverwrite() {
        var state = ProfileTests.state()
        _ = reduce(&state, .changedElsewhere(Conflict(record: "Follow-up “Call home”", theirs: "done", yours: "dropped", retry: nil)))
        XCTAssertEqual(KeyRouter.action(for: .char("o"), in: state),
                       .unavailable("Save mine over theirs: it was already closed elsewhere"))
        XCTAssertEqual(reduce(&state, .command(.conflict(.keepTheirs))), [])
        XCTAssertNil(state.overlay)
    }

    func testTheConflictModalAt80x24() {
        var state = Self.amendingState()
        _ = reduce(&state, .changedElsewhere(Conflict(
            record: "The note of the 2026-11-20 session with Minh Nguyễn (S100001)",
            theirs: "Walked through the FAFSA 📐 with Minh and her mother.\nNext: tax documents. Added from the other window: she has the FSA ID.",
            yours: "Walked through the FAFSA 📐 with Minh and her mother.\nNext: tax documents. Mine.", retry: .loadStartup)))
        assertScreen(render(state), matches: "conflict-80x24")
        state.size = Size(width: 120, height: 40)
        assertScreen(render(state), matches: "conflict-120x40")
    }
}
