import TerminalKit
import XCTest
@testable import WaypointUI

final class KeymapTests: XCTestCase {
    func testKeysMapToCommandsInTheCaseload() {
        let state = Fixtures.caseloadState()
        XCTAssertEqual(KeyRouter.action(for: .char("/"), in: state), .command(.startSearch))
        XCTAssertEqual(KeyRouter.action(for: .char("j"), in: state), .command(.moveDown))
        XCTAssertEqual(KeyRouter.action(for: .down, in: state), .command(.moveDown))
        XCTAssertEqual(KeyRouter.action(for: .pageDown, in: state), .command(.pageDown))
        XCTAssertEqual(KeyRouter.action(for: .char("?"), in: state), .command(.help))
        XCTAssertEqual(KeyRouter.action(for: .char("q"), in: state), .command(.back))
        XCTAssertEqual(KeyRouter.action(for: .ctrl("c"), in: state), .command(.quit))
        XCTAssertNil(KeyRouter.action(for: .char("x"), in: state))
    }

    func testWhileSearchingLettersAreTextNotCommands() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.startSearch))
        XCTAssertEqual(KeyRouter.action(for: .char("q"), in: state), .edit(.char("q")))
        XCTAssertEqual(KeyRouter.action(for: .char("j"), in: state), .edit(.char("j")))
        XCTAssertEqual(KeyRouter.action(for: .down, in: state), .command(.moveDown))
        XCTAssertEqual(KeyRouter.action(for: .enter, in: state), .command(.keepSearch))
        XCTAssertEqual(KeyRouter.action(for: .escape, in: state), .command(.clearSearch))
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
            XCTAssertTrue(commands.contains(.quit), "\(context) must let Ctrl-C quit")
            if context == .lock {
                XCTAssertTrue(commands.contains(.unlock), "the lock screen is left by unlocking it, or by quitting")
                continue
            }
            let ways: Set<Command> = [.back, .clearSearch, .cancelEditor, .keepEditing, .laterDraft, .cancelForm, .cancelRemoval, .keepTheirs]
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
        XCTAssertEqual(KeyRouter.action(for: .char("q"), in: state), .command(.back))
    }

    func testTheKeyReferenceListsEveryContext() {
        let markdown = KeyReference.markdown()
        for context in KeyContext.allCases { XCTAssertTrue(markdown.contains("### \(context.title)")) }
        XCTAssertTrue(markdown.contains("| `/` | Search |"))
    }
}
