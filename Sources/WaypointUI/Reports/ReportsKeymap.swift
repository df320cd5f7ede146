import TerminalKit
import WaypointCore

extension Keymaps {
    public static let reports = Keymap(context: .reports, bindings: [
        KeyBinding([.tab], .reports(.nextReport), "Next report"),
        KeyBinding([.char("g")], .reports(.nextGrouping), "Group by", disabledWhen: { state in
            state.reports?.kind == .time ? "the time report is by session kind and week" : nil
        }),
        KeyBinding([.char("?")], .global(.help), "Help"),
        KeyBinding([.char("q"), .escape], .global(.back), "Back"),
    ])
}
