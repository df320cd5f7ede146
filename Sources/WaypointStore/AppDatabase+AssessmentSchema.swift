import GRDB

extension AppDatabase {
    /// v25: test results (issue 16, item 3): one row per student, test and date, so a
    /// re-import of the same sitting finds its row. `testId` is an id of assessments.json
    /// (a district may retire a test; its results stay and show by id); the score ranges are
    /// the catalog's, checked before a row is written, since a district may change them.
    /// `scores` holds the sub-scores as a JSON object of whole numbers by sub-score id.
    ///
    /// Local only, not synced (docs/SYNC.md, "Not carried yet"): the results come from the
    /// district's import on each workstation. A student leaving the caseload takes theirs
    /// (``removeStudent``).
    static func createAssessments(_ db: Database) throws {
        try db.create(table: "assessment_result") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .cascade)
            t.column("testId", .text).notNull()
                .check(sql: "testId <> '' AND testId NOT GLOB '*[^a-z0-9-]*'")
            // '+0 days' normalizes a day past the month's end (date('2025-02-30') alone keeps it).
            t.column("takenOn", .text).notNull().check(sql: "date(takenOn, '+0 days') IS takenOn")
            t.column("total", .integer).notNull().check(sql: "typeof(total) = 'integer'")
            t.column("scores", .text).notNull().defaults(to: "{}")
                .check(sql: "json_valid(scores) AND json_type(scores) = 'object'")
            t.column("source", .text).notNull().check(sql: "source IN ('import', 'hand')")
            t.column("recordedBy", .integer).references("counselor", onDelete: .setNull)
            t.column("recordedAt", .text).notNull()
            t.uniqueKey(["studentId", "testId", "takenOn"])
        }
        // A CHECK cannot look inside the JSON (no subqueries): each sub-score must be a whole
        // number under an id as the catalog writes them.
        for event in ["INSERT", "UPDATE OF scores"] {
            try db.execute(sql: """
                CREATE TRIGGER assessment_result_scores_\(event.hasPrefix("INSERT") ? "insert" : "update")
                BEFORE \(event) ON assessment_result
                WHEN EXISTS (SELECT 1 FROM json_each(NEW.scores)
                             WHERE type <> 'integer' OR key = '' OR key GLOB '*[^a-z0-9-]*')
                BEGIN SELECT RAISE(ABORT, 'assessment_result.scores: expected whole numbers by sub-score id'); END
                """)
        }
    }
}
