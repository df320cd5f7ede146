import TerminalKit
import WaypointCore

extension Keymaps {
    public static let welcome = Keymap(context: .welcome, bindings: [
        KeyBinding([.char("d")], .welcome(.loadDemo), "Load demo district"),
        KeyBinding([.char("i")], .welcome(.startImport), "Import roster"),
        KeyBinding([.char("?")], .global(.help), "Help"),
        KeyBinding([.char("q"), .escape], .global(.back), "Quit"),
    ])

    public static let importRoster = Keymap(context: .importRoster, typing: true, bindings: [
        KeyBinding([.enter], .welcome(.runImport), "Import"),
        KeyBinding([.escape], .global(.back), "Cancel"),
    ])
}
