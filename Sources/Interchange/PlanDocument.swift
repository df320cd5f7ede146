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
        /// Nil for a standard course: only a distinction is worth the family's attention.
        public var level: String?
        public var status: String
        public var mark: String?
        public var failed: Bool
    }

    public struct Milestone: Equatable, Sendable, Encodable {
        public var grade: String
        public var title: String
        public var status: String
        /// Not started or in progress: a due date still matters.
        public var isOpen: Bool
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

    /// The language the document is written in ("es"), for the page's `lang` and the JSON.
    public var language: String
    /// The words of that language, English beneath; not part of the JSON.
    let words: PlanWords

    private enum CodingKeys: String, CodingKey {
        case studentName, studentId, grade, school, counselors, preparedOn, pathway, programOfStudy, pathwayHistory,
             postsecondaryGoal, careerInterests, requirementSet, onTrack, judgesCredits, requirementLines, years,
             milestones, entries, language
    }

    /// The plan written for the family in `language` (English when nil): every sentence
    /// and every title from a catalog goes through `PlanWords`, so a missing translation
    /// reads in English rather than not at all. Course titles, names and notes are the
    /// district's and the counselor's words, never translated. `testResults`: the student's
    /// test results, listed with the other entries (oldest first).
    public init(student: Student, school: String, counselors: [String], plan: StudentPlan, years: [Grade],
                catalogs: Catalogs, today: CivilDate, language: PlanLanguage? = nil, testResults: [AssessmentResult] = []) {
        let languages = catalogs.planLanguages
        let w = PlanWords(language ?? languages.english, english: languages.english)
        words = w
        self.language = w.language.id
        studentName = student.displayName
        studentId = student.localId
        grade = student.grade.description
        self.school = school
        self.counselors = counselors
        preparedOn = today.iso
        let pathways = catalogs.pathways
        func pathwayTitle(_ id: String) -> String { w.term(.pathway, id, english: pathways.title(of: id)) }
        pathway = plan.pathwayId.map(pathwayTitle)
        programOfStudy = plan.pathwayId.flatMap { pathways.pathway($0)?.programOfStudy } ?? []
        // The reason for a change is the counselor's note, like a session's: the family's copy
        // says what changed and when, not why.
        pathwayHistory = plan.pathwayHistory.map { change in
            let from = change.fromId.map(pathwayTitle) ?? w("plan.noEarlierPathway")
            return "\(CivilDate.today(now: change.date, timeZone: .current).iso): \(from) → \(pathwayTitle(change.toId))"
        }
        let goal = plan.goals.postsecondary
        postsecondaryGoal = w.term(.goal, goal.rawValue, english: goal.title)
        careerInterests = plan.goals.careerInterests
        let set = catalogs.requirementSets.requirementSet(for: plan.goals)
        let report = RequirementCheck.check(plan.courses, against: set)
        requirementSet = w.term(.requirementSet, set.id, english: set.title)
        judgesCredits = PlanYears.judgesCredits(student.grade)
        onTrack = !judgesCredits || report.isOnTrack
        requirementLines = judgesCredits ? PlanDocument.requirementLines(report, words: w) : []
        let sets = catalogs.requirementSets
        self.years = PlanYears.courseYears(years).map { year in
            let courses = plan.courses(inYear: year)
            // A failed course stays listed (the family should see it) but adds no credit.
            return Year(grade: year.description, credits: courses.filter { !$0.isFailed }.reduce(0) { $0 + $1.credits },
                        courses: courses.map {
                Course(title: $0.title, subject: w.term(.subject, $0.subject, english: sets.title(ofSubject: $0.subject)),
                       credits: $0.credits, level: $0.level == .standard ? nil : w.term(.level, $0.level.rawValue, english: $0.level.title),
                       status: w.term(.courseStatus, $0.status.rawValue, english: $0.status.title), mark: $0.gradeEarned,
                       failed: $0.isFailed)
            })
        }
        milestones = MilestoneProgress.all(for: plan, studentGrade: student.grade, grades: { years.contains($0) },
                                           catalogs: catalogs, today: today).map { item in
            let title = w.term(.milestone, item.milestone.id, english: item.milestone.title)
            let kept = item.kept.map { " (\(w.term(.milestoneKept, $0.id, english: $0.text)))" } ?? ""
            return Milestone(grade: item.milestone.grade.description, title: title + kept,
                             status: w.term(.milestoneStatus, item.record.status.rawValue, english: item.record.status.title),
                             isOpen: item.record.isOpen, due: item.record.dueDate?.iso, overdue: item.isOverdue,
                             evidence: item.record.evidence,
                             completed: item.record.status == .done ? item.record.completedDate?.iso : nil)
        }
        var entries: [Entry] = []
        entries += plan.workBasedLearning.map {
            Entry(kind: w.term(.workKind, $0.kind.rawValue, english: $0.kind.title), text: $0.organization,
                  detail: w("entry.hours", ["hours": PlanDocument.number($0.hours)]))
        }
        entries += plan.collegeCredits.map {
            Entry(kind: w("entry.collegeCredit"), text: "\($0.course), \($0.institution)",
                  detail: PlanDocument.credits($0.credits, words: w))
        }
        entries += plan.certifications.map {
            Entry(kind: w("entry.certification"), text: "\($0.name) (\($0.issuer))",
                  detail: w($0.status == .earned ? "entry.earned" : "entry.inProgress"))
        }
        entries += plan.evidence.map {
            Entry(kind: w.term(.competency, $0.competencyId, english: catalogs.competencies.title(of: $0.competencyId)),
                  text: $0.artifact, detail: $0.date.iso)
        }
        entries += testResults.sorted { ($0.date, $0.testId) < ($1.date, $1.testId) }.map {
            Entry(kind: w("entry.test"), text: "\(catalogs.assessments.title(of: $0.testId)): \($0.scoreText(catalogs.assessments))",
                  detail: $0.date.iso)
        }
        self.entries = entries
    }

    /// "1 credit", "2.5 credits", in the document's language.
    static func credits(_ credits: Double, words: PlanWords) -> String {
        words(credits == 1 ? "course.oneCredit" : "course.credits", ["credits": CreditFormat.text(credits)])
    }

    /// One sentence per subject, then electives and the total: "Math: 2 of 3 earned, 1
    /// planned, on track". The same facts as `RequirementReport.summaries`, in `words`.
    static func requirementLines(_ report: RequirementReport, words w: PlanWords) -> [String] {
        func tally(_ credits: CreditTally) -> String {
            var parts = [w("requirement.earned", ["earned": CreditFormat.text(credits.earned), "required": CreditFormat.text(credits.required)])]
            if credits.inProgress > 0 { parts.append(w("requirement.inProgress", ["credits": CreditFormat.text(credits.inProgress)])) }
            if credits.planned > 0 { parts.append(w("requirement.planned", ["credits": CreditFormat.text(credits.planned)])) }
            return parts.joined(separator: ", ")
        }
        func status(_ status: RequirementStatus, missingCourses: [String]) -> String {
            switch status {
            case .complete: return w("requirement.complete")
            case .onTrack: return w("requirement.onTrack")
            case .short(let missing):
                var parts: [String] = []
                if missing > CreditTally.tolerance {
                    parts.append(w(missing == 1 ? "requirement.shortOne" : "requirement.short", ["credits": credits(missing, words: w)]))
                }
                if !missingCourses.isEmpty { parts.append(w("requirement.needs", ["courses": w.list(missingCourses)])) }
                return parts.joined(separator: ", ")
            }
        }
        func line(_ subject: String, _ credits: CreditTally, _ state: RequirementStatus, _ missing: [String]) -> String {
            w("requirement.line", ["subject": subject, "credits": tally(credits), "status": status(state, missingCourses: missing)])
        }
        return report.subjects.map { line(w.term(.subject, $0.id, english: $0.title), $0.credits, $0.status, $0.missingCourses) }
            + [line(w("requirement.electives"), report.electives, report.electives.status, []),
               line(w("requirement.total"), report.total, report.total.status, [])]
    }

    /// 1 -> "1", 0.5 -> "0.5".
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
