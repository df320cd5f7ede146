import TerminalKit
import WaypointCore

extension Command {
    /// Reminders without a session, repeating ones and check-in plans.
    public enum Reminders: Hashable, Sendable {
        /// `r`: the form, for the profile's student or the to-do list's selected row.
        case newReminder
        case submit, cancel, nextField, previousField
        /// `R` on the profile: the selected follow-up stops repeating (it stays open, once).
        case stopRepeating
    }
}

extension AppState {
    mutating func performReminders(_ command: Command.Reminders) -> [Effect] {
        switch command {
        case .newReminder:
            openReminderForm()
        case .submit:
            return submitReminderForm()
        case .cancel:
            reminder = nil
        case .nextField:
            reminder?.form.moveFocus(by: 1)
        case .previousField:
            reminder?.form.moveFocus(by: -1)
        case .stopRepeating:
            return stopSelectedRepeating()
        }
        return []
    }

    /// The student a new reminder is for: the profile's, or the to-do list's selected row's.
    var reminderStudent: (id: Int64, label: String)? {
        switch screen {
        case .profile:
            guard let student = profile?.data?.student, let id = student.id else { return nil }
            return (id, "\(student.displayName) (\(student.localId))")
        case .tasks:
            guard let row = tasks?.selected else { return nil }
            return (row.studentId, "\(row.studentName) (\(row.localId))")
        default:
            return nil
        }
    }

    mutating func openReminderForm() {
        guard let student = reminderStudent else { return }
        reminder = ReminderFormState(studentId: student.id, studentLabel: student.label)
    }

    mutating func editReminderForm(_ key: Key) {
        reminder?.form.handle(key)
    }

    mutating func submitReminderForm() -> [Effect] {
        guard let current = reminder, let authorId = userId else { return [] }
        switch ReminderForms.read(current.form, today: DateText.day(now, in: timeZone)) {
        case .failure(let problem):
            reminder?.form.error = problem.message
            return []
        case .success(let read):
            reminder = nil
            status = StatusMessage("Reminder added for \(current.studentLabel): due \(read.due.iso)"
                + (read.recurrence.map { ", repeating \($0.words)" } ?? "") + ".")
            let save = ReminderSave(studentId: current.studentId, authorId: authorId, text: read.text, dueDate: read.due,
                                    recurrence: read.recurrence)
            return [.addReminder(save), reloadAfterReminder()]
        }
    }

    mutating func stopSelectedRepeating() -> [Effect] {
        guard let followUp = profile?.selectedFollowUp, let id = followUp.id, let recurrence = followUp.recurrence else { return [] }
        status = StatusMessage("“\(followUp.text)” no longer repeats (was \(recurrence.words)); it stays open, once.")
        return [.stopRepeating(id: id, userId: userId), reloadProfile()]
    }

    /// What a repeating follow-up marked done led to, after the status line's "done".
    mutating func receiveRecurrence(_ outcome: RecurrenceOutcome) {
        status = StatusMessage([status?.text, outcome.sentence].compactMap { $0 }.joined(separator: " "))
    }

    private mutating func reloadAfterReminder() -> Effect {
        screen == .tasks ? reloadTasks() : reloadProfile()
    }
}
