import Foundation
import WaypointCore

/// The rows the plan screen lists, computed from the plan and the catalogs in one place so
/// the reducer (which selects them) and the view (which draws them) agree.
enum PlanRows {
    struct MilestoneRow: Equatable {
        var title: String
        var grade: Grade
        var record: MilestoneRecord
        var isOverdue: Bool
    }

    /// Every catalog milestone of the plan's years, by grade, with the student's status (or
    /// "not started", due by the catalog's month in the year the student reaches that grade).
    static func milestones(_ data: PlanData, catalogs: Catalogs, today: CivilDate) -> [MilestoneRow] {
        let recorded = Dictionary(data.plan.milestones.map { ($0.milestoneId, $0) }) { first, _ in first }
        return catalogs.milestones.milestones
            .filter { data.years.contains($0.grade) }
            .sorted { $0.grade < $1.grade }
            .map { milestone in
                let record = recorded[milestone.id] ?? MilestoneRecord(
                    studentId: data.plan.studentId, milestoneId: milestone.id,
                    dueDate: MilestoneCatalog.dueDate(for: milestone, gradeNow: data.student.grade,
                                                      schoolYearStart: schoolYearStart(today)))
                return MilestoneRow(title: milestone.title, grade: milestone.grade, record: record,
                                    isOverdue: record.isOverdue(today: today))
            }
    }

    /// The next open milestones, soonest first: what the profile and caseload show.
    static func nextMilestones(_ data: PlanData, catalogs: Catalogs, today: CivilDate, count: Int = 3) -> [MilestoneRow] {
        Array(milestones(data, catalogs: catalogs, today: today)
            .filter { $0.record.isOpen && $0.record.dueDate != nil }
            .sorted { ($0.record.dueDate!, $0.title) < ($1.record.dueDate!, $1.title) }
            .prefix(count))
    }

    struct MoreRow: Equatable {
        var kind: PlanEntryKind
        var id: Int64
        var kindTitle: String
        var text: String
        var detail: String
    }

    static func more(_ plan: StudentPlan, catalogs: Catalogs) -> [MoreRow] {
        func hours(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
        var rows: [MoreRow] = []
        rows += plan.workBasedLearning.map {
            MoreRow(kind: .workBasedLearning, id: $0.id ?? 0, kindTitle: $0.kind.title, text: $0.organization,
                    detail: "\(hours($0.hours)) h" + ($0.startDate.map { " · \($0.iso)" } ?? ""))
        }
        rows += plan.collegeCredits.map {
            MoreRow(kind: .collegeCredit, id: $0.id ?? 0, kindTitle: "College credit", text: "\($0.course), \($0.institution)",
                    detail: "\(hours($0.credits)) credits")
        }
        rows += plan.certifications.map {
            MoreRow(kind: .certification, id: $0.id ?? 0, kindTitle: "Certification", text: "\($0.name) (\($0.issuer))",
                    detail: ($0.status == .earned ? "earned" : "in progress") + ($0.date.map { " · \($0.iso)" } ?? ""))
        }
        rows += plan.evidence.map {
            MoreRow(kind: .evidence, id: $0.id ?? 0, kindTitle: catalogs.competencies.title(of: $0.competencyId),
                    text: $0.artifact, detail: $0.date.iso)
        }
        return rows
    }

    /// The calendar year the current school year began in (it begins in August).
    static func schoolYearStart(_ today: CivilDate) -> Int {
        today.month >= MilestoneCatalog.schoolYearStartMonth ? today.year : today.year - 1
    }

    /// The requirement set the plan is checked against.
    static func requirementSet(_ plan: StudentPlan, catalogs: Catalogs) -> RequirementSet {
        catalogs.requirementSets.requirementSet(for: plan.goals)
    }

    static func report(_ plan: StudentPlan, catalogs: Catalogs) -> RequirementReport {
        RequirementCheck.check(plan.courses, against: requirementSet(plan, catalogs: catalogs))
    }
}
