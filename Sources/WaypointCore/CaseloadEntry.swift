import Foundation

/// One row of a caseload: the student plus what the table shows beside them.
///
/// The columns that later features fill (the tier) are optional: nil means "nothing
/// recorded yet", which the table shows as a dash.
public struct CaseloadEntry: Identifiable, Equatable, Sendable {
    public var student: Student
    public var schoolName: String
    /// The plan at a glance; nil until plans are loaded for the row.
    public var plan: PlanSummary?
    public var tier: Int?
    /// Whether an intervention (tutoring, mentoring…) is under way for the student.
    public var hasActiveIntervention = false
    /// When the student was last seen (their newest session); nil: never.
    public var lastContact: Date?

    public var id: Int64 { student.id ?? -1 }

    public init(student: Student, schoolName: String, plan: PlanSummary? = nil, tier: Int? = nil, lastContact: Date? = nil) {
        self.student = student
        self.schoolName = schoolName
        self.plan = plan
        self.tier = tier
        self.lastContact = lastContact
    }
}
