import ArgumentParser
import Foundation
import WaypointCore
import WaypointStore

struct ContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "A student's parents, guardians and other family contacts: list, add, edit.",
        discussion: """
            Contacts come from the roster (users.csv rows with role parent, guardian or relative,
            linked by agentSourcedIds) or are added here. A field changed here is kept by later
            roster imports; `contact list` shows the roster's value beside it when they differ.
            """,
        subcommands: [ContactListCommand.self, ContactAddCommand.self, ContactEditCommand.self])
}

/// The fields a counselor can set, as options (shared by add and edit).
struct ContactFieldOptions: ParsableArguments {
    @Option(help: "Given name.") var givenName: String?
    @Option(help: "Family name.") var familyName: String?
    @Option(help: "parent, guardian, relative or other.") var relationship: String?
    @Option(help: "Phone number, e.g. \"555-0142\" or \"+1 206 555 0142 x12\" (\"\" clears it).") var phone: String?
    @Option(help: "Email address (\"\" clears it).") var email: String?
    @Option(help: "The language the family speaks at home, e.g. Spanish (\"\" clears it).") var language: String?

    /// The fields given, each checked by the one rule for it: a bad value names its option
    /// and nothing is written.
    func changes() throws -> [ContactField: String] {
        let given: [(ContactField, String, String?)] = [
            (.givenName, "--given-name", givenName), (.familyName, "--family-name", familyName),
            (.relationship, "--relationship", relationship), (.phone, "--phone", phone), (.email, "--email", email),
            (.language, "--language", language),
        ]
        var changes: [ContactField: String] = [:]
        for (field, option, value) in given {
            guard let value else { continue }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if let expected = ContactRules.problem(field, trimmed) {
                throw CLIError("\(option): expected \(expected); nothing was changed")
            }
            changes[field] = trimmed
        }
        return changes
    }
}

struct ContactListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "A student's family contacts.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The student's local ID or roster sourcedId.")
    var studentId: String

    @Flag(help: "Also those a bulk roster no longer lists.")
    var inactive = false

    @Flag(help: "JSON for scripts.")
    var json = false

    func run() throws {
        let db = try database.open()
        let student = try db.student(matching: studentId)
        let contacts = try db.contacts(studentId: student.id!, includeInactive: inactive)
        if json {
            try printJSON(contacts.map(ContactJSON.init))
            return
        }
        guard !contacts.isEmpty else {
            say("No family contacts for \(student.printableName) (\(student.localId)); "
                + "`waypoint contact add \(student.localId) --given-name … --family-name … --relationship parent` adds one.")
            return
        }
        print(TextTable.render(header: ["ID", "Name", "Relationship", "Phone", "Email", "Language", "From"], rows: contacts.map { contact in
            [String(contact.id!), contact.displayName, contact.relationship.rawValue + (contact.isActive ? "" : " (inactive)"),
             contact.phone ?? "", contact.email ?? "", contact.language ?? "",
             contact.sourcedId == nil ? "by hand" : (contact.handEdited.isEmpty ? "roster" : "roster, edited")]
        }), terminator: "")
        for contact in contacts {
            for (field, value) in contact.rosterValues.sorted(by: { $0.key < $1.key }) {
                say("Contact \(contact.id!): \(field.title.lowercased()) was edited by hand; the roster says \"\(value)\".")
            }
        }
    }
}

struct ContactAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a family contact to a student by hand.",
        discussion: """
            Example:
              waypoint contact add S100234 --given-name Maria --family-name López \\
                --relationship parent --phone 555-0142 --language Spanish
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The student's local ID or roster sourcedId.")
    var studentId: String

    @OptionGroup var fields: ContactFieldOptions

    func run() throws {
        let changes = try fields.changes()
        for field in [ContactField.givenName, .familyName] where changes[field] == nil {
            throw CLIError("--\(field.rawValue) is required to add a contact")
        }
        let db = try database.open()
        let student = try db.student(matching: studentId)
        var contact = FamilyContact(givenName: "", familyName: "", relationship: .parent)
        for (field, value) in changes { contact[field] = value }
        let saved = try db.addContact(contact, studentId: student.id!)
        say("Added contact \(saved.id!) \(saved.label) for \(student.printableName) (\(student.localId)).")
    }
}

struct ContactEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change a family contact's fields; a roster import keeps what you change.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The contact ID (from `waypoint contact list`).")
    var contactId: Int64

    @OptionGroup var fields: ContactFieldOptions

    func run() throws {
        let changes = try fields.changes()
        guard !changes.isEmpty else { throw CLIError("give at least one field to change, e.g. --phone 555-0142") }
        let db = try database.open()
        let saved = try db.editContact(id: contactId, changes)
        say("Contact \(contactId) is now \(saved.summary).")
    }
}

struct ContactJSON: Encodable {
    var id: Int64
    var name: String
    var givenName: String
    var familyName: String
    var relationship: String
    var phone: String?
    var email: String?
    var language: String?
    var active: Bool
    var fromRoster: Bool
    var handEdited: [String]
    var rosterValues: [String: String]

    init(_ contact: FamilyContact) {
        id = contact.id ?? 0
        name = contact.displayName
        givenName = contact.givenName
        familyName = contact.familyName
        relationship = contact.relationship.rawValue
        phone = contact.phone
        email = contact.email
        language = contact.language
        active = contact.isActive
        fromRoster = contact.sourcedId != nil
        handEdited = contact.handEdited.sorted().map(\.rawValue)
        rosterValues = Dictionary(uniqueKeysWithValues: contact.rosterValues.map { ($0.key.rawValue, $0.value) })
    }
}
