/// Where a student stands on one catalog milestone: the recorded status, or "not started"
/// with the catalog's due date for the year the student reaches that grade.
public struct MilestoneProgress: Equatable, Sendable {
    public var milestone: MilestoneCatalog.Milestone
    public var record: MilestoneRecord
    public var isOverdue: Bool
    /// Why a milestone the student no longer has is still listed: work was recorded on it
    /// before their goal (or school) changed. nil: it applies to the student now.
    public var kept: Kept? = nil

    /// A milestone that no longer applies but holds a status, evidence or a done date: kept
    /// and shown, never overdue, so nothing a counselor recorded disappears.
    public enum Kept: Equatable, Sendable, CaseIterable {
        /// The student's goal changed (a senior who turned from college to the military).
        case earlierGoal
        /// Outside the grades of the plan (recorded at a school serving other grades).
        case otherGrades

        /// The id a language file translates `text` by (`terms.milestoneKept`).
        public var id: String {
            switch self {
            case .earlierGoal: "earlier-goal"
            case .otherGrades: "other-grades"
            }
        }

        /// A short note beside the milestone's title.
        public var text: String {
            switch self {
            case .earlierGoal: "earlier goal"
            case .otherGrades: "earlier school"
            }
        }
    }

    /// The calendar year the school year containing `today` began in (it begins in August).
    public static func schoolYearStart(containing today: CivilDate) -> Int {
        today.month >= MilestoneCatalog.schoolYearStartMonth ? today.year : today.year - 1
    }

    /// The catalog milestones of `grades` that apply to the plan's goal, by grade (catalog order
    /// within a grade), with the student's records applied; and, marked `kept`, any milestone
    /// that no longer applies on which something was recorded (whatever its grade). Shared by
    /// the plan screen, the printable plan and the caseload summary, so all three agree on
    /// what is due and overdue. A not-started record with nothing on it is simply not listed
    /// once it no longer applies ("retired"); its row stays, so changing the goal back brings
    /// it back as it was.
    public static func all(for plan: StudentPlan, studentGrade: Grade, grades: (Grade) -> Bool,
                           catalogs: Catalogs, today: CivilDate) -> [MilestoneProgress] {
        let recorded = Dictionary(plan.milestones.map { ($0.milestoneId, $0) }) { first, _ in first }
        let start = schoolYearStart(containing: today)
        let goal = plan.goals.postsecondary
        return catalogs.milestones.milestones
            .compactMap { milestone -> MilestoneProgress? in
                let kept: Kept?
                if milestone.applies(to: goal), grades(milestone.grade) {
                    kept = nil
                } else if let record = recorded[milestone.id], record.holdsWork {
                    kept = milestone.applies(to: goal) ? .otherGrades : .earlierGoal
                } else {
                    return nil
                }
                var record = recorded[milestone.id] ?? MilestoneRecord(
                    studentId: plan.studentId, milestoneId: milestone.id,
                    dueDate: MilestoneCatalog.dueDate(for: milestone, gradeNow: studentGrade, schoolYearStart: start))
                if kept == nil, record.isOpen {
                    // Derived when read, never written: a status the counselor recorded
                    // (done, waived) stands, and removing the result reopens the milestone.
                    if readsPathway(milestone, pathwayId: plan.pathwayId) {
                        record.status = .done
                    } else if let taken = readsAssessments(milestone, taken: plan.assessmentsTaken) {
                        record.status = .done
                        record.completedDate = taken.date
                        record.evidence = record.evidence ?? "\(catalogs.assessments.title(of: taken.testId)) result of \(taken.date.iso)"
                    }
                }
                return MilestoneProgress(milestone: milestone, record: record,
                                         isOverdue: kept == nil && record.isOverdue(today: today), kept: kept)
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

    /// The first sitting of a test that completes the milestone (catalog `completedBy`), if
    /// the student has one: "PSAT" is done once a PSAT/NMSQT result is on file. One rule for
    /// the plan, the caseload summary and the to-do list.
    public static func readsAssessments(_ milestone: MilestoneCatalog.Milestone,
                                        taken: [String: CivilDate]) -> (testId: String, date: CivilDate)? {
        milestone.completedByAssessments.compactMap { id in taken[id].map { (testId: id, date: $0) } }
            .min { ($0.date, $0.testId) < ($1.date, $1.testId) }
    }

    /// The milestone to act on next: the soonest due open one of the student's current grade
    /// (an overdue one is due soonest). One rule for the caseload's "Next milestone" and the
    /// milestone `m` selects on the plan, so both name the same one.
    public static func next(in items: [MilestoneProgress], grade: Grade) -> MilestoneProgress? {
        items.filter { $0.kept == nil && $0.milestone.grade == grade && $0.record.isOpen && $0.record.dueDate != nil }
            .min { ($0.record.dueDate!, $0.milestone.title) < ($1.record.dueDate!, $1.milestone.title) }
    }
}
