import TerminalKit
import WaypointCore

extension Keymaps {
    public static let profile = Keymap(context: .profile, bindings: [
        KeyBinding([.char("n")], .profile(.newSession), "New session", disabledWhen: { state in
            state.userId == nil ? "Waypoint does not know who you are: restart it with --counselor ID" : nil
        }),
        KeyBinding([.enter], .profile(.viewSession), "Read session", footer: false, disabledWhen: { state in
            state.profile?.focus != .sessions || state.profile?.selectedSession == nil ? "select a session first" : nil
        }),
        KeyBinding([.char("e")], .profile(.amendSession), "Amend session", footer: false, disabledWhen: { state in
            amendBlocked(state, state.profile?.selectedSession, focused: state.profile?.focus == .sessions)
        }),
        KeyBinding([.char("a")], .profile(.archiveSession), "Archive session", footer: false, disabledWhen: { state in
            guard state.profile?.focus == .sessions, let view = state.profile?.selectedSession else { return "select a session first" }
            if view.isRedacted { return "it is confidential to \(view.authorName)" }
            return view.session.authorId == state.userId ? nil : "only \(view.authorName), who wrote it, can archive it"
        }),
        KeyBinding([.char("p")], .profile(.openPlan), "Plan"),
        KeyBinding([.char("m")], .profile(.openMilestones), "Milestones"),
        KeyBinding([.char("f")], .profile(.logFamilyContact), "Call family", disabledWhen: { state in
            state.userId == nil ? "Waypoint does not know who you are: restart it with --counselor ID" : nil
        }),
        KeyBinding([.char("c")], .profile(.openContacts), "Family contacts", footer: false),
        KeyBinding([.char("t")], .profile(.addTestResult), "Add test result", footer: false),
        KeyBinding([.tab], .profile(.switchPanel), "Sessions/follow-ups"),
        KeyBinding([.char("x")], .profile(.followUpDone), "Follow-up done", disabledWhen: { state in
            state.profile?.focus != .followUps || state.profile?.selectedFollowUp == nil
                ? "select a follow-up first (Tab)" : nil
        }),
        KeyBinding([.char("X")], .profile(.followUpDrop), "Drop follow-up", footer: false, disabledWhen: { state in
            state.profile?.focus != .followUps || state.profile?.selectedFollowUp == nil
                ? "select a follow-up first (Tab)" : nil
        }),
        // After the panel keys: at 80 columns the footer keeps Tab; wider, these show too.
        KeyBinding([.char("i")], .profile(.startIntervention), "Start intervention", disabledWhen: { state in
            state.userId == nil ? "Waypoint does not know who you are: restart it with --counselor ID" : nil
        }),
        KeyBinding([.char("u")], .profile(.noteIntervention), "Intervention note", disabledWhen: { state in
            interventionBlocked(state)
        }),
        KeyBinding([.char("U")], .profile(.closeIntervention), "Close intervention", footer: false, disabledWhen: { state in
            interventionBlocked(state)
        }),
        newReminder,
        stopRepeating,
        // The college list (issue 16, item 4): in the footer while its panel has the keyboard.
        KeyBinding([.char("o")], .profile(.addApplication), "Add college application", footer: false),
        KeyBinding([.char("O")], .profile(.editApplication), "Edit application, aid award", disabledWhen: collegeBlocked)
            .footerTitle { _ in "Edit" }.shown(when: collegesFocused),
        KeyBinding([.char("s")], .profile(.nextApplicationStatus), "Application status", disabledWhen: collegeBlocked)
            .footerTitle { _ in "Status" }.shown(when: collegesFocused),
        KeyBinding([.char("T")], .profile(.nextTranscript), "Transcript requested/sent", disabledWhen: collegeBlocked)
            .footerTitle { _ in "Transcript" }.shown(when: collegesFocused),
        KeyBinding([.char("l")], .profile(.nextRecommendation), "Letter requested/sent", disabledWhen: collegeBlocked)
            .footerTitle { _ in "Letter" }.shown(when: collegesFocused),
        KeyBinding([.char("D")], .profile(.removeApplication), "Remove application", footer: false,
                   disabledWhen: collegeBlocked),
        KeyBinding([.escape], .global(.back), "Back", footer: false),
    ] + navigation + [
        KeyBinding([.char("?")], .global(.help), "Help"),
        KeyBinding([.char("q")], .global(.back), "Back"),
    ])

    public static let contactForm = Keymap(context: .contactForm, typing: true, bindings: [
        KeyBinding([.enter], .profile(.submitContactForm), "Save"),
        KeyBinding([.tab, .down], .field(.nextField), "Next field"),
        KeyBinding([.backTab, .up], .field(.previousField), "Previous field", footer: false),
        KeyBinding([.escape], .profile(.cancelContactForm), "Cancel"),
    ])

    public static let testForm = Keymap(context: .testForm, typing: true, bindings: [
        KeyBinding([.enter], .profile(.submitTestForm), "Save"),
        KeyBinding([.tab, .down], .field(.nextField), "Next field"),
        KeyBinding([.backTab, .up], .field(.previousField), "Previous field", footer: false),
        KeyBinding([.escape], .profile(.cancelTestForm), "Cancel"),
    ])

    public static let interventionForm = Keymap(context: .interventionForm, typing: true, bindings: [
        KeyBinding([.enter], .profile(.submitInterventionForm), "Save"),
        KeyBinding([.tab, .down], .field(.nextField), "Next field"),
        KeyBinding([.backTab, .up], .field(.previousField), "Previous field", footer: false),
        KeyBinding([.escape], .profile(.cancelInterventionForm), "Cancel"),
    ])

    public static let collegeForm = Keymap(context: .collegeForm, typing: true, bindings: [
        KeyBinding([.enter], .profile(.submitCollegeForm), "Save"),
        KeyBinding([.tab, .down], .field(.nextField), "Next field"),
        KeyBinding([.backTab, .up], .field(.previousField), "Previous field", footer: false),
        KeyBinding([.escape], .profile(.cancelCollegeForm), "Cancel"),
    ])

    public static let collegeConfirm = Keymap(context: .collegeConfirm, bindings: [
        KeyBinding([.char("y")], .profile(.confirmRemoveApplication), "Remove it"),
        KeyBinding([.char("n"), .escape], .profile(.cancelCollegeForm), "Keep it"),
    ])

    @Sendable static func collegesFocused(_ state: AppState) -> Bool { state.profile?.focus == .colleges }

    /// Why the selected application cannot be changed here, if it cannot.
    @Sendable static func collegeBlocked(_ state: AppState) -> String? {
        if state.profile?.data?.applications.isEmpty ?? true { return "none yet (o adds one)" }
        return state.profile?.selectedApplication == nil ? "select one on Colleges (Tab)" : nil
    }

    /// Why no progress note or closing can start here, if none can.
    static func interventionBlocked(_ state: AppState) -> String? {
        if state.userId == nil { return "Waypoint does not know who you are: restart it with --counselor ID" }
        return state.activeInterventions.isEmpty ? "no intervention is under way (i starts one)" : nil
    }

    public static let sessionView = Keymap(context: .sessionView, bindings: [
        KeyBinding([.char("e")], .profile(.amendSession), "Amend", disabledWhen: { state in
            amendBlocked(state, state.viewedSession, focused: true)
        }),
        KeyBinding([.char("j"), .down], .list(.moveDown), "Scroll down", footer: false),
        KeyBinding([.char("k"), .up], .list(.moveUp), "Scroll up", footer: false),
        KeyBinding([.pageDown, .char(" ")], .list(.pageDown), "Page down"),
        KeyBinding([.pageUp], .list(.pageUp), "Page up", footer: false),
        KeyBinding([.char("q"), .escape, .enter], .global(.back), "Close"),
    ])

    public static let confirmArchive = Keymap(context: .confirmArchive, bindings: [
        KeyBinding([.char("y")], .profile(.confirmArchive), "Archive it"),
        KeyBinding([.char("n"), .escape], .global(.back), "Keep it"),
    ])

    /// Why a session cannot be amended by the counselor at the keyboard, if it cannot.
    static func amendBlocked(_ state: AppState, _ view: SessionView?, focused: Bool) -> String? {
        guard focused, let view else { return "select a session first" }
        if view.isRedacted { return "it is confidential to \(view.authorName)" }
        return view.session.authorId == state.userId ? nil : "only \(view.authorName), who wrote it, can amend it"
    }
}
