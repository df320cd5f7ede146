import TerminalKit
import WaypointCore

/// What the profile screen shows about one student, as loaded from the store.
public struct ProfileData: Equatable, Sendable {
    public var student: Student
    public var schoolName: String
    public var counselorNames: [String]
    public var sessions: [SessionView]
    public var followUps: [FollowUp]
    public var plan: PlanSummary?
    /// The ABCs, newest term first as the store gives them.
    public var attendance: [ABCAttendance]
    public var incidents: [ABCIncident]
    public var marks: [ABCCourseMark]
    /// The early-warning tier of the latest term, and why.
    public var assessment: TierAssessment?
    /// Interventions under way (tutoring, mentoring…), newest first.
    public var interventions: [Intervention]
    /// Parents, guardians and other family contacts (active ones), in the roster's order.
    public var contacts: [FamilyContact]
    /// The progress notes of its interventions, oldest first (dosage delivered, measures).
    public var interventionNotes: [InterventionNote] = []
    /// Counselors' names by id, for the owners of its interventions.
    public var interventionOwners: [Int64: String] = [:]
    /// Test results (PSAT, SAT, ACT, AP…), newest first.
    public var testResults: [AssessmentResult] = []
    /// The college list (issue 16, item 4), by deadline: the Colleges panel, shown when it has any.
    public var applications: [CollegeApplication] = []

    public init(student: Student, schoolName: String, counselorNames: [String], sessions: [SessionView],
                followUps: [FollowUp], plan: PlanSummary? = nil, attendance: [ABCAttendance] = [],
                incidents: [ABCIncident] = [], marks: [ABCCourseMark] = [], rules: EarlyWarningRules? = nil,
                interventions: [Intervention] = [], contacts: [FamilyContact] = []) {
        self.student = student
        self.schoolName = schoolName
        self.counselorNames = counselorNames
        self.sessions = sessions
        self.followUps = followUps
        self.plan = plan
        self.attendance = attendance
        self.incidents = incidents
        self.marks = marks
        self.interventions = interventions
        self.contacts = contacts
        assessment = rules.map { EarlyWarning.evaluate(attendance: attendance, incidents: incidents, marks: marks, rules: $0) }
    }
}

/// The profile screen: the data, which list has the keyboard, and where each list is.
public struct ProfileState: Equatable, Sendable {
    public enum Focus: Equatable, Sendable { case sessions, followUps, colleges }

    public var studentId: Int64
    public var data: ProfileData?
    public var focus = Focus.sessions
    public var sessionsTable = TableState()
    public var followUpsTable = TableState()
    public var collegesTable = TableState()
    public var requestToken = 0
    /// The contact form, when open: first which contact (or a new one), then its fields.
    public var contactForm: FormState?
    public var contactFormPurpose: ContactFormPurpose?
    /// The intervention form, when open (`i`, `u`, `U`), and what it is for.
    public var interventionForm: FormState?
    var interventionPurpose: InterventionForms.Purpose?
    /// The test result form (`t`), when open.
    public var testForm: FormState?
    /// The college application form (`o`, `O`), and the application it edits (nil: a new one).
    public var collegeForm: FormState?
    public var collegeFormEditing: CollegeApplication?
    /// `D` on the Colleges panel: the application to take off the list, once confirmed.
    public var collegeRemoval: CollegeApplication?

    /// The keyboard context of a form open over the profile, if one is.
    var formContext: KeyContext? {
        if collegeRemoval != nil { return .collegeConfirm }
        if collegeForm != nil { return .collegeForm }
        if contactForm != nil { return .contactForm }
        if testForm != nil { return .testForm }
        return interventionForm != nil ? .interventionForm : nil
    }

    public enum ContactFormPurpose: Equatable, Sendable {
        case choose
        case add
        case edit(FamilyContact)
    }

    public init(studentId: Int64) {
        self.studentId = studentId
    }

    public var selectedFollowUp: FollowUp? {
        guard let followUps = data?.followUps, followUps.indices.contains(followUpsTable.selected) else { return nil }
        return followUps[followUpsTable.selected]
    }

    public var selectedApplication: CollegeApplication? {
        guard focus == .colleges, let applications = data?.applications,
              applications.indices.contains(collegesTable.selected) else { return nil }
        return applications[collegesTable.selected]
    }

    public var selectedSession: SessionView? {
        guard let sessions = data?.sessions, sessions.indices.contains(sessionsTable.selected) else { return nil }
        return sessions[sessionsTable.selected]
    }
}

extension AppState {
    /// The session open in the reader overlay.
    var viewedSession: SessionView? {
        guard case .session(let id, _)? = overlay else { return nil }
        return profile?.data?.sessions.first { $0.id == id }
    }
}
