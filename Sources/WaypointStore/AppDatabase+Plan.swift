import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Everything in a student's plan, read in one transaction so the parts agree.
    public func plan(studentId: Int64) throws -> StudentPlan {
        try read { db in try PlanRows.plan(studentId: studentId, db: db) }
    }

    /// Plans for many students at once (a caseload), by student id. Students without a
    /// plan row get an empty plan.
    public func plans(studentIds: [Int64]) throws -> [Int64: StudentPlan] {
        try read { db in
            var result: [Int64: StudentPlan] = [:]
            for id in studentIds { result[id] = try PlanRows.plan(studentId: id, db: db) }
            return result
        }
    }

    /// Changes the pathway and records the change (date, from, to, reason, who) in the
    /// append-only history. Setting the pathway it already has changes nothing. Given the
    /// plan as `loaded`, a pathway changed elsewhere since is refused (`changedElsewhere`).
    public func setPathway(studentId: Int64, to pathwayId: String, reason: String, by authorId: Int64,
                           loaded: StudentPlan? = nil, now: Date = Date()) throws {
        try write { db in
            try PlanRows.ensurePlan(studentId: studentId, db: db)
            let current = try String.fetchOne(db, sql: "SELECT pathwayId FROM plan WHERE studentId = ?", arguments: [studentId])
            try Unchanged.ensure(.pathway(theirs: current, yours: pathwayId), of: studentId, loaded: loaded.map(\.pathwayId),
                                 current: current, theirs: current ?? "none", yours: pathwayId, db: db)
            guard current != pathwayId else { return }
            let before = try AuditSnapshot(db, .plan(studentId: studentId))
            try db.execute(sql: "UPDATE plan SET pathwayId = ? WHERE studentId = ?", arguments: [pathwayId, studentId])
            try db.execute(sql: """
                INSERT INTO pathway_change (studentId, changedAt, fromId, toId, reason, authorId) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [studentId, now, current, pathwayId, reason, authorId])
            try recordChange(db, .changedPlan, .plan(studentId: studentId), before: before, by: authorId, now: now)
        }
    }

    /// Saves the goals; given the goals as `loaded`, goals changed elsewhere since are refused.
    public func setGoals(studentId: Int64, _ goals: PlanGoals, by counselorId: Int64?, loaded: PlanGoals? = nil) throws {
        try write { db in
            try PlanRows.ensurePlan(studentId: studentId, db: db)
            let current = try PlanRows.plan(studentId: studentId, db: db).goals
            try Unchanged.ensure(.goals, of: studentId, loaded: loaded, current: current,
                                 theirs: Unchanged.describe(current), yours: Unchanged.describe(goals), db: db)
            let before = try AuditSnapshot(db, .plan(studentId: studentId))
            try db.execute(sql: """
                UPDATE plan SET postsecondaryGoal = ?, careerInterests = ?, requirementSetId = ? WHERE studentId = ?
                """, arguments: [goals.postsecondary.rawValue, PlanRows.encode(goals.careerInterests),
                                 goals.requirementSetId, studentId])
            try recordChange(db, .changedPlan, .plan(studentId: studentId), before: before, by: counselorId)
        }
    }

    @discardableResult
    public func addCourse(_ course: PlannedCourse, by counselorId: Int64?) throws -> PlannedCourse {
        try write { db in
            try PlanRows.ensurePlan(studentId: course.studentId, db: db)
            try db.execute(sql: """
                INSERT INTO plan_course (studentId, year, title, subject, credits, level, term, status, gradeEarned)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [course.studentId, course.year.rawValue, course.title.trimmingCharacters(in: .whitespaces),
                                 course.subject, course.credits, course.level.rawValue, course.term, course.status.rawValue,
                                 course.gradeEarned])
            var saved = course
            saved.id = db.lastInsertedRowID
            try recordChange(db, .changedPlan, .course(id: saved.id!), before: nil, by: counselorId)
            return saved
        }
    }

    /// Saves every field of an existing course (status, grade earned, year, …). Given the
    /// course as `loaded`, a course changed or removed elsewhere since is refused.
    public func updateCourse(_ course: PlannedCourse, by counselorId: Int64?, loaded: PlannedCourse? = nil) throws {
        guard let id = course.id else { throw StoreError.courseNotFound(id: -1) }
        try write { db in
            try Unchanged.course(id, loaded: loaded, yours: Unchanged.describe(course), db: db)
            let before = try AuditSnapshot(db, .course(id: id))
            try db.execute(sql: """
                UPDATE plan_course SET year = ?, title = ?, subject = ?, credits = ?, level = ?, term = ?, status = ?,
                       gradeEarned = ? WHERE id = ?
                """, arguments: [course.year.rawValue, course.title, course.subject, course.credits, course.level.rawValue,
                                 course.term, course.status.rawValue, course.gradeEarned, id])
            guard db.changesCount == 1 else { throw StoreError.courseNotFound(id: id) }
            try recordChange(db, .changedPlan, .course(id: id), before: before, by: counselorId)
        }
    }

    public func course(id: Int64) throws -> PlannedCourse? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT studentId FROM plan_course WHERE id = ?", arguments: [id]) else { return nil }
            return try PlanRows.plan(studentId: row["studentId"], db: db).courses.first { $0.id == id }
        }
    }

    public func moveCourse(id: Int64, toYear year: Grade, by counselorId: Int64?, loaded: PlannedCourse? = nil) throws {
        try write { db in
            try Unchanged.course(id, loaded: loaded, yours: "moved to grade \(year)", db: db)
            let before = try AuditSnapshot(db, .course(id: id))
            try db.execute(sql: "UPDATE plan_course SET year = ? WHERE id = ?", arguments: [year.rawValue, id])
            guard db.changesCount == 1 else { throw StoreError.courseNotFound(id: id) }
            try recordChange(db, .changedPlan, .course(id: id), before: before, by: counselorId)
        }
    }

    public func removeCourse(id: Int64, by counselorId: Int64?, loaded: PlannedCourse? = nil) throws {
        try write { db in
            try Unchanged.course(id, loaded: loaded, yours: "removed from the plan", db: db)
            let before = try AuditSnapshot(db, .course(id: id))
            try db.execute(sql: "DELETE FROM plan_course WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else { throw StoreError.courseNotFound(id: id) }
            try recordChange(db, .changedPlan, .course(id: id), before: before, by: counselorId)
        }
    }

    /// Records where the student stands on a milestone. Marking it done stamps the day it
    /// was completed (`today`) unless one is given; reopening clears it. Given the record as
    /// `loaded`, a status, due date or evidence changed elsewhere since is refused.
    public func setMilestone(_ record: MilestoneRecord, today: CivilDate, by counselorId: Int64?,
                             loaded: MilestoneRecord? = nil) throws {
        try write { db in
            guard try Student.exists(db, key: record.studentId) else { throw StoreError.studentNotFound(id: record.studentId) }
            let current = try PlanRows.milestone(studentId: record.studentId, milestoneId: record.milestoneId, db: db)
            try Unchanged.ensure(.milestone(id: record.milestoneId), of: record.studentId,
                                 loaded: loaded.map(Unchanged.milestoneFields), current: Unchanged.milestoneFields(current),
                                 theirs: Unchanged.describe(current), yours: Unchanged.describe(record), db: db)
            let audited = AuditedRecord.milestone(studentId: record.studentId, milestoneId: record.milestoneId)
            let before = try AuditSnapshot(db, audited)
            // A milestone already done keeps the day it was done when its evidence is edited.
            let doneBefore = current.status == .done ? current.completedDate : nil
            let completed = record.status == .done ? (record.completedDate ?? doneBefore ?? today) : nil
            try db.execute(sql: """
                INSERT INTO milestone_status (studentId, milestoneId, status, dueDate, evidence, completedDate)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (studentId, milestoneId) DO UPDATE SET status = excluded.status, dueDate = excluded.dueDate,
                    evidence = excluded.evidence, completedDate = excluded.completedDate
                """, arguments: [record.studentId, record.milestoneId, record.status.rawValue, record.dueDate?.iso,
                                 record.evidence, completed?.iso])
            try recordChange(db, .changedPlan, audited, before: before, by: counselorId)
        }
    }

    @discardableResult
    public func addWorkBasedLearning(_ item: WorkBasedLearning, by counselorId: Int64?) throws -> Int64 {
        try addPlanEntry(.workBasedLearning, studentId: item.studentId, by: counselorId, values: [
            "kind": item.kind.rawValue, "organization": item.organization, "hours": item.hours,
            "startDate": item.startDate?.iso, "endDate": item.endDate?.iso,
        ])
    }

    @discardableResult
    public func addCollegeCredit(_ item: CollegeCredit, by counselorId: Int64?) throws -> Int64 {
        try addPlanEntry(.collegeCredit, studentId: item.studentId, by: counselorId, values: [
            "course": item.course, "institution": item.institution, "credits": item.credits,
        ])
    }

    @discardableResult
    public func addCertification(_ item: Certification, by counselorId: Int64?) throws -> Int64 {
        try addPlanEntry(.certification, studentId: item.studentId, by: counselorId, values: [
            "name": item.name, "issuer": item.issuer, "status": item.status.rawValue, "date": item.date?.iso,
        ])
    }

    @discardableResult
    public func addEvidence(_ item: CompetencyEvidence, by counselorId: Int64?) throws -> Int64 {
        try addPlanEntry(.evidence, studentId: item.studentId, by: counselorId, values: [
            "competencyId": item.competencyId, "artifact": item.artifact, "date": item.date.iso,
        ])
    }

    /// One row in a plan section's table (named after the section) and its audit row, in one
    /// transaction; the student must exist.
    private func addPlanEntry(_ section: PlanSection, studentId: Int64, by counselorId: Int64?,
                              values: [String: (any DatabaseValueConvertible)?]) throws -> Int64 {
        try write { db in
            try PlanRows.requireStudent(studentId, db: db)
            let columns = ["studentId"] + values.keys.sorted()
            let ordered: [(any DatabaseValueConvertible)?] = [studentId] + values.keys.sorted().map { values[$0] ?? nil }
            let arguments = StatementArguments(ordered)
            try db.execute(sql: "INSERT INTO \(section.rawValue) (\(columns.joined(separator: ", "))) "
                + "VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))", arguments: arguments)
            let id = db.lastInsertedRowID
            try recordChange(db, .changedPlan, .planEntry(section, id: id), before: nil, by: counselorId)
            return id
        }
    }

    /// Removes one entry of a plan section (work-based learning, college credit,
    /// certification or evidence) by id.
    public func removePlanEntry(_ section: PlanSection, id: Int64, by counselorId: Int64?) throws {
        try write { db in
            let before = try AuditSnapshot(db, .planEntry(section, id: id))
            try db.execute(sql: "DELETE FROM \(section.rawValue) WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else { throw StoreError.planEntryNotFound(section: section.rawValue, id: id) }
            try recordChange(db, .changedPlan, .planEntry(section, id: id), before: before, by: counselorId)
        }
    }
}

/// The plan sections whose entries can be removed by id; raw values are their tables.
public enum PlanSection: String, CaseIterable, Sendable {
    case workBasedLearning = "work_based_learning"
    case collegeCredit = "college_credit"
    case certification
    case evidence = "competency_evidence"
}
