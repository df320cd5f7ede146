import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// Group sessions on screen (issue 15 item 3): `m` on the caseload picks students (Space,
/// the caseload's search and saved views), Enter writes one note in the session editor,
/// whose header says how many students and who; each student's history shows it.
final class GroupSessionTests: XCTestCase {
    static let kinds = SessionKindCatalog(kinds: [
        .init(id: "academic", title: "Academic"), .init(id: "group", title: "Group", group: true),
        .init(id: "classroom", title: "Classroom lesson", group: true),
    ])

    private func caseload(size: Size = Size(width: 80, height: 24)) -> AppState {
        var state = Fixtures.caseloadState(size: size)
        state.timeZone = TimeZone(identifier: "UTC")!
        state.sessionKinds = Self.kinds
        _ = reduce(&state, .tick(ProfileTests.now))
        return state
    }

    @discardableResult
    private func press(_ state: inout AppState, _ keys: [Key]) -> [Effect] {
        var effects: [Effect] = []
        for key in keys {
            guard let action = KeyRouter.action(for: key, in: state) else {
                XCTFail("\(key) does nothing in \(Keymaps.context(for: state))")
                continue
            }
            effects += reduce(&state, action)
        }
        return effects
    }

    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    /// Three students ticked, the editor open and its draft looked up (none).
    private func groupEditor(size: Size = Size(width: 80, height: 24)) -> AppState {
        var state = caseload(size: size)
        press(&state, [.char("m"), .char(" "), .char(" "), .char(" ")])
        let effects = press(&state, [.enter])
        XCTAssertEqual(effects, [.loadEditorDraft(authorId: 1, studentId: 1, sessionId: nil)])
        _ = reduce(&state, .editorDraftLoaded(studentId: 1, sessionId: nil, draft: nil, knownTopics: []))
        return state
    }

    // MARK: Picking

    func testMOnTheCaseloadPicksStudentsWithSpace() {
        var state = caseload()
        XCTAssertEqual(Keymaps.context(for: state), .caseload)
        press(&state, [.char("m")])
        XCTAssertEqual(Keymaps.context(for: state), .groupPicker)
        press(&state, [.char(" "), .char(" ")])
        XCTAssertEqual(state.caseload.group?.members.map(\.id), [1, 2], "Space ticks and moves to the next student")
        XCTAssertEqual(state.caseload.table.selected, 2)
        press(&state, [.char("k"), .char(" ")])
        XCTAssertEqual(state.caseload.group?.members.map(\.id), [1], "Space again unticks")
        XCTAssertEqual(state.caseload.group?.members.first?.name, "Minh Anh Nguyễn")
    }

    func testEnterNeedsTwoStudentsAndSaysSo() {
        var state = caseload()
        press(&state, [.char("m"), .char(" ")])
        XCTAssertEqual(KeyRouter.action(for: .enter, in: state), .unavailable("Write the note: tick at least two students (Space)"))
        XCTAssertNil(Keymaps.groupPicker.hints(for: state).first { $0.keys == "Enter" }, "the footer shows what can be done now")
    }

    func testSearchingInThePickerLooksForTheNextStudentAfresh() {
        var state = caseload()
        press(&state, [.char("m"), .char("/")])
        let typed = press(&state, [.char("P"), .char("a")])
        XCTAssertEqual(typed.last, .loadCaseload(caseloadOwnerId: 1, query: "Pa", token: state.caseload.requestToken))
        let patel = Fixtures.entries().filter { $0.student.familyName.hasPrefix("Pa") }
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: CaseloadRows(patel)))
        press(&state, [.enter, .char(" ")])
        XCTAssertEqual(state.caseload.group?.members.map(\.name), [patel[0].student.displayName])
        // The next search starts empty: a new name, not the last one edited.
        let again = press(&state, [.char("/")])
        XCTAssertEqual(state.caseload.query, "")
        XCTAssertEqual(again, [.loadCaseload(caseloadOwnerId: 1, query: "", token: state.caseload.requestToken)])
        XCTAssertEqual(state.caseload.group?.members.count, 1, "what was ticked stays ticked")
    }

    /// A saved view narrows the list (v, then its number) and `*` ticks everyone in it: a
    /// classroom lesson for the students not seen in 30 days, say.
    func testAStarTicksEveryStudentShownInASavedView() {
        var state = caseload()
        press(&state, [.char("m"), .char(" ")])
        press(&state, [.char("v")])
        XCTAssertEqual(Keymaps.context(for: state), .savedViews)
        press(&state, [.char("5")])
        XCTAssertEqual(state.caseload.preset, .notSeenMonth)
        XCTAssertEqual(Keymaps.context(for: state), .groupPicker, "the view closes onto the picker")
        press(&state, [.char("*")])
        XCTAssertEqual(state.caseload.group?.members.count, 30, "the one ticked before is not ticked twice")
        XCTAssertEqual(Set(state.caseload.group?.members.map(\.id) ?? []).count, 30)
        XCTAssertEqual(state.status?.text, "Ticked 29 more; 30 chosen.")
    }

    func testEscCancelsThePickAndRecordsNothing() {
        var state = caseload()
        let effects = press(&state, [.char("m"), .char(" "), .escape])
        XCTAssertEqual(effects, [])
        XCTAssertNil(state.caseload.group)
        XCTAssertEqual(Keymaps.context(for: state), .caseload)
    }

    func testThePickerAt80x24() {
        var state = caseload()
        press(&state, [.char("m"), .char(" "), .char("j"), .char(" ")])
        let buffer = render(state)
        XCTAssertTrue(buffer.text.contains("Group session, 2 chosen: Minh Anh Nguyễn · 伟 王"), buffer.text)
        XCTAssertTrue(buffer.text.contains("Space Tick/untick  Enter Write the note"), "the footer leads with what picking needs")
        XCTAssertTrue(buffer.text.contains("[x] Nguyễn, Minh Anh"), buffer.text)
        assertScreen(buffer, matches: "group-picker-80x24")
    }

    func testThePickerAt120x40() {
        var state = caseload(size: Size(width: 120, height: 40))
        press(&state, [.char("m"), .char(" "), .char(" "), .char(" ")])
        assertScreen(render(state), matches: "group-picker-120x40")
    }

    // MARK: The editor

    func testTheEditorOpensOnTheFirstGroupKindWithTheStudentsInItsHeader() {
        let state = groupEditor()
        XCTAssertEqual(state.screen, .editor)
        XCTAssertEqual(state.editor?.kind, "group")
        XCTAssertEqual(state.editor?.group.map(\.id), [1, 2, 3])
        XCTAssertEqual(state.editor?.focus, .note)
        let buffer = render(state)
        XCTAssertTrue(buffer.text.contains("Group session · 3 students"), buffer.text)
        XCTAssertTrue(buffer.text.contains("Students      Minh Anh Nguyễn · Sofi García-López · 伟 王"), buffer.text)
        assertScreen(buffer, matches: "group-editor-80x24")
    }

    func testTheEditorHeaderAt120x40() {
        assertScreen(render(groupEditor(size: Size(width: 120, height: 40))), matches: "group-editor-120x40")
    }

    func testAClassOfThirtyIsCountedAndCutWithHowManyMore() {
        var state = caseload()
        press(&state, [.char("m"), .char("*"), .enter])
        let line = render(state).text.split(separator: "\n").first { $0.contains("Students") }.map(String.init) ?? ""
        XCTAssertTrue(line.hasSuffix("more"), line)
        XCTAssertTrue(line.contains("· +2"), line)
        XCTAssertTrue(render(state).text.contains("Group session · 30 students"), render(state).text)
    }

    func testSavingRecordsOneSessionForEveryStudentAndReturnsToTheCaseload() {
        var state = groupEditor()
        for character in "Study skills group." { press(&state, [.char(character)]) }
        let effects = reduce(&state, .command(.editor(.saveSession)))
        guard case .saveSession(let save)? = effects.first else { return XCTFail("no save: \(effects)") }
        XCTAssertEqual(save.studentId, 1, "the first student ticked is the session's own")
        XCTAssertEqual(save.payload.group?.map(\.id), [1, 2, 3])
        XCTAssertEqual(save.payload.note, "Study skills group.")
        let after = reduce(&state, .sessionSaved(studentId: 1, amended: false))
        XCTAssertEqual(state.screen, .caseload)
        XCTAssertNil(state.caseload.group, "the group is recorded and done with")
        XCTAssertEqual(state.status?.text, "Group session saved: it shows in the history of each of its 3 students.")
        XCTAssertEqual(after, [.loadCaseload(caseloadOwnerId: 1, query: "", token: state.caseload.requestToken)])
    }

    func testLeavingTheEditorReturnsToThePickWithItsTicks() {
        var state = groupEditor()
        press(&state, [.escape])
        XCTAssertEqual(state.screen, .caseload)
        XCTAssertEqual(Keymaps.context(for: state), .groupPicker)
        XCTAssertEqual(state.caseload.group?.members.count, 3)
    }

    /// The draft of a new session is kept under its first student: one already there for
    /// that student alone is theirs, and the group would overwrite it, so the group waits.
    func testAnUnsavedSessionWithTheFirstStudentIsNotOverwritten() {
        var state = caseload()
        press(&state, [.char("m"), .char(" "), .char(" "), .enter])
        let alone = DraftPayload(kind: "academic", participants: [.student], topics: "", note: "Half a note", followUps: [],
                                 isConfidential: false, startedAt: ProfileTests.now, minutes: nil)
        _ = reduce(&state, .editorDraftLoaded(studentId: 1, sessionId: nil, draft: alone, knownTopics: []))
        XCTAssertNil(state.editor)
        XCTAssertEqual(state.screen, .caseload)
        XCTAssertEqual(state.status?.isError, true)
        XCTAssertTrue(state.status?.text.contains("unsaved session with Minh Anh Nguyễn") ?? false, state.status?.text ?? "")
        XCTAssertEqual(state.caseload.group?.members.count, 2, "the pick is kept")
    }

    func testTheGroupsOwnDraftIsResumed() {
        var state = caseload()
        press(&state, [.char("m"), .char(" "), .char(" "), .enter])
        var draft = state.editor!.payload
        draft.note = "Typed before the power went out"
        _ = reduce(&state, .editorDraftLoaded(studentId: 1, sessionId: nil, draft: draft, knownTopics: []))
        XCTAssertEqual(state.editor?.note.text, "Typed before the power went out")
        XCTAssertEqual(state.editor?.group.count, 2)
    }

    // MARK: History

    private func profileWithGroup(confidential: Bool, viewer: Int64) -> AppState {
        var state = ProfileTests.state()
        var data = ProfileTests.data()
        let group = AdvisingSession(id: 5, studentId: 3, authorId: 2, startedAt: ProfileTests.now.addingTimeInterval(-3_600),
                                    durationMinutes: 45, kind: "college", isConfidential: confidential,
                                    note: "Study skills group.", otherStudentIds: [1, 2])
        data.sessions.insert(SessionView(session: group, authorName: "Marcus Okafor", viewerId: viewer,
                                         studentNames: ["伟 王", "Minh Anh Nguyễn", "Sofía García-López"]), at: 0)
        _ = reduce(&state, .profileLoaded(token: state.profile!.requestToken, data: data))
        return state
    }

    func testEachStudentsHistoryShowsTheGroupWithItsSize() {
        let text = render(profileWithGroup(confidential: false, viewer: 1)).text
        XCTAssertTrue(text.contains("[group of 3] Study skills group."), text)
    }

    func testAColleaguesConfidentialGroupShowsOnlyThatItMetAndHowMany() {
        let state = profileWithGroup(confidential: true, viewer: 1)
        let view = state.profile?.data?.sessions.first
        XCTAssertEqual(view?.isRedacted, true)
        XCTAssertEqual(view?.studentNames, [])
        XCTAssertTrue(render(state).text.contains("[group of 3] [confidential: visi"), render(state).text)
    }

    func testReadingAGroupSessionNamesItsStudents() {
        var state = profileWithGroup(confidential: false, viewer: 1)
        state.overlay = .session(id: 5, scroll: 0)
        let text = render(state).text
        XCTAssertTrue(text.contains("Group of 3: 伟 王, Minh Anh Nguyễn, Sofía García-López"), text)
    }
}
