import Foundation
import GRDB
import WaypointCore

/// The SQL behind plans.
enum PlanRows {
    static func requireStudent(_ studentId: Int64, db: Database) throws {
        guard try Student.exists(db, key: studentId) else { throw StoreError.studentNotFound(id: studentId) }
    }

    static func ensurePlan(studentId: Int64, db: Database) throws {
        try requireStudent(studentId, db: db)
        try db.execute(sql: "INSERT INTO plan (studentId) VALUES (?) ON CONFLICT DO NOTHING", arguments: [studentId])
    }

    static func encode(_ list: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(list)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decode(_ text: String?) -> [String] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    static func date(_ row: Row, _ column: String) -> CivilDate? {
        (row[column] as String?).flatMap { CivilDate(iso: $0) }
    }

    static func course(_ row: Row) -> PlannedCourse {
        PlannedCourse(id: row["id"], studentId: row["studentId"], year: Grade(rawValue: row["year"]) ?? Grade(rawValue: 9)!,
                      title: row["title"], subject: row["subject"], credits: row["credits"],
                      level: CourseLevel(rawValue: row["level"]) ?? .standard, term: row["term"],
                      status: CourseStatus(rawValue: row["status"]) ?? .planned, gradeEarned: row["gradeEarned"])
    }

    static func course(id: Int64, db: Database) throws -> PlannedCourse? {
        try Row.fetchOne(db, sql: "SELECT * FROM plan_course WHERE id = ?", arguments: [id]).map(course)
    }

    static func milestone(_ row: Row) -> MilestoneRecord {
        MilestoneRecord(studentId: row["studentId"], milestoneId: row["milestoneId"],
                        status: MilestoneStatus(rawValue: row["status"]) ?? .notStarted, dueDate: date(row, "dueDate"),
                        evidence: row["evidence"], completedDate: date(row, "completedDate"))
    }

    /// Where the student stands on one milestone; a milestone never touched is not started.
    static func milestone(studentId: Int64, milestoneId: String, db: Database) throws -> MilestoneRecord {
        try Row.fetchOne(db, sql: "SELECT * FROM milestone_status WHERE studentId = ? AND milestoneId = ?",
                         arguments: [studentId, milestoneId]).map(milestone)
            ?? MilestoneRecord(studentId: studentId, milestoneId: milestoneId)
    }

    static func plan(studentId: Int64, db: Database) throws -> StudentPlan {
        var plan = StudentPlan(studentId: studentId)
        if let row = try Row.fetchOne(db, sql: "SELECT * FROM plan WHERE studentId = ?", arguments: [studentId]) {
            plan.pathwayId = row["pathwayId"]
            plan.goals = PlanGoals(postsecondary: PostsecondaryGoal(rawValue: row["postsecondaryGoal"]) ?? .undecided,
                                   careerInterests: decode(row["careerInterests"]), requirementSetId: row["requirementSetId"])
        }
        plan.pathwayHistory = try Row.fetchAll(db, sql: """
            SELECT * FROM pathway_change WHERE studentId = ? ORDER BY changedAt, id
            """, arguments: [studentId]).map { row in
            PathwayChange(date: row["changedAt"], fromId: row["fromId"], toId: row["toId"], reason: row["reason"],
                          authorId: row["authorId"])
        }
        plan.courses = try Row.fetchAll(db, sql: """
            SELECT * FROM plan_course WHERE studentId = ? ORDER BY year, id
            """, arguments: [studentId]).map(course)
        plan.milestones = try Row.fetchAll(db, sql: """
            SELECT * FROM milestone_status WHERE studentId = ? ORDER BY dueDate IS NULL, dueDate, milestoneId
            """, arguments: [studentId]).map(milestone)
        plan.workBasedLearning = try Row.fetchAll(db, sql: "SELECT * FROM work_based_learning WHERE studentId = ? ORDER BY startDate, id",
                                                  arguments: [studentId]).map { row in
            WorkBasedLearning(id: row["id"], studentId: studentId,
                              kind: WorkBasedLearningKind(rawValue: row["kind"]) ?? .speaker, organization: row["organization"],
                              hours: row["hours"], startDate: date(row, "startDate"), endDate: date(row, "endDate"))
        }
        plan.collegeCredits = try Row.fetchAll(db, sql: "SELECT * FROM college_credit WHERE studentId = ? ORDER BY id",
                                               arguments: [studentId]).map { row in
            CollegeCredit(id: row["id"], studentId: studentId, course: row["course"], institution: row["institution"],
                          credits: row["credits"])
        }
        plan.certifications = try Row.fetchAll(db, sql: "SELECT * FROM certification WHERE studentId = ? ORDER BY id",
                                               arguments: [studentId]).map { row in
            Certification(id: row["id"], studentId: studentId, name: row["name"], issuer: row["issuer"],
                          status: CertificationStatus(rawValue: row["status"]) ?? .inProgress, date: date(row, "date"))
        }
        plan.evidence = try Row.fetchAll(db, sql: "SELECT * FROM competency_evidence WHERE studentId = ? ORDER BY date, id",
                                         arguments: [studentId]).map { row in
            CompetencyEvidence(id: row["id"], studentId: studentId, competencyId: row["competencyId"],
                               artifact: row["artifact"], date: date(row, "date") ?? CivilDate(days: 0))
        }
        plan.markLinks = try MarkRows.links(studentId: studentId, db: db).filter { $0.planCourseId != nil }
        plan.assessmentsTaken = try AssessmentRows.taken(db, studentIds: [studentId])[studentId] ?? [:]
        return plan
    }
}
