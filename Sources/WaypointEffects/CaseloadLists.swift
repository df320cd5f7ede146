import WaypointCore
import WaypointStore
import WaypointUI

/// The lists the screen and the command line both build from the store: students' summaries
/// (plan, tier, interventions) and the to-do list. One place, so `waypoint attention` and
/// `waypoint todo` list what the screen lists.
public enum CaseloadLists {
    /// Each student's plan summary, early-warning tier and whether an intervention is under way.
    public static func summaries(_ database: AppDatabase, students: [Int64: Grade], catalogs: Catalogs,
                                 today: CivilDate) throws -> [Int64: CaseloadSummary] {
        let ids = Array(students.keys)
        let sources = try database.planSummarySources(studentIds: ids)
        let abc = try database.abcData(studentIds: ids)
        let withIntervention = try database.activeInterventionStudentIds(studentIds: ids)
        var summaries: [Int64: CaseloadSummary] = [:]
        for (id, grade) in students {
            let tier = (abc[id] ?? ABCBatch()).assessment(rules: catalogs.earlyWarning).tier
            let plan = sources[id]?.summary(grade: grade, catalogs: catalogs, today: today)
            summaries[id] = CaseloadSummary(plan: plan, tier: tier, hasActiveIntervention: withIntervention.contains(id))
        }
        return summaries
    }

    /// Open follow-ups, the deadlines of college applications still being prepared and this
    /// year's overdue milestones of the caseload's students
    /// (`counselorId` nil: the district), in the to-do list's order.
    public static func todo(_ database: AppDatabase, counselorId: Int64?, viewerId: Int64?, catalogs: Catalogs,
                            today: CivilDate) throws -> [TaskRow] {
        let students = try database.caseload(counselorId: counselorId)
        let byId = Dictionary(students.compactMap { entry in entry.student.id.map { ($0, entry.student) } }) { first, _ in first }
        var rows: [TaskRow] = try database.openFollowUps(counselorId: counselorId, viewerId: viewerId).compactMap { item in
            guard let id = item.id, let student = byId[item.studentId] else { return nil }
            return TaskRow(source: .followUp(id: id), studentId: item.studentId, studentName: student.listName,
                           localId: student.localId, due: item.dueDate, text: item.text, sortKey: student.sortKey)
        }
        // College deadlines count as follow-ups do: a date to meet, by day, overdue first.
        rows += try database.openCollegeApplications(studentIds: Array(byId.keys)).compactMap { application in
            guard let id = application.id, let student = byId[application.studentId] else { return nil }
            return TaskRow(source: .collegeDeadline(id: id), studentId: application.studentId, studentName: student.listName,
                           localId: student.localId, due: application.deadline, text: application.todoText, sortKey: student.sortKey)
        }
        let sources = try database.planSummarySources(studentIds: Array(byId.keys))
        for (id, source) in sources {
            guard let student = byId[id] else { continue }
            let plan = source.milestonePlan(studentId: id)
            for item in MilestoneProgress.all(for: plan, studentGrade: student.grade, grades: { $0 == student.grade },
                                              catalogs: catalogs, today: today) where item.isOverdue {
                rows.append(TaskRow(source: .milestone(id: item.milestone.id), studentId: id, studentName: student.listName,
                                    localId: student.localId, due: item.record.dueDate, text: item.milestone.title,
                                    sortKey: student.sortKey))
            }
        }
        return TaskRow.ordered(rows, today: today)
    }
}
