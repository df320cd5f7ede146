import GRDB

extension AppDatabase {
    /// v5: attendance, behavior and course marks (the ABCs) imported from the student
    /// information system. Each table has a natural key so a re-import matches its rows
    /// instead of adding them again; CHECKs keep out counts no import should produce (more
    /// days present than enrolled, credits earned beyond those attempted). Students are
    /// RESTRICTed: the early-warning history must not vanish with a deleted student row.
    static func createABC(_ db: Database) throws {
        try db.create(table: "abc_attendance") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("term", .text).notNull().check(sql: "trim(term) <> ''")
            t.column("startDate", .text).notNull()
            t.column("endDate", .text).notNull()
            t.column("daysEnrolled", .integer).notNull().check(sql: "daysEnrolled BETWEEN 0 AND 366")
            t.column("daysPresent", .integer).notNull().check(sql: "daysPresent >= 0 AND daysPresent <= daysEnrolled")
            t.check(sql: "endDate >= startDate")
            t.uniqueKey(["studentId", "term"])
        }

        try db.create(table: "abc_incident") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("date", .text).notNull()
            t.column("kind", .text).notNull()
                .check(sql: "kind IN ('referral', 'detention', 'in-school-suspension', 'suspension', 'expulsion', 'other')")
            t.column("severity", .text).notNull().check(sql: "severity IN ('minor', 'major')")
            t.column("suspensionDays", .double).notNull().check(sql: "suspensionDays BETWEEN 0 AND 180")
            t.column("incidentId", .text)
            // The incident id when the export has one, else the row's content (ABCIncident.sourceKey).
            t.column("sourceKey", .text).notNull()
            t.uniqueKey(["studentId", "date", "kind", "sourceKey"])
        }

        try db.create(table: "abc_course_mark") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("term", .text).notNull().check(sql: "trim(term) <> ''")
            t.column("course", .text).notNull().check(sql: "trim(course) <> ''")
            t.column("subject", .text)
            t.column("mark", .text).notNull().check(sql: "trim(mark) <> ''")
            t.column("creditsAttempted", .double).notNull().check(sql: "creditsAttempted BETWEEN 0 AND 10")
            t.column("creditsEarned", .double).notNull().check(sql: "creditsEarned >= 0 AND creditsEarned <= creditsAttempted")
            t.column("isCore", .boolean).notNull()
            t.uniqueKey(["studentId", "term", "course"])
        }
    }
}
