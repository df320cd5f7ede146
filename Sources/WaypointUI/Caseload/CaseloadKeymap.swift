import TerminalKit
import WaypointCore

extension Keymaps {
    public static let caseload = Keymap(context: .caseload, bindings: [
        KeyBinding([.enter], .caseload(.openStudent), "Open", disabledWhen: { state in
            state.caseload.selectedEntry == nil ? "no student selected" : nil
        }),
        KeyBinding([.char("/")], .caseload(.startSearch), "Search"),
        KeyBinding([.char("s")], .caseload(.cycleSort), "Sort", footer: false),
        KeyBinding([.char("f")], .caseload(.toggleNotSeen), "Not seen 30d", footer: false),
        KeyBinding([.char("v")], .caseload(.showViews), "Views"),
        KeyBinding([.char("t")], .caseload(.openTasks), "To do"),
        // In help and docs/KEYS.md, not the footer: at 80 columns it would push "? Help" out.
        KeyBinding([.char("m")], .group(.start), "Group session", footer: false),
        KeyBinding([.char("a")], .caseload(.toggleAttentionAll), "All, or this week's only", disabledWhen: { state in
            state.caseload.preset == .needsAttention ? nil : "only in Needs attention (v7)"
        }).footerTitle { state in state.caseload.attentionShowsAll ? "This week" : "Show all" },
        KeyBinding([.char("r")], .caseload(.openReports), "Reports", footer: false),
        KeyBinding([.char("N")], .caseload(.addWalkIn), "New walk-in student (not from the roster)", footer: false,
                   disabledWhen: { state in
            if state.userId == nil { return "say who you are first (c)" }
            return state.sync.status.isJoined ? "students come from the hub's roster on a joined workstation" : nil
        }),
        KeyBinding([.char("c")], .caseload(.switchCounselor), "Counselor", disabledWhen: { state in
            state.counselors.count > 1 ? nil : "this database has only one counselor"
        }),
        KeyBinding([.escape], .caseload(.clearSearch), "Clear search", footer: false, disabledWhen: { state in
            state.caseload.query.isEmpty ? "no search to clear" : nil
        }),
    ] + syncBindings + navigation + leaving)

    public static let walkInForm = Keymap(context: .walkInForm, typing: true, bindings: [
        KeyBinding([.enter], .caseload(.submitWalkIn), "Add"),
        KeyBinding([.tab, .down], .field(.nextField), "Next field"),
        KeyBinding([.backTab, .up], .field(.previousField), "Previous field", footer: false),
        KeyBinding([.escape], .caseload(.cancelWalkIn), "Cancel"),
    ])

    public static let caseloadSearch = Keymap(context: .caseloadSearch, typing: true, bindings: [
        KeyBinding([.enter], .caseload(.keepSearch), "Keep filter"),
        KeyBinding([.escape], .caseload(.clearSearch), "Clear"),
        KeyBinding([.up], .list(.moveUp), "Up", footer: false),
        KeyBinding([.down], .list(.moveDown), "Down", footer: false),
        KeyBinding([.pageUp], .list(.pageUp), "Page up", footer: false),
        KeyBinding([.pageDown], .list(.pageDown), "Page down", footer: false),
    ])

    public static let savedViews = Keymap(context: .savedViews, typing: true, bindings: [
        .typing([.char("1")], "Every student"),
        .typing([.char("2")], "Seniors without FAFSA"),
        .typing([.char("3")], "Not on track to graduate"),
        .typing([.char("4")], "An overdue milestone"),
        .typing([.char("5")], "Not seen in 30 days"),
        .typing([.char("6")], "Early warning: tier 2 or 3"),
        .typing([.char("7")], "Needs attention, most urgent first: tier 2-3 without an intervention, a milestone overdue, or not seen in 30 days"),
        KeyBinding([.escape, .char("q")], .global(.back), "Close"),
    ])

    public static let counselorPicker = Keymap(context: .counselorPicker, bindings: [
        KeyBinding([.enter], .caseload(.chooseCounselor), "Choose"),
        KeyBinding([.char("k"), .up], .list(.moveUp), "Up"),
        KeyBinding([.char("j"), .down], .list(.moveDown), "Down"),
        KeyBinding([.pageUp, .ctrl("b")], .list(.pageUp), "Page up", footer: false),
        KeyBinding([.pageDown, .ctrl("f")], .list(.pageDown), "Page down", footer: false),
        KeyBinding([.home, .char("g")], .list(.moveTop), "First", footer: false),
        KeyBinding([.end, .char("G")], .list(.moveBottom), "Last", footer: false),
        KeyBinding([.char("?")], .global(.help), "Help"),
        KeyBinding([.char("q"), .escape], .global(.back), "Cancel", disabledWhen: { state in
            state.userId == nil ? "choose who you are first, or quit with Ctrl-C" : nil
        }),
    ])
}
