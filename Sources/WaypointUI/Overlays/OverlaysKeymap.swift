import TerminalKit
import WaypointCore

extension Keymaps {
    public static let help = Keymap(context: .help, bindings: [
        KeyBinding([.char("?"), .char("q"), .escape], .global(.back), "Close help"),
    ])

    public static let changedElsewhere = Keymap(context: .changedElsewhere, bindings: [
        KeyBinding([.char("o")], .conflict(.saveMineOverTheirs), "Save mine over theirs", disabledWhen: { state in
            guard case .changedElsewhere(let conflict)? = state.overlay, conflict.retry == nil else { return nil }
            return "it was already closed elsewhere"
        }),
        KeyBinding([.escape, .enter], .conflict(.keepTheirs), "Keep theirs"),
    ])

    public static let tooSmall = Keymap(context: .tooSmall, bindings: [
        KeyBinding([.char("q"), .escape], .global(.back), "Quit"),
    ])
}
