import TerminalKit
import WaypointCore

/// The key bindings of every context, as data. The footer, the `?` help and
/// `waypoint keys` are all drawn from these tables, so they cannot disagree.
public enum Keymaps {
    static let navigation: [KeyBinding] = [
        KeyBinding([.char("k"), .up], .list(.moveUp), "Up", footer: false),
        KeyBinding([.char("j"), .down], .list(.moveDown), "Down", footer: false),
        KeyBinding([.pageUp, .ctrl("b")], .list(.pageUp), "Page up", footer: false),
        KeyBinding([.pageDown, .ctrl("f")], .list(.pageDown), "Page down", footer: false),
        KeyBinding([.home, .char("g")], .list(.moveTop), "First", footer: false),
        KeyBinding([.end, .char("G")], .list(.moveBottom), "Last", footer: false),
    ]

    static let leaving: [KeyBinding] = [
        KeyBinding([.char("?")], .global(.help), "Help"),
        KeyBinding([.char("q")], .global(.back), "Quit"),
    ]

    /// Keys bound once for every context: quit, suspend to the shell, lock the screen. A
    /// context that uses one of these keys itself (Ctrl-Z is undo in the editor) keeps its
    /// own; a context can leave a global out (`Keymap.withoutGlobals`).
    static let globals: [KeyBinding] = [
        KeyBinding([.ctrl("c")], .global(.quit), "Quit now (a draft is kept)", footer: false),
        KeyBinding([.ctrl("z")], .global(.suspend), "Suspend to the shell (fg returns)", footer: false),
        lockNow,
    ]

    /// A context's own bindings, then the globals it does not bind or leave out.
    public static func keymap(for context: KeyContext) -> Keymap {
        var keymap = contextKeymap(context)
        let bound = Set(keymap.bindings.flatMap(\.keys))
        keymap.bindings += globals.filter { global in
            !keymap.withoutGlobals.contains(global.command) && global.keys.allSatisfy { !bound.contains($0) }
        }
        return keymap
    }

    private static func contextKeymap(_ context: KeyContext) -> Keymap {
        switch context {
        case .lock: lock
        case .welcome: welcome
        case .caseload: caseload
        case .caseloadSearch: caseloadSearch
        case .walkInForm: walkInForm
        case .groupPicker: groupPicker
        case .profile: profile
        case .editor: editor
        case .pastNotes: pastNotes
        case .plan: plan
        case .contactForm: contactForm
        case .interventionForm: interventionForm
        case .testForm: testForm
        case .collegeForm: collegeForm
        case .collegeConfirm: collegeConfirm
        case .reminderForm: reminderForm
        case .savedViews: savedViews
        case .importRoster: importRoster
        case .tasks: tasks
        case .reports: reports
        case .refusedChanges: refusedChanges
        case .sessionView: sessionView
        case .planForm: planForm
        case .planConfirm: planConfirm
        case .planExport: planExport
        case .confirmDiscard: confirmDiscard
        case .confirmArchive: confirmArchive
        case .changedElsewhere: changedElsewhere
        case .resumeDraft: resumeDraft
        case .counselorPicker: counselorPicker
        case .help: help
        case .tooSmall: tooSmall
        }
    }

    /// The context that has the keyboard in `state`.
    public static func context(for state: AppState) -> KeyContext {
        if state.lock != nil { return .lock }
        if state.isTooSmall { return .tooSmall }
        switch state.overlay {
        case .help: return .help
        case .counselorPicker: return .counselorPicker
        case .confirmDiscard: return .confirmDiscard
        case .confirmArchive: return .confirmArchive
        case .changedElsewhere: return .changedElsewhere
        case .savedViews: return .savedViews
        case .session: return .sessionView
        case .importRoster: return .importRoster
        case .resumeDraft: return .resumeDraft
        case nil: break
        }
        if state.reminder != nil { return .reminderForm }
        switch state.screen {
        case .welcome: return .welcome
        case .caseload:
            if state.caseload.walkInForm != nil { return .walkInForm }
            if state.caseload.isSearching { return .caseloadSearch }
            return state.caseload.group == nil ? .caseload : .groupPicker
        case .profile: return state.profile?.formContext ?? .profile
        case .editor: return state.editor?.pastNotes.hasFocus == true ? .pastNotes : .editor
        case .tasks: return .tasks
        case .reports: return .reports
        case .refusedChanges: return .refusedChanges
        case .plan:
            if state.plan?.confirmRemoval != nil { return .planConfirm }
            if state.plan?.export != nil { return .planExport }
            return state.plan?.form != nil ? .planForm : .plan
        }
    }

    /// The context the `?` help describes: the one under the help overlay.
    public static func helpSubject(for state: AppState) -> KeyContext {
        var underneath = state
        underneath.overlay = state.helpReturn
        return context(for: underneath)
    }
}
