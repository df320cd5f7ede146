import TerminalKit
import WaypointCore

extension Keymaps {
    public static let plan = Keymap(context: .plan, bindings: [
        KeyBinding([.tab], .plan(.nextSection), "Section"),
        KeyBinding([.backTab], .plan(.previousSection), "Previous section", footer: false),
    ] + PlanState.Section.allCases.map { section in
        // The numbers the tab bar shows beside each section.
        KeyBinding([.char(Character("\(section.rawValue + 1)"))], .plan(.showSection(section)), section.title, footer: false)
    } + [
        KeyBinding([.char("h"), .left], .plan(.previousYear), "Previous year", footer: false, disabledWhen: { state in
            state.plan?.section == .courses ? nil : "years are in the Courses section"
        }),
        KeyBinding([.char("l"), .right], .plan(.nextYear), "Next year", footer: false, disabledWhen: { state in
            state.plan?.section == .courses ? nil : "years are in the Courses section"
        }),
        KeyBinding([.char("a")], .plan(.addPlanItem), "Add", disabledWhen: { state in
            switch state.plan?.section {
            case .milestones: "milestones come from the catalog; Enter edits one"
            case .pathway: "p changes the pathway, Enter the goals"
            default: nil
            }
        }),
        KeyBinding([.enter, .char("e")], .plan(.editPlanItem), "Edit", footer: false),
        KeyBinding([.char(" ")], .plan(.cyclePlanStatus), "Status", disabledWhen: { state in
            state.plan?.section == .more ? "entries here have no status to step through" : nil
        }),
        KeyBinding([.char(">")], .plan(.moveCourseLater), "Move to next year", disabledWhen: { state in
            state.plan?.section == .courses && state.plan?.selectedCourse != nil ? nil : "select a course first"
        }),
        KeyBinding([.char("<")], .plan(.moveCourseEarlier), "Move to earlier year", footer: false, disabledWhen: { state in
            state.plan?.section == .courses && state.plan?.selectedCourse != nil ? nil : "select a course first"
        }),
        KeyBinding([.char("d"), .delete], .plan(.removePlanItem), "Remove", footer: false),
        KeyBinding([.char("w")], .plan(.waiveMilestone), "Waive", disabledWhen: { state in
            state.plan?.section == .milestones ? nil : "only milestones are waived"
        }),
        KeyBinding([.char("i")], .plan(.takeImportedMark), "Take imported mark", disabledWhen: { state in
            state.plan?.section == .courses && state.plan?.selectedConflict != nil
                ? nil : "select a course whose imported mark differs (marked !)"
        }).shown(when: { $0.plan?.selectedConflict != nil }),
        KeyBinding([.char("p")], .plan(.changePathway), "Pathway").shown(when: { $0.plan?.section == .pathway }),
        KeyBinding([.char("x")], .plan(.exportPlan), "Family's plan"),
        KeyBinding([.char("k"), .up], .list(.moveUp), "Up", footer: false),
        KeyBinding([.char("j"), .down], .list(.moveDown), "Down", footer: false),
        KeyBinding([.char("g"), .home], .list(.moveTop), "First", footer: false),
        KeyBinding([.char("G"), .end], .list(.moveBottom), "Last", footer: false),
        KeyBinding([.char("?")], .global(.help), "Help"),
        KeyBinding([.char("q"), .escape], .global(.back), "Back"),
    ])

    public static let planForm = Keymap(context: .planForm, typing: true, bindings: [
        KeyBinding([.enter], .plan(.submitForm), "Save"),
        KeyBinding([.tab, .down], .field(.nextField), "Next field"),
        KeyBinding([.backTab, .up], .field(.previousField), "Previous field", footer: false),
        .typing([.right], "Course title: take the catalog course it completes to (subject, credits, level)"),
        KeyBinding([.escape], .plan(.cancelForm), "Cancel"),
    ])

    /// `x`: which language the family's plan is written in, and where it goes.
    public static let planExport = Keymap(context: .planExport, bindings: [
        KeyBinding([.enter], .plan(.saveExport), "Save file"),
        KeyBinding([.char("p")], .plan(.printExport), "Print"),
        KeyBinding([.char("k"), .up], .plan(.previousLanguage), "Previous language", footer: false),
        KeyBinding([.char("j"), .down], .plan(.nextLanguage), "Next language", footer: false),
        KeyBinding([.escape, .char("q")], .plan(.cancelExport), "Cancel"),
    ])

    public static let planConfirm = Keymap(context: .planConfirm, bindings: [
        KeyBinding([.char("y")], .plan(.confirmRemoval), "Remove"),
        KeyBinding([.char("n"), .escape], .plan(.cancelRemoval), "Keep"),
    ])
}
