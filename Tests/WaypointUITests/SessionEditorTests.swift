import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

final class SessionEditorTests: XCTestCase {
    static let kinds = SessionKindCatalog(kinds: [
        .init(id: "academic", title: "Academic"), .init(id: "college", title: "College"), .init(id: "career", title: "Career"),
    ])

    private func editorState(size: Size = Size(width: 80, height: 24)) -> AppState {
        var state = ProfileTests.state(size: size)
        state.sessionKinds = Self.kinds
        let effects = reduce(&state, .command(.profile(.newSession)))
        XCTAssertEqual(effects, [.loadEditorDraft(authorId: 1, studentId: 1, sessionId: nil)])
        XCTAssertEqual(state.screen, .editor)
        _ = reduce(&state, .editorDraftLoaded(studentId: 1, sessionId: nil, draft: nil, knownTopics: ["FAFSA", "Financial aid"]))
        return state
    }

    private func type(_ text: String, into state: inout AppState) {
        for character in text {
            let key: Key = character == "\n" ? .enter : .char(character)
            guard let action = KeyRouter.action(for: key, in: state) else { return XCTFail("\(key) is unbound") }
            _ = reduce(&state, action)
        }
    }

    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    func testTypingANoteAndSavingRecordsTheWholeForm() throws {
        var state = editorState()
        type("Nguyễn family: FAFSA 📐 walkthrough.\nNext: tax documents?", into: &state)
        XCTAssertEqual(state.editor?.note.text, "Nguyễn family: FAFSA 📐 walkthrough.\nNext: tax documents?",
                       "q, ? and Enter are text in the note")
        _ = reduce(&state, .command(.field(.previousField)))
        type("Fin", into: &state)
        _ = reduce(&state, .edit(.right))
        XCTAssertEqual(state.editor?.topics.text, "Financial aid, ")
        _ = reduce(&state, .command(.field(.nextField)))
        _ = reduce(&state, .command(.field(.nextField)))
        type("+7d: Bring tax documents\n", into: &state)
        XCTAssertEqual(state.editor?.followUps, [FollowUpDraft(text: "Bring tax documents", dueDate: "2026-11-30")])
        _ = reduce(&state, .command(.field(.nextField)))
        _ = reduce(&state, .edit(.char(" ")))
        XCTAssertEqual(state.editor?.isConfidential, true)

        _ = reduce(&state, .tick(ProfileTests.now.addingTimeInterval(9 * 60)))
        let effects = reduce(&state, .command(.editor(.saveSession)))
        guard case .saveSession(let save)? = effects.first else { return XCTFail("no save: \(effects)") }
        XCTAssertEqual(save.durationMinutes, 9, "timed from when the editor opened")
        XCTAssertEqual(save.topics, ["Financial aid"])
        XCTAssertEqual(save.payload.kind, "academic")
        XCTAssertTrue(save.payload.isConfidential)

        let after = reduce(&state, .sessionSaved(studentId: 1, amended: false))
        XCTAssertEqual(state.screen, .profile)
        XCTAssertNil(state.editor)
        XCTAssertEqual(state.status?.text, "Session saved.")
        XCTAssertEqual(after.count, 1, "the profile reloads")
    }

    func testAnEmptyNoteIsNotSaved() {
        var state = editorState()
        XCTAssertEqual(reduce(&state, .command(.editor(.saveSession))), [])
        XCTAssertEqual(state.editor?.fieldError, "the note is empty")
        XCTAssertEqual(state.status?.isError, true)
    }

    func testABadFollowUpDateIsExplainedAndBlocksSaving() {
        var state = editorState()
        type("note", into: &state)
        _ = reduce(&state, .command(.field(.nextField)))
        type("someday: call", into: &state)
        XCTAssertEqual(reduce(&state, .command(.editor(.saveSession))), [])
        XCTAssertEqual(state.editor?.focus, .followUps)
        XCTAssertTrue(state.editor?.fieldError?.contains("is not a date; try fri, next fri") == true)
    }

    func testDraftsAreStoredWithinASecondOfAChange() {
        var state = editorState()
        type("Hello", into: &state)
        let soon = reduce(&state, .tick(ProfileTests.now.addingTimeInterval(0.2)))
        XCTAssertEqual(soon, [], "not before half a second has passed since the last store")
        let later = reduce(&state, .tick(ProfileTests.now.addingTimeInterval(0.6)))
        guard case .saveDraft(1, 1, nil, let payload)? = later.first else { return XCTFail("no draft: \(later)") }
        XCTAssertEqual(payload.note, "Hello")
        XCTAssertEqual(reduce(&state, .tick(ProfileTests.now.addingTimeInterval(5))), [], "nothing new to store")
    }

    func testQuittingOrBeingKilledStoresTheDraftFirst() {
        var state = editorState()
        type("Half a thought", into: &state)
        let effects = reduce(&state, .terminate)
        XCTAssertTrue(state.shouldQuit)
        XCTAssertEqual(effects.count, 1)
        var other = editorState()
        type("x", into: &other)
        XCTAssertEqual(reduce(&other, .command(.global(.quit))).count, 1)
    }

    func testEscWithTextAsksAndYDiscardsTheDraft() {
        var state = editorState()
        type("Something", into: &state)
        XCTAssertEqual(KeyRouter.action(for: .escape, in: state), .command(.editor(.cancelEditor)))
        _ = reduce(&state, .command(.editor(.cancelEditor)))
        XCTAssertEqual(state.overlay, .confirmDiscard)
        _ = reduce(&state, .command(.editor(.keepEditing)))
        XCTAssertEqual(state.screen, .editor)
        _ = reduce(&state, .command(.editor(.cancelEditor)))
        let effects = reduce(&state, .command(.editor(.confirmDiscard)))
        XCTAssertEqual(effects, [.discardDraft(authorId: 1, studentId: 1, sessionId: nil)])
        XCTAssertEqual(state.screen, .profile)
    }

    func testEscOnAnUntouchedEditorLeavesAtOnce() {
        var state = editorState()
        _ = reduce(&state, .command(.editor(.cancelEditor)))
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.screen, .profile)
    }

    func testAStoredDraftIsResumedIntoTheEditor() {
        var state = ProfileTests.state()
        state.sessionKinds = Self.kinds
        _ = reduce(&state, .command(.profile(.newSession)))
        let draft = DraftPayload(kind: "career", participants: [.student, .teacher], topics: "jobs", note: "Typed before the crash",
                                 followUps: [], isConfidential: false, startedAt: ProfileTests.now, minutes: nil)
        _ = reduce(&state, .editorDraftLoaded(studentId: 1, sessionId: nil, draft: draft, knownTopics: []))
        XCTAssertEqual(state.editor?.note.text, "Typed before the crash")
        XCTAssertEqual(state.editor?.kind, "career")
        XCTAssertEqual(state.status?.text, "Resumed your unsaved draft for Minh Nguyễn (S100001).")
        _ = reduce(&state, .command(.editor(.cancelEditor)))
        XCTAssertEqual(state.overlay, .confirmDiscard, "a resumed draft is unsaved text")
    }

    func testDraftsFoundAtStartAreOffered() {
        var state = Fixtures.caseloadState()
        let draft = DraftSummary(studentId: 1, studentName: "Minh Nguyễn", sessionId: nil, updatedAt: ProfileTests.now,
                                 payload: DraftPayload(kind: "college", participants: [.student], topics: "", note: "one two three",
                                                       followUps: [], isConfidential: false, startedAt: ProfileTests.now, minutes: nil))
        _ = reduce(&state, .draftsFound([draft]))
        XCTAssertEqual(Keymaps.context(for: state), .resumeDraft)
        let effects = reduce(&state, .command(.editor(.resumeDraft)))
        XCTAssertEqual(state.screen, .editor)
        XCTAssertEqual(state.editor?.note.text, "one two three")
        XCTAssertEqual(effects.count, 3)
        XCTAssertEqual(effects.first, .recordView(.viewedProfile, studentId: 1, subject: "profile", userId: state.userId),
                       "resuming a draft opens the profile behind the editor: a view")
    }

    func testKindCyclesAndParticipantsToggle() {
        var state = editorState()
        _ = reduce(&state, .command(.field(.previousField)))
        _ = reduce(&state, .command(.field(.previousField)))
        _ = reduce(&state, .command(.field(.previousField)))
        XCTAssertEqual(state.editor?.focus, .kind)
        _ = reduce(&state, .edit(.right))
        XCTAssertEqual(state.editor?.kind, "college")
        _ = reduce(&state, .edit(.char("c")))
        XCTAssertEqual(state.editor?.kind, "career")
        _ = reduce(&state, .command(.field(.nextField)))
        _ = reduce(&state, .edit(.right))
        _ = reduce(&state, .edit(.char(" ")))
        XCTAssertEqual(state.editor?.participants, [.student, .parentGuardian])
    }

    /// A follow-up's date error is read whole at 80x24 (issue 15): in the footer, and beside
    /// the minutes only when it fits there too.
    func testADateErrorIsNeverCutOffAt80x24() {
        var state = editorState()
        _ = reduce(&state, .command(.field(.nextField)))
        type("someday soon-ish: call home\n", into: &state)
        XCTAssertEqual(state.editor?.followUps, [])
        let message = "⚠ \"someday soon…\" is not a date; try fri, next fri, in 2 weeks or 2026-12-05"
        let text = render(state).text
        XCTAssertTrue(text.contains(message), text)
        XCTAssertFalse(text.split(separator: "\n").contains { $0.contains("⚠") && !$0.contains(message) },
                       "no shortened copy of the error: \(text)")
        state.editor?.followUpInput = TextInput("next fri: call home")
        type("\n", into: &state)
        XCTAssertEqual(state.editor?.followUps, [FollowUpDraft(text: "call home", dueDate: "2026-12-04")],
                       "Monday 2026-11-23: next week's Friday")
    }

    /// A window made too small while writing: the message says what q does there, and it
    /// does that: it quits with the draft kept, rather than leaving the editor behind a
    /// "discard?" question nobody can see (issue 15).
    func testTheTooSmallMessageInTheEditorTellsTheTruthAboutQ() {
        var state = editorState()
        type("Talked about the schedule change.", into: &state)
        _ = reduce(&state, .resized(Size(width: 60, height: 20)))
        let text = render(state).text
        XCTAssertTrue(text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
            .contains("press q to quit; your draft is kept"), text)
        XCTAssertEqual(KeyRouter.action(for: .char("q"), in: state), .command(.global(.quit)))
        let effects = reduce(&state, .command(.global(.quit)))
        XCTAssertTrue(state.shouldQuit)
        XCTAssertNil(state.overlay, "no hidden question")
        XCTAssertTrue(effects.contains { if case .saveDraft(_, _, _, let payload) = $0 { payload.note == "Talked about the schedule change." } else { false } },
                      "\(effects)")
    }

    func testEditorAt80x24() {
        var state = editorState()
        type("Talked through the FAFSA with Minh and her mother; 王伟 joined for the last part.\nNext: tax documents.", into: &state)
        _ = reduce(&state, .command(.field(.nextField)))
        type("fri: Bring tax documents\n", into: &state)
        assertScreen(render(state), matches: "editor-80x24")
    }

    /// A new session starts in the note. The focused field carries ▸ beside its label (or the
    /// note's rule), its label in reverse video (so monochrome shows it too), and the cursor.
    func testTheFocusedFieldIsMarkedSoTabsAreCountedRight() {
        var state = editorState()
        var buffer = Buffer(size: state.size)
        let cursor = RootView.render(state, into: &buffer)
        assertScreen(buffer, matches: "editor-new-80x24")
        let rows = buffer.text.components(separatedBy: "\n")
        let note = SessionEditorView.areas(state.size)
        XCTAssertEqual(rows.filter { $0.contains("▸") }, [rows[note.noteTitle.y]], "one marker, on the note")
        XCTAssertTrue(buffer[2, note.noteTitle.y].style.attributes.contains(.reverse), "“Note” in reverse video")
        XCTAssertEqual(cursor, Position(x: note.note.x, y: note.note.y), "the cursor waits in the note")

        for _ in 0..<3 { _ = reduce(&state, .command(.field(.nextField))) }
        XCTAssertEqual(state.editor?.focus, .started)
        buffer = Buffer(size: state.size)
        let startedCursor = RootView.render(state, into: &buffer)
        let marked = buffer.text.components(separatedBy: "\n").filter { $0.contains("▸") }
        XCTAssertEqual(marked.count, 1)
        XCTAssertTrue(marked.first?.hasPrefix("▸Started") == true, "\(marked)")
        XCTAssertTrue(buffer[1, note.timing.y].style.attributes.contains(.reverse))
        XCTAssertFalse(buffer[1, note.kind.y].style.attributes.contains(.reverse), "only the focused label is reversed")
        XCTAssertEqual(startedCursor?.y, note.timing.y)

        _ = reduce(&state, .command(.field(.nextField)))
        buffer = Buffer(size: state.size)
        _ = RootView.render(state, into: &buffer)
        XCTAssertTrue(buffer.text.contains("▸Minutes auto"), buffer.text)

        state.asciiOnly = true
        buffer = Buffer(size: state.size)
        _ = RootView.render(state, into: &buffer)
        XCTAssertTrue(buffer.text.contains(">Minutes auto") && !buffer.text.contains("▸"), "ASCII terminals get >")
    }

    func testEditorAt120x40() {
        var state = editorState(size: Size(width: 120, height: 40))
        type("A longer note.\n\nWith paragraphs.", into: &state)
        assertScreen(render(state), matches: "editor-120x40")
    }
}

final class SessionEditorDetailsTests: XCTestCase {
    func testTheStartTimeCanBeCorrectedAndMustBeValid() {
        var state = ProfileTests.state()
        _ = reduce(&state, .command(.profile(.newSession)))
        for character in "Met in the hallway" { _ = reduce(&state, .edit(.char(character))) }
        while state.editor?.focus != .started { _ = reduce(&state, .command(.field(.nextField))) }
        XCTAssertEqual(state.editor?.started.text, "2026-11-23 13:20")
        _ = reduce(&state, .edit(.ctrl("u")))
        for character in "2026-11-22 09:05" { _ = reduce(&state, .edit(.char(character))) }
        guard case .saveSession(let save)? = reduce(&state, .command(.editor(.saveSession))).first else { return XCTFail("not saved") }
        XCTAssertEqual(LocalTime.format(save.payload.startedAt, timeZone: TimeZone(identifier: "UTC")!), "2026-11-22 09:05")

        var bad = ProfileTests.state()
        _ = reduce(&bad, .command(.profile(.newSession)))
        _ = reduce(&bad, .edit(.char("x")))
        while bad.editor?.focus != .started { _ = reduce(&bad, .command(.field(.nextField))) }
        _ = reduce(&bad, .edit(.backspace))
        XCTAssertEqual(reduce(&bad, .command(.editor(.saveSession))), [])
        XCTAssertEqual(bad.editor?.fieldError, "write the start as YYYY-MM-DD HH:MM")
    }

    func testArchivingASessionAsksFirst() {
        var state = ProfileTests.state()
        XCTAssertEqual(KeyRouter.action(for: .char("a"), in: state), .command(.profile(.archiveSession)))
        _ = reduce(&state, .command(.profile(.archiveSession)))
        XCTAssertEqual(state.overlay, .confirmArchive(sessionId: 2))
        XCTAssertEqual(KeyRouter.action(for: .char("n"), in: state), .command(.global(.back)))
        let effects = reduce(&state, .command(.profile(.confirmArchive)))
        XCTAssertEqual(effects.first, .archiveSession(sessionId: 2, userId: 1))
        XCTAssertNil(state.overlay)
    }

    func testAnotherCounselorsConfidentialSessionCannotBeArchivedOrOpened() {
        var state = ProfileTests.state()
        _ = reduce(&state, .command(.list(.moveDown)))
        XCTAssertEqual(KeyRouter.action(for: .char("a"), in: state), .unavailable("Archive session: it is confidential to Marcus Okafor"))
        _ = reduce(&state, .command(.profile(.amendSession)))
        XCTAssertEqual(state.screen, .profile)
        XCTAssertEqual(state.status?.text, "That note is confidential to Marcus Okafor.")
    }

    func testCtrlArrowsMoveByWordsInTheNote() {
        var buffer = TextBuffer("one two three")
        XCTAssertTrue(buffer.handle(.wordLeft, width: 40, pageHeight: 5))
        XCTAssertEqual(buffer.cursor, TextPosition(line: 0, column: 8))
        buffer.handle(.wordRight, width: 40, pageHeight: 5)
        XCTAssertEqual(buffer.cursor, TextPosition(line: 0, column: 13))
    }
}
