import TerminalKit
import XCTest
@testable import WaypointUI

/// The screen as the app draws `state`.
func render(_ state: AppState) -> Buffer {
    var buffer = Buffer(size: state.size)
    RootView.render(state, into: &buffer)
    return buffer
}

/// Presses `keys` through the keymaps as the app does; a key that does nothing where it is
/// pressed fails the test.
func press(_ state: inout AppState, _ keys: [Key], file: StaticString = #filePath, line: UInt = #line) -> [Effect] {
    var effects: [Effect] = []
    for key in keys {
        guard let action = KeyRouter.action(for: key, in: state) else {
            XCTFail("\(key) does nothing in \(Keymaps.context(for: state))", file: file, line: line)
            continue
        }
        effects += reduce(&state, action)
    }
    return effects
}
