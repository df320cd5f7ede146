import TerminalKit
import WaypointCore

/// The key bindings of every context, as data. The footer, the `?` help and
/// `waypoint keys` are all drawn from these tables, so they cannot disagree.
public enum Keymaps {
    static let navigation: [KeyBinding] = [
        KeyBinding([.char("k"), .up], .moveUp, "Up", footer: false),
        KeyBinding([.char("j"), .down], .moveDown, "Down", footer: false),
        KeyBinding([.pageUp, .ctrl("b")], .pageUp, "Page up", footer: false),
        KeyBinding([.pageDown, .ctrl("f")], .pageDown, "Page down", footer: false),
        KeyBinding([.home, .char("g")], .moveTop, "First", footer: false),
        KeyBinding([.end, .char("G")], .moveBottom, "Last", footer: false),
    ]

    static let leaving: [KeyBinding] = [
        KeyBinding([.char("?")], .help, "Help"),
        KeyBinding([.char("q")], .back, "Quit"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ]

    public static let welcome = Keymap(context: .welcome, bindings: [
        KeyBinding([.char("d")], .loadDemo, "Load demo district"),
        KeyBinding([.char("i")], .startImport, "Import roster"),
        KeyBinding([.char("?")], .help, "Help"),
        KeyBinding([.char("q"), .escape], .back, "Quit"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let caseload = Keymap(context: .caseload, bindings: [
        KeyBinding([.enter], .openStudent, "Open", disabledWhen: { state in
            state.caseload.selectedEntry == nil ? "no student selected" : nil
        }),
        KeyBinding([.char("/")], .startSearch, "Search"),
        KeyBinding([.char("s")], .cycleSort, "Sort", footer: false),
        KeyBinding([.char("f")], .toggleNotSeen, "Not seen 30d", footer: false),
        KeyBinding([.char("v")], .showViews, "Views"),
        KeyBinding([.char("t")], .openTasks, "To do"),
        KeyBinding([.char("r")], .openReports, "Reports", footer: false),
        KeyBinding([.char("c")], .switchCounselor, "Counselor", disabledWhen: { state in
            state.counselors.count > 1 ? nil : "this database has only one counselor"
        }),
        KeyBinding([.escape], .clearSearch, "Clear search", footer: false, disabledWhen: { state in
            state.caseload.query.isEmpty ? "no search to clear" : nil
        }),
    ] + navigation + leaving)

    public static let profile = Keymap(context: .profile, bindings: [
        KeyBinding([.char("n")], .newSession, "New session", disabledWhen: { state in
            state.userId == nil ? "Waypoint does not know who you are: restart it with --counselor ID" : nil
        }),
        KeyBinding([.enter], .viewSession, "Read session", footer: false, disabledWhen: { state in
            state.profile?.focus != .sessions || state.profile?.selectedSession == nil ? "select a session first" : nil
        }),
        KeyBinding([.char("e")], .amendSession, "Amend session", footer: false, disabledWhen: { state in
            amendBlocked(state, state.profile?.selectedSession, focused: state.profile?.focus == .sessions)
        }),
        KeyBinding([.char("a")], .archiveSession, "Archive session", footer: false, disabledWhen: { state in
            guard state.profile?.focus == .sessions, let view = state.profile?.selectedSession else { return "select a session first" }
            if view.isRedacted { return "it is confidential to \(view.authorName)" }
            return view.session.authorId == state.userId ? nil : "only \(view.authorName), who wrote it, can archive it"
        }),
        KeyBinding([.char("p")], .openPlan, "Plan"),
        KeyBinding([.tab], .switchPanel, "Sessions/follow-ups"),
        KeyBinding([.char("x")], .followUpDone, "Follow-up done", disabledWhen: { state in
            state.profile?.focus != .followUps || state.profile?.selectedFollowUp == nil
                ? "select a follow-up first (Tab)" : nil
        }),
        KeyBinding([.char("X")], .followUpDrop, "Drop follow-up", footer: false, disabledWhen: { state in
            state.profile?.focus != .followUps || state.profile?.selectedFollowUp == nil
                ? "select a follow-up first (Tab)" : nil
        }),
        KeyBinding([.escape], .back, "Back", footer: false),
    ] + navigation + [
        KeyBinding([.char("?")], .help, "Help"),
        KeyBinding([.char("q")], .back, "Back"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let plan = Keymap(context: .plan, bindings: [
        KeyBinding([.tab], .nextSection, "Section"),
        KeyBinding([.backTab], .previousSection, "Previous section", footer: false),
        KeyBinding([.char("h"), .left], .previousYear, "Previous year", footer: false, disabledWhen: { state in
            state.plan?.section == .courses ? nil : "years are in the Courses section"
        }),
        KeyBinding([.char("l"), .right], .nextYear, "Next year", footer: false, disabledWhen: { state in
            state.plan?.section == .courses ? nil : "years are in the Courses section"
        }),
        KeyBinding([.char("a")], .addPlanItem, "Add", disabledWhen: { state in
            switch state.plan?.section {
            case .milestones: "milestones come from the catalog; Enter edits one"
            case .pathway: "p changes the pathway, Enter the goals"
            default: nil
            }
        }),
        KeyBinding([.enter, .char("e")], .editPlanItem, "Edit", footer: false),
        KeyBinding([.char(" ")], .cyclePlanStatus, "Status", disabledWhen: { state in
            state.plan?.section == .more ? "entries here have no status to step through" : nil
        }),
        KeyBinding([.char(">")], .moveCourseLater, "Move to next year", disabledWhen: { state in
            state.plan?.section == .courses && state.plan?.selectedCourse != nil ? nil : "select a course first"
        }),
        KeyBinding([.char("<")], .moveCourseEarlier, "Move to earlier year", footer: false, disabledWhen: { state in
            state.plan?.section == .courses && state.plan?.selectedCourse != nil ? nil : "select a course first"
        }),
        KeyBinding([.char("d"), .delete], .removePlanItem, "Remove", footer: false),
        KeyBinding([.char("w")], .waiveMilestone, "Waive", disabledWhen: { state in
            state.plan?.section == .milestones ? nil : "only milestones are waived"
        }),
        KeyBinding([.char("p")], .changePathway, "Pathway").shown(when: { $0.plan?.section == .pathway }),
        KeyBinding([.char("x")], .exportPlan, "Export"),
        KeyBinding([.char("k"), .up], .moveUp, "Up", footer: false),
        KeyBinding([.char("j"), .down], .moveDown, "Down", footer: false),
        KeyBinding([.char("g"), .home], .moveTop, "First", footer: false),
        KeyBinding([.char("G"), .end], .moveBottom, "Last", footer: false),
        KeyBinding([.char("?")], .help, "Help"),
        KeyBinding([.char("q"), .escape], .back, "Back"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let sessionView = Keymap(context: .sessionView, bindings: [
        KeyBinding([.char("e")], .amendSession, "Amend", disabledWhen: { state in
            amendBlocked(state, state.viewedSession, focused: true)
        }),
        KeyBinding([.char("j"), .down], .moveDown, "Scroll down", footer: false),
        KeyBinding([.char("k"), .up], .moveUp, "Scroll up", footer: false),
        KeyBinding([.pageDown, .char(" ")], .pageDown, "Page down"),
        KeyBinding([.pageUp], .pageUp, "Page up", footer: false),
        KeyBinding([.char("q"), .escape, .enter], .back, "Close"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    /// Why a session cannot be amended by the counselor at the keyboard, if it cannot.
    static func amendBlocked(_ state: AppState, _ view: SessionView?, focused: Bool) -> String? {
        guard focused, let view else { return "select a session first" }
        if view.isRedacted { return "it is confidential to \(view.authorName)" }
        return view.session.authorId == state.userId ? nil : "only \(view.authorName), who wrote it, can amend it"
    }

    public static let tasks = Keymap(context: .tasks, bindings: [
        KeyBinding([.char("x")], .taskDone, "Done", disabledWhen: { state in
            guard let row = state.tasks?.selected else { return "nothing selected" }
            if case .followUp = row.source { return nil }
            return "a milestone is marked done in the student's plan (Enter, then p)"
        }),
        KeyBinding([.enter], .openTaskStudent, "Open student"),
    ] + navigation + [
        KeyBinding([.char("?")], .help, "Help"),
        KeyBinding([.char("q"), .escape], .back, "Back"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let reports = Keymap(context: .reports, bindings: [
        KeyBinding([.tab], .nextReport, "Next report"),
        KeyBinding([.char("g")], .nextGrouping, "Group by"),
        KeyBinding([.char("?")], .help, "Help"),
        KeyBinding([.char("q"), .escape], .back, "Back"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let importRoster = Keymap(context: .importRoster, bindings: [
        KeyBinding([.enter], .runImport, "Import"),
        KeyBinding([.escape], .back, "Cancel"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let views = Keymap(context: .views, bindings: [
        .typing([.char("1")], "Every student"),
        .typing([.char("2")], "Seniors without FAFSA"),
        .typing([.char("3")], "Not on track to graduate"),
        .typing([.char("4")], "An overdue milestone"),
        .typing([.char("5")], "Not seen in 30 days"),
        .typing([.char("6")], "Early warning: tier 2 or 3"),
        .typing([.char("7")], "Needs attention: tier 2-3 without an intervention, not seen in 30 days, or a milestone overdue"),
        KeyBinding([.escape, .char("q")], .back, "Close"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let planForm = Keymap(context: .planForm, bindings: [
        KeyBinding([.enter], .submitForm, "Save"),
        KeyBinding([.tab, .down], .nextField, "Next field"),
        KeyBinding([.backTab, .up], .previousField, "Previous field", footer: false),
        KeyBinding([.escape], .cancelForm, "Cancel"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let planConfirm = Keymap(context: .planConfirm, bindings: [
        KeyBinding([.char("y")], .confirmRemoval, "Remove"),
        KeyBinding([.char("n"), .escape], .cancelRemoval, "Keep"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let editor = Keymap(context: .editor, bindings: [
        KeyBinding([.ctrl("s")], .saveSession, "Save"),
        KeyBinding([.tab], .nextField, "Next field"),
        KeyBinding([.backTab], .previousField, "Previous field", footer: false),
        KeyBinding([.escape], .cancelEditor, "Cancel"),
        KeyBinding([.function(1)], .help, "Help"),
        KeyBinding([.ctrl("c")], .quit, "Quit now (draft kept)", footer: false),
        .typing([.wordLeft, .wordRight], "Word left / right (also Alt-b, Alt-f)"),
        .typing([.home, .end], "Line start / end"),
        .typing([.pageUp, .pageDown], "Page up / down in the note"),
        .typing([.ctrl("w")], "Delete the word before the cursor"),
        .typing([.ctrl("u")], "Delete to the line start"),
        .typing([.ctrl("k")], "Delete to the line end"),
        .typing([.ctrl("z")], "Undo (here Ctrl-Z does not suspend)"),
        .typing([.ctrl("y")], "Redo"),
        .typing([.char(" ")], "Kind, With, Confidential: change or tick"),
        .typing([.right], "Topics: complete a topic used before"),
    ])

    public static let confirmDiscard = Keymap(context: .confirmDiscard, bindings: [
        KeyBinding([.char("y")], .confirmDiscard, "Discard it"),
        KeyBinding([.char("n"), .escape], .keepEditing, "Keep writing"),
        KeyBinding([.ctrl("c")], .quit, "Quit now (draft kept)", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let confirmArchive = Keymap(context: .confirmArchive, bindings: [
        KeyBinding([.char("y")], .confirmArchive, "Archive it"),
        KeyBinding([.char("n"), .escape], .back, "Keep it"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let changedElsewhere = Keymap(context: .changedElsewhere, bindings: [
        KeyBinding([.char("o")], .saveMineOverTheirs, "Save mine over theirs", disabledWhen: { state in
            guard case .changedElsewhere(let conflict)? = state.overlay, conflict.retry == nil else { return nil }
            return "it was already closed elsewhere"
        }),
        KeyBinding([.escape, .enter], .keepTheirs, "Keep theirs"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
    ])

    public static let resumeDraft = Keymap(context: .resumeDraft, bindings: [
        KeyBinding([.char("r"), .enter], .resumeDraft, "Resume"),
        KeyBinding([.char("d")], .discardDraft, "Discard"),
        KeyBinding([.char("l"), .escape], .laterDraft, "Later"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let caseloadSearch = Keymap(context: .caseloadSearch, bindings: [
        KeyBinding([.enter], .keepSearch, "Keep filter"),
        KeyBinding([.escape], .clearSearch, "Clear"),
        KeyBinding([.up], .moveUp, "Up", footer: false),
        KeyBinding([.down], .moveDown, "Down", footer: false),
        KeyBinding([.pageUp], .pageUp, "Page up", footer: false),
        KeyBinding([.pageDown], .pageDown, "Page down", footer: false),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let counselorPicker = Keymap(context: .counselorPicker, bindings: [
        KeyBinding([.enter], .chooseCounselor, "Choose"),
        KeyBinding([.char("k"), .up], .moveUp, "Up"),
        KeyBinding([.char("j"), .down], .moveDown, "Down"),
        KeyBinding([.pageUp, .ctrl("b")], .pageUp, "Page up", footer: false),
        KeyBinding([.pageDown, .ctrl("f")], .pageDown, "Page down", footer: false),
        KeyBinding([.home, .char("g")], .moveTop, "First", footer: false),
        KeyBinding([.end, .char("G")], .moveBottom, "Last", footer: false),
        KeyBinding([.char("?")], .help, "Help"),
        KeyBinding([.char("q"), .escape], .back, "Cancel", disabledWhen: { state in
            state.userId == nil ? "choose who you are first, or quit with Ctrl-C" : nil
        }),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let help = Keymap(context: .help, bindings: [
        KeyBinding([.char("?"), .char("q"), .escape], .back, "Close help"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static let lock = Keymap(context: .lock, bindings: [
        KeyBinding([.enter], .unlock, "Unlock", disabledWhen: { state in
            state.lock?.isChecking == true ? "checking the passphrase" : nil
        }),
        KeyBinding([.tab], .nextLockCounselor, "Someone else", disabledWhen: { state in
            state.counselors.count > 1 ? nil : "this database has only one counselor"
        }),
        .typing([.escape], "Clear the passphrase"),
        KeyBinding([.ctrl("c")], .quit, "Quit (drafts kept)", footer: false),
    ])

    /// Ctrl-L locks the screen from anywhere, even while typing a note.
    static let lockNow = KeyBinding([.ctrl("l")], .lockNow, "Lock the screen now", footer: false, disabledWhen: { state in
        state.userId == nil ? "nobody is working as a counselor yet" : nil
    })

    public static let tooSmall = Keymap(context: .tooSmall, bindings: [
        KeyBinding([.char("q"), .escape], .back, "Quit"),
        KeyBinding([.ctrl("c")], .quit, "Quit now", footer: false),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg returns)", footer: false),
    ])

    public static func keymap(for context: KeyContext) -> Keymap {
        var keymap = contextKeymap(context)
        if context != .lock { keymap.bindings.append(lockNow) }
        return keymap
    }

    private static func contextKeymap(_ context: KeyContext) -> Keymap {
        switch context {
        case .lock: lock
        case .welcome: welcome
        case .caseload: caseload
        case .caseloadSearch: caseloadSearch
        case .profile: profile
        case .editor: editor
        case .plan: plan
        case .views: views
        case .importRoster: importRoster
        case .tasks: tasks
        case .reports: reports
        case .sessionView: sessionView
        case .planForm: planForm
        case .planConfirm: planConfirm
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
        case .views: return .views
        case .session: return .sessionView
        case .importRoster: return .importRoster
        case .resumeDraft: return .resumeDraft
        case nil: break
        }
        switch state.screen {
        case .welcome: return .welcome
        case .caseload: return state.caseload.isSearching ? .caseloadSearch : .caseload
        case .profile: return .profile
        case .editor: return .editor
        case .tasks: return .tasks
        case .reports: return .reports
        case .plan:
            if state.plan?.confirmRemoval != nil { return .planConfirm }
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
