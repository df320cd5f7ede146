import GRDB

extension AppDatabase {
    /// The multi-year plan. Catalog ids (pathways, milestones, subjects, competencies) are
    /// plain text: catalogs are files a district may change, so the application checks them,
    /// while the schema guards what never varies (statuses, levels, credit ranges, grades).
    static func createPlans(_ db: Database) throws {
        try db.create(table: "plan") { t in
            t.primaryKey("studentId", .integer).references("student", onDelete: .restrict)
            t.column("pathwayId", .text)
            t.column("postsecondaryGoal", .text).notNull().defaults(to: "undecided")
                .check(sql: "postsecondaryGoal IN ('4-year', '2-year', 'certificate', 'apprenticeship', 'military', 'workforce', 'undecided')")
            t.column("careerInterests", .text).notNull().defaults(to: "[]")
            t.column("requirementSetId", .text)
        }

        try db.create(table: "pathway_change") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("changedAt", .datetime).notNull()
            t.column("fromId", .text)
            t.column("toId", .text).notNull().check(sql: "trim(toId) <> ''")
            t.column("reason", .text).notNull()
            t.column("authorId", .integer).notNull().references("counselor", onDelete: .restrict)
        }
        try db.create(index: "pathway_change_on_studentId", on: "pathway_change", columns: ["studentId", "changedAt"])

        try db.create(table: "plan_course") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("year", .integer).notNull().check(sql: "year BETWEEN 6 AND 12")
            t.column("title", .text).notNull().check(sql: "trim(title) <> ''")
            t.column("subject", .text).notNull().check(sql: "trim(subject) <> ''")
            t.column("credits", .double).notNull().check(sql: "credits > 0 AND credits <= 10")
            t.column("level", .text).notNull().defaults(to: "standard")
                .check(sql: "level IN ('standard', 'honors', 'ap', 'ib', 'dual-credit', 'cte')")
            t.column("term", .text)
            t.column("status", .text).notNull().defaults(to: "planned")
                .check(sql: "status IN ('planned', 'in-progress', 'completed')")
            t.column("gradeEarned", .text)
        }
        try db.create(index: "plan_course_on_studentId_year", on: "plan_course", columns: ["studentId", "year"])

        try db.create(table: "milestone_status") { t in
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("milestoneId", .text).notNull().check(sql: "trim(milestoneId) <> ''")
            t.column("status", .text).notNull().defaults(to: "not-started")
                .check(sql: "status IN ('not-started', 'in-progress', 'done', 'waived')")
            t.column("dueDate", .text).check(sql: "dueDate IS NULL OR dueDate GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'")
            t.column("evidence", .text)
            t.column("completedDate", .text)
            t.primaryKey(["studentId", "milestoneId"])
        }

        try db.create(table: "work_based_learning") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("kind", .text).notNull()
                .check(sql: "kind IN ('speaker', 'job-shadow', 'internship', 'mentoring', 'apprenticeship')")
            t.column("organization", .text).notNull().check(sql: "trim(organization) <> ''")
            t.column("hours", .double).notNull().check(sql: "hours >= 0 AND hours <= 5000")
            t.column("startDate", .text)
            t.column("endDate", .text)
        }
        try db.create(index: "work_based_learning_on_studentId", on: "work_based_learning", columns: ["studentId"])

        try db.create(table: "college_credit") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("course", .text).notNull().check(sql: "trim(course) <> ''")
            t.column("institution", .text).notNull().check(sql: "trim(institution) <> ''")
            t.column("credits", .double).notNull().check(sql: "credits > 0 AND credits <= 60")
        }
        try db.create(index: "college_credit_on_studentId", on: "college_credit", columns: ["studentId"])

        try db.create(table: "certification") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("name", .text).notNull().check(sql: "trim(name) <> ''")
            t.column("issuer", .text).notNull()
            t.column("status", .text).notNull().check(sql: "status IN ('in-progress', 'earned')")
            t.column("date", .text)
        }
        try db.create(index: "certification_on_studentId", on: "certification", columns: ["studentId"])

        try db.create(table: "competency_evidence") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("competencyId", .text).notNull().check(sql: "trim(competencyId) <> ''")
            t.column("artifact", .text).notNull().check(sql: "trim(artifact) <> ''")
            t.column("date", .text).notNull()
        }
        try db.create(index: "competency_evidence_on_studentId", on: "competency_evidence", columns: ["studentId"])

        try db.execute(sql: """
            CREATE TRIGGER pathway_change_append_only_update BEFORE UPDATE ON pathway_change
            BEGIN SELECT RAISE(ABORT, 'pathway history is append-only'); END;
            CREATE TRIGGER pathway_change_append_only_delete BEFORE DELETE ON pathway_change
            BEGIN SELECT RAISE(ABORT, 'pathway history is append-only'); END;
            """)
    }
}
