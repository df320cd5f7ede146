import TerminalKit
import WaypointCore

extension Keymaps {
    public static let lock = Keymap(context: .lock, typing: true, without: [.global(.suspend), .lock(.lockNow)], bindings: [
        KeyBinding([.enter], .lock(.unlock), "Unlock", disabledWhen: { state in
            state.lock?.isChecking == true ? "checking the passphrase" : nil
        }),
        KeyBinding([.tab], .lock(.nextLockCounselor), "Someone else", disabledWhen: { state in
            state.counselors.count > 1 ? nil : "this database has only one counselor"
        }),
        .typing([.escape], "Clear the passphrase"),
    ])

    /// Ctrl-L locks the screen from anywhere, even while typing a note.
    static let lockNow = KeyBinding([.ctrl("l")], .lock(.lockNow), "Lock the screen now", footer: false, disabledWhen: { state in
        state.userId == nil ? "nobody is working as a counselor yet" : nil
    })
}
