import TerminalKit
import WaypointCore

extension Keymaps {
    public static let help = Keymap(context: .help, bindings: [
        KeyBinding([.char("?"), .char("q"), .escape], .global(.back), "Close help"),
        KeyBinding([.pageDown, .char(" ")], .list(.pageDown), "Next page", disabledWhen: onePage),
        KeyBinding([.pageUp], .list(.pageUp), "Previous page", disabledWhen: onePage),
    ])

    /// Help that fits on one page has no other to turn to.
    private static let onePage: @Sendable (AppState) -> String? = { state in
        HelpOverlay.pageCount(state) > 1 ? nil : "every key fits on this page"
    }

    public static let changedElsewhere = Keymap(context: .changedElsewhere, bindings: [
        KeyBinding([.char("o")], .conflict(.saveMineOverTheirs), "Save mine over theirs", disabledWhen: { state in
            guard case .changedElsewhere(let conflict)? = state.overlay, conflict.retry == nil else { return nil }
            return "it was already closed elsewhere"
        }),
        KeyBinding([.escape, .enter], .conflict(.keepTheirs), "Keep theirs"),
    ])

    public static let tooSmall = Keymap(context: .tooSmall, bindings: [
        // q quits, wherever the window became too small, as the message says: "back" from
        // the editor would ask "discard?" where nobody can see it. A draft is kept, as with
        // Ctrl-C. Esc stays the way back.
        KeyBinding([.char("q")], .global(.quit), "Quit (a draft is kept)"),
        KeyBinding([.escape], .global(.back), "Back"),
    ])
}
