import TerminalKit
import WaypointCore

extension Keymaps {
    public static let reminderForm = Keymap(context: .reminderForm, typing: true, bindings: [
        KeyBinding([.enter], .reminders(.submit), "Save"),
        KeyBinding([.tab, .down], .reminders(.nextField), "Next field"),
        KeyBinding([.backTab, .up], .reminders(.previousField), "Previous field", footer: false),
        KeyBinding([.escape], .reminders(.cancel), "Cancel"),
    ])

    /// `r` on the profile and the to-do list: a reminder for that student, once or repeating.
    static let newReminder = KeyBinding([.char("r")], .reminders(.newReminder), "New reminder", disabledWhen: { state in
        if state.userId == nil { return "Waypoint does not know who you are: restart it with --counselor ID" }
        return state.reminderStudent == nil ? "select a student's row first" : nil
    })

    /// `R` on the profile: the selected follow-up stops repeating.
    static let stopRepeating = KeyBinding([.char("R")], .reminders(.stopRepeating), "Stop repeating", footer: false,
                                          disabledWhen: { state in
        guard state.profile?.focus == .followUps, let followUp = state.profile?.selectedFollowUp else {
            return "select a follow-up first (Tab)"
        }
        return followUp.recurrence == nil ? "the selected follow-up does not repeat" : nil
    })
}
