import Foundation

/// One row of a caseload: the student plus what the table shows beside them.
///
/// The columns that later features fill (the tier) are optional: nil means "nothing
/// recorded yet", which the table shows as a dash.
public struct CaseloadEntry: Identifiable, Equatable, Sendable {
    public var student: Student
    public var schoolName: String
    /// The plan at a glance; nil until plans are loaded for the row.
    public var plan: PlanSummary? {
        get { planBox?.summary }
        set { planBox = newValue.map(PlanBox.init) }
    }
    /// A summary is a hundred bytes, and a district's rows are read without one: kept out of
    /// line, a row that has none costs eight bytes for it, not the whole summary.
    private var planBox: PlanBox?
    public var tier: Int?
    /// Whether an intervention (tutoring, mentoring…) is under way for the student.
    public var hasActiveIntervention = false
    /// When the student was last seen (their newest session); nil: never.
    public var lastContact: Date?

    public var id: Int64 { student.id ?? -1 }

    public init(student: Student, schoolName: String, plan: PlanSummary? = nil, tier: Int? = nil, lastContact: Date? = nil) {
        self.student = student
        self.schoolName = schoolName
        self.planBox = plan.map(PlanBox.init)
        self.tier = tier
        self.lastContact = lastContact
    }
}

/// A plan summary held by reference (see `CaseloadEntry.plan`); never changed once made.
private final class PlanBox: Equatable, Sendable {
    let summary: PlanSummary

    init(_ summary: PlanSummary) {
        self.summary = summary
    }

    static func == (lhs: PlanBox, rhs: PlanBox) -> Bool { lhs === rhs || lhs.summary == rhs.summary }
}
