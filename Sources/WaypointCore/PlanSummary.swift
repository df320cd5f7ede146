/// A plan at a glance, for a caseload row and the profile: pathway, on track or not, and the
/// next milestone due.
public struct PlanSummary: Equatable, Sendable {
    public var pathwayTitle: String?
    public var isOnTrack: Bool
    /// "Short 1 science credit" when not on track.
    public var shortfall: String?
    public var nextMilestone: NextMilestone?
    /// Milestones done or waived, by id: what saved views filter on ("seniors without FAFSA").
    public var completedMilestoneIds: Set<String>

    public struct NextMilestone: Equatable, Sendable {
        public var id: String
        public var title: String
        public var due: CivilDate
        public var isOverdue: Bool

        public init(id: String, title: String, due: CivilDate, isOverdue: Bool) {
            self.id = id
            self.title = title
            self.due = due
            self.isOverdue = isOverdue
        }
    }

    /// Computes the summary. The next milestone is the soonest open one of the student's
    /// current grade: this year's work. (A senior's missed PSAT is history, not what is next.)
    public init(grade: Grade, pathwayId: String?, requirementSetId: String?, courses: [PlannedCourse],
                milestones: [MilestoneRecord], catalogs: Catalogs, today: CivilDate) {
        pathwayTitle = pathwayId.map { catalogs.pathways.title(of: $0) }
        let set = catalogs.requirementSets.requirementSet(for: PlanGoals(requirementSetId: requirementSetId))
        let report = RequirementCheck.check(courses, against: set)
        isOnTrack = report.isOnTrack
        shortfall = report.isOnTrack ? nil : report.missingSummary
        completedMilestoneIds = Set(milestones.filter { $0.status == .done || $0.status == .waived }.map(\.milestoneId))
            .union(catalogs.milestones.milestones.filter { MilestoneProgress.readsPathway($0, pathwayId: pathwayId) }.map(\.id))
        let items = MilestoneProgress.all(for: StudentPlan(studentId: 0, pathwayId: pathwayId, milestones: milestones), studentGrade: grade,
                                          grades: { $0 == grade }, catalogs: catalogs, today: today)
        nextMilestone = MilestoneProgress.next(in: items, grade: grade).flatMap { item in
            item.record.dueDate.map { NextMilestone(id: item.milestone.id, title: item.milestone.title, due: $0, isOverdue: item.isOverdue) }
        }
    }
}
