/// A student as the counselor knows them: legal and preferred names, the district's local ID,
/// grade, school and the demographic fields that disaggregated reports need.
public struct Student: Identifiable, Equatable, Hashable, Sendable, Codable {
    public var id: Int64?
    /// The roster system's identifier (OneRoster `sourcedId`); nil for students entered by hand.
    public var sourcedId: String?
    /// The ID the school uses and the counselor types: unique in the district.
    public var localId: String
    public var givenName: String
    public var middleName: String?
    public var familyName: String
    public var preferredName: String?
    public var grade: Grade
    public var schoolId: Int64
    public var birthDate: String?
    public var gender: String?
    /// OneRoster race/ethnicity categories, comma-separated, as the roster gives them.
    public var raceEthnicity: String?
    public var englishLearner: Bool?
    public var specialEducation: Bool?
    public var economicallyDisadvantaged: Bool?
    /// Inactive students (left the district, removed from a roster) keep their records.
    public var isActive: Bool
    /// Added by hand by a counselor (a walk-in), not brought by a roster import: shown as
    /// "not from the roster" until an import that brings the same local ID merges them
    /// (`WalkIn`).
    public var isWalkIn: Bool

    public init(
        id: Int64? = nil, sourcedId: String? = nil, localId: String,
        givenName: String, middleName: String? = nil, familyName: String,
        preferredName: String? = nil, grade: Grade, schoolId: Int64,
        birthDate: String? = nil, gender: String? = nil, raceEthnicity: String? = nil,
        englishLearner: Bool? = nil, specialEducation: Bool? = nil,
        economicallyDisadvantaged: Bool? = nil, isActive: Bool = true, isWalkIn: Bool = false
    ) {
        self.id = id
        self.sourcedId = sourcedId
        self.localId = localId
        self.givenName = givenName
        self.middleName = middleName
        self.familyName = familyName
        self.preferredName = preferredName
        self.grade = grade
        self.schoolId = schoolId
        self.birthDate = birthDate
        self.gender = gender
        self.raceEthnicity = raceEthnicity
        self.englishLearner = englishLearner
        self.specialEducation = specialEducation
        self.economicallyDisadvantaged = economicallyDisadvantaged
        self.isActive = isActive
        self.isWalkIn = isWalkIn
    }
}

extension Student {
    /// The name a counselor calls the student by: preferred name when there is one.
    public var firstName: String {
        if let preferredName, !preferredName.isEmpty { return preferredName }
        return givenName
    }

    /// "Family, First" — the order a caseload is read and sorted in.
    public var listName: String {
        familyName.isEmpty ? firstName : "\(familyName), \(firstName)"
    }

    /// "First Family" for headings.
    public var displayName: String {
        familyName.isEmpty ? firstName : "\(firstName) \(familyName)"
    }

    /// "Minh Nguyễn (S100001)": where a student is named away from an ID column (the editor,
    /// a draft found at start-up), since two students can share a name.
    public var displayNameWithId: String {
        "\(displayName) (\(localId))"
    }

    /// The order a caseload is read in: folded family name, then first name, so that
    /// "Hernández" comes before "Hernández Ruiz" and "Núñez" sits with "Nunez".
    public var sortKey: String {
        SearchText.fold(familyName) + "\u{1}" + SearchText.fold(firstName)
    }

    /// The one order of students by name, for the caseload and the to-do list alike:
    /// `sortKey`, then the local ID (two students with one name keep a steady order).
    public static func precedesByName(_ lhs: (sortKey: String, localId: String),
                                      _ rhs: (sortKey: String, localId: String)) -> Bool {
        lhs.sortKey != rhs.sortKey ? lhs.sortKey < rhs.sortKey : lhs.localId < rhs.localId
    }

    /// Every name part and the ID, folded, in one string: what search matches against.
    /// CJK names also appear joined ("王伟"), the way they are written and typed.
    public var searchKey: String {
        ([familyName, givenName, preferredName ?? "", middleName ?? "", localId]
            .filter { !$0.isEmpty }
            .map(SearchText.fold) + unspacedFullNames)
            .joined(separator: " ")
    }
}
