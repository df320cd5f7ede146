import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// Reminders on screen: `r` on the profile and the to-do list opens a small form (what, due,
/// repeat, until, while tier); `R` stops a repeat; a check-in plan shows on the profile.
final class ReminderTests: XCTestCase {
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

    private func type(_ text: String) -> [Key] { text.map { Key.char($0) } }

    /// A profile whose open follow-ups include a check-in plan, at tier `tier`.
    private func profileWithCheckIns(size: Size = Size(width: 80, height: 24), tier: Int? = nil) -> AppState {
        var state = ProfileTests.state(size: size)
        var data = ProfileTests.data()
        data.followUps.append(FollowUp(id: 9, studentId: 1, authorId: 1, text: "Check-in",
                                       dueDate: CivilDate(iso: "2026-12-01"), createdAt: ProfileTests.now,
                                       recurrence: Recurrence(everyDays: 14, whileTier: 3)))
        if let tier { data.assessment = TierAssessment(tier: tier, term: "2026-FA", indicators: [], reasons: ["attendance 85%"]) }
        _ = reduce(&state, .profileLoaded(token: state.profile!.requestToken, data: data))
        return state
    }

    func testROnTheProfileOpensTheFormAndSavesARepeatingCheckIn() {
        var state = ProfileTests.state()
        XCTAssertTrue(press(&state, [.char("r")]).isEmpty)
        XCTAssertEqual(Keymaps.context(for: state), .reminderForm)
        XCTAssertEqual(state.reminder?.form.title, "New reminder for Minh Nguyễn (S100001)")
        let effects = press(&state, type("Check-in") + [.tab] + type("+1w") + [.tab] + type("2w") + [.tab, .tab, .right, .enter])
        XCTAssertNil(state.reminder)
        XCTAssertEqual(effects, [
            .addReminder(ReminderSave(studentId: 1, authorId: 1, text: "Check-in", dueDate: CivilDate(iso: "2026-11-30")!,
                                      recurrence: Recurrence(everyDays: 14, whileTier: 3))),
            .loadProfile(studentId: 1, viewerId: 1, token: 2),
        ])
        XCTAssertEqual(state.status?.text,
                       "Reminder added for Minh Nguyễn (S100001): due 2026-11-30, repeating every 2 weeks while tier 3.")
    }

    func testABadFieldIsNamedAndNothingIsSaved() {
        var state = ProfileTests.state()
        _ = press(&state, [.char("r")])
        XCTAssertEqual(press(&state, [.enter]), [])
        XCTAssertEqual(state.reminder?.form.error, "What: say what to do.")
        XCTAssertEqual(press(&state, type("Call home") + [.tab] + type("someday") + [.enter]), [])
        XCTAssertEqual(state.reminder?.form.error,
                       "Due: \"someday\" is not a date; try fri, next fri, in 2 weeks or 2026-12-05.")
        XCTAssertEqual(press(&state, [.backspace] + Array(repeating: .backspace, count: 7) + type("fri") + [.tab] + type("2m") + [.enter]), [])
        XCTAssertEqual(state.reminder?.form.error,
                       "Repeat every: \"2m\" is not a repeat interval; expected a number of days or weeks such as 14d or 2w (1 day to 52 weeks).")
        _ = press(&state, [.backspace, .backspace, .tab] + type("2026-12-31") + [.enter])
        XCTAssertEqual(state.reminder?.form.error,
                       "Until: a reminder that does not repeat has no end; fill in Repeat every, or clear Until.")
        XCTAssertEqual(press(&state, [.escape]), [])
        XCTAssertNil(state.reminder)
        XCTAssertEqual(Keymaps.context(for: state), .profile)
    }

    func testAReminderThatDoesNotRepeatNeedsOnlyWhatAndDue() {
        var state = ProfileTests.state()
        let effects = press(&state, [.char("r")] + type("Call home") + [.tab] + type("2026-12-04") + [.enter])
        XCTAssertEqual(effects.first, .addReminder(ReminderSave(studentId: 1, authorId: 1, text: "Call home",
                                                                dueDate: CivilDate(iso: "2026-12-04")!, recurrence: nil)))
    }

    func testROnTheToDoListIsForTheSelectedRowsStudent() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.openTasks)))
        XCTAssertEqual(KeyRouter.action(for: .char("r"), in: state), .unavailable("New reminder: select a student's row first"))
        _ = reduce(&state, .tasksLoaded(token: 1, rows: [
            TaskRow(source: .followUp(id: 7), studentId: 2, studentName: "Okafor, Ben", localId: "S2",
                    due: CivilDate(iso: "2026-11-27"), text: "Check transcript"),
        ]))
        _ = press(&state, [.char("r")])
        XCTAssertEqual(state.reminder?.form.title, "New reminder for Okafor, Ben (S2)")
        let effects = press(&state, type("Schedule change") + [.tab] + type("2026-12-07") + [.enter])
        XCTAssertEqual(effects, [
            .addReminder(ReminderSave(studentId: 2, authorId: 1, text: "Schedule change", dueDate: CivilDate(iso: "2026-12-07")!,
                                      recurrence: nil)),
            .loadTasks(caseloadOwnerId: 1, viewerId: 1, token: 2),
        ])
    }

    func testDoneOnARepeatingOneSaysWhenTheNextIsDue() {
        var state = profileWithCheckIns()
        _ = press(&state, [.tab, .char("G"), .char("x")])
        XCTAssertEqual(state.status?.text, "“Check-in” done.")
        _ = reduce(&state, .followUpRepeated(.next(id: 10, due: CivilDate(iso: "2026-12-15")!)))
        XCTAssertEqual(state.status?.text, "“Check-in” done. The next one is due 2026-12-15.")
    }

    func testCapitalRStopsTheSelectedRepeat() {
        var state = profileWithCheckIns()
        XCTAssertEqual(KeyRouter.action(for: .char("R"), in: state), .unavailable("Stop repeating: select a follow-up first (Tab)"))
        _ = press(&state, [.tab])
        XCTAssertEqual(KeyRouter.action(for: .char("R"), in: state), .unavailable("Stop repeating: the selected follow-up does not repeat"))
        let effects = press(&state, [.char("G"), .char("R")])
        XCTAssertEqual(effects, [.stopRepeating(id: 9, userId: 1), .loadProfile(studentId: 1, viewerId: 1, token: 2)])
        XCTAssertEqual(state.status?.text, "“Check-in” no longer repeats (was every 2 weeks while tier 3); it stays open, once.")
    }

    func testTheProfileShowsTheCheckInPlanAndWhenItEnds() {
        let text = render(profileWithCheckIns()).text
        XCTAssertTrue(text.contains("Check-ins: every 2 weeks while tier 3 · next due 2026-12-01"), text)
        XCTAssertTrue(text.contains("Check-in · repeats every 2 weeks while tier 3"), text)
        let dropped = render(profileWithCheckIns(size: Size(width: 120, height: 40), tier: 2)).text
        XCTAssertTrue(dropped.contains("· now tier 2: ends when this one is done"), dropped)
    }

    func testReminderFormAt80x24() {
        var state = ProfileTests.state()
        _ = press(&state, [.char("r")] + type("Check-in") + [.tab] + type("+2w") + [.tab] + type("2w") + [.tab, .tab, .right])
        assertScreen(render(state), matches: "reminder-form-80x24")
    }

    func testReminderFormWithAnErrorAt120x40() {
        var state = ProfileTests.state(size: Size(width: 120, height: 40))
        _ = press(&state, [.char("r")] + type("Check-in") + [.tab] + type("+2w") + [.tab, .tab] + type("2026-12-31") + [.enter])
        assertScreen(render(state), matches: "reminder-form-error-120x40")
    }

    func testProfileWithACheckInPlanAt80x24() {
        assertScreen(render(profileWithCheckIns(tier: 3)), matches: "profile-check-ins-80x24")
    }

    func testProfileWithACheckInPlanAt120x40() {
        assertScreen(render(profileWithCheckIns(size: Size(width: 120, height: 40), tier: 3)), matches: "profile-check-ins-120x40")
    }
}
