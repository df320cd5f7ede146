import Foundation
import WaypointCore

extension AppDatabase {
    /// Everything the reports need about each active student of a caseload (nil: the
    /// district), read in a handful of queries.
    public func reportStudents(counselorId: Int64?, catalogs: Catalogs) throws -> [ReportStudent] {
        let entries = try caseload(counselorId: counselorId)
        let ids = entries.compactMap(\.student.id)
        let plans = try planSummarySources(studentIds: ids)
        let abc = try abcData(studentIds: ids)
        let counselors = try counselorNamesByStudent()
        let helped = try activeInterventionStudentIds(studentIds: ids)
        let applications = try collegeApplicationsByStudent(studentIds: ids)
        return entries.compactMap { entry in
            guard let id = entry.student.id else { return nil }
            let plan = plans[id]
            let tier = (abc[id] ?? ABCBatch()).assessment(rules: catalogs.earlyWarning).tier
            let done = (plan?.milestones ?? []).filter { $0.status == .done || $0.status == .waived }.map(\.milestoneId)
            return ReportStudent(student: entry.student, schoolName: entry.schoolName, counselorName: counselors[id],
                                 pathwayTitle: plan?.pathwayId.map { catalogs.pathways.title(of: $0) },
                                 lastContact: entry.lastContact, completedMilestoneIds: Set(done), tier: tier,
                                 hasActiveIntervention: helped.contains(id), goal: plan?.goal,
                                 applications: (applications[id] ?? []).map(\.status))
        }
    }
}
