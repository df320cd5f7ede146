import Foundation
import WaypointCore

/// A student's plan in plain language, ready to print for a family meeting. Built from the
/// plan and the catalogs; holds only what a family should read (never session notes).
public struct PlanDocument: Equatable, Sendable, Encodable {
    public struct Year: Equatable, Sendable, Encodable {
        public var grade: String
        public var credits: Double
        public var courses: [Course]
    }

    public struct Course: Equatable, Sendable, Encodable {
        public var title: String
        public var subject: String
        public var credits: Double
        public var level: String
        public var status: String
        public var mark: String?
        public var failed: Bool
    }

    public struct Milestone: Equatable, Sendable, Encodable {
        public var grade: String
        public var title: String
        public var status: String
        public var due: String?
        public var overdue: Bool
        public var evidence: String?
        /// The day it was marked done (ISO), for the family's copy.
        public var completed: String?
    }

    public struct Entry: Equatable, Sendable, Encodable {
        public var kind: String
        public var text: String
        public var detail: String
    }

    public var studentName: String
    public var studentId: String
    public var grade: String
    public var school: String
    public var counselors: [String]
    public var preparedOn: String
    public var pathway: String?
    public var programOfStudy: [String]
    public var pathwayHistory: [String]
    public var postsecondaryGoal: String
    public var careerInterests: [String]
    public var requirementSet: String
    public var onTrack: Bool
    /// False below grade 9: the family's plan makes no claim about graduation credits.
    public var judgesCredits: Bool
    /// One plain sentence per subject: "Math: 2 of 3 earned, 1 planned, on track".
    public var requirementLines: [String]
    public var years: [Year]
    public var milestones: [Milestone]
    public var entries: [Entry]

    /// `testResults`: the student's test results, listed with the other entries (oldest first).
    public init(student: Student, school: String, counselors: [String], plan: StudentPlan, years: [Grade],
                catalogs: Catalogs, today: CivilDate, testResults: [AssessmentResult] = []) {
        studentName = student.displayName
        studentId = student.localId
        grade = student.grade.description
        self.school = school
        self.counselors = counselors
        preparedOn = today.iso
        let pathways = catalogs.pathways
        pathway = plan.pathwayId.map { pathways.title(of: $0) }
        programOfStudy = plan.pathwayId.flatMap { pathways.pathway($0)?.programOfStudy } ?? []
        // The reason for a change is the counselor's note, like a session's: the family's copy
        // says what changed and when, not why.
        pathwayHistory = plan.pathwayHistory.map { change in
            let from = change.fromId.map { pathways.title(of: $0) } ?? "no pathway"
            return "\(CivilDate.today(now: change.date, timeZone: .current).iso): \(from) → \(pathways.title(of: change.toId))"
        }
        postsecondaryGoal = plan.goals.postsecondary.title
        careerInterests = plan.goals.careerInterests
        let set = catalogs.requirementSets.requirementSet(for: plan.goals)
        let report = RequirementCheck.check(plan.courses, against: set)
        requirementSet = set.title
        judgesCredits = PlanYears.judgesCredits(student.grade)
        onTrack = !judgesCredits || report.isOnTrack
        requirementLines = judgesCredits ? report.summaries : []
        self.years = PlanYears.courseYears(years).map { year in
            let courses = plan.courses(inYear: year)
            // A failed course stays listed (the family should see it) but adds no credit.
            return Year(grade: year.description, credits: courses.filter { !$0.isFailed }.reduce(0) { $0 + $1.credits },
                        courses: courses.map {
                Course(title: $0.title, subject: catalogs.requirementSets.title(ofSubject: $0.subject), credits: $0.credits,
                       level: $0.level.title, status: $0.status.title, mark: $0.gradeEarned, failed: $0.isFailed)
            })
        }
        milestones = MilestoneProgress.all(for: plan, studentGrade: student.grade, grades: { years.contains($0) },
                                           catalogs: catalogs, today: today).map { item in
            Milestone(grade: item.milestone.grade.description, title: item.milestone.title + (item.kept.map { " (\($0.text))" } ?? ""),
                      status: item.record.status.title,
                      due: item.record.dueDate?.iso, overdue: item.isOverdue, evidence: item.record.evidence,
                      completed: item.record.status == .done ? item.record.completedDate?.iso : nil)
        }
        var entries: [Entry] = []
        entries += plan.workBasedLearning.map {
            Entry(kind: $0.kind.title, text: $0.organization, detail: "\(PlanDocument.number($0.hours)) hours")
        }
        entries += plan.collegeCredits.map {
            Entry(kind: "College credit", text: "\($0.course), \($0.institution)", detail: "\(PlanDocument.number($0.credits)) credits")
        }
        entries += plan.certifications.map {
            Entry(kind: "Certification", text: "\($0.name) (\($0.issuer))", detail: $0.status == .earned ? "earned" : "in progress")
        }
        entries += plan.evidence.map {
            Entry(kind: catalogs.competencies.title(of: $0.competencyId), text: $0.artifact, detail: $0.date.iso)
        }
        entries += testResults.sorted { ($0.date, $0.testId) < ($1.date, $1.testId) }.map {
            Entry(kind: "Test", text: "\(catalogs.assessments.title(of: $0.testId)): \($0.scoreText(catalogs.assessments))",
                  detail: $0.date.iso)
        }
        self.entries = entries
    }

    /// 1 -> "1", 0.5 -> "0.5".
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
