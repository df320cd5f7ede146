/// A parent, guardian, relative or other adult a counselor contacts about a student: from
/// the roster (users.csv rows with role parent, guardian or relative, linked to students
/// through `agentSourcedIds`) or added by hand.
///
/// One contact may belong to several students (siblings); a counselor's change to a field
/// is kept by later roster imports (see `handEdited`).
public struct FamilyContact: Identifiable, Equatable, Sendable {
    public var id: Int64?
    /// The roster's sourcedId; nil for a contact added by hand.
    public var sourcedId: String?
    public var givenName: String
    public var familyName: String
    public var relationship: ContactRelationship
    public var phone: String?
    public var email: String?
    /// The language the family speaks at home ("Spanish"), when the roster or a counselor gives one.
    public var language: String?
    /// False when a bulk roster no longer lists the contact (kept, never deleted: sessions name it).
    public var isActive: Bool
    /// Fields a counselor changed by hand. A roster import never overwrites them; when the
    /// roster's value differs, it is kept in `rosterValues` so both can be seen.
    public var handEdited: Set<ContactField>
    /// The roster's latest value of a hand-edited field, when it differs from the hand edit.
    public var rosterValues: [ContactField: String]

    public init(id: Int64? = nil, sourcedId: String? = nil, givenName: String, familyName: String,
                relationship: ContactRelationship, phone: String? = nil, email: String? = nil, language: String? = nil,
                isActive: Bool = true, handEdited: Set<ContactField> = [], rosterValues: [ContactField: String] = [:]) {
        self.id = id
        self.sourcedId = sourcedId
        self.givenName = givenName
        self.familyName = familyName
        self.relationship = relationship
        self.phone = phone
        self.email = email
        self.language = language
        self.isActive = isActive
        self.handEdited = handEdited
        self.rosterValues = rosterValues
    }

    public var displayName: String {
        [givenName, familyName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// "Maria López (parent)": how a session or a list names the contact.
    public var label: String { "\(displayName) (\(relationship.title.lowercased()))" }

    /// "Maria López (parent) 555-0142 · Spanish": one contact on the profile's Family line.
    public var summary: String {
        ([label] + [phone, email, language].compactMap { $0 }).joined(separator: " · ")
    }

    /// The value of a field as text ("" when empty).
    public subscript(field: ContactField) -> String {
        get {
            switch field {
            case .givenName: givenName
            case .familyName: familyName
            case .relationship: relationship.rawValue
            case .phone: phone ?? ""
            case .email: email ?? ""
            case .language: language ?? ""
            }
        }
        set {
            let value = newValue.isEmpty ? nil : newValue
            switch field {
            case .givenName: givenName = newValue
            case .familyName: familyName = newValue
            case .relationship: relationship = ContactRelationship(rawValue: newValue) ?? relationship
            case .phone: phone = value
            case .email: email = value
            case .language: language = value
            }
        }
    }
}

/// How a contact is related to the student. The roster's roles map onto the first three.
public enum ContactRelationship: String, CaseIterable, Codable, Sendable {
    case parent, guardian, relative, other

    public var title: String {
        switch self {
        case .parent: "Parent"
        case .guardian: "Guardian"
        case .relative: "Relative"
        case .other: "Other"
        }
    }

    /// The relationship a OneRoster role gives, or nil for a role that is not family.
    public init?(rosterRole: String) {
        switch rosterRole.lowercased() {
        case "parent": self = .parent
        case "guardian": self = .guardian
        case "relative": self = .relative
        default: return nil
        }
    }
}

/// A field of a contact a counselor can edit (and a roster import may set).
public enum ContactField: String, CaseIterable, Codable, Sendable, Comparable {
    case givenName = "given-name", familyName = "family-name", relationship, phone, email, language

    public var title: String {
        switch self {
        case .givenName: "Given name"
        case .familyName: "Family name"
        case .relationship: "Relationship"
        case .phone: "Phone"
        case .email: "Email"
        case .language: "Home language"
        }
    }

    public static func < (lhs: ContactField, rhs: ContactField) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What each contact field may hold, whichever way it comes in (roster, command line, the
/// form on screen). The one place these rules live.
public enum ContactRules {
    /// A phone number is short: the longest international number with an extension fits.
    public static let phoneMaxLength = 40
    /// A language name ("Haitian Creole"), not a paragraph.
    public static let languageMaxLength = 60

    /// What is wrong with `value` for `field`, as the end of a sentence ("expected …"), or
    /// nil when nothing is. Empty passes for the optional fields and fails for names.
    public static func problem(_ field: ContactField, _ value: String) -> String? {
        switch field {
        case .givenName, .familyName:
            if value.trimmingCharacters(in: .whitespaces).isEmpty { return "a name (it cannot be empty)" }
            return TextField.name.problem(value)?.description
        case .relationship:
            return ContactRelationship(rawValue: value) == nil
                ? "one of \(ContactRelationship.allCases.map(\.rawValue).joined(separator: ", "))" : nil
        case .phone:
            guard !value.isEmpty else { return nil }
            if value.count > phoneMaxLength { return "a phone number of at most \(phoneMaxLength) characters (found \(value.count))" }
            let allowed = Set("0123456789 +-().xXet#")
            guard value.contains(where: \.isASCII) && value.contains(where: { $0.isNumber }),
                  value.allSatisfy({ allowed.contains($0) }) else {
                return "a phone number: digits, spaces, + ( ) - . and an extension such as x12"
            }
            return nil
        case .email:
            guard !value.isEmpty else { return nil }
            if let problem = TextField.identifier.problem(value) { return problem.description }
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !value.contains(where: \.isWhitespace) else {
                return "an email address such as name@example.org"
            }
            return nil
        case .language:
            guard !value.isEmpty else { return nil }
            if value.count > languageMaxLength {
                return "a language name of at most \(languageMaxLength) characters (found \(value.count))"
            }
            return TextField.name.problem(value)?.description
        }
    }
}
