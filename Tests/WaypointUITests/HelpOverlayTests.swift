import TerminalKit
import XCTest
@testable import WaypointUI

/// Issue 15, item 9: help uses the room it has. Descriptions wrap under themselves instead
/// of being cut, the keys take as few columns as hold them, and pages when even that is
/// not enough; nothing is cut or dropped.
final class HelpOverlayTests: XCTestCase {
    private func helpOver(_ state: AppState) -> AppState {
        var state = state
        _ = reduce(&state, .command(.global(.help)))
        return state
    }

    /// Every binding's whole description is on screen (on some page), however it wrapped.
    private func assertEveryBindingIsShownWhole(_ state: AppState, file: StaticString = #filePath, line: UInt = #line) {
        var state = state
        var seen = ""
        for page in 0..<HelpOverlay.pageCount(state) {
            state.helpPage = page
            seen += Self.insideTheHelp(render(state)) + " "
        }
        let words = seen.split(separator: " ").joined(separator: " ")
        for binding in Keymaps.keymap(for: Keymaps.helpSubject(for: state)).bindings {
            var text = binding.title
            if let reason = binding.disabledReason(state) { text += " (unavailable: \(reason))" }
            // Each word of the description, in order, somewhere on screen.
            XCTAssertTrue(text.split(separator: " ").allSatisfy { words.contains($0) }, "“\(text)” is not whole:\n\(seen)",
                          file: file, line: line)
        }
        XCTAssertFalse(seen.contains("…"), "no description is cut:\n\(seen)", file: file, line: line)
    }

    /// The text inside the help's frame, lines joined by spaces (the screen under it aside).
    static func insideTheHelp(_ buffer: Buffer) -> String {
        let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let top = lines.firstIndex(where: { $0.contains("┌─ Help") }) else { return "" }
        return lines[(top + 1)...].prefix { !$0.contains("└─") }.map { line in
            guard let first = line.firstIndex(of: "│"), let last = line.lastIndex(of: "│"), first < last else { return "" }
            return String(line[line.index(after: first)..<last])
        }.joined(separator: " ")
    }

    func testCaseloadHelpAt80x24ShowsEveryKeyWhole() {
        let state = helpOver(Fixtures.caseloadState())
        assertEveryBindingIsShownWhole(state)
        XCTAssertEqual(HelpOverlay.pageCount(state), 1, "two columns hold the caseload's keys at 80x24")
    }

    func testHelpAt120x40UsesOneColumnWhenItFits() {
        let state = helpOver(Fixtures.caseloadState(size: Size(width: 120, height: 40)))
        XCTAssertEqual(HelpOverlay.layout(state).pages, [HelpOverlay.layout(state).pages[0]])
        XCTAssertEqual(HelpOverlay.layout(state).pages[0].count, 1, "one column reads best, and 40 rows hold it")
        assertEveryBindingIsShownWhole(state)
        assertScreen(render(state), matches: "help-120x40")
    }

    func testProfileHelpAt80x24() {
        let state = helpOver(ProfileTests.state())
        assertEveryBindingIsShownWhole(state)
        assertScreen(render(state), matches: "help-profile-80x24")
    }

    /// Keys that do not fit in the widest arrangement go onto pages: in reading order, an
    /// entry never split between columns, never dropped.
    func testEntriesThatDoNotFitGoOntoPages() {
        let entries = (1...9).map { HelpOverlay.Entry(keys: "k\($0)", lines: Array(repeating: "x", count: $0 % 3 + 1), isAvailable: true) }
        let pages = HelpOverlay.paginate(entries, columns: 2, rows: 4)
        XCTAssertEqual(pages.flatMap { $0.flatMap { $0 } }, entries, "every entry, in order")
        for page in pages {
            XCTAssertLessThanOrEqual(page.count, 2)
            for column in page { XCTAssertLessThanOrEqual(column.map(\.lines.count).reduce(0, +), 4) }
        }
        XCTAssertGreaterThan(pages.count, 1)
    }

    /// PgDn and PgUp turn the pages of a help that has more than one (the profile's, whose
    /// unavailable keys each say why, at 80x24), and the title says which page it is.
    func testPgDnAndPgUpTurnThePages() {
        var state = helpOver(Fixtures.caseloadState())
        XCTAssertEqual(KeyRouter.action(for: .pageDown, in: state), .unavailable("Next page: every key fits on this page"))
        state = helpOver(ProfileTests.state())
        XCTAssertEqual(HelpOverlay.pageCount(state), 2)
        XCTAssertTrue(render(state).text.contains("Help · Student profile · page 1 of 2"), render(state).text)
        _ = press(&state, [.pageDown])
        XCTAssertEqual(state.helpPage, 1)
        XCTAssertTrue(render(state).text.contains("page 2 of 2"), render(state).text)
        XCTAssertTrue(Self.insideTheHelp(render(state)).contains("Lock the screen now"), render(state).text)
        _ = press(&state, [.char(" ")])
        XCTAssertEqual(state.helpPage, 1, "the last page stays")
        _ = press(&state, [.pageUp])
        XCTAssertEqual(state.helpPage, 0)
        _ = press(&state, [.char("?"), .char("?")])
        XCTAssertEqual(state.helpPage, 0, "help opens on its first page")
    }
}
