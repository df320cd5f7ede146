import TerminalKit
import WaypointCore

extension Keymaps {
    public static let reports = Keymap(context: .reports, bindings: [
        KeyBinding([.tab], .reports(.nextReport), "Next report"),
        KeyBinding([.char("g")], .reports(.nextGrouping), "Group by"),
        KeyBinding([.char("?")], .global(.help), "Help"),
        KeyBinding([.char("q"), .escape], .global(.back), "Back"),
    ])
}
