/// A plan at a glance, for a caseload row and the profile: pathway, on track or not, and the
/// next milestone due.
public struct PlanSummary: Equatable, Sendable {
    public var pathwayTitle: String?
    /// True for a student the graduation check does not judge (below grade 9), so no list,
    /// view or export ever flags them; `judgesCredits` tells the two apart for display.
    public var isOnTrack: Bool
    /// The postsecondary goal, which decides the milestones that apply (saved view v2).
    public var goal: PostsecondaryGoal
    /// False below grade 9 (`PlanYears.judgesCredits`): the plan shows no credit status.
    public var judgesCredits: Bool
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
    /// `goal`: the plan's postsecondary goal, which decides the milestones that apply.
    public init(grade: Grade, pathwayId: String?, requirementSetId: String?, goal: PostsecondaryGoal, courses: [PlannedCourse],
                milestones: [MilestoneRecord], assessmentsTaken: [String: CivilDate] = [:], catalogs: Catalogs, today: CivilDate) {
        pathwayTitle = pathwayId.map { catalogs.pathways.title(of: $0) }
        self.goal = goal
        judgesCredits = PlanYears.judgesCredits(grade)
        let set = catalogs.requirementSets.requirementSet(for: PlanGoals(requirementSetId: requirementSetId))
        let report = RequirementCheck.check(courses, against: set)
        isOnTrack = !judgesCredits || report.isOnTrack
        shortfall = isOnTrack ? nil : report.missingSummary
        completedMilestoneIds = Set(milestones.filter { $0.status == .done || $0.status == .waived }.map(\.milestoneId))
            .union(catalogs.milestones.milestones.filter {
                MilestoneProgress.readsPathway($0, pathwayId: pathwayId) || MilestoneProgress.readsAssessments($0, taken: assessmentsTaken) != nil
            }.map(\.id))
        var plan = StudentPlan(studentId: 0, pathwayId: pathwayId, goals: PlanGoals(postsecondary: goal), milestones: milestones)
        plan.assessmentsTaken = assessmentsTaken
        let items = MilestoneProgress.all(for: plan, studentGrade: grade,
                                          grades: { $0 == grade }, catalogs: catalogs, today: today)
        nextMilestone = MilestoneProgress.next(in: items, grade: grade).flatMap { item in
            item.record.dueDate.map { NextMilestone(id: item.milestone.id, title: item.milestone.title, due: $0, isOverdue: item.isOverdue) }
        }
    }
}
