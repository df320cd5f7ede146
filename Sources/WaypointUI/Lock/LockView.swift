import TerminalKit
import WaypointCore

/// The locked screen. It draws from nothing but the lock and the counselors' names, so no
/// student's data can be on it, not even in the title or the footer.
enum LockView {
    static func render(_ state: AppState, lock: LockState, into buffer: inout Buffer) -> Position? {
        let chrome = ScreenLayout.chrome(state.size)
        TitleBar.render("Waypoint", right: "locked", into: &buffer, area: chrome.title)
        let inner = Modal.render(title: title(lock.reason), size: Size(width: min(70, chrome.body.width - 2), height: 11),
                                 into: &buffer, over: chrome.body).inset(horizontal: 1, vertical: 0)
        var row = inner.y
        Paragraph.render(explanation(lock, state: state), into: &buffer, area: Rect(x: inner.x, y: row, width: inner.width, height: 2))
        row += 3
        let name = state.counselorName(lock.counselorId)
        buffer.write("Counselor:  ", at: Position(x: inner.x, y: row), style: Theme.heading, clip: inner)
        buffer.write(name, at: Position(x: inner.x + 12, y: row), clip: inner)
        row += 2
        let mark = state.asciiOnly ? "*" : "•"
        let masked = TextInput(String(repeating: mark, count: lock.passphrase.characters.count))
        var cursor: Position? = TextField.render(masked, prompt: "Passphrase: ", placeholder: placeholder(lock, state: state),
                                                 into: &buffer, area: Rect(x: inner.x, y: row, width: inner.width, height: 1))
        cursor?.x -= masked.characters.count - lock.passphrase.cursor
        row += 2
        if lock.isChecking {
            buffer.write("Checking…", at: Position(x: inner.x, y: row), style: Theme.muted, clip: inner)
            cursor = nil
        } else if let error = lock.error {
            Paragraph.render(error, into: &buffer, area: Rect(x: inner.x, y: row, width: inner.width, height: inner.maxY - row),
                             style: Theme.error)
        }
        let keymap = Keymaps.keymap(for: .lock)
        StatusBar.render(hints: keymap.hints(for: state), into: &buffer, area: chrome.footer, style: Theme.footer)
        return cursor
    }

    private static func title(_ reason: LockState.Reason) -> String {
        switch reason {
        case .idle, .manual: "Locked"
        case .confirmIdentity: "Confirm it is you"
        }
    }

    private static func explanation(_ lock: LockState, state: AppState) -> String {
        let kept = state.editor == nil ? "" : " The note you were writing is kept as a draft."
        switch lock.reason {
        case .idle:
            return "Locked after \(state.idleLock.spokenDuration) without a key.\(kept)"
        case .manual:
            return "Locked.\(kept)"
        case .confirmIdentity:
            switch lock.hasPassphrase {
            case true?: return "This counselor protects their notes with a passphrase. Type it to continue."
            case false? where lock.mayChoose == true:
                return "This counselor has no passphrase yet; nobody has been chosen here before. Enter opens."
            case false?: return "This counselor has no passphrase yet, so Waypoint cannot tell it is them."
            case nil: return "Type this counselor's passphrase to continue."
            }
        }
    }

    /// Enter opens without a passphrase only for the counselor already at the keyboard.
    private static func placeholder(_ lock: LockState, state: AppState) -> String {
        lock.hasPassphrase == false && lock.reason != .confirmIdentity && lock.counselorId == state.userId
            ? "no passphrase set: Enter opens" : ""
    }
}

extension IdleLock {
    /// "10 minutes", for the lock screen.
    var spokenDuration: String {
        guard case .after(let seconds) = self else { return "a while" }
        if seconds.truncatingRemainder(dividingBy: 60) == 0 {
            let minutes = Int(seconds / 60)
            return minutes == 1 ? "1 minute" : "\(minutes) minutes"
        }
        return "\(Int(seconds)) seconds"
    }
}
