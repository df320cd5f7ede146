import TerminalKit
import WaypointCore

/// One key binding: the data that maps keys to a command, labels the footer and fills the
/// `?` help. A binding may be shown but unavailable; `disabledReason` says why.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var command: Command
    public var title: String
    /// Shown in the footer as well as in help.
    public var inFooter: Bool
    /// A key the focused text field handles itself (Ctrl-W, Ctrl-Z…): listed in help and the
    /// docs so it can be found, but passed to the field as typing.
    public var isTyping: Bool
    public var disabledReason: @Sendable (AppState) -> String?
    /// When the footer shows the binding (it always works; the footer has little room).
    public var shownWhen: @Sendable (AppState) -> Bool = { _ in true }

    public init(_ keys: [Key], _ command: Command, _ title: String, footer: Bool = true,
                disabledWhen disabledReason: @escaping @Sendable (AppState) -> String? = { _ in nil }) {
        self.keys = keys
        self.command = command
        self.title = title
        self.inFooter = footer
        self.isTyping = false
        self.disabledReason = disabledReason
    }

    /// The footer's short name for it, when that depends on the state (help and the docs
    /// keep `title`, which covers every case).
    public var footerTitleFor: (@Sendable (AppState) -> String)?

    /// The same binding, named in the footer by `title(state)`.
    public func footerTitle(_ title: @escaping @Sendable (AppState) -> String) -> KeyBinding {
        var copy = self
        copy.footerTitleFor = title
        return copy
    }

    /// The same binding, shown in the footer only when `condition` holds.
    public func shown(when condition: @escaping @Sendable (AppState) -> Bool) -> KeyBinding {
        var copy = self
        copy.shownWhen = condition
        return copy
    }

    /// A documented key that the focused field handles as typing.
    public static func typing(_ keys: [Key], _ title: String) -> KeyBinding {
        var binding = KeyBinding(keys, .global(.typeText), title, footer: false)
        binding.isTyping = true
        return binding
    }

    /// "j/↓" — the keys as one label.
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}

/// Where the keyboard focus is; each has its own table of bindings.
public enum KeyContext: String, CaseIterable, Sendable {
    case welcome, importRoster, caseload, groupPicker, tasks, reports, refusedChanges, caseloadSearch, walkInForm, savedViews, profile, contactForm, interventionForm, testForm, collegeForm, collegeConfirm, reminderForm, sessionView, plan, planForm, planConfirm, planExport, editor, pastNotes, confirmDiscard, confirmArchive, changedElsewhere, resumeDraft, counselorPicker, help, lock, tooSmall

    public var title: String {
        switch self {
        case .welcome: "Welcome"
        case .importRoster: "Import a roster"
        case .tasks: "Follow-ups and overdue milestones"
        case .reports: "Reports"
        case .refusedChanges: "Changes the hub refused"
        case .caseload: "Caseload"
        case .caseloadSearch: "Caseload search"
        case .walkInForm: "New walk-in student"
        case .groupPicker: "Group session: pick students"
        case .savedViews: "Caseload views"
        case .profile: "Student profile"
        case .contactForm: "Family contact form"
        case .interventionForm: "Intervention form"
        case .testForm: "Test result form"
        case .collegeForm: "College application form"
        case .collegeConfirm: "Remove college application?"
        case .reminderForm: "Reminder form"
        case .sessionView: "Session"
        case .editor: "Session editor"
        case .pastNotes: "Past notes"
        case .plan: "Plan"
        case .planForm: "Plan form"
        case .planConfirm: "Remove from plan?"
        case .planExport: "Family's plan"
        case .confirmDiscard: "Discard unsaved session?"
        case .confirmArchive: "Archive session?"
        case .changedElsewhere: "Changed in another window"
        case .resumeDraft: "Unsaved draft found"
        case .counselorPicker: "Choose counselor"
        case .help: "Help"
        case .lock: "Locked"
        case .tooSmall: "Window too small"
        }
    }
}

public struct Keymap: Sendable {
    public var context: KeyContext
    /// A typing context: a key no binding claims is typed into the focused field (a
    /// search, a form, the note) instead of being ignored.
    public var isTyping: Bool
    /// Globals (`Keymaps.globals`) this context leaves out: no suspending from the lock screen.
    public var withoutGlobals: Set<Command>
    public var bindings: [KeyBinding]

    public init(context: KeyContext, typing: Bool = false, without withoutGlobals: Set<Command> = [],
                bindings: [KeyBinding]) {
        self.context = context
        isTyping = typing
        self.withoutGlobals = withoutGlobals
        self.bindings = bindings
    }

    /// The command `key` triggers here, or nil when the key is unbound or the binding is
    /// disabled in `state` (the caller then reports the reason).
    public func binding(for key: Key) -> KeyBinding? {
        bindings.first { $0.keys.contains(key) }
    }

    /// The footer: what can be done right now. Unavailable keys stay out of it (the `?`
    /// help lists them, with the reason).
    public func hints(for state: AppState) -> [KeyHint] {
        bindings.filter { $0.inFooter && $0.shownWhen(state) && $0.disabledReason(state) == nil }.map {
            KeyHint(keys: $0.keyLabel, title: $0.footerTitleFor?(state) ?? $0.title)
        }
    }
}
