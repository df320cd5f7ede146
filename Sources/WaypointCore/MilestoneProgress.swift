/// Where a student stands on one catalog milestone: the recorded status, or "not started"
/// with the catalog's due date for the year the student reaches that grade.
public struct MilestoneProgress: Equatable, Sendable {
    public var milestone: MilestoneCatalog.Milestone
    public var record: MilestoneRecord
    public var isOverdue: Bool

    /// The calendar year the school year containing `today` began in (it begins in August).
    public static func schoolYearStart(containing today: CivilDate) -> Int {
        today.month >= MilestoneCatalog.schoolYearStartMonth ? today.year : today.year - 1
    }

    /// Every catalog milestone of `grades`, by grade (catalog order within a grade), with the
    /// student's records applied. Shared by the plan screen, the printable plan and the
    /// caseload summary, so all three agree on what is due and overdue.
    public static func all(for plan: StudentPlan, studentGrade: Grade, grades: (Grade) -> Bool,
                           catalogs: Catalogs, today: CivilDate) -> [MilestoneProgress] {
        let recorded = Dictionary(plan.milestones.map { ($0.milestoneId, $0) }) { first, _ in first }
        let start = schoolYearStart(containing: today)
        return catalogs.milestones.milestones
            .filter { grades($0.grade) }
            .map { milestone in
                var record = recorded[milestone.id] ?? MilestoneRecord(
                    studentId: plan.studentId, milestoneId: milestone.id,
                    dueDate: MilestoneCatalog.dueDate(for: milestone, gradeNow: studentGrade, schoolYearStart: start))
                if readsPathway(milestone, pathwayId: plan.pathwayId), record.isOpen { record.status = .done }
                return MilestoneProgress(milestone: milestone, record: record, isOverdue: record.isOverdue(today: today))
            }
            .enumerated()
            // By grade, then by due date, so a list reads in the order things come up.
            .sorted { lhs, rhs in
                let l = lhs.element, r = rhs.element
                if l.milestone.grade != r.milestone.grade { return l.milestone.grade < r.milestone.grade }
                switch (l.record.dueDate, r.record.dueDate) {
                case let (a?, b?) where a != b: return a < b
                case (nil, _?): return false
                case (_?, nil): return true
                default: return lhs.offset < rhs.offset
                }
            }
            .map(\.element)
    }

    /// Whether a milestone counts as done because the plan has a pathway (catalog
    /// `doneByPathway`). One rule for the plan, the caseload summary and the to-do list.
    public static func readsPathway(_ milestone: MilestoneCatalog.Milestone, pathwayId: String?) -> Bool {
        milestone.doneByPathway && pathwayId != nil
    }

    /// The milestone to act on next: the soonest due open one of the student's current grade
    /// (an overdue one is due soonest). One rule for the caseload's "Next milestone" and the
    /// milestone `m` selects on the plan, so both name the same one.
    public static func next(in items: [MilestoneProgress], grade: Grade) -> MilestoneProgress? {
        items.filter { $0.milestone.grade == grade && $0.record.isOpen && $0.record.dueDate != nil }
            .min { ($0.record.dueDate!, $0.milestone.title) < ($1.record.dueDate!, $1.milestone.title) }
    }
}
