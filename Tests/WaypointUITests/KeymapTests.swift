import TerminalKit
import XCTest
@testable import WaypointUI

final class KeymapTests: XCTestCase {
    func testKeysMapToCommandsInTheCaseload() {
        let state = Fixtures.caseloadState()
        XCTAssertEqual(KeyRouter.action(for: .char("/"), in: state), .command(.caseload(.startSearch)))
        XCTAssertEqual(KeyRouter.action(for: .char("j"), in: state), .command(.list(.moveDown)))
        XCTAssertEqual(KeyRouter.action(for: .down, in: state), .command(.list(.moveDown)))
        XCTAssertEqual(KeyRouter.action(for: .pageDown, in: state), .command(.list(.pageDown)))
        XCTAssertEqual(KeyRouter.action(for: .char("?"), in: state), .command(.global(.help)))
        XCTAssertEqual(KeyRouter.action(for: .char("q"), in: state), .command(.global(.back)))
        XCTAssertEqual(KeyRouter.action(for: .ctrl("c"), in: state), .command(.global(.quit)))
        XCTAssertNil(KeyRouter.action(for: .char("x"), in: state))
    }

    func testWhileSearchingLettersAreTextNotCommands() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.startSearch)))
        XCTAssertEqual(KeyRouter.action(for: .char("q"), in: state), .edit(.char("q")))
        XCTAssertEqual(KeyRouter.action(for: .char("j"), in: state), .edit(.char("j")))
        XCTAssertEqual(KeyRouter.action(for: .down, in: state), .command(.list(.moveDown)))
        XCTAssertEqual(KeyRouter.action(for: .enter, in: state), .command(.caseload(.keepSearch)))
        XCTAssertEqual(KeyRouter.action(for: .escape, in: state), .command(.caseload(.clearSearch)))
    }

    func testADisabledBindingSaysWhy() {
        var state = Fixtures.caseloadState()
        state.counselors = [Fixtures.counselors[0]]
        XCTAssertEqual(KeyRouter.action(for: .char("c"), in: state),
                       .unavailable("Counselor: this database has only one counselor"))
        XCTAssertNil(Keymaps.caseload.hints(for: state).first { $0.keys == "c" }, "the footer shows what can be done now")
    }

    func testEveryContextCanBeLeftAndHasHelpOrIsHelp() {
        for context in KeyContext.allCases {
            let commands = Keymaps.keymap(for: context).bindings.map(\.command)
            XCTAssertTrue(commands.contains(.global(.quit)), "\(context) must let Ctrl-C quit")
            if context == .lock {
                XCTAssertTrue(commands.contains(.lock(.unlock)), "the lock screen is left by unlocking it, or by quitting")
                continue
            }
            let ways: Set<Command> = [.global(.back), .caseload(.clearSearch), .editor(.cancelEditor), .editor(.keepEditing),
                                      .editor(.laterDraft), .plan(.cancelForm), .plan(.cancelRemoval), .plan(.cancelExport), .conflict(.keepTheirs),
                                      .profile(.cancelContactForm), .profile(.cancelInterventionForm), .profile(.cancelTestForm), .profile(.cancelCollegeForm), .reminders(.cancel), .caseload(.cancelWalkIn), .editor(.leavePastNotes), .group(.cancel)]
            XCTAssertFalse(ways.isDisjoint(with: commands), "\(context) must have a way back")
        }
    }

    func testNoKeyIsBoundTwiceInOneContext() {
        for context in KeyContext.allCases {
            let keys = Keymaps.keymap(for: context).bindings.flatMap(\.keys)
            XCTAssertEqual(keys.count, Set(keys).count, "\(context) binds a key twice")
        }
    }

    func testTooSmallWindowOnlyOffersQuit() {
        let state = Fixtures.caseloadState(size: Size(width: 60, height: 20))
        XCTAssertEqual(Keymaps.context(for: state), .tooSmall)
        XCTAssertEqual(KeyRouter.action(for: .char("/"), in: state), nil)
        // Quit, as the message says, wherever the window became too small (a draft is kept).
        XCTAssertEqual(KeyRouter.action(for: .char("q"), in: state), .command(.global(.quit)))
        XCTAssertEqual(KeyRouter.action(for: .escape, in: state), .command(.global(.back)))
    }

    func testTheKeyReferenceListsEveryContext() {
        let markdown = KeyReference.markdown()
        for context in KeyContext.allCases { XCTAssertTrue(markdown.contains("### \(context.title)")) }
        XCTAssertTrue(markdown.contains("| `/` | Search |"))
    }

    /// Quit, suspend and lock are bound once (`Keymaps.globals`) and reach every context,
    /// except where the context needs the key itself (Ctrl-Z is undo in the editor) or
    /// leaves the global out (no suspending or locking again from the lock screen).
    func testGlobalKeysReachEveryContextUnlessItTakesTheKeyItself() {
        for context in KeyContext.allCases {
            let keymap = Keymaps.keymap(for: context)
            XCTAssertEqual(keymap.binding(for: .ctrl("c"))?.command, .global(.quit), "\(context)")
            switch context {
            case .editor:
                XCTAssertEqual(keymap.binding(for: .ctrl("z"))?.isTyping, true, "Ctrl-Z is undo in the editor")
                XCTAssertEqual(keymap.binding(for: .ctrl("l"))?.command, .lock(.lockNow))
            case .lock:
                XCTAssertNil(keymap.binding(for: .ctrl("z")), "the lock screen does not suspend")
                XCTAssertNil(keymap.binding(for: .ctrl("l")))
            default:
                XCTAssertEqual(keymap.binding(for: .ctrl("z"))?.command, .global(.suspend), "\(context)")
                XCTAssertEqual(keymap.binding(for: .ctrl("l"))?.command, .lock(.lockNow), "\(context)")
            }
        }
    }

    /// Keys no binding claims are typed into the field only in typing contexts.
    func testOnlyTypingContextsTakeUnboundKeysAsText() {
        let typing = Set(KeyContext.allCases.filter { Keymaps.keymap(for: $0).isTyping })
        XCTAssertEqual(typing, [.caseloadSearch, .walkInForm, .savedViews, .editor, .pastNotes, .planForm, .contactForm, .interventionForm, .testForm, .collegeForm, .reminderForm, .importRoster, .lock])
    }
}
