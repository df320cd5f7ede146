import TerminalKit

/// One key binding: the data that maps keys to a command, labels the footer and fills the
/// `?` help. A binding may be shown but unavailable; `disabledReason` says why.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var command: Command
    public var title: String
    /// Shown in the footer as well as in help.
    public var inFooter: Bool
    public var disabledReason: @Sendable (AppState) -> String?

    public init(_ keys: [Key], _ command: Command, _ title: String, footer: Bool = true,
                disabledWhen disabledReason: @escaping @Sendable (AppState) -> String? = { _ in nil }) {
        self.keys = keys
        self.command = command
        self.title = title
        self.inFooter = footer
        self.disabledReason = disabledReason
    }

    /// "j/↓" — the keys as one label.
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}

/// Where the keyboard focus is; each has its own table of bindings.
public enum KeyContext: String, CaseIterable, Sendable {
    case welcome, caseload, caseloadSearch, views, profile, plan, planForm, planConfirm, editor, confirmDiscard, confirmArchive, resumeDraft, counselorPicker, help, tooSmall

    public var title: String {
        switch self {
        case .welcome: "Welcome"
        case .caseload: "Caseload"
        case .caseloadSearch: "Caseload search"
        case .views: "Caseload views"
        case .profile: "Student profile"
        case .editor: "Session editor"
        case .plan: "Plan"
        case .planForm: "Plan form"
        case .planConfirm: "Remove from plan?"
        case .confirmDiscard: "Discard unsaved session?"
        case .confirmArchive: "Archive session?"
        case .resumeDraft: "Unsaved draft found"
        case .counselorPicker: "Choose counselor"
        case .help: "Help"
        case .tooSmall: "Window too small"
        }
    }
}

public struct Keymap: Sendable {
    public var context: KeyContext
    public var bindings: [KeyBinding]

    /// The command `key` triggers here, or nil when the key is unbound or the binding is
    /// disabled in `state` (the caller then reports the reason).
    public func binding(for key: Key) -> KeyBinding? {
        bindings.first { $0.keys.contains(key) }
    }

    public func hints(for state: AppState) -> [KeyHint] {
        bindings.filter(\.inFooter).map {
            KeyHint(keys: $0.keyLabel, title: $0.title, enabled: $0.disabledReason(state) == nil)
        }
    }
}
