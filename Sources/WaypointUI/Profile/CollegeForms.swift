import TerminalKit
import WaypointCore

/// The profile's college application form (`o` adds one, `O` edits the one selected on the
/// Colleges panel), like the contact and intervention forms: each field is held to the one
/// rule for it (`CollegeRules`, `DueDate`), a bad value is named under the fields and
/// nothing is saved.
enum CollegeForms {
    typealias Choice = FormState.Choice

    static func form(_ application: CollegeApplication?) -> FormState {
        FormState(title: application.map { "Edit · \($0.institution)" } ?? "Add a college application", fields: [
            .text(CollegeField.institution.rawValue, "Institution", application?.institution ?? "",
                  hint: "e.g. State University"),
            .choice(CollegeField.type.rawValue, "Type", CollegeApplicationType.allCases.map { Choice(id: $0.rawValue, title: $0.title) },
                    selected: (application?.type ?? .regular).rawValue),
            .text(CollegeField.deadline.rawValue, "Deadline", application?.deadline?.iso ?? "",
                  hint: "YYYY-MM-DD, fri, in 2 weeks (blank: none)"),
            .choice(CollegeField.status.rawValue, "Status",
                    CollegeApplicationStatus.allCases.map { Choice(id: $0.rawValue, title: $0.title) },
                    selected: application?.status.rawValue),
            documentChoice(.transcript, application?.transcript),
            documentChoice(.recommendation, application?.recommendation),
            .text(CollegeField.aidAward.rawValue, "Aid award", application?.aidAward.map(String.init) ?? "",
                  hint: "dollars a year, e.g. 12500 (blank: none)"),
        ])
    }

    private static func documentChoice(_ field: CollegeField, _ value: CollegeDocumentStatus?) -> FormState.Field {
        .choice(field.rawValue, field.title, CollegeDocumentStatus.allCases.map { Choice(id: $0.rawValue, title: $0.title) },
                selected: value?.rawValue)
    }

    /// The application the form describes: for a new one every field, for an edit what
    /// differs; or the first problem as a sentence.
    static func changes(_ form: FormState, from application: CollegeApplication?,
                        today: CivilDate) -> Result<[CollegeChange], CollegeFieldProblem> {
        let institution = form[CollegeField.institution.rawValue]
        if let expected = CollegeRules.institutionProblem(institution) {
            return .failure(CollegeFieldProblem(field: .institution, expected: expected))
        }
        let deadlineText = form[CollegeField.deadline.rawValue]
        let deadline: CivilDate?
        do {
            deadline = deadlineText.isEmpty ? nil : try DueDate.parse(deadlineText, today: today)
        } catch {
            return .failure(CollegeFieldProblem(field: .deadline, expected: "a date such as 2027-01-01, fri or in 2 weeks"))
        }
        let aid: Int?
        switch CollegeRules.aid(form[CollegeField.aidAward.rawValue]) {
        case .failure(let problem): return .failure(problem)
        case .success(let value): aid = value
        }
        // The choices offer only valid values.
        let all: [CollegeChange] = [
            .institution(institution),
            .type(CollegeApplicationType(rawValue: form[CollegeField.type.rawValue]) ?? .regular),
            .deadline(deadline),
            .status(CollegeApplicationStatus(rawValue: form[CollegeField.status.rawValue]) ?? .considering),
            .transcript(CollegeDocumentStatus(rawValue: form[CollegeField.transcript.rawValue]) ?? .notRequested),
            .recommendation(CollegeDocumentStatus(rawValue: form[CollegeField.recommendation.rawValue]) ?? .notRequested),
            .aidAward(aid),
        ]
        guard let application else { return .success(all) }
        return .success(all.filter { change in
            var changed = application
            change.apply(to: &changed)
            return changed != application
        })
    }
}

extension AppState {
    /// `o`: an empty form for a new application.
    mutating func openCollegeForm(editing: Bool) {
        guard profile?.data != nil else { return }
        let application = editing ? profile?.selectedApplication : nil
        if editing, application == nil { return }
        profile?.collegeForm = CollegeForms.form(application)
        profile?.collegeFormEditing = application
    }

    mutating func submitCollegeForm() -> [Effect] {
        guard var current = profile, let form = current.collegeForm, let studentId = current.data?.student.id else { return [] }
        let editing = current.collegeFormEditing
        switch CollegeForms.changes(form, from: editing, today: today) {
        case .failure(let problem):
            current.collegeForm?.error = problem.description
            profile = current
            return []
        case .success(let changes):
            if editing == nil,
               let taken = current.data?.applications.first(where: {
                   $0.institution.lowercased() == form[CollegeField.institution.rawValue].lowercased()
               }) {
                current.collegeForm?.error = "\(taken.institution) is on the list already: O on its row edits it."
                profile = current
                return []
            }
            current.collegeForm = nil
            current.collegeFormEditing = nil
            profile = current
            guard !changes.isEmpty else {
                status = StatusMessage("Nothing changed.")
                return []
            }
            status = StatusMessage(editing == nil ? "College application added." : "College application saved.")
            return [.saveCollegeApplication(id: editing?.id, studentId: studentId, changes: changes, userId: userId), reloadProfile()]
        }
    }

    mutating func cancelCollegeForm() {
        profile?.collegeForm = nil
        profile?.collegeFormEditing = nil
        profile?.collegeRemoval = nil
    }

    /// `s`, `T`, `l` on the Colleges panel: the next status, transcript or recommendation
    /// step of the selected application, saved at once.
    mutating func stepSelectedApplication(_ step: (CollegeApplication) -> CollegeChange, said: (CollegeApplication) -> String)
        -> [Effect] {
        guard let application = profile?.selectedApplication, let id = application.id else { return [] }
        var changed = application
        let change = step(application)
        change.apply(to: &changed)
        status = StatusMessage("\(application.institution): \(said(changed)).")
        return [.saveCollegeApplication(id: id, studentId: application.studentId, changes: [change], userId: userId), reloadProfile()]
    }

    mutating func confirmApplicationRemoval() -> [Effect] {
        guard let application = profile?.collegeRemoval, let id = application.id else { return [] }
        profile?.collegeRemoval = nil
        status = StatusMessage("Removed \(application.institution) from the college list (the audit trail keeps what it was).")
        return [.removeCollegeApplication(id: id, userId: userId), reloadProfile()]
    }
}
