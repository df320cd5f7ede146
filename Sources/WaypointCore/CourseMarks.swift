import Foundation

/// Where an imported course mark came from.
public enum MarkSource: String, CaseIterable, Codable, Sendable {
    /// `waypoint import abc` (the course-marks layout).
    case abc
    /// `waypoint import transcript`.
    case transcript

    public var title: String {
        switch self {
        case .abc: "ABC marks"
        case .transcript: "transcript"
        }
    }
}

/// A final mark from a district file, on its way into the student's plan.
public struct ImportedMark: Equatable, Sendable {
    public var studentId: Int64
    /// "2026-FA": which school year (and so which plan year) the course was taken in.
    public var term: String
    /// The course as the file names it: a code ("MATH-101") or a title ("Algebra I").
    public var course: String
    /// The course's title when the file gives one besides a code.
    public var title: String?
    /// The subject as the file writes it ("Mathematics"); nil: not given.
    public var subject: String?
    public var mark: ABCMark
    /// Nil: the file gives none (an ABC row with 0 credits attempted); the term's default
    /// (`CourseMarks.defaultCredits`) is used.
    public var credits: Double?
    public var source: MarkSource

    public init(studentId: Int64, term: String, course: String, title: String? = nil, subject: String? = nil,
                mark: ABCMark, credits: Double?, source: MarkSource) {
        self.studentId = studentId
        self.term = term
        self.course = course
        self.title = title
        self.subject = subject
        self.mark = mark
        self.credits = credits
        self.source = source
    }

    /// An ABC course-marks row as a mark for the plan: credits attempted are the course's
    /// credits (a failed course attempted them and earned none). Fewer than a plan course
    /// holds (`FieldRules.courseCredits`, from 0.25), 0 included, count as none given.
    public init(_ mark: ABCCourseMark) {
        let credits = FieldRules.courseCredits.range.contains(mark.creditsAttempted) ? mark.creditsAttempted : nil
        self.init(studentId: mark.studentId, term: mark.term, course: mark.course, subject: mark.subject, mark: mark.mark,
                  credits: credits, source: .abc)
    }

    /// The title a course added from this mark gets.
    public var courseTitle: String { title ?? course }
}

/// What an import put into a plan course, kept beside the course (local table
/// `plan_course_mark`): where the course came from, and the district's values when the
/// counselor's own entry says something else.
public struct CourseMarkLink: Equatable, Sendable {
    public var studentId: Int64
    /// Nil once the counselor removed the course: a re-import does not bring it back.
    public var planCourseId: Int64?
    public var source: MarkSource
    public var term: String
    public var course: String
    /// The district's mark and credits, as last imported.
    public var mark: String
    public var credits: Double
    /// True when the import added the course; false when it filled in (or disagrees with) a
    /// course the counselor had entered.
    public var addedCourse: Bool
    /// The counselor's entry disagrees with the district's: theirs is kept and shown with
    /// the district's values beside it until the counselor takes one.
    public var isConflict: Bool

    public init(studentId: Int64, planCourseId: Int64?, source: MarkSource, term: String, course: String, mark: String,
                credits: Double, addedCourse: Bool, isConflict: Bool) {
        self.studentId = studentId
        self.planCourseId = planCourseId
        self.source = source
        self.term = term
        self.course = course
        self.mark = mark
        self.credits = credits
        self.addedCourse = addedCourse
        self.isConflict = isConflict
    }

    /// "B+, 1 cr": the district's values, as the plan's conflict marker shows them.
    public var importedText: String { "\(mark), \(CreditFormat.text(credits)) cr" }
}

/// The rules that place imported marks in plans (docs/IMPORTING.md, "Marks in the plan").
public enum CourseMarks {
    /// Terms whose calendar year is the second of its school year: a school year runs
    /// August to June, so winter and spring terms (and the summer after) belong to the
    /// school year that began the August before. Every other code (FA, S1, Q1, Q2, T1, YR,
    /// and any code a district makes up) is taken to begin its school year.
    static let secondHalfCodes: Set<String> = ["WI", "SP", "SU", "S2", "Q3", "Q4", "T2", "T3"]

    /// The calendar year in August of the school year the term belongs to: "2026-FA" and
    /// "2027-SP" are both 2026. Nil for a term that is not "YYYY-CODE".
    public static func schoolYearStart(ofTerm term: String) -> Int? {
        guard ABCTerm.isValid(term) else { return nil }
        let parts = term.split(separator: "-", maxSplits: 1)
        guard let year = Int(parts[0]) else { return nil }
        return secondHalfCodes.contains(parts[1].uppercased()) ? year - 1 : year
    }

    /// The grade the student was in during `term`: the grade now, less one for each school
    /// year between. Nil when that is no grade at all (before pre-kindergarten).
    public static func grade(ofTerm term: String, studentGrade: Grade, today: CivilDate) -> Grade? {
        guard let start = schoolYearStart(ofTerm: term) else { return nil }
        let yearsAgo = MilestoneProgress.schoolYearStart(containing: today) - start
        return Grade(rawValue: studentGrade.rawValue - yearsAgo)
    }

    /// Credits for a mark whose file gives none, by the term's length: a year-long course
    /// (YR, FY) 1, a quarter (Q1-Q4) 0.25, a trimester (T1-T3) 0.33, any other term (a
    /// semester or season) 0.5.
    public static func defaultCredits(ofTerm term: String) -> Double {
        let code = term.split(separator: "-", maxSplits: 1).last.map { $0.uppercased() } ?? ""
        if ["YR", "FY"].contains(code) { return 1 }
        if code.count == 2, code.first == "Q" { return 0.25 }
        if code.count == 2, code.first == "T" { return 0.33 }
        return 0.5
    }

    /// A course name as matching compares it: case, accents, punctuation and spacing
    /// ignored, "&" read as "and", Roman numerals I to IV as digits ("Algebra I" is
    /// "algebra 1", "U.S. History" is "us history": a point joins, it does not separate).
    public static func matchKey(_ text: String) -> String {
        let folded = SearchText.fold(text).replacingOccurrences(of: "&", with: " and ").replacingOccurrences(of: ".", with: "")
        let words = folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        let numerals = ["i": "1", "ii": "2", "iii": "3", "iv": "4"]
        return words.map { numerals[$0] ?? $0 }.joined(separator: " ")
    }

    /// The mark names this course: the file's code or title is, once normalized, the
    /// course's title.
    public static func matches(_ course: PlannedCourse, _ mark: ImportedMark) -> Bool {
        sameCourse(course.title, code: mark.course, title: mark.title)
    }

    /// The one rule that says a plan course's title names a course known by a code and a
    /// title (an imported mark, a course of the catalog): either, once normalized
    /// (`matchKey`), is the title.
    public static func sameCourse(_ planTitle: String, code: String, title: String?) -> Bool {
        let key = matchKey(planTitle)
        guard !key.isEmpty else { return false }
        return key == matchKey(code) || title.map { matchKey($0) == key } == true
    }

    /// The subject area a mark's subject names: an area whose id or title matches it
    /// ("Mathematics" and "Math" both name `math`), else electives.
    public static func subjectArea(_ subject: String?, areas: [RequirementSetCatalog.SubjectArea]) -> String {
        let fallback = areas.contains { $0.id == "elective" } ? "elective" : (areas.last?.id ?? "elective")
        guard let subject, !subject.isEmpty else { return fallback }
        let key = matchKey(subject)
        let aliases = ["mathematics": "math", "english language arts": "english", "ela": "english",
                       "physical education": "pe", "arts": "fine-arts", "art": "fine-arts", "social science": "social-studies",
                       "history": "social-studies", "career and technical education": "cte", "foreign language": "world-language"]
        if let area = areas.first(where: { matchKey($0.id) == key || matchKey($0.title) == key }) { return area.id }
        if let alias = aliases[key], areas.contains(where: { $0.id == alias }) { return alias }
        return fallback
    }

    /// A course's level as its title says it: "AP …", "IB …", "… Honors", "Dual Credit …" or
    /// "Dual Enrollment …"; a career and technical course is CTE; anything else standard.
    public static func level(ofTitle title: String, subject: String) -> CourseLevel {
        let key = " \(matchKey(title)) "
        if key.hasPrefix(" ap ") { return .ap }
        if key.hasPrefix(" ib ") { return .ib }
        if key.contains(" honors ") { return .honors }
        if key.contains(" dual credit ") || key.contains(" dual enrollment ") { return .dualCredit }
        return subject == "cte" ? .cte : .standard
    }

    /// What importing one mark does to a plan.
    public enum Placement: Equatable, Sendable {
        /// A new completed (or failed) course.
        case add(PlannedCourse)
        /// A course the counselor entered as planned or in progress, now completed with the
        /// district's mark; or a course an import added, corrected by a later file.
        case update(PlannedCourse)
        /// The counselor's entry says something else: it is kept; the district's values are
        /// shown beside it.
        case conflict(PlannedCourse)
        /// Already in the plan as the district says.
        case unchanged
        /// The counselor removed the course the mark was placed in: it stays removed.
        case removed
        /// The term falls outside the plan's years (grades 9-12, or 6-12 at a school
        /// starting in the middle grades): a middle-school course is no high-school credit.
        case outsidePlan
    }

    /// Where one mark goes. `years` are the plan's (`PlanYears`), `links` the student's
    /// existing links, `previous` the one of this mark (same student, term and course) if it
    /// was imported before.
    public static func place(_ mark: ImportedMark, year: Grade?, years: [Grade], credits: Double, subject: String,
                             courses: [PlannedCourse], links: [CourseMarkLink], previous: CourseMarkLink?) -> Placement {
        let markText = mark.mark.description
        func agrees(_ course: PlannedCourse) -> Bool {
            course.status == .completed && course.gradeEarned.map { $0.uppercased() } == markText
                && abs(course.credits - credits) < CreditTally.tolerance
        }
        func completed(_ course: PlannedCourse) -> PlannedCourse {
            var course = course
            course.status = .completed
            course.gradeEarned = markText
            course.credits = credits
            course.term = course.term ?? mark.term
            return course
        }
        if let previous {
            guard let id = previous.planCourseId, let course = courses.first(where: { $0.id == id }) else { return .removed }
            if agrees(course) { return previous.isConflict || previous.mark != markText || previous.credits != credits ? .update(course) : .unchanged }
            // The course still holds what the last import put there: the district corrected it.
            let untouched = course.status == .completed && course.gradeEarned == previous.mark
                && abs(course.credits - previous.credits) < CreditTally.tolerance
            if untouched, !previous.isConflict { return .update(completed(course)) }
            return .conflict(course)
        }
        guard let year, years.contains(year) else { return .outsidePlan }
        let taken = Set(links.compactMap(\.planCourseId))
        let candidates = courses.filter { $0.year == year && !taken.contains($0.id ?? -1) && matches($0, mark) }
        // A course not yet completed first: a retaken course fills in the retake's entry.
        if let course = candidates.first(where: { $0.status != .completed }) ?? candidates.first {
            if agrees(course) { return .update(course) }
            if course.status != .completed, abs(course.credits - credits) < CreditTally.tolerance {
                return .update(completed(course))
            }
            return .conflict(course)
        }
        return .add(PlannedCourse(studentId: mark.studentId, year: year, title: mark.courseTitle, subject: subject,
                                  credits: credits, level: level(ofTitle: mark.courseTitle, subject: subject), term: mark.term,
                                  status: .completed, gradeEarned: markText))
    }
}

/// What placing a file's marks in plans did, for the import's summary.
public struct MarkPlacementSummary: Equatable, Sendable, Codable {
    public var added = 0
    public var completed = 0
    public var unchanged = 0
    public var removed = 0
    public var outsidePlan = 0
    /// The counselor's entry kept over the district's, one line each.
    public var conflicts: [String] = []

    public init() {}

    /// Plain lines: what changed, then each conflict.
    public var lines: [String] {
        var lines = ["Plans: \(added) \(added == 1 ? "course" : "courses") added as completed, "
            + "\(completed) planned \(completed == 1 ? "course" : "courses") completed or corrected, \(unchanged) unchanged"]
        if outsidePlan > 0 {
            lines.append("  \(outsidePlan) \(outsidePlan == 1 ? "mark" : "marks") from grades outside the plan's years not placed")
        }
        if removed > 0 {
            lines.append("  \(removed) \(removed == 1 ? "mark" : "marks") of courses a counselor removed from the plan left out")
        }
        if !conflicts.isEmpty {
            lines.append("  \(conflicts.count) \(conflicts.count == 1 ? "course differs" : "courses differ") from the counselor's entry; "
                + "the counselor's is kept and the district's shown beside it on the plan:")
            lines += conflicts.prefix(20).map { "    \($0)" }
            if conflicts.count > 20 { lines.append("    and \(conflicts.count - 20) more") }
        }
        return lines
    }
}
