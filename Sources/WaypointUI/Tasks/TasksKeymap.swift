import TerminalKit
import WaypointCore

extension Keymaps {
    public static let tasks = Keymap(context: .tasks, bindings: [
        KeyBinding([.char("x")], .tasks(.taskDone), "Done", disabledWhen: { state in
            guard let row = state.tasks?.selected else { return "nothing selected" }
            if case .followUp = row.source { return nil }
            if case .collegeDeadline = row.source {
                return "an application leaves the list when its status passes applying (Enter, then s on Colleges)"
            }
            return "a milestone is marked done in the student's plan (Enter, then m)"
        }),
        KeyBinding([.enter], .tasks(.openTaskStudent), "Open student"),
        newReminder,
        KeyBinding([.char("f")], .tasks(.cycleShow), "Follow-ups, milestones or both")
            .footerTitle { state in
                switch state.tasks?.show.next ?? .followUps {
                case .both: "Both"
                case .followUps: "Follow-ups only"
                case .milestones: "Milestones only"
                }
            },
    ] + navigation + [
        KeyBinding([.char("?")], .global(.help), "Help"),
        KeyBinding([.char("q"), .escape], .global(.back), "Back"),
    ])
}
