import GRDB

extension AppDatabase {
    /// The schema's history. A migration that has shipped is never edited: a counselor's
    /// database has already run it, so changes go into a new, later migration.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createV1)
        migrator.registerMigration("v2-sessions", migrate: createSessions)
        migrator.registerMigration("v3-plans", migrate: createPlans)
        migrator.registerMigration("v4-roster", migrate: createRoster)
        migrator.registerMigration("v5-abc", migrate: createABC)
        migrator.registerMigration("v6-interventions", migrate: createInterventions)
        migrator.registerMigration("v7-passphrases", migrate: createPassphrases)
        migrator.registerMigration("v8-audit", migrate: createAudit)
        migrator.registerMigration("v9-audit-security", migrate: auditSecurityEvents)
        migrator.registerMigration("v10-passphrase-attempts", migrate: passphraseAttempts)
        migrator.registerMigration("v11-field-rules", migrate: holdCreditsToFieldRules)
        migrator.registerMigration("v12-import-batches", migrate: importBatches)
        migrator.registerMigration("v13-sync-outbox", migrate: createSyncOutbox)
        migrator.registerMigration("v14-sync-refused", migrate: createSyncRefused)
        migrator.registerMigration("v15-sync-sealing", migrate: createSyncSealing)
        migrator.registerMigration("v16-sync-password-file", migrate: addSyncPasswordFile)
        migrator.registerMigration("v17-contacts", migrate: createContacts)
        migrator.registerMigration("v18-reminders", migrate: addReminders)
        migrator.registerMigration("v19-groups", migrate: createGroups)
        migrator.registerMigration("v20-walkin", migrate: addWalkIns)
        migrator.registerMigration("v21-interventions", migrate: addInterventionMeasures)
        migrator.registerMigration("v22-intervention-pulls", migrate: letPullsWriteClosedInterventions)
        migrator.registerMigration("v23-course-marks", migrate: addCourseMarks)
        migrator.registerMigration("v24-course-catalog", migrate: createRosterCourses)
        migrator.registerMigration("v25-assessments", migrate: createAssessments)
        migrator.registerMigration("v26-college-applications", migrate: createCollegeApplications)
        migrator.registerMigration("v27-roster-state", migrate: createRosterState)
        return migrator
    }

    private static func createV1(_ db: Database) throws {
        try db.create(table: "school") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("sourcedId", .text).unique()
            t.column("name", .text).notNull().check(sql: "trim(name) <> ''")
            t.column("lowGrade", .integer)
            t.column("highGrade", .integer)
        }

        try db.create(table: "counselor") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("sourcedId", .text).unique()
            t.column("givenName", .text).notNull()
            t.column("familyName", .text).notNull()
            t.column("email", .text)
        }

        try db.create(table: "student") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("sourcedId", .text).unique()
            t.column("localId", .text).notNull().unique().check(sql: "trim(localId) <> ''")
            t.column("givenName", .text).notNull()
            t.column("middleName", .text)
            t.column("familyName", .text).notNull()
            t.column("preferredName", .text)
            t.column("grade", .integer).notNull().check(sql: "grade BETWEEN -1 AND 13")
            // RESTRICT: closing a school must not silently delete its students' records.
            t.column("schoolId", .integer).notNull().references("school", onDelete: .restrict)
            t.column("birthDate", .text)
            t.column("gender", .text)
            t.column("raceEthnicity", .text)
            t.column("englishLearner", .boolean)
            t.column("specialEducation", .boolean)
            t.column("economicallyDisadvantaged", .boolean)
            t.column("isActive", .boolean).notNull().defaults(to: true)
            t.column("searchKey", .text).notNull()
        }
        try db.create(index: "student_on_familyName_givenName", on: "student",
                      columns: ["familyName", "givenName"])
        try db.create(index: "student_on_schoolId_grade", on: "student", columns: ["schoolId", "grade"])

        try db.create(table: "caseload") { t in
            t.column("counselorId", .integer).notNull().references("counselor", onDelete: .cascade)
            t.column("studentId", .integer).notNull().references("student", onDelete: .cascade)
            t.primaryKey(["counselorId", "studentId"])
        }
        try db.create(index: "caseload_on_studentId", on: "caseload", columns: ["studentId"])

        // remove_diacritics 2 folds stacked accents ("ễ") that the default folding keeps.
        // searchKey is already folded by Core; the tokenizer folding is a second net for
        // rows written by other tools.
        try db.create(virtualTable: "student_ft", using: FTS5()) { t in
            t.synchronize(withTable: "student")
            t.tokenizer = .unicode61(diacritics: .remove)
            t.column("searchKey")
        }
    }
}
