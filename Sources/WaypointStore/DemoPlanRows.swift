import GRDB
import WaypointCore

/// Writes a whole generated plan with raw inserts, inside one of the demo load's chunks.
enum DemoPlanRows {
    static func insert(_ plan: StudentPlan, authorId: Int64, db: Database) throws {
        let id = plan.studentId
        try db.execute(sql: "INSERT INTO plan (studentId, pathwayId, postsecondaryGoal, careerInterests) VALUES (?, ?, ?, ?)",
                       arguments: [id, plan.pathwayId, plan.goals.postsecondary.rawValue, PlanRows.encode(plan.goals.careerInterests)])
        for change in plan.pathwayHistory {
            try db.execute(sql: """
                INSERT INTO pathway_change (studentId, changedAt, fromId, toId, reason, authorId) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [id, change.date, change.fromId, change.toId, change.reason, authorId])
        }
        let course = try db.makeStatement(sql: """
            INSERT INTO plan_course (studentId, year, title, subject, credits, level, term, status, gradeEarned)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for item in plan.courses {
            try course.execute(arguments: [id, item.year.rawValue, item.title, item.subject, item.credits, item.level.rawValue,
                                           item.term, item.status.rawValue, item.gradeEarned])
        }
        let milestone = try db.makeStatement(sql: """
            INSERT INTO milestone_status (studentId, milestoneId, status, dueDate, evidence, completedDate) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for item in plan.milestones {
            try milestone.execute(arguments: [id, item.milestoneId, item.status.rawValue, item.dueDate?.iso, item.evidence,
                                              item.completedDate?.iso])
        }
        for item in plan.workBasedLearning {
            try db.execute(sql: """
                INSERT INTO work_based_learning (studentId, kind, organization, hours, startDate, endDate) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [id, item.kind.rawValue, item.organization, item.hours, item.startDate?.iso, item.endDate?.iso])
        }
        for item in plan.collegeCredits {
            try db.execute(sql: "INSERT INTO college_credit (studentId, course, institution, credits) VALUES (?, ?, ?, ?)",
                           arguments: [id, item.course, item.institution, item.credits])
        }
        for item in plan.certifications {
            try db.execute(sql: "INSERT INTO certification (studentId, name, issuer, status, date) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, item.name, item.issuer, item.status.rawValue, item.date?.iso])
        }
        for item in plan.evidence {
            try db.execute(sql: "INSERT INTO competency_evidence (studentId, competencyId, artifact, date) VALUES (?, ?, ?, ?)",
                           arguments: [id, item.competencyId, item.artifact, item.date.iso])
        }
    }
}
