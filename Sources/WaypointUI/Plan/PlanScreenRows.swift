import Foundation
import WaypointCore

/// The rows the plan screen lists, computed from the plan and the catalogs in one place so
/// the reducer (which selects them) and the view (which draws them) agree.
enum PlanScreenRows {
    /// Every catalog milestone of the plan's years, by grade, with the student's status.
    static func milestones(_ data: PlanData, catalogs: Catalogs, today: CivilDate) -> [MilestoneProgress] {
        MilestoneProgress.all(for: data.plan, studentGrade: data.student.grade, grades: { data.years.contains($0) },
                              catalogs: catalogs, today: today)
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

    /// The requirement set the plan is checked against.
    static func requirementSet(_ plan: StudentPlan, catalogs: Catalogs) -> RequirementSet {
        catalogs.requirementSets.requirementSet(for: plan.goals)
    }

    static func report(_ plan: StudentPlan, catalogs: Catalogs) -> RequirementReport {
        RequirementCheck.check(plan.courses, against: requirementSet(plan, catalogs: catalogs))
    }
}
