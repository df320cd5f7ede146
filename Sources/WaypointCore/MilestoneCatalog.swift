import Foundation

/// The college and career milestones a district tracks, each expected in one grade and
/// due in one month of that grade's school year (FAFSA in December of grade 12, say), and
/// each for the students whose postsecondary goal it serves (FAFSA for college, ASVAB for
/// the military). Kindergarten to grade 12, in the three stages of DOMAIN.md [004].
public struct MilestoneCatalog: Equatable, Sendable {
    public struct Milestone: Identifiable, Equatable, Sendable {
        public var id: String
        public var title: String
        /// The grade the milestone is expected in (K-12).
        public var grade: Grade
        /// The goals it applies to: goal families ("college"), single goals ("apprenticeship")
        /// or "all". Which milestones a student has is always read from here, never stored per
        /// student, so changing a goal or a district's catalog needs no data migrated or synced.
        public var goals: [String]
        /// The month (1-12) it is due in; August-December fall in the first calendar year
        /// of the school year, January-July in the second.
        public var dueMonth: Int
        /// Done once the plan has a pathway ("Pathway selection"): the milestone reads the
        /// plan instead of waiting to be marked, so a chosen pathway never sits beside an
        /// overdue "choose a pathway".
        public var doneByPathway: Bool
        /// Done once the student has a result on any of these tests (catalog `completedBy`,
        /// ids of assessments.json): "PSAT" reads the PSAT/NMSQT results, "SAT or ACT" either.
        public var completedByAssessments: [String]

        public init(id: String, title: String, grade: Grade, dueMonth: Int, doneByPathway: Bool = false,
                    goals: [String] = [MilestoneCatalog.allGoals], completedByAssessments: [String] = []) {
            self.id = id
            self.title = title
            self.grade = grade
            self.dueMonth = dueMonth
            self.doneByPathway = doneByPathway
            self.goals = goals
            self.completedByAssessments = completedByAssessments
        }

        /// Whether a student headed for `goal` has this milestone.
        public func applies(to goal: PostsecondaryGoal) -> Bool {
            goals.contains { $0 == MilestoneCatalog.allGoals || $0 == goal.family.rawValue || $0 == goal.rawValue }
        }

        public var band: GradeBand { GradeBand(grade) }
    }

    /// Milestones run from kindergarten to grade 12.
    public static let grades = 0...12
    /// The word for "every goal" in a catalog entry's `goals`.
    public static let allGoals = "all"
    /// Every word `goals` accepts: "all", the goal families, then the single goals.
    /// ("military" and "undecided" are both a family and a goal: listed once).
    public static let goalWords: [String] = {
        let words = [allGoals] + GoalFamily.allCases.map(\.rawValue) + PostsecondaryGoal.allCases.map(\.rawValue)
        return words.enumerated().filter { !words[..<$0.offset].contains($0.element) }.map(\.element)
    }()
    /// The school year starts in August, so an August-July year orders due months.
    public static let schoolYearStartMonth = 8

    public var milestones: [Milestone]

    public init(milestones: [Milestone]) {
        self.milestones = milestones
    }

    public func milestone(_ id: String) -> Milestone? { milestones.first { $0.id == id } }

    public func title(of id: String) -> String { milestone(id)?.title ?? id }

    /// The milestones a student headed for `goal` has in a plan spanning `years`, in catalog
    /// order. One rule for the plan, the summaries, the to-do list and the reports.
    public func milestones(for goal: PostsecondaryGoal, years: (Grade) -> Bool) -> [Milestone] {
        milestones.filter { years($0.grade) && $0.applies(to: goal) }
    }

    /// The milestones expected in a grade, in the order they fall due across its school
    /// year (October before March), file order among those due in the same month.
    public func milestones(forGrade grade: Grade) -> [Milestone] {
        let position = { (month: Int) in (month - Self.schoolYearStartMonth + 12) % 12 }
        return milestones.enumerated()
            .filter { $0.element.grade == grade }
            .sorted { (position($0.element.dueMonth), $0.offset) < (position($1.element.dueMonth), $1.offset) }
            .map(\.element)
    }

    /// When a milestone is due for a student who is in `gradeNow` during the school year
    /// that starts in August of `schoolYearStart`: the last day of the due month in the
    /// school year the student is in the milestone's grade. The last day, because "due in
    /// October" means the student has all of October; a date inside the month would mark
    /// work overdue that the counselor still counts as on time. A milestone of an earlier
    /// grade gets a date in the past, which is what makes it show as overdue.
    public static func dueDate(for milestone: Milestone, gradeNow: Grade, schoolYearStart: Int) -> CivilDate {
        let startYear = schoolYearStart + milestone.grade.rawValue - gradeNow.rawValue
        let year = milestone.dueMonth >= schoolYearStartMonth ? startYear : startYear + 1
        let firstOfNextMonth = milestone.dueMonth == 12
            ? CivilDate(year: year + 1, month: 1, day: 1)
            : CivilDate(year: year, month: milestone.dueMonth + 1, day: 1)
        return firstOfNextMonth.adding(days: -1)
    }

    public static func decode(_ source: CatalogSource) throws -> MilestoneCatalog {
        struct Entry: Decodable {
            var id: String
            var title: String
            var grade: Int
            var dueMonth: Int
            var doneByPathway: Bool?
            var goals: [String]?
            var completedBy: CompletedBy?
        }
        // `{"assessment": "psat"}` or `{"assessments": ["sat", "act"]}`.
        struct CompletedBy: Decodable {
            var assessment: String?
            var assessments: [String]?
        }
        struct File: Decodable { var milestones: [Entry]? }
        let check = CatalogCheck(source)
        let entries = try check.nonEmpty(try check.decode(File.self).milestones, at: "milestones",
                                         of: "{\"id\", \"title\", \"grade\", \"dueMonth\"}")
        var milestones: [Milestone] = []
        for (index, entry) in entries.enumerated() {
            let key = "milestones[\(index)]"
            try check.entry(id: entry.id, title: entry.title, at: key)
            try check.range(entry.grade, in: grades, at: key + ".grade", what: "a grade (0 is kindergarten)")
            try check.range(entry.dueMonth, in: 1...12, at: key + ".dueMonth", what: "a month")
            // No `goals`: every goal, as catalogs written before goals existed meant.
            let goals = entry.goals ?? [allGoals]
            if goals.isEmpty { throw check.error(key + ".goals", "expected at least one goal, or \"all\"") }
            for (position, goal) in goals.enumerated() where !goalWords.contains(goal) {
                throw check.error("\(key).goals[\(position)]", "expected one of \(goalWords.joined(separator: ", ")), found \"\(goal)\"")
            }
            try check.unique(goals, at: { "\(key).goals[\($0)]" })
            var tests: [String] = []
            if let completedBy = entry.completedBy {
                let keyed = (completedBy.assessment.map { [("\(key).completedBy.assessment", $0)] } ?? [])
                    + (completedBy.assessments ?? []).enumerated().map { ("\(key).completedBy.assessments[\($0.offset)]", $0.element) }
                if keyed.isEmpty {
                    throw check.error(key + ".completedBy", "expected {\"assessment\": \"an assessment id\"} or {\"assessments\": [ids]}")
                }
                for (at, test) in keyed { try check.id(test, at: at) }
                tests = keyed.map(\.1)
            }
            milestones.append(Milestone(id: entry.id, title: entry.title, grade: Grade(rawValue: entry.grade)!,
                                        dueMonth: entry.dueMonth, doneByPathway: entry.doneByPathway ?? false, goals: goals,
                                        completedByAssessments: tests))
        }
        try check.unique(milestones.map(\.id), at: { "milestones[\($0)].id" })
        return MilestoneCatalog(milestones: milestones)
    }
}

/// The three K-12 stages of career development (DOMAIN.md, seed [004]): awareness (K-4,
/// discovering interests and strengths), understanding (5-9, exploring the options, a
/// pathway chosen by the end of grade 8), readiness (10-12, concrete goals and the steps
/// after high school).
public enum GradeBand: String, CaseIterable, Sendable {
    case awareness, understanding, readiness

    public init(_ grade: Grade) {
        switch grade.rawValue {
        case ...4: self = .awareness
        case 5...9: self = .understanding
        default: self = .readiness
        }
    }

    public var title: String {
        switch self {
        case .awareness: "Awareness"
        case .understanding: "Understanding"
        case .readiness: "Readiness"
        }
    }
}
