import TerminalKit
import WaypointCore

/// A caseload row as the CLI prints it.
struct StudentRow: Encodable {
    var localId: String
    var sourcedId: String?
    var familyName: String
    var givenName: String
    var preferredName: String?
    var grade: String
    var school: String
    /// False for a student added by hand (`WalkIn`), until a roster import merges them.
    var fromRoster: Bool

    init(_ entry: CaseloadEntry) {
        localId = entry.student.localId
        sourcedId = entry.student.sourcedId
        familyName = entry.student.familyName
        givenName = entry.student.givenName
        preferredName = entry.student.preferredName
        grade = entry.student.grade.description
        school = entry.schoolName
        fromRoster = !entry.student.isWalkIn
    }

    var listName: String {
        let first = preferredName.flatMap { $0.isEmpty ? nil : $0 } ?? givenName
        return familyName.isEmpty ? first : "\(familyName), \(first)"
    }

    static let csvHeader = ["localId", "sourcedId", "familyName", "givenName", "preferredName", "grade", "school", "fromRoster"]
    var csvFields: [String] {
        [localId, sourcedId ?? "", familyName, givenName, preferredName ?? "", grade, school, fromRoster ? "yes" : "no"]
    }
}

/// One student in full, for `waypoint student show`.
struct StudentDetail: Encodable {
    var localId: String
    var sourcedId: String?
    var givenName: String
    var middleName: String?
    var familyName: String
    var preferredName: String?
    var grade: String
    var school: String
    var counselors: [String]
    var birthDate: String?
    var gender: String?
    var raceEthnicity: String?
    var englishLearner: Bool?
    var specialEducation: Bool?
    var economicallyDisadvantaged: Bool?
    var active: Bool
    /// False for a student added by hand (`WalkIn`), until a roster import merges them.
    var fromRoster: Bool
    /// Who added them by hand and on which day ("Dana Whitfield, 2026-12-03"); kept after a merge.
    var addedByHand: String?
    /// The latest term's ABCs in one line, as on the profile (without the sparklines).
    var abcs: String
    /// 1 to 3; absent when there is no ABC data at all, which `tierReasons` then says.
    var tier: Int?
    var tierTerm: String?
    var tierReasons: [String]
    /// The tier and its reasons as the profile's line ("Tier 2: …" or "No tier: …").
    var tierLine: String

    init(student: Student, school: String, counselors: [String], abc: ABCBatch, rules: EarlyWarningRules) {
        localId = student.localId
        sourcedId = student.sourcedId
        givenName = student.givenName
        middleName = student.middleName
        familyName = student.familyName
        preferredName = student.preferredName
        grade = student.grade.description
        self.school = school
        self.counselors = counselors
        birthDate = student.birthDate
        gender = student.gender
        raceEthnicity = student.raceEthnicity
        englishLearner = student.englishLearner
        specialEducation = student.specialEducation
        economicallyDisadvantaged = student.economicallyDisadvantaged
        active = student.isActive
        fromRoster = !student.isWalkIn
        abcs = abc.summaryLine()
        let assessment = abc.assessment(rules: rules)
        tier = assessment.tier
        tierTerm = assessment.term
        tierReasons = assessment.reasons
        tierLine = assessment.line
    }

    /// Label: value lines; data is sanitized because it is printed to a terminal.
    var text: String {
        func yesNo(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "not recorded" }
        let legal = [givenName, middleName ?? "", familyName].filter { !$0.isEmpty }.joined(separator: " ")
        let rosterId = sourcedId ?? (fromRoster ? "—" : "none: \(WalkIn.mark) (added by hand)")
        var pairs: [(String, String)] = [
            ("Name", legal),
            ("Preferred name", preferredName ?? "—"),
            ("Local ID", localId),
            ("Roster ID", rosterId),
            ("Grade", grade),
            ("School", school),
            ("Counselor", counselors.isEmpty ? "none assigned" : counselors.joined(separator: ", ")),
            ("Status", active ? "active" : "inactive"),
        ]
        if let addedByHand { pairs.append(("Added by hand", addedByHand)) }
        pairs += [
            ("Birth date", birthDate ?? "not recorded"),
            ("Gender", gender ?? "not recorded"),
            ("Race/ethnicity", raceEthnicity.map(RaceEthnicity.title).flatMap { $0.isEmpty ? nil : $0 } ?? "not recorded"),
            ("English learner", yesNo(englishLearner)),
            ("Special education", yesNo(specialEducation)),
            ("Economically disadvantaged", yesNo(economicallyDisadvantaged)),
        ]
        let width = pairs.map { $0.0.count }.max() ?? 0
        return pairs.map { "\($0.0.padding(toLength: width, withPad: " ", startingAt: 0))  \(Sanitizer.sanitize($0.1))\n" }
            .joined() + "\(Sanitizer.sanitize(abcs))\n\(Sanitizer.sanitize(tierLine))\n"
    }
}
