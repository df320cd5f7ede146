import TerminalKit
import WaypointCore

/// A student's plan as the plan screen shows it.
public struct PlanData: Equatable, Sendable {
    public var student: Student
    public var schoolName: String
    /// The plan's years: the grades the school serves (K-5, 6-8, 9-12, 6-12…), for milestones.
    public var years: [Grade]
    /// The years that hold courses (from grade 6): none in an elementary school's plan.
    public var courseYears: [Grade] { PlanYears.courseYears(years) }
    public var plan: StudentPlan
    /// Support under way, shown beside the goals it serves.
    public var interventions: [Intervention]
    /// Test results (PSAT, SAT, ACT…), newest first: one line under Pathway & goals.
    public var testResults: [AssessmentResult]
    /// The home languages the family contacts give ("Spanish"): the family's plan is offered
    /// first in the one a language file speaks.
    public var homeLanguages: [String]

    public init(student: Student, schoolName: String, years: [Grade], plan: StudentPlan, interventions: [Intervention] = [],
                testResults: [AssessmentResult] = [], homeLanguages: [String] = []) {
        self.student = student
        self.schoolName = schoolName
        self.years = years
        self.plan = plan
        self.interventions = interventions
        self.homeLanguages = homeLanguages
        self.testResults = testResults
    }
}

/// A change to a plan, asked of the store by the plan screen (and mirrored by `waypoint plan`).
public enum PlanChange: Equatable, Sendable {
    case addCourse(PlannedCourse)
    case updateCourse(PlannedCourse)
    case moveCourse(id: Int64, year: Grade)
    case removeCourse(id: Int64)
    /// The district's mark and credits over the counselor's entry (a conflict shown on the plan).
    case takeImportedMark(courseId: Int64)
    case setMilestone(MilestoneRecord)
    case setPathway(studentId: Int64, pathwayId: String, reason: String)
    case setGoals(studentId: Int64, PlanGoals)
    case addWorkBasedLearning(WorkBasedLearning)
    case addCollegeCredit(CollegeCredit)
    case addCertification(Certification)
    case addEvidence(CompetencyEvidence)
    case removeEntry(PlanEntryKind, id: Int64)
}

/// The removable entries of the plan's "More" section.
public enum PlanEntryKind: String, Equatable, Sendable, CaseIterable {
    case workBasedLearning, collegeCredit, certification, evidence
}

/// The plan screen: which section and year, what is selected, and an open form.
public struct PlanState: Equatable, Sendable {
    public enum Section: Int, CaseIterable, Sendable {
        case courses, milestones, pathway, more

        public var title: String {
            switch self {
            case .courses: "Courses"
            case .milestones: "Milestones"
            case .pathway: "Pathway & goals"
            case .more: "WBL & credentials"
            }
        }
    }

    /// What the open form is for.
    public enum FormPurpose: Equatable, Sendable {
        case addCourse(Grade), editCourse(Int64), pathway, careerInterests, milestoneEvidence(String)
        case addWorkBasedLearning, addCollegeCredit, addCertification, addEvidence
    }

    /// A filled-in form and the change it asked for.
    public struct SubmittedForm: Equatable, Sendable {
        public var change: PlanChange
        public var form: FormState
        public var purpose: FormPurpose
    }

    public var studentId: Int64
    public var data: PlanData?
    public var section = Section.courses
    /// The year whose courses are selected (the tab at 80 columns, the column at 120).
    public var year: Grade
    public var courseIndex = 0
    public var milestones = TableState()
    /// Opened with `m` from the profile: once the plan arrives, the milestone to act on next
    /// is selected, so `Space` moves it along at once.
    public var selectsNextMilestone = false
    public var more = TableState()
    public var form: FormState?
    public var formPurpose: FormPurpose?
    /// The plan as it was when the form opened: what the save compares with, even after
    /// another window's change was reloaded beneath the form.
    public var formLoaded: StudentPlan?
    /// The last form sent to the store, kept until the answer: refused because another
    /// window changed the record, the form opens again with what was typed.
    public var submitted: SubmittedForm?
    /// The open form holds a save the store refused (shown in the conflict modal): `o`
    /// saves it over theirs, so the form closes; Esc leaves it open, now compared with
    /// theirs, and its footer says that Enter saves it over theirs.
    public var formHoldsRefusedSave = false
    /// Asking before a course or entry is removed.
    public var confirmRemoval: String?
    /// `x`: the family's plan, asking which language and whether to save or print it.
    public var export: ExportChoice?
    public var requestToken = 0

    public init(studentId: Int64, year: Grade) {
        self.studentId = studentId
        self.year = year
    }

    public var coursesOfYear: [PlannedCourse] {
        data?.plan.courses(inYear: year) ?? []
    }

    public var selectedCourse: PlannedCourse? {
        let courses = coursesOfYear
        return courses.indices.contains(courseIndex) ? courses[courseIndex] : nil
    }

    /// The plan year of the open course form (adding or editing a course), if one is open.
    public var courseFormYear: Grade? {
        switch formPurpose {
        case .addCourse(let year): return year
        case .editCourse(let id): return data?.plan.courses.first { $0.id == id }?.year
        default: return nil
        }
    }

    /// The selected course's imported mark that disagrees with it, if any.
    public var selectedConflict: CourseMarkLink? {
        guard let course = selectedCourse, let link = data?.plan.markLink(of: course), link.isConflict else { return nil }
        return link
    }
}

/// The family's plan about to be written: the language chosen among the catalogs' (the
/// family's home language first selected, when a file speaks it).
public struct ExportChoice: Equatable, Sendable {
    /// Ids of the languages offered, English first.
    public var languages: [String]
    public var selected: Int
    /// The language of the family's home, when one of `languages` speaks it.
    public var homeLanguage: String?

    public init(languages: [String], homeLanguage: String?) {
        self.languages = languages
        self.homeLanguage = homeLanguage
        selected = homeLanguage.flatMap { languages.firstIndex(of: $0) } ?? 0
    }

    public var language: String { languages[selected] }
}
