import TerminalKit
import WaypointCore

/// A change to a student's interventions asked for on the profile; the effect runner
/// writes it to the store.
public enum InterventionChange: Equatable, Sendable {
    case start(Intervention)
    case note(InterventionNote)
    case close(id: Int64, status: InterventionStatus, endDate: CivilDate, note: String?)
}

/// The profile's intervention forms (`i` starts one, `u` adds a progress note, `U` closes
/// one), like the plan forms: every number is held to its `FieldRules` rule, every text to
/// its `TextField` limit, and a bad value is named under the fields while nothing is saved.
enum InterventionForms {
    typealias Choice = FormState.Choice

    struct Problem: Error, Equatable {
        var message: String
    }

    /// What the form is for; the intervention it is about once chosen.
    enum Purpose: Equatable, Sendable {
        case start
        /// More than one is under way: which one, then `then`.
        case choose(then: Step)
        case note(Intervention)
        case close(Intervention)

        enum Step: Equatable, Sendable { case note, close }
    }

    static func start(catalogs: Catalogs, today: CivilDate, tier: Int?) -> FormState {
        FormState(title: "Start an intervention", fields: [
            .choice("kind", "What", catalogs.interventionKinds.kinds.map { Choice(id: $0.id, title: $0.title) }),
            .text("goal", "Goal", hint: "what it should achieve, e.g. Pass Algebra I"),
            // Titles start with the digit, so typing it picks the tier.
            .choice("tier", "Tier", [Choice(id: "1", title: "1 (universal)"), Choice(id: "2", title: "2 (targeted)"),
                                     Choice(id: "3", title: "3 (intensive)")],
                    selected: String(min(3, max(2, tier ?? 2)))),
            .choice("area", "Area", InterventionArea.allCases.map { Choice(id: $0.rawValue, title: $0.title) }),
            .text("start", "Start date", today.iso, hint: "YYYY-MM-DD, today, mon"),
            .text("minutes", "Minutes a session", "30", hint: "5 to 240"),
            .text("perWeek", "Sessions a week", "2", hint: "1 to 14"),
            .text("weeks", "For weeks", "", hint: "1 to 52 (blank: open-ended)"),
            .text("owner", "Delivered by", "", hint: "blank: you; or a name, e.g. Sam Ortiz (tutor)"),
            .text("measure", "Weekly measure", "", hint: "with its unit, e.g. quiz score % (blank: none)"),
        ])
    }

    /// Which of the interventions under way, before a note or closing.
    static func choose(_ active: [Intervention], catalogs: Catalogs, then step: Purpose.Step) -> FormState {
        FormState(title: step == .note ? "Progress note on which intervention?" : "Close which intervention?", fields: [
            .choice("intervention", "Intervention", active.compactMap { item in
                item.id.map { Choice(id: String($0), title: title(item, catalogs: catalogs)) }
            }),
        ])
    }

    static func note(_ intervention: Intervention, catalogs: Catalogs, today: CivilDate) -> FormState {
        var fields: [FormState.Field] = [
            .text("date", "Date", today.iso, hint: "the day the progress was seen"),
            .text("sessions", "Sessions held", "", hint: "since the last note, e.g. 2 (blank: not counted)"),
        ]
        if let measure = intervention.measure {
            fields.append(.text("value", "Measured value", "", hint: "\(measure), e.g. 72 (blank: none)"))
        }
        fields.append(.text("text", "Progress note", "", hint: "what was seen"))
        return FormState(title: "Progress note · \(title(intervention, catalogs: catalogs))", fields: fields)
    }

    static func close(_ intervention: Intervention, catalogs: Catalogs, today: CivilDate) -> FormState {
        FormState(title: "Close · \(title(intervention, catalogs: catalogs)) (final)", fields: [
            .choice("status", "Ended as", InterventionStatus.closing.map { Choice(id: $0.rawValue, title: $0.rawValue.capitalized) }),
            .text("end", "Last day", today.iso, hint: "YYYY-MM-DD, today, fri"),
            .text("note", "Outcome", "", hint: "what came of it (kept as its last note)"),
        ])
    }

    /// "Tutoring (high-dosage) since 2026-11-02".
    static func title(_ intervention: Intervention, catalogs: Catalogs) -> String {
        "\(catalogs.interventionKinds.title(of: intervention.kind)) since \(intervention.startDate.iso)"
    }

    /// The change a filled-in form asks for, and the sentence that confirms it.
    static func change(_ form: FormState, purpose: Purpose, studentId: Int64, userId: Int64, today: CivilDate,
                       catalogs: Catalogs) -> Result<(InterventionChange, String), Problem> {
        do {
            switch purpose {
            case .choose:
                throw Problem(message: "Intervention: choose one first")
            case .start:
                let goal = try text(form, "goal", "Goal", as: .title, required: true)!
                let start = try date(form, "start", "Start date", today: today)
                let minutes = try whole(form, "minutes", "Minutes a session", rule: FieldRules.interventionMinutesPerSession)!
                let perWeek = try whole(form, "perWeek", "Sessions a week", rule: FieldRules.interventionSessionsPerWeek)!
                let weeks = try whole(form, "weeks", "For weeks", rule: FieldRules.interventionPlannedWeeks, optional: true)
                let item = Intervention(
                    studentId: studentId, kind: form["kind"], ownerId: userId,
                    ownerName: try text(form, "owner", "Delivered by", as: .name), tier: Int(form["tier"]),
                    area: InterventionArea(rawValue: form["area"]), goal: goal, startDate: start,
                    sessionsPerWeek: perWeek, minutesPerSession: minutes, plannedWeeks: weeks,
                    measure: try text(form, "measure", "Weekly measure", as: .title))
                return .success((.start(item), "Started \(catalogs.interventionKinds.title(of: item.kind)), \(item.dosageText)."))
            case .note(let intervention):
                let day = try date(form, "date", "Date", today: today)
                if day < intervention.startDate {
                    throw Problem(message: "Date: before the intervention started (\(intervention.startDate.iso))")
                }
                let sessions = try whole(form, "sessions", "Sessions held", rule: FieldRules.interventionSessionsDelivered,
                                         optional: true)
                var value: Double?
                if !form["value"].isEmpty {
                    switch FieldRules.interventionMeasuredValue.parse(form["value"]) {
                    case .success(let number): value = number
                    case .failure(let problem): throw Problem(message: "Measured value: \(problem)")
                    }
                }
                let text = try text(form, "text", "Progress note", as: .note, required: true)!
                guard let id = intervention.id else { throw Problem(message: "That intervention is no longer there") }
                return .success((.note(InterventionNote(interventionId: id, date: day, text: text, authorId: userId,
                                                        sessionsDelivered: sessions, measuredValue: value)),
                                 "Progress note added to \(catalogs.interventionKinds.title(of: intervention.kind))."))
            case .close(let intervention):
                let end = try date(form, "end", "Last day", today: today)
                if end < intervention.startDate {
                    throw Problem(message: "Last day: before the intervention started (\(intervention.startDate.iso))")
                }
                guard let id = intervention.id, let status = InterventionStatus(rawValue: form["status"]) else {
                    throw Problem(message: "That intervention is no longer there")
                }
                return .success((.close(id: id, status: status, endDate: end,
                                        note: try text(form, "note", "Outcome", as: .note)),
                                 "\(catalogs.interventionKinds.title(of: intervention.kind)) \(status.rawValue) as of \(end.iso)."))
            }
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(Problem(message: String(describing: error)))
        }
    }

    /// The field's text, nil when blank (a problem when `required`), held to its limit.
    private static func text(_ form: FormState, _ key: String, _ label: String, as field: WaypointCore.TextField,
                             required: Bool = false) throws -> String? {
        let value = form[key]
        guard !value.isEmpty else {
            if required { throw Problem(message: "\(label): required") }
            return nil
        }
        if let problem = field.problem(value) { throw Problem(message: "\(label): expected \(problem)") }
        return value
    }

    private static func whole(_ form: FormState, _ key: String, _ label: String, rule: NumberRule,
                              optional: Bool = false) throws -> Int? {
        if optional, form[key].isEmpty { return nil }
        switch rule.parse(form[key]) {
        case .success(let value): return Int(value)
        case .failure(let problem): throw Problem(message: "\(label): \(problem)")
        }
    }

    private static func date(_ form: FormState, _ key: String, _ label: String, today: CivilDate) throws -> CivilDate {
        do {
            return try DueDate.parse(form[key], today: today)
        } catch {
            throw Problem(message: "\(label): \(error.description)")
        }
    }
}

extension AppState {
    /// The interventions under way on the open profile.
    var activeInterventions: [Intervention] { profile?.data?.interventions.filter(\.isActive) ?? [] }

    /// `step` nil starts a new intervention; otherwise a note or closing, of the one under
    /// way or, when there are several, of the one chosen first.
    mutating func openInterventionForm(_ step: InterventionForms.Purpose.Step?) {
        guard let data = profile?.data else { return }
        let today = DateText.day(now, in: timeZone)
        guard let step else {
            profile?.interventionForm = InterventionForms.start(catalogs: catalogs, today: today, tier: data.assessment?.tier)
            profile?.interventionPurpose = .start
            return
        }
        let active = activeInterventions
        if active.count > 1 {
            profile?.interventionForm = InterventionForms.choose(active, catalogs: catalogs, then: step)
            profile?.interventionPurpose = .choose(then: step)
        } else if let only = active.first {
            showInterventionStep(step, only, today: today)
        }
    }

    private mutating func showInterventionStep(_ step: InterventionForms.Purpose.Step, _ intervention: Intervention,
                                               today: CivilDate) {
        switch step {
        case .note:
            profile?.interventionForm = InterventionForms.note(intervention, catalogs: catalogs, today: today)
            profile?.interventionPurpose = .note(intervention)
        case .close:
            profile?.interventionForm = InterventionForms.close(intervention, catalogs: catalogs, today: today)
            profile?.interventionPurpose = .close(intervention)
        }
    }

    mutating func submitInterventionForm() -> [Effect] {
        guard let current = profile, let form = current.interventionForm, let purpose = current.interventionPurpose,
              let studentId = current.data?.student.id, let userId else { return [] }
        let today = DateText.day(now, in: timeZone)
        if case .choose(let next) = purpose {
            guard let chosen = activeInterventions.first(where: { $0.id.map(String.init) == form["intervention"] }) else {
                return []
            }
            showInterventionStep(next, chosen, today: today)
            return []
        }
        switch InterventionForms.change(form, purpose: purpose, studentId: studentId, userId: userId, today: today,
                                        catalogs: catalogs) {
        case .failure(let problem):
            profile?.interventionForm?.error = problem.message
            return []
        case .success(let (change, message)):
            cancelInterventionForm()
            status = StatusMessage(message)
            return [.changeIntervention(change, userId: userId), reloadProfile()]
        }
    }

    mutating func cancelInterventionForm() {
        profile?.interventionForm = nil
        profile?.interventionPurpose = nil
    }
}
