/// A student a counselor adds by hand (a walk-in, new to the school today) before any roster
/// brings them. The rules for such a student live here, once, for the screen's form and
/// `waypoint student add`:
///
/// - they land on the adding counselor's caseload, marked "not from the roster";
/// - a roster import whose student has the same local ID (users.csv `identifier`, or its
///   `sourcedId` when that is empty, exactly as stored) merges into them: the roster's
///   sourcedId and fields take over, and everything recorded stays, as it hangs off the
///   same row. Names that differ do not stop the merge (the local ID is the school's own
///   number for the student); the import summary names each such student with both names;
/// - two students never share a local ID (the database refuses the second), so a merge has
///   one candidate at most;
/// - without a local ID, a placeholder (`walk-in-N`) stands in, and no import can match it.
public enum WalkIn {
    /// The `student.source` values (migration v20-walkin).
    public static let source = "walk-in"
    public static let rosterSource = "roster"
    /// The words that mark such a student wherever students are shown.
    public static let mark = "not from the roster"
    /// The short mark after a name in a table row.
    public static let rowMark = "(walk-in)"
    /// Stands in for a local ID the school has not given yet.
    public static let placeholderPrefix = "walk-in-"

    public static func isPlaceholder(_ localId: String) -> Bool { localId.hasPrefix(placeholderPrefix) }

    /// The form's and the CLI's fields, as typed.
    public enum Field: String, CaseIterable, Sendable {
        case givenName, familyName, grade, school, localId, birthDate

        public var title: String {
            switch self {
            case .givenName: "Given name"
            case .familyName: "Family name"
            case .grade: "Grade"
            case .school: "School"
            case .localId: "Local ID"
            case .birthDate: "Date of birth"
            }
        }
    }

    /// What is wrong with `value` for `field`, as the end of a sentence ("expected …"), or nil.
    public static func problem(_ field: Field, _ value: String) -> String? {
        let value = value.trimmingCharacters(in: .whitespaces)
        switch field {
        case .givenName, .familyName:
            if value.isEmpty { return "a name (it cannot be empty)" }
            return TextField.name.problem(value)?.description
        case .grade:
            return Grade(value) == nil ? "a grade: PK, K or 1 to 13" : nil
        case .school:
            return value.isEmpty ? "a school" : nil
        case .localId:
            guard !value.isEmpty else { return nil }
            if isPlaceholder(value) { return "the school's own ID (\"\(placeholderPrefix)…\" is kept for students without one)" }
            if value.contains(where: \.isWhitespace) { return "an ID without spaces" }
            return TextField.identifier.problem(value)?.description
        case .birthDate:
            guard !value.isEmpty else { return nil }
            return CivilDate(iso: value) == nil ? "a date as YYYY-MM-DD, e.g. 2011-04-30" : nil
        }
    }

    /// The first problem among `values` as a sentence ("Grade: expected …."), or nil.
    public static func firstProblem(_ values: [Field: String]) -> String? {
        for field in Field.allCases {
            if let expected = problem(field, values[field] ?? "") { return "\(field.title): expected \(expected)." }
        }
        return nil
    }

    /// True when the typed names and the roster's are not the same person's names as far
    /// as folding (accents, case, spaces) can tell: reported, never blocking.
    public static func namesDiffer(_ typed: Student, givenName: String, familyName: String) -> Bool {
        SearchText.fold(typed.givenName) != SearchText.fold(givenName)
            || SearchText.fold(typed.familyName) != SearchText.fold(familyName)
    }
}

/// One walk-in merged by an import whose names differ from what the counselor typed.
public struct WalkInRename: Equatable, Sendable, Codable, CustomStringConvertible {
    public var localId: String
    public var typed: String
    public var roster: String

    public init(localId: String, typed: String, roster: String) {
        self.localId = localId
        self.typed = typed
        self.roster = roster
    }

    public var description: String { "\(localId): typed as \(typed), the roster says \(roster) (the roster's name is kept)" }
}

/// A walk-in student as checked from the form or the command line, ready to be added.
public struct NewWalkIn: Equatable, Sendable {
    public var givenName: String
    public var familyName: String
    public var grade: Grade
    public var schoolId: Int64
    /// Nil when the school has not given one yet (a placeholder stands in).
    public var localId: String?
    public var birthDate: CivilDate?

    public init(givenName: String, familyName: String, grade: Grade, schoolId: Int64, localId: String? = nil,
                birthDate: CivilDate? = nil) {
        self.givenName = givenName
        self.familyName = familyName
        self.grade = grade
        self.schoolId = schoolId
        self.localId = localId
        self.birthDate = birthDate
    }

    /// The typed values checked by `WalkIn.problem`; `school` is already resolved to an id
    /// (the form offers the schools, the CLI looks its option up).
    public static func parse(_ values: [WalkIn.Field: String], schoolId: Int64) -> Result<NewWalkIn, WalkInProblem> {
        var values = values
        values[.school] = String(schoolId)
        if let problem = WalkIn.firstProblem(values) { return .failure(WalkInProblem(message: problem)) }
        func value(_ field: WalkIn.Field) -> String { (values[field] ?? "").trimmingCharacters(in: .whitespaces) }
        return .success(NewWalkIn(givenName: value(.givenName), familyName: value(.familyName), grade: Grade(value(.grade))!,
                                  schoolId: schoolId, localId: value(.localId).isEmpty ? nil : value(.localId),
                                  birthDate: CivilDate(iso: value(.birthDate))))
    }
}

public struct WalkInProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
