import Foundation

/// One course a district offers: what the plan's course form completes from, what a
/// requirement set can name by code, and what `waypoint course list` shows.
public struct CatalogCourse: Equatable, Sendable {
    /// Where the course came from.
    public enum Source: String, Equatable, Sendable {
        /// courses.json: the built-in file or the district's own.
        case district
        /// The roster's courses.csv (`waypoint import oneroster`).
        case roster
    }

    /// The district's course code ("MTH-1010", "02052"); a roster course without a
    /// `courseCode` has its sourcedId here.
    public var code: String
    public var title: String
    /// A subject area id of requirement-sets.json.
    public var subject: String
    public var credits: Double
    public var level: CourseLevel
    /// The grades the course is offered in; empty: not said.
    public var grades: [Grade]
    /// Codes of the courses to take first.
    public var prerequisites: [String]
    public var source: Source

    public init(code: String, title: String, subject: String, credits: Double, level: CourseLevel = .standard,
                grades: [Grade] = [], prerequisites: [String] = [], source: Source = .district) {
        self.code = code
        self.title = title
        self.subject = subject
        self.credits = credits
        self.level = level
        self.grades = grades
        self.prerequisites = prerequisites
        self.source = source
    }

    /// A plan course is this course when its title is the course's title or code, compared
    /// as imported marks are matched to plan courses (`CourseMarks.sameCourse`).
    public func names(_ title: String) -> Bool {
        CourseMarks.sameCourse(title, code: code, title: self.title)
    }

    /// The course as a new plan course for `year`.
    public func planned(studentId: Int64, year: Grade) -> PlannedCourse {
        PlannedCourse(studentId: studentId, year: year, title: title, subject: subject, credits: credits, level: level)
    }
}

/// The district's course catalog: courses.json (built in, or the district's own in the
/// config folder) merged with the courses of the last roster import. See docs/CATALOGS.md.
public struct CourseCatalog: Equatable, Sendable {
    public var courses: [CatalogCourse] {
        didSet { (byCode, byTitle) = Self.index(courses) }
    }
    /// Positions in `courses` by `CourseMarks.matchKey` of code and of title: the rule of
    /// `CourseMarks.sameCourse`, looked up rather than compared course by course, since the
    /// plan asks it of every course it draws.
    private var byCode: [String: Int] = [:]
    private var byTitle: [String: Int] = [:]

    public init(courses: [CatalogCourse]) {
        self.courses = courses
        (byCode, byTitle) = Self.index(courses)
    }

    private static func index(_ courses: [CatalogCourse]) -> ([String: Int], [String: Int]) {
        var byCode: [String: Int] = [:], byTitle: [String: Int] = [:]
        for (position, course) in courses.enumerated() {
            byCode[CourseMarks.matchKey(course.code)] = byCode[CourseMarks.matchKey(course.code)] ?? position
            byTitle[CourseMarks.matchKey(course.title)] = byTitle[CourseMarks.matchKey(course.title)] ?? position
        }
        return (byCode, byTitle)
    }

    /// The course with this code (case, spacing and punctuation ignored).
    public func course(code: String) -> CatalogCourse? {
        let key = CourseMarks.matchKey(code)
        guard !key.isEmpty else { return nil }
        return byCode[key].map { courses[$0] }
    }

    /// The catalog course a plan course (or a typed title or code) is, if any: the one rule
    /// marks use too (`CourseMarks.sameCourse`). A code wins over a title.
    public func course(named title: String) -> CatalogCourse? {
        let key = CourseMarks.matchKey(title)
        guard !key.isEmpty else { return nil }
        return (byCode[key] ?? byTitle[key]).map { courses[$0] }
    }

    /// A plan course that is no catalog course was typed as free text.
    public func isFreeText(_ course: PlannedCourse) -> Bool {
        !courses.isEmpty && self.course(named: course.title) == nil
    }

    public func courses(inSubject subject: String?) -> [CatalogCourse] {
        guard let subject else { return courses }
        return courses.filter { $0.subject == subject }
    }

    /// Courses that complete what was typed, best first: a code typed in full, then titles
    /// and codes beginning with it, then titles with a word beginning with it. Nothing for
    /// what already names a course exactly by its title.
    public func completions(of typed: String, limit: Int = 5) -> [CatalogCourse] {
        let key = CourseMarks.matchKey(typed)
        guard !key.isEmpty else { return [] }
        var ranked: [(Int, Int, CatalogCourse)] = []
        for (index, course) in courses.enumerated() {
            let title = CourseMarks.matchKey(course.title), code = CourseMarks.matchKey(course.code)
            let rank: Int
            if code == key { rank = 0 }
            else if title.hasPrefix(key) { rank = 1 }
            else if code.hasPrefix(key) { rank = 2 }
            else if title.split(separator: " ").contains(where: { $0.hasPrefix(key) }) { rank = 3 }
            else { continue }
            ranked.append((rank, index, course))
        }
        return ranked.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(limit).map(\.2)
    }

    /// The prerequisites of `course` that no course of an earlier year than `year` in
    /// `plan` is (a failed one does not count). Codes the catalog does not have are skipped.
    public func missingPrerequisites(of course: CatalogCourse, year: Grade, in plan: [PlannedCourse]) -> [CatalogCourse] {
        let earlier = plan.filter { $0.year < year && !$0.isFailed }
        return course.prerequisites.compactMap { self.course(code: $0) }.filter { prerequisite in
            !earlier.contains { prerequisite.names($0.title) }
        }
    }

    /// "takes Algebra I (MTH-1010) in an earlier year first", or nil when nothing is missing.
    public func prerequisiteWarning(of course: CatalogCourse, year: Grade, in plan: [PlannedCourse]) -> String? {
        let missing = missingPrerequisites(of: course, year: year, in: plan)
        guard !missing.isEmpty else { return nil }
        let names = missing.map { "\($0.title) (\($0.code))" }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return "\(course.title) needs \(list) in an earlier year"
    }

    // MARK: The roster's courses

    /// The district file and the roster together: the file wins where both have a course
    /// (the same code, or the same title as marks match them); the roster adds the courses
    /// the file lacks, active ones only, with the subject area read from its `subjects` or
    /// SCED `subjectCodes` (else electives), 1 credit and the level its title says.
    public func merged(withRoster roster: [RosterCourse], subjectAreas: [RequirementSetCatalog.SubjectArea]) -> CourseCatalog {
        var merged = courses
        // What `course(code:)` and `course(named:)` look up, kept up to date as courses join.
        var codes = Set(byCode.keys), titles = Set(byTitle.keys)
        for incoming in roster where incoming.isActive {
            let code = incoming.code ?? incoming.sourcedId
            let codeKey = CourseMarks.matchKey(code), titleKey = CourseMarks.matchKey(incoming.title)
            guard !codes.contains(codeKey), !codes.contains(titleKey), !titles.contains(titleKey) else { continue }
            codes.insert(codeKey)
            titles.insert(titleKey)
            let subject = Self.subjectArea(of: incoming, areas: subjectAreas)
            merged.append(CatalogCourse(code: code, title: incoming.title, subject: subject, credits: 1,
                                        level: CourseMarks.level(ofTitle: incoming.title, subject: subject),
                                        grades: incoming.grades.compactMap { Grade($0) }, source: .roster))
        }
        return CourseCatalog(courses: merged)
    }

    /// SCED subject codes (the first two digits of a course code of the School Courses for
    /// the Exchange of Data) and the subject areas they stand for.
    static let scedAreas: [String: String] = [
        "01": "english", "02": "math", "03": "science", "04": "social-studies", "05": "fine-arts",
        "06": "world-language", "08": "pe", "10": "cte", "11": "cte", "12": "elective", "13": "elective",
        "14": "elective", "15": "cte", "16": "cte", "17": "cte", "18": "cte", "19": "cte", "20": "cte", "21": "cte", "22": "cte",
    ]

    /// The subject area of a roster course: the first of its `subjects` that names an area
    /// (as imported marks' subjects do: "Mathematics" is math), else the first SCED code
    /// whose area the district has, else electives.
    static func subjectArea(of course: RosterCourse, areas: [RequirementSetCatalog.SubjectArea]) -> String {
        let fallback = CourseMarks.subjectArea(nil, areas: areas)
        for subject in course.subjects {
            let area = CourseMarks.subjectArea(subject, areas: areas)
            if area != fallback { return area }
        }
        for code in course.subjectCodes {
            let digits = code.filter(\.isNumber)
            if digits.count >= 2, let area = scedAreas[String(digits.prefix(2))], areas.contains(where: { $0.id == area }) {
                return area
            }
        }
        return fallback
    }

    // MARK: courses.json

    /// Codes are what counselors type and requirement sets name: upper-case letters,
    /// digits, hyphens and points, up to 20.
    public static func isCode(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 20 && text.first != "-" && text.first != "."
            && text.allSatisfy { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "-" || $0 == "." }
    }

    /// courses.json: `{"courses": [{"code", "title", "subject", "credits", "level",
    /// "grades", "prerequisites"}]}`. `subjectAreas` are the ids subjects must be among
    /// (nil: not checked, for the built-in file under a district's own subject areas).
    public static func decode(_ source: CatalogSource, subjectAreas: [String]?) throws -> CourseCatalog {
        struct Entry: Decodable {
            var code: String
            var title: String
            var subject: String
            var credits: Double
            var level: String?
            var grades: [Int]?
            var prerequisites: [String]?
        }
        struct File: Decodable { var courses: [Entry]? }
        let check = CatalogCheck(source)
        let entries = try check.nonEmpty(try check.decode(File.self).courses, at: "courses",
                                         of: "{\"code\", \"title\", \"subject\", \"credits\"}")
        let codes = Set(entries.map { CourseMarks.matchKey($0.code) })
        var courses: [CatalogCourse] = []
        for (index, entry) in entries.enumerated() {
            let key = "courses[\(index)]"
            guard isCode(entry.code) else {
                throw check.error(key + ".code", "expected upper-case letters, digits, hyphens and points (up to 20), found \"\(entry.code)\"")
            }
            try check.text(entry.title, at: key + ".title")
            guard entry.title.count <= 200, !entry.title.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true }) else {
                throw check.error(key + ".title", "expected one line of at most 200 characters without control characters")
            }
            if let areas = subjectAreas, !areas.contains(entry.subject) {
                throw check.error(key + ".subject", "expected one of the subjectAreas ids of requirement-sets.json (\(areas.joined(separator: ", "))), found \"\(entry.subject)\"")
            }
            try check.positive(entry.credits, at: key + ".credits")
            guard FieldRules.courseCredits.range.contains(entry.credits) else {
                throw check.error(key + ".credits", "expected credits from \(CreditFormat.text(FieldRules.courseCredits.range.lowerBound)) to \(CreditFormat.text(FieldRules.courseCredits.range.upperBound)), found \(CreditFormat.text(entry.credits))")
            }
            var level = CourseMarks.level(ofTitle: entry.title, subject: entry.subject)
            if let text = entry.level {
                guard let parsed = CourseLevel(rawValue: text) else {
                    throw check.error(key + ".level", "expected one of \(CourseLevel.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(text)\"")
                }
                level = parsed
            }
            var grades: [Grade] = []
            for (gradeIndex, number) in (entry.grades ?? []).enumerated() {
                try check.range(number, in: 0...12, at: "\(key).grades[\(gradeIndex)]", what: "a grade")
                grades.append(Grade(rawValue: number)!)
            }
            let prerequisites = entry.prerequisites ?? []
            for (prerequisiteIndex, code) in prerequisites.enumerated() {
                let at = "\(key).prerequisites[\(prerequisiteIndex)]"
                guard codes.contains(CourseMarks.matchKey(code)) else {
                    throw check.error(at, "expected the code of a course in this file, found \"\(code)\"")
                }
                guard CourseMarks.matchKey(code) != CourseMarks.matchKey(entry.code) else {
                    throw check.error(at, "a course cannot be its own prerequisite")
                }
            }
            courses.append(CatalogCourse(code: entry.code, title: entry.title, subject: entry.subject, credits: entry.credits,
                                         level: level, grades: grades, prerequisites: prerequisites))
        }
        try check.unique(entries.map { CourseMarks.matchKey($0.code) }, at: { "courses[\($0)].code" })
        try check.unique(entries.map { CourseMarks.matchKey($0.title) }, at: { "courses[\($0)].title" })
        return CourseCatalog(courses: courses)
    }
}

/// A course of the roster's courses.csv, as the import keeps it (local table `roster_course`).
public struct RosterCourse: Equatable, Sendable, Codable {
    public var sourcedId: String
    /// `courseCode`; nil when the cell is empty.
    public var code: String?
    public var title: String
    /// `grades`, as the roster writes them ("09", "10", "KG").
    public var grades: [String]
    /// `subjects` ("Mathematics") and `subjectCodes` (SCED, "02052").
    public var subjects: [String]
    public var subjectCodes: [String]
    public var orgSourcedId: String
    /// False for `tobedeleted` (or `inactive`) rows.
    public var isActive: Bool

    public init(sourcedId: String, code: String?, title: String, grades: [String] = [], subjects: [String] = [],
                subjectCodes: [String] = [], orgSourcedId: String, isActive: Bool = true) {
        self.sourcedId = sourcedId
        self.code = code
        self.title = title
        self.grades = grades
        self.subjects = subjects
        self.subjectCodes = subjectCodes
        self.orgSourcedId = orgSourcedId
        self.isActive = isActive
    }
}
