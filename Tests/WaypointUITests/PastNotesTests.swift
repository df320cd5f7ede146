import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// Issue 15 item 6: the student's earlier sessions read and searched from the session
/// editor, without the draft changing.
final class PastNotesTests: XCTestCase {
    /// The profile's two sessions (mine; another counselor's confidential one) and a
    /// confidential one of mine.
    static func sessions() -> [SessionView] {
        let ownConfidential = AdvisingSession(id: 3, studentId: 1, authorId: 1, startedAt: ProfileTests.now.addingTimeInterval(-10 * 86_400),
                                              durationMinutes: 15, kind: "crisis", isConfidential: true,
                                              note: "Talked about the panic at the tax office.")
        return [ProfileTests.data().sessions[0], SessionView(session: ownConfidential, authorName: "Ana Rivera", viewerId: 1),
                ProfileTests.data().sessions[1]]
    }

    private func editorWithDraft(size: Size = Size(width: 80, height: 24)) -> AppState {
        var state = ProfileTests.state(size: size)
        _ = reduce(&state, .command(.profile(.newSession)))
        _ = reduce(&state, .editorDraftLoaded(studentId: 1, sessionId: nil, draft: nil, knownTopics: []))
        type("Minh brought the tax forms", into: &state)
        return state
    }

    private func type(_ text: String, into state: inout AppState) {
        for character in text {
            guard let action = KeyRouter.action(for: .char(character), in: state) else { return XCTFail("\(character) is unbound") }
            _ = reduce(&state, action)
        }
    }

    private func press(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard let action = KeyRouter.action(for: key, in: state) else {
            XCTFail("\(key) is unbound")
            return []
        }
        return reduce(&state, action)
    }

    private func openAndLoad(_ state: inout AppState) {
        XCTAssertEqual(press(.ctrl("p"), &state), [.loadPastNotes(studentId: 1, viewerId: 1)])
        let effects = reduce(&state, .pastNotesLoaded(studentId: 1, sessions: Self.sessions()))
        XCTAssertEqual(effects, [.recordView(.viewedConfidentialNote, studentId: 1, subject: "session 3", userId: 1)],
                       "reading one's own confidential note is recorded, as on the profile; another's is not shown")
    }

    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    func testTheEditorFooterShowsTheKey() {
        let state = editorWithDraft()
        XCTAssertTrue(render(state).text.contains("Past notes"), render(state).text)
        XCTAssertTrue(Keymaps.keymap(for: .editor).bindings.contains { $0.keys == [.ctrl("p")] && $0.command == .editor(.togglePastNotes) })
    }

    func testSearchingThePastNotesLeavesTheDraftExactlyAsItWas() {
        var state = editorWithDraft()
        let draft = state.editor?.payload
        _ = reduce(&state, .tick(ProfileTests.now.addingTimeInterval(5)))
        XCTAssertEqual(state.editor?.draftDirty, false, "the draft was stored")
        openAndLoad(&state)
        XCTAssertEqual(Keymaps.context(for: state), .pastNotes)
        type("tax", into: &state)
        XCTAssertEqual(state.editor?.pastNotes.search.text, "tax")
        XCTAssertEqual(state.editor?.note.text, "Minh brought the tax forms", "typing went to the find line, not the note")
        let lines = PastNotesView.lines(state, width: PastNotesView.textArea(state.size).width)
        let matches = PastNotesView.matches(in: lines, query: "TAX")
        XCTAssertEqual(matches.count, 2, "case does not matter: \(lines)")
        XCTAssertEqual(state.editor?.pastNotes.match, 0)
        _ = press(.enter, &state)
        XCTAssertEqual(state.editor?.pastNotes.match, 1, "Enter goes to the next match")
        _ = press(.enter, &state)
        XCTAssertEqual(state.editor?.pastNotes.match, 0, "and round to the first")
        _ = press(.ctrl("r"), &state)
        XCTAssertEqual(state.editor?.pastNotes.match, 1, "Ctrl-R goes back")
        _ = press(.escape, &state)
        XCTAssertEqual(state.editor?.pastNotes.search.text, "", "Esc clears the word first")
        XCTAssertEqual(state.editor?.pastNotes.isOpen, true)
        _ = press(.escape, &state)
        XCTAssertEqual(state.editor?.pastNotes.isOpen, false, "then closes")
        XCTAssertEqual(Keymaps.context(for: state), .editor)
        XCTAssertEqual(state.editor?.payload, draft)
        XCTAssertEqual(state.editor?.draftDirty, false, "nothing to store: the draft did not change")
        type(" today", into: &state)
        XCTAssertEqual(state.editor?.note.text, "Minh brought the tax forms today", "the note takes typing again")
    }

    func testAWordNotFoundIsSaidAndNothingMoves() {
        var state = editorWithDraft()
        openAndLoad(&state)
        type("zebra", into: &state)
        XCTAssertTrue(render(state).text.contains("not found"))
        _ = press(.enter, &state)
        XCTAssertEqual(state.status?.text, "No past note holds “zebra”.")
    }

    func testAnotherCounselorsConfidentialNoteShowsOnlyThatItHappened() {
        var state = editorWithDraft(size: Size(width: 120, height: 40))
        openAndLoad(&state)
        let text = render(state).text
        XCTAssertFalse(text.contains("secret"), text)
        XCTAssertTrue(text.contains("This note is confidential to Marcus Okafor"), text)
        XCTAssertTrue(text.contains("Talked about the panic"), "my own confidential note is mine to read:\n\(text)")
    }

    func testASidePaneKeepsShowingWhileTheNoteIsWritten() {
        var state = editorWithDraft(size: Size(width: 120, height: 40))
        openAndLoad(&state)
        _ = press(.tab, &state)
        XCTAssertEqual(state.editor?.pastNotes.isOpen, true)
        XCTAssertEqual(Keymaps.context(for: state), .editor)
        type(" today", into: &state)
        XCTAssertEqual(state.editor?.note.text, "Minh brought the tax forms today")
        XCTAssertTrue(render(state).text.contains("Walked through the FAFSA"))
        _ = press(.ctrl("p"), &state)
        XCTAssertEqual(Keymaps.context(for: state), .pastNotes, "Ctrl-P gives the pane the keys again")
        XCTAssertEqual(press(.ctrl("p"), &state), [], "and closes it, without loading again")
        XCTAssertEqual(state.editor?.pastNotes.isOpen, false)
    }

    func testAnOverlayClosesOnTabAt80x24() {
        var state = editorWithDraft()
        openAndLoad(&state)
        _ = press(.tab, &state)
        XCTAssertEqual(state.editor?.pastNotes.isOpen, false, "an overlay would hide the form it gives the keys to")
    }

    func testScrollingStaysWithinTheNotes() {
        var state = editorWithDraft()
        openAndLoad(&state)
        _ = press(.up, &state)
        XCTAssertEqual(state.editor?.pastNotes.scroll, 0)
        for _ in 0..<50 { _ = press(.down, &state) }
        let area = PastNotesView.textArea(state.size)
        let lines = PastNotesView.lines(state, width: area.width)
        XCTAssertEqual(state.editor?.pastNotes.scroll, max(0, lines.count - area.height))
    }

    func testSavingWithThePaneOpenSavesTheNoteAsTyped() {
        var state = editorWithDraft()
        openAndLoad(&state)
        type("fafsa", into: &state)
        let effects = press(.ctrl("s"), &state)
        guard case .saveSession(let save)? = effects.first else { return XCTFail("no save: \(effects)") }
        XCTAssertEqual(save.payload.note, "Minh brought the tax forms")
    }

    func testPastNotesAt80x24() {
        var state = editorWithDraft()
        openAndLoad(&state)
        type("tax", into: &state)
        assertScreen(render(state), matches: "past-notes-80x24")
    }

    func testPastNotesAt120x40() {
        var state = editorWithDraft(size: Size(width: 120, height: 40))
        openAndLoad(&state)
        type("fafsa", into: &state)
        assertScreen(render(state), matches: "past-notes-120x40")
    }
}
