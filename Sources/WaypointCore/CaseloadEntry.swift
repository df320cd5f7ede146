/// One row of a caseload: the student plus what the table shows beside them.
///
/// The columns that later features fill (pathway, next milestone, tier, last contact) are
/// optional: nil means "nothing recorded yet", which the table shows as a dash.
public struct CaseloadEntry: Identifiable, Equatable, Sendable {
    public var student: Student
    public var schoolName: String
    public var pathway: String?
    public var nextMilestone: String?
    public var tier: Int?
    public var daysSinceContact: Int?

    public var id: Int64 { student.id ?? -1 }

    public init(student: Student, schoolName: String, pathway: String? = nil,
                nextMilestone: String? = nil, tier: Int? = nil, daysSinceContact: Int? = nil) {
        self.student = student
        self.schoolName = schoolName
        self.pathway = pathway
        self.nextMilestone = nextMilestone
        self.tier = tier
        self.daysSinceContact = daysSinceContact
    }
}
