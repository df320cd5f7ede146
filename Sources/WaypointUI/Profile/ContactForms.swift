import TerminalKit
import WaypointCore

/// The profile's family contact form (`c`): first which contact to edit, or a new one; then
/// its fields. Each field is checked by `ContactRules`, the one rule for it; a bad value is
/// named under the fields and nothing is saved.
enum ContactForms {
    static let newContact = "new"

    static func choose(_ contacts: [FamilyContact]) -> FormState {
        FormState(title: "Family contacts", fields: [
            .choice("contact", "Contact", contacts.compactMap { contact in
                contact.id.map { FormState.Choice(id: String($0), title: contact.label) }
            } + [FormState.Choice(id: newContact, title: "Add a new contact")]),
        ])
    }

    static func fields(_ contact: FamilyContact?) -> FormState {
        var form = FormState(title: contact.map { "Edit \($0.displayName)" } ?? "Add a family contact", fields: [
            .text(ContactField.givenName.rawValue, "Given name", contact?.givenName ?? ""),
            .text(ContactField.familyName.rawValue, "Family name", contact?.familyName ?? ""),
            .choice(ContactField.relationship.rawValue, "Relationship",
                    ContactRelationship.allCases.map { FormState.Choice(id: $0.rawValue, title: $0.title) },
                    selected: contact?.relationship.rawValue),
            .text(ContactField.phone.rawValue, "Phone", contact?.phone ?? "", hint: "e.g. 555-0142 x12"),
            .text(ContactField.email.rawValue, "Email", contact?.email ?? ""),
            .text(ContactField.language.rawValue, "Home language", contact?.language ?? "", hint: "e.g. Spanish"),
        ])
        // A hand edit the roster disagrees with: the roster's value in the title, so the
        // counselor sees both (a hint shows only in an empty field).
        let differing = ContactField.allCases.compactMap { field in
            contact?.rosterValues[field].map { "\(field.title.lowercased()) \($0.isEmpty ? "(empty)" : $0)" }
        }
        if !differing.isEmpty { form.title += " · roster says " + differing.joined(separator: ", ") }
        return form
    }

    /// The fields that differ from `contact` (all filled ones for a new contact), or the
    /// first problem as a sentence.
    static func changes(_ form: FormState, from contact: FamilyContact?) -> Result<[ContactField: String], ContactFormProblem> {
        var changes: [ContactField: String] = [:]
        for field in ContactField.allCases {
            let value = form[field.rawValue]
            if let expected = ContactRules.problem(field, value) {
                return .failure(ContactFormProblem(message: "\(field.title): expected \(expected)."))
            }
            if let contact {
                if contact[field] != value || contact.rosterValues[field] != nil { changes[field] = value }
            } else if !value.isEmpty {
                changes[field] = value
            }
        }
        return .success(changes)
    }
}

struct ContactFormProblem: Error, Equatable {
    var message: String
}

extension AppState {
    mutating func openContactForm() {
        guard let data = profile?.data else { return }
        if data.contacts.isEmpty {
            profile?.contactForm = ContactForms.fields(nil)
            profile?.contactFormPurpose = .add
        } else {
            profile?.contactForm = ContactForms.choose(data.contacts)
            profile?.contactFormPurpose = .choose
        }
    }

    mutating func editContactForm(_ key: Key) {
        profile?.contactForm?.handle(key)
    }

    mutating func submitContactForm() -> [Effect] {
        guard var current = profile, let form = current.contactForm, let purpose = current.contactFormPurpose,
              let studentId = current.data?.student.id else { return [] }
        switch purpose {
        case .choose:
            let chosen = current.data?.contacts.first { $0.id.map(String.init) == form["contact"] }
            current.contactForm = ContactForms.fields(chosen)
            current.contactFormPurpose = chosen.map { .edit($0) } ?? .add
            profile = current
            return []
        case .add, .edit:
            var editing: FamilyContact?
            if case .edit(let contact) = purpose { editing = contact }
            switch ContactForms.changes(form, from: editing) {
            case .failure(let problem):
                current.contactForm?.error = problem.message
                profile = current
                return []
            case .success(let changes):
                current.contactForm = nil
                current.contactFormPurpose = nil
                profile = current
                guard !changes.isEmpty else {
                    status = StatusMessage("Nothing changed.")
                    return []
                }
                status = StatusMessage(editing == nil ? "Contact added." : "Contact saved; a roster import will keep your changes.")
                return [.saveContact(studentId: studentId, contactId: editing?.id, changes: changes), reloadProfile()]
            }
        }
    }
}
