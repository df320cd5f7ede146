import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

final class ReducerTests: XCTestCase {
    func testAnEmptyDatabaseOpensTheWelcomeScreen() {
        var state = AppState(size: Size(width: 80, height: 24))
        let effects = reduce(&state, .started(counselors: [], isEmpty: true))
        XCTAssertEqual(state.screen, .welcome)
        XCTAssertEqual(effects, [])
    }

    func testSeveralCounselorsAndNoneChosenOpensThePicker() {
        var state = AppState(size: Size(width: 80, height: 24))
        let effects = reduce(&state, .started(counselors: Fixtures.counselors, isEmpty: false))
        XCTAssertEqual(state.overlay, .counselorPicker(TableState()))
        XCTAssertEqual(effects, [], "no student is loaded before someone says who they are")
        XCTAssertEqual(state.counselorPickerRows, [1, 2], "the whole district is for browsing later, not an identity")
        _ = reduce(&state, .command(.global(.back)))
        XCTAssertNotNil(state.overlay, "Esc does not get around the question")
    }

    func testASingleCounselorIsChosenWithoutAskingWhenTheyHaveNoPassphrase() {
        var state = AppState(size: Size(width: 80, height: 24))
        let effects = reduce(&state, .started(counselors: [Fixtures.counselors[0]], isEmpty: false))
        XCTAssertNil(state.overlay)
        XCTAssertEqual(effects, [.loadCaseload(caseloadOwnerId: 1, query: "", token: 1), .probePassphrase(counselorId: 1)])
        XCTAssertEqual(state.lock?.reason, .confirmIdentity, "nothing is shown before the store has answered")
        let answered = reduce(&state, .passphraseProbed(counselorId: 1, isSet: false, mayChoose: true))
        XCTAssertNil(state.lock)
        XCTAssertEqual(state.userId, 1)
        XCTAssertEqual(answered, [.rememberUser(counselorId: 1), .loadDrafts(authorId: 1)])
    }

    func testARememberedCounselorIsAskedForTheirPassphraseAtEachStart() {
        var state = AppState(size: Size(width: 80, height: 24), caseloadOwnerId: 2)
        state.userId = 2
        let effects = reduce(&state, .started(counselors: Fixtures.counselors, isEmpty: false))
        XCTAssertEqual(state.lock?.reason, .confirmIdentity)
        XCTAssertEqual(effects, [.loadCaseload(caseloadOwnerId: 2, query: "", token: 1), .loadDrafts(authorId: 2),
                                 .probePassphrase(counselorId: 2)])
        XCTAssertEqual(reduce(&state, .passphraseProbed(counselorId: 2, isSet: true)), [])
        XCTAssertNotNil(state.lock, "quitting at the lock screen and starting again does not get around it")
        _ = reduce(&state, .command(.lock(.unlock)))
        XCTAssertEqual(reduce(&state, .passphraseChecked(counselorId: 2, result: .correct)), [.rememberUser(counselorId: 2)],
                       "the database learns who was chosen on it, if it had not yet")
        XCTAssertNil(state.lock)
        XCTAssertEqual(state.userId, 2)

        // A later start in the same run (after an import) does not ask again.
        _ = reduce(&state, .started(counselors: Fixtures.counselors, isEmpty: false))
        XCTAssertNil(state.lock)
    }

    func testAnUnknownCounselorIdSaysSoAndAsks() {
        var state = AppState(size: Size(width: 80, height: 24), caseloadOwnerId: 99)
        _ = reduce(&state, .started(counselors: Fixtures.counselors, isEmpty: false))
        XCTAssertNil(state.caseloadOwnerId)
        XCTAssertEqual(state.status?.isError, true)
        XCTAssertNotNil(state.overlay)
    }

    func testChoosingACounselorReloadsTheirCaseload() {
        var state = AppState(size: Size(width: 80, height: 24))
        _ = reduce(&state, .started(counselors: Fixtures.counselors, isEmpty: false))
        _ = reduce(&state, .command(.list(.moveDown)))
        let effects = reduce(&state, .command(.caseload(.chooseCounselor)))
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.caseloadOwnerId, 2)
        XCTAssertEqual(effects, [.loadCaseload(caseloadOwnerId: 2, query: "", token: 1), .probePassphrase(counselorId: 2)])
    }

    func testTypingASearchRequestsNarrowedRowsWithAFreshToken() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.startSearch)))
        XCTAssertTrue(state.caseload.isSearching)
        let first = reduce(&state, .edit(.char("n")))
        let second = reduce(&state, .edit(.char("g")))
        XCTAssertEqual(first, [.loadCaseload(caseloadOwnerId: 1, query: "n", token: 2)])
        XCTAssertEqual(second, [.loadCaseload(caseloadOwnerId: 1, query: "ng", token: 3)])
        XCTAssertEqual(reduce(&state, .edit(.left)), [], "moving the cursor asks for nothing")
    }

    func testAStaleResultIsDropped() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.startSearch)))
        _ = reduce(&state, .edit(.char("a")))
        _ = reduce(&state, .edit(.char("b")))
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken - 1, rows: []))
        XCTAssertEqual(state.caseload.rows.count, 30, "the result for \"a\" arrived after \"ab\" was asked")
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: Array(Fixtures.entries().prefix(2))))
        XCTAssertEqual(state.caseload.rows.count, 2)
    }

    func testEnterKeepsTheFilterAndEscClearsIt() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.startSearch)))
        _ = reduce(&state, .edit(.char("x")))
        _ = reduce(&state, .command(.caseload(.keepSearch)))
        XCTAssertFalse(state.caseload.isSearching)
        XCTAssertEqual(state.caseload.query, "x")
        let effects = reduce(&state, .command(.caseload(.clearSearch)))
        XCTAssertEqual(state.caseload.query, "")
        XCTAssertEqual(effects, [.loadCaseload(caseloadOwnerId: 1, query: "", token: 3)])
    }

    func testMovementIsClampedAndScrolls() {
        var state = Fixtures.caseloadState()
        let visible = state.caseloadVisibleRows
        XCTAssertEqual(visible, 21, "80x24 leaves 21 table rows below the title, header and above the footer")
        _ = reduce(&state, .command(.list(.moveUp)))
        XCTAssertEqual(state.caseload.table.selected, 0)
        _ = reduce(&state, .command(.list(.pageDown)))
        XCTAssertEqual(state.caseload.table.selected, visible - 1)
        _ = reduce(&state, .command(.list(.moveBottom)))
        XCTAssertEqual(state.caseload.table.selected, 29)
        XCTAssertEqual(state.caseload.table.offset, 30 - visible)
        _ = reduce(&state, .command(.list(.moveTop)))
        XCTAssertEqual(state.caseload.table, TableState())
    }

    func testResizeKeepsTheSelectionOnScreen() {
        var state = Fixtures.caseloadState(size: Size(width: 120, height: 40))
        _ = reduce(&state, .command(.list(.moveBottom)))
        _ = reduce(&state, .resized(Size(width: 80, height: 24)))
        let table = state.caseload.table
        XCTAssertTrue(table.selected >= table.offset && table.selected < table.offset + state.caseloadVisibleRows)
    }

    func testQuitGoesBackThenQuits() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.global(.help)))
        XCTAssertEqual(state.overlay, .help)
        _ = reduce(&state, .command(.global(.back)))
        XCTAssertNil(state.overlay)
        XCTAssertFalse(state.shouldQuit)
        _ = reduce(&state, .command(.global(.back)))
        XCTAssertTrue(state.shouldQuit)
    }

    func testLoadingTheDemoShowsProgressThenTheCaseload() {
        var state = AppState(size: Size(width: 80, height: 24))
        _ = reduce(&state, .started(counselors: [], isEmpty: true))
        XCTAssertEqual(reduce(&state, .command(.welcome(.loadDemo))), [.loadDemoDistrict])
        XCTAssertTrue(state.isBusy)
        XCTAssertEqual(reduce(&state, .command(.welcome(.loadDemo))), [], "a second press while loading does nothing")
        let effects = reduce(&state, .demoLoaded(students: 1200, counselors: Fixtures.counselors))
        XCTAssertEqual(state.screen, .caseload)
        XCTAssertFalse(state.isBusy)
        XCTAssertEqual(state.status?.text, "Demo district loaded: 1,200 students, 2 counselors.")
        XCTAssertEqual(effects, [], "the picker asks who is at the keyboard before any student loads")
    }

    func testAFailureIsShownAsAnError() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .failed("disk full"))
        XCTAssertEqual(state.status, StatusMessage("disk full", isError: true))
    }
}

final class ImportReducerTests: XCTestCase {
    func testImportAsksForAFolderShowsProgressAndThenTheCaseload() {
        var state = AppState(size: Size(width: 80, height: 24))
        _ = reduce(&state, .started(counselors: [], isEmpty: true))
        XCTAssertEqual(KeyRouter.action(for: .char("i"), in: state), .command(.welcome(.startImport)))
        _ = reduce(&state, .command(.welcome(.startImport)))
        XCTAssertEqual(Keymaps.context(for: state), .importRoster)
        XCTAssertEqual(reduce(&state, .command(.welcome(.runImport))), [], "an empty folder is refused")
        for character in "/tmp/roster" { _ = reduce(&state, .edit(.char(character))) }
        XCTAssertEqual(reduce(&state, .command(.welcome(.runImport))), [.importRoster(directory: "/tmp/roster", userId: nil)])
        XCTAssertTrue(state.isBusy)
        _ = reduce(&state, .progressed(JobProgress(done: 500, total: 1000)))
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        XCTAssertTrue(buffer.text.contains("500 of 1,000"), buffer.text)
        XCTAssertEqual(reduce(&state, .rosterImported(summary: "Imported /tmp/roster: 1,000 students added.")), [.loadStartup])
        XCTAssertNil(state.progress)
        XCTAssertFalse(state.isBusy)
    }
}

extension ReducerTests {
    func testAnEmptySearchInAViewSaysTheViewMayBeHidingStudents() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.showViews)))
        _ = reduce(&state, .edit(.char("6")))
        _ = reduce(&state, .command(.caseload(.startSearch)))
        _ = reduce(&state, .edit(.char("n")))
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: Fixtures.entries(count: 3)))
        XCTAssertTrue(state.caseload.rows.isEmpty, "no fixture student has a tier")
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        XCTAssertTrue(buffer.text.contains("No match for “n” in this view (see the title); v1 shows everyone."),
                      buffer.text)
    }
}
