import Foundation
import GRDB
import WaypointCore

/// What a caseload row needs of each plan, read for many students in three queries rather
/// than a whole plan each.
public struct PlanSummarySource: Equatable, Sendable {
    public var pathwayId: String?
    public var requirementSetId: String?
    /// Decides which milestones apply (the catalog's `goals`).
    public var goal: PostsecondaryGoal = .undecided
    public var courses: [PlannedCourse]
    public var milestones: [MilestoneRecord]
    /// The tests taken, each with its first sitting: what completes `completedBy` milestones.
    public var assessmentsTaken: [String: CivilDate] = [:]

    /// The summary of this plan for a student in `grade`: one call for the caseload, the
    /// profile, the to-do list and the export.
    public func summary(grade: Grade, catalogs: Catalogs, today: CivilDate) -> PlanSummary {
        PlanSummary(grade: grade, pathwayId: pathwayId, requirementSetId: requirementSetId, goal: goal,
                    courses: courses, milestones: milestones, assessmentsTaken: assessmentsTaken, catalogs: catalogs, today: today)
    }

    /// The parts of the plan milestones are read from (`MilestoneProgress.all`).
    public func milestonePlan(studentId: Int64) -> StudentPlan {
        var plan = StudentPlan(studentId: studentId, pathwayId: pathwayId, goals: PlanGoals(postsecondary: goal), milestones: milestones)
        plan.assessmentsTaken = assessmentsTaken
        return plan
    }
}

extension AppDatabase {
    public func planSummarySources(studentIds: [Int64]) throws -> [Int64: PlanSummarySource] {
        guard !studentIds.isEmpty else { return [:] }
        let ids = SessionRows.jsonArray(studentIds)
        return try read { db in
            var result = Dictionary(uniqueKeysWithValues: studentIds.map {
                ($0, PlanSummarySource(pathwayId: nil, requirementSetId: nil, courses: [], milestones: []))
            })
            // Cursors and columns by position: a copied row finds a column by name by lowercasing
            // every column name, which dominated summarizing a district.
            let plans = try Row.fetchCursor(db, sql: """
                SELECT studentId, pathwayId, requirementSetId, postsecondaryGoal FROM plan
                WHERE studentId IN (SELECT value FROM json_each(?))
                """, arguments: [ids])
            while let row = try plans.next() {
                let id: Int64 = row[0]
                result[id]?.pathwayId = row[1]
                result[id]?.requirementSetId = row[2]
                result[id]?.goal = PostsecondaryGoal(rawValue: row[3] ?? "") ?? .undecided
            }
            let courses = try Row.fetchCursor(db, sql: """
                SELECT studentId, year, subject, credits, status, gradeEarned, title FROM plan_course
                WHERE studentId IN (SELECT value FROM json_each(?))
                """, arguments: [ids])
            while let row = try courses.next() {
                let id: Int64 = row[0]
                result[id]?.courses.append(PlannedCourse(
                    studentId: id, year: Grade(rawValue: row[1]) ?? Grade(rawValue: 9)!, title: row[6],
                    subject: row[2], credits: row[3],
                    status: CourseStatus(rawValue: row[4]) ?? .planned, gradeEarned: row[5]))
            }
            let milestones = try Row.fetchCursor(db, sql: """
                SELECT studentId, milestoneId, status, dueDate FROM milestone_status
                WHERE studentId IN (SELECT value FROM json_each(?))
                """, arguments: [ids])
            while let row = try milestones.next() {
                let id: Int64 = row[0]
                result[id]?.milestones.append(MilestoneRecord(
                    studentId: id, milestoneId: row[1],
                    status: MilestoneStatus(rawValue: row[2]) ?? .notStarted,
                    dueDate: (row[3] as String?).flatMap { CivilDate(iso: $0) }))
            }
            for (id, taken) in try AssessmentRows.taken(db, studentIds: studentIds) { result[id]?.assessmentsTaken = taken }
            return result
        }
    }
}
