import TerminalKit

/// Draws the whole frame for a state. Returns where the text cursor belongs, if anywhere.
public enum RootView {
    @discardableResult
    public static func render(_ state: AppState, into buffer: inout Buffer) -> Position? {
        buffer.fill(buffer.area)
        if state.isTooSmall {
            TooSmallView.render(state, into: &buffer)
            return nil
        }
        if let lock = state.lock {
            return LockView.render(state, lock: lock, into: &buffer)
        }
        let chrome = ScreenLayout.chrome(state.size)
        var cursor: Position?
        switch state.screen {
        case .welcome:
            WelcomeView.render(state, into: &buffer, chrome: chrome)
        case .caseload:
            cursor = CaseloadView.render(state, into: &buffer, chrome: chrome)
        case .profile:
            cursor = ProfileView.render(state, into: &buffer, chrome: chrome)
        case .editor:
            cursor = SessionEditorView.render(state, into: &buffer, chrome: chrome)
        case .plan:
            cursor = PlanView.render(state, into: &buffer, chrome: chrome)
        case .tasks:
            TaskListView.render(state, into: &buffer, chrome: chrome)
        case .reports:
            ReportsView.render(state, into: &buffer, chrome: chrome)
        case .refusedChanges:
            RefusedChangesView.render(state, into: &buffer, chrome: chrome)
        }
        if let reminder = state.reminder {
            cursor = ReminderFormView.render(state, reminder, into: &buffer, area: chrome.body)
        }
        switch state.overlay {
        case .help:
            HelpOverlay.render(state, into: &buffer, area: chrome.body)
            cursor = nil
        case .counselorPicker(let picker):
            CounselorPickerView.render(state, picker: picker, into: &buffer, area: chrome.body)
            cursor = nil
        case .confirmDiscard:
            ConfirmDiscardView.render(state, into: &buffer, area: chrome.body)
            cursor = nil
        case .confirmArchive:
            let inner = Modal.render(title: "Archive this session?", size: Size(width: 56, height: 6), into: &buffer, over: chrome.body)
            Paragraph.render("It leaves the profile but is never erased; `waypoint session list --archived` still shows it. y archives, n keeps it.",
                             into: &buffer, area: inner.inset(horizontal: 1, vertical: 0))
            cursor = nil
        case .session(_, let scroll):
            SessionReaderView.render(state, scroll: scroll, into: &buffer, area: chrome.body)
            cursor = nil
        case .importRoster(let input):
            let inner = Modal.render(title: "Import a OneRoster roster", size: Size(width: min(76, chrome.body.width - 2), height: 7),
                                     into: &buffer, over: chrome.body).inset(horizontal: 1, vertical: 0)
            Paragraph.render("The folder that holds manifest.csv, users.csv and the other files (relative to where Waypoint was started):",
                             into: &buffer, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: 2))
            cursor = TextField.render(input, prompt: "Folder: ", placeholder: "e.g. /media/usb/oneroster", into: &buffer,
                                      area: Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: 1))
        case .savedViews:
            let presets = CaseloadPreset.allCases
            let inner = Modal.render(title: "Caseload views", size: Size(width: 52, height: presets.count + 4), into: &buffer, over: chrome.body)
            for (index, preset) in presets.enumerated() {
                let mark = preset == state.caseload.preset ? "•" : " "
                buffer.write("\(preset.rawValue)  \(mark) \(preset.title)", at: Position(x: inner.x + 1, y: inner.y + index),
                             style: preset == state.caseload.preset ? Theme.heading : .plain, clip: inner)
            }
            buffer.write("a number chooses · Esc closes", at: Position(x: inner.x + 1, y: inner.maxY - 1), style: Theme.muted, clip: inner)
            cursor = nil
        case .changedElsewhere(let conflict):
            ConflictView.render(conflict, into: &buffer, area: chrome.body)
            cursor = nil
        case .resumeDraft(let drafts):
            ResumeDraftView.render(state, drafts: drafts, into: &buffer, area: chrome.body)
            cursor = nil
        case nil:
            break
        }
        FooterView.render(state, into: &buffer, area: chrome.footer)
        return cursor
    }
}

enum TitleBar {
    /// `keeping` ends the left side and is never cut: when a long name needs the room, the
    /// name is shortened before it, so a student's local ID always shows (issue 15, item 9).
    static func render(_ left: String, keeping tail: String = "", right: String = "", into buffer: inout Buffer, area: Rect) {
        buffer.fill(area, with: Cell(" ", style: Theme.titleBar))
        // Measured after sanitizing: a control character in a name is drawn one column wide.
        let left = Sanitizer.sanitize(left), right = Sanitizer.sanitize(right), tail = Sanitizer.sanitize(tail)
        let rightWidth = min(DisplayWidth.of(right), area.width / 2)
        let room = area.width - rightWidth - 2
        // The app's name gives way first: a name or a school is worth more than a word the
        // counselor knows already.
        let prefix = "Waypoint · "
        let fits = DisplayWidth.of(" " + left + tail) <= room
        let shown = !fits && left.hasPrefix(prefix) ? String(left.dropFirst(prefix.count)) : left
        let leftText = DisplayWidth.truncate(" " + shown, keeping: tail, to: room)
        buffer.write(leftText, at: Position(x: area.x, y: area.y), style: Theme.titleBar, clip: area)
        if rightWidth > 0 {
            let text = DisplayWidth.truncate(right, to: rightWidth)
            buffer.write(text, at: Position(x: area.maxX - DisplayWidth.of(text) - 1, y: area.y),
                         style: Theme.titleBar, clip: area)
        }
    }
}

enum FooterView {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let keymap = Keymaps.keymap(for: Keymaps.context(for: state))
        let fieldError = state.editor.flatMap { state.screen == .editor ? $0.fieldError.map { "⚠ " + $0 } : nil }
        let waiting: String? = state.isWaitingForDatabase ? AppState.waitingForDatabase : nil
        let message: String = state.status?.text ?? waiting ?? fieldError ?? ""
        // Sync's line is the quietest: it takes what the hints and any message leave.
        StatusBar.render(hints: keymap.hints(for: state), message: message, quiet: state.sync.lines(now: state.now), into: &buffer,
                         area: area, style: Theme.footer)
        if let status = state.status, status.isError {
            // Errors stand out in bold even where colour is off.
            let width = min(DisplayWidth.of(status.text), area.width / 2)
            let x = area.maxX - width - 1
            buffer.setStyle(Theme.footer.with(.bold), in: Rect(x: x, y: area.y, width: width, height: 1))
        }
    }
}

enum TooSmallView {
    static func render(_ state: AppState, into buffer: inout Buffer) {
        let minimum = AppState.minimumSize
        let way = state.lock != nil ? "Make it larger to unlock."
            : state.editor != nil ? "Make it larger to go on writing, or press q to quit; your draft is kept."
            : "Make it larger, or press q to quit."
        let text = "Waypoint needs a window of at least \(minimum.width)x\(minimum.height); this one is \(state.size). \(way)"
        let area = buffer.area.inset(by: 1)
        let lines = TextWrap.wrap(text, width: area.width)
        let top = area.y + max(0, (area.height - lines.count) / 2)
        Paragraph.render(text, into: &buffer, area: Rect(x: area.x, y: top, width: area.width, height: area.maxY - top),
                         style: Theme.heading)
    }
}
