import GRDB

extension AppDatabase {
    /// v26: a student's college list (issue 16, item 4). One row per institution a student
    /// considers or applies to: how (early decision, early action, regular, rolling), by
    /// when, where it stands, the transcript and the letter of recommendation, and the aid
    /// award noted from the offer.
    ///
    /// Local only, not synced (docs/SYNC.md, "Not carried yet"). A student who leaves this
    /// counselor's scope takes their list with them (`removeStudent`). The rules live here
    /// as well as in `CollegeRules`, so another tool writing to the file keeps them too.
    static func createCollegeApplications(_ db: Database) throws {
        let isoDate = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
        let document = "IN ('not-requested', 'requested', 'sent')"
        try db.create(table: "college_application") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("institution", .text).notNull().collate(.nocase)
                .check(sql: "trim(institution) <> '' AND length(institution) <= 120")
            t.column("type", .text).notNull()
                .check(sql: "type IN ('early-decision', 'early-action', 'regular', 'rolling')")
            t.column("deadline", .text).check(sql: "deadline IS NULL OR deadline \(isoDate)")
            t.column("status", .text).notNull().defaults(to: "considering")
                .check(sql: "status IN ('considering', 'applying', 'submitted', 'admitted', 'waitlisted', 'denied', 'enrolled')")
            t.column("transcript", .text).notNull().defaults(to: "not-requested").check(sql: "transcript \(document)")
            t.column("recommendation", .text).notNull().defaults(to: "not-requested").check(sql: "recommendation \(document)")
            t.column("aidAward", .integer).check(sql: "aidAward IS NULL OR aidAward BETWEEN 0 AND 999999")
            t.column("createdAt", .datetime).notNull()
            // One application per institution (names compared without case).
            t.uniqueKey(["studentId", "institution"])
        }
        // The to-do list reads open deadlines across a caseload.
        try db.create(index: "college_application_on_status_deadline", on: "college_application", columns: ["status", "deadline"])
    }
}
