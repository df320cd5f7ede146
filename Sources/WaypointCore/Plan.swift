import Foundation

/// A student's multi-year college and career success plan: everything the counselor and
/// student build together, grade by grade. Catalog entries (pathways, milestones,
/// competencies, subject areas) are referred to by their catalog `id`.
public struct StudentPlan: Equatable, Sendable {
    public var studentId: Int64
    /// The current pathway (a route such as "career-ready" or an industry sector).
    public var pathwayId: String?
    /// Every change of pathway, oldest first: students may change at least once.
    public var pathwayHistory: [PathwayChange]
    public var goals: PlanGoals
    public var courses: [PlannedCourse]
    public var milestones: [MilestoneRecord]
    public var workBasedLearning: [WorkBasedLearning]
    public var collegeCredits: [CollegeCredit]
    public var certifications: [Certification]
    public var evidence: [CompetencyEvidence]
    /// Courses that came from a district file (`import abc`, `import transcript`), and the
    /// district's values where the counselor's entry disagrees.
    public var markLinks: [CourseMarkLink]
    /// The tests the student has a result on, each with its first sitting's date (read from
    /// the assessment results, never stored in the plan): what completes a milestone whose
    /// catalog entry says `completedBy` (docs/CATALOGS.md).
    public var assessmentsTaken: [String: CivilDate] = [:]

    public init(studentId: Int64, pathwayId: String? = nil, pathwayHistory: [PathwayChange] = [],
                goals: PlanGoals = PlanGoals(), courses: [PlannedCourse] = [], milestones: [MilestoneRecord] = [],
                workBasedLearning: [WorkBasedLearning] = [], collegeCredits: [CollegeCredit] = [],
                certifications: [Certification] = [], evidence: [CompetencyEvidence] = [], markLinks: [CourseMarkLink] = []) {
        self.studentId = studentId
        self.pathwayId = pathwayId
        self.pathwayHistory = pathwayHistory
        self.goals = goals
        self.courses = courses
        self.milestones = milestones
        self.workBasedLearning = workBasedLearning
        self.collegeCredits = collegeCredits
        self.certifications = certifications
        self.evidence = evidence
        self.markLinks = markLinks
    }

    /// The import behind a course, if it came from (or disagrees with) a district file.
    public func markLink(of course: PlannedCourse) -> CourseMarkLink? {
        guard let id = course.id else { return nil }
        return markLinks.first { $0.planCourseId == id }
    }

    public func courses(inYear grade: Grade) -> [PlannedCourse] {
        courses.filter { $0.year == grade }
    }
}

/// Where the student is headed after high school, and what draws them.
public struct PlanGoals: Equatable, Sendable, Codable {
    public var postsecondary: PostsecondaryGoal
    public var careerInterests: [String]
    /// The graduation requirement set the plan is checked against; nil: the district default.
    public var requirementSetId: String?

    public init(postsecondary: PostsecondaryGoal = .undecided, careerInterests: [String] = [], requirementSetId: String? = nil) {
        self.postsecondary = postsecondary
        self.careerInterests = careerInterests
        self.requirementSetId = requirementSetId
    }
}

public enum PostsecondaryGoal: String, CaseIterable, Codable, Sendable {
    case fourYear = "4-year", twoYear = "2-year", certificate, apprenticeship, military, workforce, undecided

    /// The family the milestone catalog speaks of: college (4- and 2-year), career
    /// (certificate, apprenticeship, work), military, undecided — the readiness routes of
    /// DOMAIN.md [000] plus the students who have not chosen yet.
    public var family: GoalFamily {
        switch self {
        case .fourYear, .twoYear: .college
        case .certificate, .apprenticeship, .workforce: .career
        case .military: .military
        case .undecided: .undecided
        }
    }

    public var title: String {
        switch self {
        case .fourYear: "4-year college"
        case .twoYear: "2-year college"
        case .certificate: "Certificate or technical training"
        case .apprenticeship: "Apprenticeship"
        case .military: "Military"
        case .workforce: "Directly to work"
        case .undecided: "Undecided"
        }
    }
}

public enum GoalFamily: String, CaseIterable, Sendable {
    case college, career, military, undecided
}

public struct PathwayChange: Equatable, Sendable {
    public var date: Date
    public var fromId: String?
    public var toId: String
    public var reason: String
    public var authorId: Int64

    public init(date: Date, fromId: String?, toId: String, reason: String, authorId: Int64) {
        self.date = date
        self.fromId = fromId
        self.toId = toId
        self.reason = reason
        self.authorId = authorId
    }
}

public enum CourseLevel: String, CaseIterable, Codable, Sendable {
    case standard, honors, ap, ib, dualCredit = "dual-credit", cte

    public var title: String {
        switch self {
        case .standard: "Standard"
        case .honors: "Honors"
        case .ap: "AP"
        case .ib: "IB"
        case .dualCredit: "Dual credit"
        case .cte: "CTE"
        }
    }
}

public enum CourseStatus: String, CaseIterable, Codable, Sendable {
    case planned, inProgress = "in-progress", completed

    public var title: String {
        switch self {
        case .planned: "planned"
        case .inProgress: "in progress"
        case .completed: "completed"
        }
    }
}

/// A course in one year of the plan: planned, being taken, or completed with a grade.
public struct PlannedCourse: Identifiable, Equatable, Sendable {
    public var id: Int64?
    public var studentId: Int64
    /// The plan year (grade level) the course belongs to.
    public var year: Grade
    public var title: String
    /// A subject area id of the requirement catalog ("english", "math", …).
    public var subject: String
    public var credits: Double
    public var level: CourseLevel
    public var term: String?
    public var status: CourseStatus
    /// The mark earned ("A", "B+", "P", "F"); only for completed courses.
    public var gradeEarned: String?

    public init(id: Int64? = nil, studentId: Int64, year: Grade, title: String, subject: String, credits: Double,
                level: CourseLevel = .standard, term: String? = nil, status: CourseStatus = .planned, gradeEarned: String? = nil) {
        self.id = id
        self.studentId = studentId
        self.year = year
        self.title = title
        self.subject = subject
        self.credits = credits
        self.level = level
        self.term = term
        self.status = status
        self.gradeEarned = gradeEarned
    }

    /// A completed course with a failing mark earns no credit: F, NP or below 60%, read as
    /// the early-warning rules read marks ("E", which older plans may hold, fails too).
    public var isFailed: Bool {
        guard status == .completed, let mark = gradeEarned?.trimmingCharacters(in: .whitespaces) else { return false }
        if let parsed = ABCMark(mark) { return parsed.isFailing }
        return mark.uppercased() == "E"
    }

    /// Why `text` is not a mark a plan accepts, or nil when it is one.
    public static func markProblem(_ text: String) -> String? {
        ABCMark(text.trimmingCharacters(in: .whitespaces)) == nil
            ? "expected a letter from A+ to F, P or NP, or a percentage from 0 to 100, not \"\(text)\"" : nil
    }

    public var earnedCredits: Double { status == .completed && !isFailed ? credits : 0 }
}

public enum MilestoneStatus: String, CaseIterable, Codable, Sendable {
    case notStarted = "not-started", inProgress = "in-progress", done, waived

    public var title: String {
        switch self {
        case .notStarted: "not started"
        case .inProgress: "in progress"
        case .done: "done"
        case .waived: "waived"
        }
    }

    /// The next status when a counselor toggles it: not started -> in progress -> done.
    public var next: MilestoneStatus {
        switch self {
        case .notStarted: .inProgress
        case .inProgress: .done
        case .done: .notStarted
        case .waived: .notStarted
        }
    }
}

/// Where a student stands on one catalog milestone.
public struct MilestoneRecord: Equatable, Sendable {
    public var studentId: Int64
    public var milestoneId: String
    public var status: MilestoneStatus
    public var dueDate: CivilDate?
    public var evidence: String?
    public var completedDate: CivilDate?

    public init(studentId: Int64, milestoneId: String, status: MilestoneStatus = .notStarted, dueDate: CivilDate? = nil,
                evidence: String? = nil, completedDate: CivilDate? = nil) {
        self.studentId = studentId
        self.milestoneId = milestoneId
        self.status = status
        self.dueDate = dueDate
        self.evidence = evidence
        self.completedDate = completedDate
    }

    public var isOpen: Bool { status == .notStarted || status == .inProgress }

    /// Something a counselor recorded: a status past "not started", evidence or a done date.
    /// Such a record is kept in view when its milestone no longer applies to the student;
    /// an untouched one (at most a due date) is not.
    public var holdsWork: Bool {
        status != .notStarted || !(evidence ?? "").trimmingCharacters(in: .whitespaces).isEmpty || completedDate != nil
    }

    public func isOverdue(today: CivilDate) -> Bool {
        guard isOpen, let dueDate else { return false }
        return dueDate < today
    }
}

public enum WorkBasedLearningKind: String, CaseIterable, Codable, Sendable {
    case speaker, jobShadow = "job-shadow", internship, mentoring, apprenticeship

    public var title: String {
        switch self {
        case .speaker: "Career speaker"
        case .jobShadow: "Job shadow"
        case .internship: "Internship"
        case .mentoring: "Mentoring"
        case .apprenticeship: "Apprenticeship"
        }
    }
}

public struct WorkBasedLearning: Identifiable, Equatable, Sendable {
    public var id: Int64?
    public var studentId: Int64
    public var kind: WorkBasedLearningKind
    public var organization: String
    public var hours: Double
    public var startDate: CivilDate?
    public var endDate: CivilDate?

    public init(id: Int64? = nil, studentId: Int64, kind: WorkBasedLearningKind, organization: String, hours: Double,
                startDate: CivilDate? = nil, endDate: CivilDate? = nil) {
        self.id = id
        self.studentId = studentId
        self.kind = kind
        self.organization = organization
        self.hours = hours
        self.startDate = startDate
        self.endDate = endDate
    }
}

/// Early college credit: dual enrollment, articulated courses.
public struct CollegeCredit: Identifiable, Equatable, Sendable {
    public var id: Int64?
    public var studentId: Int64
    public var course: String
    public var institution: String
    public var credits: Double

    public init(id: Int64? = nil, studentId: Int64, course: String, institution: String, credits: Double) {
        self.id = id
        self.studentId = studentId
        self.course = course
        self.institution = institution
        self.credits = credits
    }
}

public enum CertificationStatus: String, CaseIterable, Codable, Sendable {
    case inProgress = "in-progress", earned
}

public struct Certification: Identifiable, Equatable, Sendable {
    public var id: Int64?
    public var studentId: Int64
    public var name: String
    public var issuer: String
    public var status: CertificationStatus
    public var date: CivilDate?

    public init(id: Int64? = nil, studentId: Int64, name: String, issuer: String, status: CertificationStatus,
                date: CivilDate? = nil) {
        self.id = id
        self.studentId = studentId
        self.name = name
        self.issuer = issuer
        self.status = status
        self.date = date
    }
}

/// An artifact or reflection that shows a graduate-profile competency.
public struct CompetencyEvidence: Identifiable, Equatable, Sendable {
    public var id: Int64?
    public var studentId: Int64
    public var competencyId: String
    public var artifact: String
    public var date: CivilDate

    public init(id: Int64? = nil, studentId: Int64, competencyId: String, artifact: String, date: CivilDate) {
        self.id = id
        self.studentId = studentId
        self.competencyId = competencyId
        self.artifact = artifact
        self.date = date
    }
}
