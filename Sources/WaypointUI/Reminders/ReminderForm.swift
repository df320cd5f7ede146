import TerminalKit
import WaypointCore

/// A reminder being written without a session (`r` on the profile or the to-do list): what,
/// when, and how it repeats. A check-in plan is a repeating reminder that runs only while the
/// student's tier holds ("every 2 weeks while tier 3").
public struct ReminderFormState: Equatable, Sendable {
    public var studentId: Int64
    /// "Ana López (S100234)": whom it is for, in the form's title.
    public var studentLabel: String
    public var form: FormState

    public init(studentId: Int64, studentLabel: String) {
        self.studentId = studentId
        self.studentLabel = studentLabel
        form = ReminderForms.empty(for: studentLabel)
    }
}

/// A reminder ready for the store.
public struct ReminderSave: Equatable, Sendable {
    public var studentId: Int64
    public var authorId: Int64
    public var text: String
    public var dueDate: CivilDate
    public var recurrence: Recurrence?

    public init(studentId: Int64, authorId: Int64, text: String, dueDate: CivilDate, recurrence: Recurrence?) {
        self.studentId = studentId
        self.authorId = authorId
        self.text = text
        self.dueDate = dueDate
        self.recurrence = recurrence
    }
}

enum ReminderField: String, CaseIterable {
    case text, due, every, until, whileTier

    var title: String {
        switch self {
        case .text: "What"
        case .due: "Due"
        case .every: "Repeat every"
        case .until: "Until"
        case .whileTier: "Only while"
        }
    }
}

/// The form's fields and the one reading of them: each field is parsed by the rule that
/// owns it (`DueDate`, `Recurrence`, `TextField`), and a bad value is named under the fields,
/// with nothing saved.
enum ReminderForms {
    static func empty(for studentLabel: String) -> FormState {
        FormState(title: "New reminder for \(studentLabel)", fields: [
            .text(ReminderField.text.rawValue, ReminderField.text.title, hint: "e.g. Check on the schedule change"),
            .text(ReminderField.due.rawValue, ReminderField.due.title, hint: "e.g. fri, +2w, 2026-12-18"),
            .text(ReminderField.every.rawValue, ReminderField.every.title, hint: "blank: once; e.g. 2w or 10d"),
            .text(ReminderField.until.rawValue, ReminderField.until.title, hint: "blank: until stopped"),
            .choice(ReminderField.whileTier.rawValue, ReminderField.whileTier.title, [
                FormState.Choice(id: "", title: "any tier"),
                FormState.Choice(id: "3", title: "tier 3 (a check-in plan)"),
                FormState.Choice(id: "2", title: "tier 2 or 3 (a check-in plan)"),
            ]),
        ])
    }

    /// The reminder the form describes, or the first problem as a sentence naming its field.
    static func read(_ form: FormState, today: CivilDate) -> Result<(text: String, due: CivilDate, recurrence: Recurrence?), ReminderProblem> {
        func problem(_ field: ReminderField, _ text: String) -> Result<(text: String, due: CivilDate, recurrence: Recurrence?), ReminderProblem> {
            .failure(ReminderProblem(message: "\(field.title): \(text)"))
        }
        let text = form[ReminderField.text.rawValue]
        if text.isEmpty { return problem(.text, "say what to do.") }
        if let wrong = TextField.title.problem(text) { return problem(.text, "expected \(wrong).") }
        let due: CivilDate
        do {
            due = try DueDate.parse(form[ReminderField.due.rawValue], today: today)
        } catch {
            return form[ReminderField.due.rawValue].isEmpty ? problem(.due, "when is it due? e.g. fri or +2w.") : problem(.due, "\(error).")
        }
        let days: Int?
        do {
            days = try Recurrence.parseInterval(form[ReminderField.every.rawValue])
        } catch {
            return problem(.every, "\(error).")
        }
        let untilText = form[ReminderField.until.rawValue]
        let tier = Int(form[ReminderField.whileTier.rawValue])
        guard let days else {
            if !untilText.isEmpty { return problem(.until, "a reminder that does not repeat has no end; fill in Repeat every, or clear Until.") }
            if tier != nil { return problem(.whileTier, "a check-in plan repeats; fill in Repeat every (e.g. 2w).") }
            return .success((text, due, nil))
        }
        var until: CivilDate?
        if !untilText.isEmpty {
            do {
                until = try DueDate.parse(untilText, today: today)
            } catch {
                return problem(.until, "\(error).")
            }
        }
        let recurrence = Recurrence(everyDays: days, until: until, whileTier: tier)
        if let wrong = recurrence.problem(dueDate: due) { return .failure(ReminderProblem(message: wrong)) }
        return .success((text, due, recurrence))
    }
}

struct ReminderProblem: Error, Equatable {
    var message: String
}

/// Draws the reminder form over whichever screen opened it.
enum ReminderFormView {
    static func render(_ state: AppState, _ reminder: ReminderFormState, into buffer: inout Buffer, area: Rect) -> Position? {
        FormView.render(reminder.form, into: &buffer, over: area, footer: "Enter saves · Tab next field · ←/→ chooses · Esc cancels",
                        focusMarker: SessionEditorView.focusMarker(state))
    }
}
