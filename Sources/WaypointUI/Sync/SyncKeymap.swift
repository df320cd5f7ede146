import TerminalKit
import WaypointCore

extension Keymaps {
    /// Why a sync key does nothing here: standalone Waypoint has no hub.
    static let notJoined = "this database is not joined to a hub (waypoint sync join)"

    /// Why another counselor at the keyboard cannot decide on a confidential refused change.
    static let withheld = "it is confidential: its author decides on it, working here as themselves"

    /// On the caseload: sync now, and the refused changes (in the footer only when there are some).
    static let syncBindings: [KeyBinding] = [
        KeyBinding([.char("S")], .sync(.syncNow), "Sync with the hub now", footer: false, disabledWhen: { state in
            if !state.sync.status.isJoined { return notJoined }
            return state.sync.isRunning ? "a sync is under way" : nil
        }),
        KeyBinding([.char("R")], .sync(.openRefused), "Changes the hub refused", disabledWhen: { state in
            state.sync.status.isJoined ? nil : notJoined
        }).footerTitle { _ in "Refused" }.shown { $0.sync.status.refused > 0 },
    ]

    public static let refusedChanges = Keymap(context: .refusedChanges, bindings: [
        KeyBinding([.char("m")], .sync(.keepMine), "Keep mine (send it again over the hub's)", disabledWhen: { state in
            guard let row = state.refused?.selected else { return "nothing selected" }
            if row.isWithheld { return withheld }
            return row.canKeepMine ? nil : "the hub refuses this change whoever sends it; take theirs to clear it"
        }).footerTitle { _ in "Keep mine" },
        KeyBinding([.char("t")], .sync(.takeTheirs), "Take theirs (drop mine)", disabledWhen: { state in
            guard let row = state.refused?.selected else { return "nothing selected" }
            return row.isWithheld ? withheld : nil
        }).footerTitle { _ in "Take theirs" },
    ] + navigation + [
        KeyBinding([.char("?")], .global(.help), "Help"),
        KeyBinding([.char("q"), .escape], .global(.back), "Back"),
    ])
}
