/// A OneRoster bundle after it was read and validated: only what Waypoint keeps, with every
/// reference already checked. The importer (Interchange) builds it; the store applies it, so
/// the store never sees a CSV file and the importer never sees the database.
public struct RosterBundle: Equatable, Sendable, Codable {
    /// How a file in the manifest delivers its rows.
    public enum Mode: String, Equatable, Sendable, Codable {
        /// The whole set: a row absent from the file is no longer in the district.
        case bulk
        /// Changes only: absent rows are unchanged; `tobedeleted` rows leave.
        case delta
        /// The file is not part of this bundle.
        case absent
    }

    public var version: String
    public var orgsMode: Mode
    public var usersMode: Mode
    public var demographicsMode: Mode
    public var schools: [RosterSchool]
    public var students: [RosterStudent]
    public var counselors: [RosterCounselor]
    /// Counselor and student sourcedIds that belong together.
    public var caseloads: [RosterCaseload]
    /// Parents, guardians and relatives linked to at least one student.
    public var contacts: [RosterContact]
    /// courses.csv, kept for the course catalog (a roster without the file: none, `absent`).
    public var courses: [RosterCourse]
    public var coursesMode: Mode

    public init(version: String, orgsMode: Mode, usersMode: Mode, demographicsMode: Mode,
                schools: [RosterSchool], students: [RosterStudent], counselors: [RosterCounselor],
                caseloads: [RosterCaseload], contacts: [RosterContact] = [], courses: [RosterCourse] = [],
                coursesMode: Mode = .absent) {
        self.version = version
        self.orgsMode = orgsMode
        self.usersMode = usersMode
        self.demographicsMode = demographicsMode
        self.schools = schools
        self.students = students
        self.counselors = counselors
        self.caseloads = caseloads
        self.contacts = contacts
        self.courses = courses
        self.coursesMode = coursesMode
    }

    private enum CodingKeys: String, CodingKey {
        case version, orgsMode, usersMode, demographicsMode, schools, students, counselors, caseloads, contacts
        case courses, coursesMode
    }

    /// A bundle kept by an import that an older Waypoint began has no contacts or courses.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(version: try container.decode(String.self, forKey: .version),
                  orgsMode: try container.decode(Mode.self, forKey: .orgsMode),
                  usersMode: try container.decode(Mode.self, forKey: .usersMode),
                  demographicsMode: try container.decode(Mode.self, forKey: .demographicsMode),
                  schools: try container.decode([RosterSchool].self, forKey: .schools),
                  students: try container.decode([RosterStudent].self, forKey: .students),
                  counselors: try container.decode([RosterCounselor].self, forKey: .counselors),
                  caseloads: try container.decode([RosterCaseload].self, forKey: .caseloads),
                  contacts: try container.decodeIfPresent([RosterContact].self, forKey: .contacts) ?? [],
                  courses: try container.decodeIfPresent([RosterCourse].self, forKey: .courses) ?? [],
                  coursesMode: try container.decodeIfPresent(Mode.self, forKey: .coursesMode) ?? .absent)
    }
}

/// A user with the parent, guardian or relative role, and the students it belongs to.
public struct RosterContact: Equatable, Sendable, Codable {
    public var sourcedId: String
    public var givenName: String
    public var familyName: String
    public var relationship: ContactRelationship
    public var phone: String?
    public var email: String?
    public var language: String?
    /// The students' sourcedIds, from either side's `agentSourcedIds`, in the roster's order.
    public var studentSourcedIds: [String]
    public var isActive: Bool

    public init(sourcedId: String, givenName: String, familyName: String, relationship: ContactRelationship,
                phone: String? = nil, email: String? = nil, language: String? = nil, studentSourcedIds: [String],
                isActive: Bool = true) {
        self.sourcedId = sourcedId
        self.givenName = givenName
        self.familyName = familyName
        self.relationship = relationship
        self.phone = phone
        self.email = email
        self.language = language
        self.studentSourcedIds = studentSourcedIds
        self.isActive = isActive
    }

    /// The value the roster gives for a contact field (nil when empty).
    public func value(_ field: ContactField) -> String? {
        switch field {
        case .givenName: givenName
        case .familyName: familyName
        case .relationship: relationship.rawValue
        case .phone: phone
        case .email: email
        case .language: language
        }
    }
}

/// An org a student can belong to (a school, or whatever org type the roster puts students in).
public struct RosterSchool: Equatable, Sendable, Codable {
    public var sourcedId: String
    public var name: String
    /// The district (or parent org) it sits under, as the roster names it.
    public var parentSourcedId: String?

    public init(sourcedId: String, name: String, parentSourcedId: String?) {
        self.sourcedId = sourcedId
        self.name = name
        self.parentSourcedId = parentSourcedId
    }
}

/// A student row merged from users, roles and demographics.
public struct RosterStudent: Equatable, Sendable, Codable {
    public var sourcedId: String
    public var localId: String
    public var givenName: String
    public var middleName: String?
    public var familyName: String
    public var preferredName: String?
    /// Nil when the roster gives no grade: an existing student keeps theirs.
    public var grade: Grade?
    public var schoolSourcedId: String
    /// Nil when the bundle has no demographics row for the student (the stored values stay).
    public var demographics: RosterDemographics?
    /// False for `tobedeleted` (or `inactive`) rows.
    public var isActive: Bool

    public init(sourcedId: String, localId: String, givenName: String, middleName: String?,
                familyName: String, preferredName: String?, grade: Grade?, schoolSourcedId: String,
                demographics: RosterDemographics?, isActive: Bool) {
        self.sourcedId = sourcedId
        self.localId = localId
        self.givenName = givenName
        self.middleName = middleName
        self.familyName = familyName
        self.preferredName = preferredName
        self.grade = grade
        self.schoolSourcedId = schoolSourcedId
        self.demographics = demographics
        self.isActive = isActive
    }
}

/// What demographics.csv says about one student, already mapped to Waypoint's fields.
public struct RosterDemographics: Equatable, Sendable, Codable {
    /// ISO 8601 date, "2010-04-17".
    public var birthDate: String?
    /// OneRoster `sex`: male, female, unspecified or other.
    public var gender: String?
    /// The race and ethnicity flags that are true, comma-separated in the standard's order.
    public var raceEthnicity: String?

    public init(birthDate: String?, gender: String?, raceEthnicity: String?) {
        self.birthDate = birthDate
        self.gender = gender
        self.raceEthnicity = raceEthnicity
    }
}

/// A user with the counselor role.
public struct RosterCounselor: Equatable, Sendable, Codable {
    public var sourcedId: String
    public var username: String?
    public var givenName: String
    public var familyName: String
    public var email: String?
    public var isActive: Bool

    public init(sourcedId: String, username: String?, givenName: String, familyName: String,
                email: String?, isActive: Bool) {
        self.sourcedId = sourcedId
        self.username = username
        self.givenName = givenName
        self.familyName = familyName
        self.email = email
        self.isActive = isActive
    }
}

public struct RosterCaseload: Hashable, Sendable, Codable {
    public var counselorSourcedId: String
    public var studentSourcedId: String

    public init(counselorSourcedId: String, studentSourcedId: String) {
        self.counselorSourcedId = counselorSourcedId
        self.studentSourcedId = studentSourcedId
    }
}
