import TerminalKit
import WaypointCore

extension Keymaps {
    public static let welcome = Keymap(context: .welcome, bindings: [
        KeyBinding([.char("d")], .welcome(.loadDemo), "Load demo district", disabledWhen: busyReason),
        KeyBinding([.char("i")], .welcome(.startImport), "Import roster", disabledWhen: busyReason),
        KeyBinding([.char("?")], .global(.help), "Help"),
        // While the demo or an import runs, the same keys stop it (nothing is written then).
        KeyBinding([.char("q"), .escape], .global(.back), "Quit, or stop the demo or import under way")
            .footerTitle { $0.isBusy ? "Stop" : "Quit" },
    ])

    /// The demo and an import run one at a time, in the background.
    private static let busyReason: @Sendable (AppState) -> String? = { state in
        state.isBusy ? "Wait for the current work to finish, or press Esc to stop it." : nil
    }

    public static let importRoster = Keymap(context: .importRoster, typing: true, bindings: [
        KeyBinding([.enter], .welcome(.runImport), "Import"),
        KeyBinding([.escape], .global(.back), "Cancel"),
    ])
}
