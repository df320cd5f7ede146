import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// Interventions on screen (issue 15, item 5): started, noted and closed from the profile
/// with forms like the plan's, and each one under way shown with its owner, tier, dosage
/// delivered against planned and its measures as a sparkline.
final class InterventionScreenTests: XCTestCase {
    static let start = CivilDate(iso: "2026-10-19")!

    static let tutoring = Intervention(id: 5, studentId: 1, kind: "tutoring", ownerId: 1, ownerName: "Sam Ortiz (tutor)", tier: 2,
                                       area: .academic, goal: "Pass Algebra I", startDate: start, sessionsPerWeek: 2,
                                       minutesPerSession: 30, plannedWeeks: 8, measure: "quiz score %")
    static let mentoring = Intervention(id: 6, studentId: 1, kind: "mentoring", ownerId: 2, goal: "Weekly check-in",
                                        startDate: start, sessionsPerWeek: 1, minutesPerSession: 20)

    static func notes() -> [InterventionNote] {
        [(1, 2, 58.0), (2, 2, 61), (3, 1, 70), (4, 2, 66), (5, 2, 74)].map { week, sessions, value in
            InterventionNote(id: Int64(week), interventionId: 5, date: start.adding(days: 7 * week), text: "Week \(week)",
                             authorId: 1, sessionsDelivered: sessions, measuredValue: value)
        }
    }

    static func state(size: Size = Size(width: 80, height: 24), interventions: [Intervention] = [tutoring],
                      ascii: Bool = false) -> AppState {
        var state = ProfileTests.state(size: size)
        state.asciiOnly = ascii
        var data = ProfileTests.data()
        data.interventions = interventions
        data.interventionNotes = notes()
        data.interventionOwners = [1: "Ana Rivera", 2: "Marcus Okafor"]
        _ = reduce(&state, .profileLoaded(token: state.profile!.requestToken, data: data))
        return state
    }

    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

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

    private func type(_ state: inout AppState, _ text: String) {
        for character in text { _ = reduce(&state, .edit(.char(character))) }
    }

    private func clear(_ state: inout AppState) {
        for _ in 0..<30 { _ = reduce(&state, .edit(.backspace)) }
    }

    // MARK: The profile

    func testTheProfileShowsOwnerTierDosageAndTheMeasuresAt80x24() {
        let buffer = render(Self.state())
        let lines = buffer.text.split(separator: "\n").map(String.init)
        let what = try! XCTUnwrap(lines.firstIndex { $0.hasPrefix(" Intervention: Tutoring (high-dosage) · tier 2 · academic · Sam") })
        XCTAssertEqual(lines[what + 1], " " + "  Dosage 9 of 16 sessions, 270 of 480 min · quiz score % 74 ▁▂▇▅█")
        // The trend in cyan, the latest value bold.
        let y = what + 1
        let x = DisplayWidth.of(lines[y]) - 1
        XCTAssertEqual(buffer[x, y].style, Style(foreground: .cyan, attributes: .bold))
        XCTAssertEqual(buffer[x - 1, y].style, Style(foreground: .cyan))
        assertScreen(buffer, matches: "profile-intervention-80x24")
    }

    func testTheProfileShowsEachInterventionUnderWayAt120x40() {
        let buffer = render(Self.state(size: Size(width: 120, height: 40), interventions: [Self.tutoring, Self.mentoring]))
        XCTAssertTrue(buffer.text.contains("Intervention: Tutoring (high-dosage) · tier 2 · academic · Sam Ortiz (tutor) · since 2026-10-19"),
                      buffer.text)
        XCTAssertTrue(buffer.text.contains("Intervention: Mentoring · Marcus Okafor · since 2026-10-19"), buffer.text)
        XCTAssertTrue(buffer.text.contains("  Dosage 0 sessions, 0 min (open-ended)"), buffer.text)
        assertScreen(buffer, matches: "profile-intervention-120x40")
    }

    func testWithoutBlockCharactersTheTrendIsASCII() {
        let text = render(Self.state(ascii: true)).text
        XCTAssertTrue(text.contains("quiz score % 74 _.*=#"), text)
        XCTAssertFalse(text.contains("▁"))
    }

    func testAClosedInterventionLeavesTheProfileAsBefore() {
        var closed = Self.tutoring
        closed.status = .completed
        closed.endDate = Self.start.adding(days: 40)
        let text = render(Self.state(interventions: [closed])).text
        XCTAssertTrue(text.contains("Interventions: none active"), text)
        XCTAssertFalse(text.contains("Dosage"))
    }

    // MARK: Starting one

    func testIStartsAnInterventionWithTierAreaWeeksOwnerAndMeasure() {
        var state = Self.state(interventions: [])
        _ = press(&state, [.char("i")])
        XCTAssertEqual(Keymaps.context(for: state), .interventionForm)
        assertScreen(render(state), matches: "intervention-start-form-80x24")
        // What: tutoring is first. Goal, then tier 3, area attendance.
        _ = press(&state, [.tab])
        type(&state, "Pass Algebra I")
        _ = press(&state, [.tab, .right, .tab, .right, .tab, .tab, .tab, .tab])
        type(&state, "8")
        _ = press(&state, [.tab])
        type(&state, "Sam Ortiz (tutor)")
        _ = press(&state, [.tab])
        type(&state, "quiz score %")
        assertScreen(render(Self.stateSized(state, Size(width: 120, height: 40))), matches: "intervention-start-form-120x40")
        let effects = press(&state, [.enter])
        guard case .changeIntervention(.start(let item), let userId)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(userId, 1)
        XCTAssertEqual(item.kind, "tutoring")
        XCTAssertEqual(item.goal, "Pass Algebra I")
        XCTAssertEqual(item.tier, 3)
        XCTAssertEqual(item.area, .attendance)
        XCTAssertEqual(item.startDate, CivilDate(iso: "2026-11-23"), "today")
        XCTAssertEqual(item.minutesPerSession, 30)
        XCTAssertEqual(item.sessionsPerWeek, 2)
        XCTAssertEqual(item.plannedWeeks, 8)
        XCTAssertEqual(item.ownerName, "Sam Ortiz (tutor)")
        XCTAssertEqual(item.ownerId, 1, "the counselor at the keyboard stays responsible")
        XCTAssertEqual(item.measure, "quiz score %")
        XCTAssertEqual(effects.last, .loadProfile(studentId: 1, viewerId: 1, token: 2))
        XCTAssertNil(state.profile?.interventionForm)
        XCTAssertEqual(state.status?.text, "Started Tutoring (high-dosage), 2 × 30 min a week for 8 weeks.")
    }

    private static func stateSized(_ state: AppState, _ size: Size) -> AppState {
        var resized = state
        resized.size = size
        return resized
    }

    func testABadNumberIsNamedAndNothingIsSaved() {
        var state = Self.state(interventions: [])
        _ = press(&state, [.char("i"), .tab])
        type(&state, "Read daily")
        _ = press(&state, [.tab, .tab, .tab, .tab])
        clear(&state)
        type(&state, "300")
        let effects = press(&state, [.enter])
        XCTAssertEqual(effects, [])
        XCTAssertEqual(state.profile?.interventionForm?.error, "Minutes a session: expected a whole number from 5 to 240, not \"300\"")
        assertScreen(render(state), matches: "intervention-start-error-80x24")
        _ = press(&state, [.escape])
        XCTAssertNil(state.profile?.interventionForm)
        XCTAssertEqual(Keymaps.context(for: state), .profile)
    }

    func testAGoalIsRequired() {
        var state = Self.state(interventions: [])
        XCTAssertEqual(press(&state, [.char("i"), .enter]), [])
        XCTAssertEqual(state.profile?.interventionForm?.error, "Goal: required")
    }

    // MARK: Noting and closing

    func testUAddsAProgressNoteWithSessionsAndAMeasuredValue() {
        var state = Self.state()
        _ = press(&state, [.char("u")])
        XCTAssertEqual(state.profile?.interventionForm?.fields.map(\.label),
                       ["Date", "Sessions held", "Measured value", "Progress note"], "one under way: straight to its note")
        _ = press(&state, [.tab])
        type(&state, "2")
        _ = press(&state, [.tab])
        type(&state, "81,5")
        _ = press(&state, [.tab])
        type(&state, "Best quiz yet")
        assertScreen(render(state), matches: "intervention-note-form-80x24")
        let effects = press(&state, [.enter])
        XCTAssertEqual(effects.first, .changeIntervention(.note(InterventionNote(
            interventionId: 5, date: CivilDate(iso: "2026-11-23")!, text: "Best quiz yet", authorId: 1, sessionsDelivered: 2,
            measuredValue: 81.5, createdAt: effectsDate(effects))), userId: 1))
    }

    /// The note's `createdAt` is the store's to set; the form's is whatever it made.
    private func effectsDate(_ effects: [Effect]) -> Date {
        guard case .changeIntervention(.note(let note), _)? = effects.first else { return Date() }
        return note.createdAt
    }

    func testAValueOutOfRangeOrANoteBeforeTheStartIsRefused() {
        var state = Self.state()
        _ = press(&state, [.char("u"), .tab, .tab])
        type(&state, "lots")
        _ = press(&state, [.tab])
        type(&state, "x")
        XCTAssertEqual(press(&state, [.enter]), [])
        XCTAssertEqual(state.profile?.interventionForm?.error,
                       "Measured value: expected a number from -100000 to 100000, not \"lots\"")
        _ = press(&state, [.tab])
        clear(&state)
        type(&state, "2026-10-01")
        XCTAssertEqual(press(&state, [.enter]), [])
        XCTAssertEqual(state.profile?.interventionForm?.error, "Date: before the intervention started (2026-10-19)")
    }

    func testWithTwoUnderWayTheNoteAsksWhichFirst() {
        var state = Self.state(interventions: [Self.tutoring, Self.mentoring])
        _ = press(&state, [.char("u")])
        XCTAssertEqual(state.profile?.interventionForm?.title, "Progress note on which intervention?")
        _ = press(&state, [.right, .enter])
        XCTAssertEqual(state.profile?.interventionForm?.fields.map(\.label), ["Date", "Sessions held", "Progress note"],
                       "mentoring measures nothing: no value field")
        _ = press(&state, [.tab, .tab])
        type(&state, "Talked about the week")
        guard case .changeIntervention(.note(let note), _)? = press(&state, [.enter]).first else { return XCTFail() }
        XCTAssertEqual(note.interventionId, 6)
        XCTAssertNil(note.measuredValue)
    }

    func testShiftUClosesItWithTheOutcome() {
        var state = Self.state()
        _ = press(&state, [.char("U")])
        XCTAssertEqual(state.profile?.interventionForm?.title, "Close · Tutoring (high-dosage) since 2026-10-19 (final)")
        _ = press(&state, [.right, .tab, .tab])
        type(&state, "Moved to another school")
        assertScreen(render(state), matches: "intervention-close-form-80x24")
        let effects = press(&state, [.enter])
        XCTAssertEqual(effects.first, .changeIntervention(.close(id: 5, status: .discontinued, endDate: CivilDate(iso: "2026-11-23")!,
                                                                 note: "Moved to another school"), userId: 1))
        XCTAssertEqual(state.status?.text, "Tutoring (high-dosage) discontinued as of 2026-11-23.")
    }

    func testNotingOrClosingWithNothingUnderWaySaysWhy() {
        let state = Self.state(interventions: [])
        XCTAssertEqual(KeyRouter.action(for: .char("u"), in: state),
                       .unavailable("Intervention note: no intervention is under way (i starts one)"))
        XCTAssertEqual(KeyRouter.action(for: .char("U"), in: state),
                       .unavailable("Close intervention: no intervention is under way (i starts one)"))
    }

    func testTheKeysAreInTheProfilesFooterAndHelp() {
        let keymap = Keymaps.keymap(for: .profile)
        let labels = keymap.bindings.map { "\($0.keyLabel) \($0.title)" }
        XCTAssertTrue(labels.contains("i Start intervention"), "\(labels)")
        XCTAssertTrue(labels.contains("u Intervention note"), "\(labels)")
        XCTAssertTrue(labels.contains("U Close intervention"), "\(labels)")
    }
}
