import GRDB

extension AppDatabase {
    /// v12: long writes (imports, the demo load) are applied in short transactions so a
    /// counselor's save waits at most about a second (issue 12). Each is recorded first in
    /// `import_batch`, so a kill between two chunks is finished (or reported) later instead
    /// of leaving the database half-imported without anyone knowing.
    ///
    /// `state`: `staging` (rows being copied in; nothing applied yet, so an interrupted one
    /// is dropped), `applying` (chunks being applied; an interrupted one is finished from
    /// what is stored here), `done`, or `dropped`. `position` is how far applying has come
    /// (the roster's record index); `counts` what the chunks so far changed (JSON);
    /// `payload` what a roster import applies (JSON), cleared when done.
    ///
    /// The `import_abc_*` tables hold an ABC import's validated rows until they are applied;
    /// each chunk applies and deletes the rows with the lowest `seq` of its batch.
    static func importBatches(_ db: Database) throws {
        try db.create(table: "import_batch") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("kind", .text).notNull().check(sql: "kind IN ('oneroster', 'abc', 'demo')")
            t.column("source", .text).notNull()
            t.column("counselorId", .integer).references("counselor", onDelete: .setNull)
            t.column("state", .text).notNull().check(sql: "state IN ('staging', 'applying', 'done', 'dropped')")
            t.column("position", .integer).notNull().defaults(to: 0)
            t.column("total", .integer).notNull().defaults(to: 0)
            t.column("counts", .text).notNull().defaults(to: "{}")
            t.column("payload", .blob)
            t.column("startedAt", .datetime).notNull()
            t.column("finishedAt", .datetime)
        }
        try db.execute(sql: """
            CREATE TABLE import_abc_attendance (
                batchId INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
                studentId INTEGER, term TEXT, startDate TEXT, endDate TEXT, daysEnrolled INTEGER, daysPresent INTEGER,
                PRIMARY KEY (batchId, seq)) WITHOUT ROWID;
            CREATE TABLE import_abc_incident (
                batchId INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
                studentId INTEGER, date TEXT, kind TEXT, sourceKey TEXT, severity TEXT, suspensionDays REAL, incidentId TEXT,
                PRIMARY KEY (batchId, seq)) WITHOUT ROWID;
            CREATE TABLE import_abc_course_mark (
                batchId INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
                studentId INTEGER, term TEXT, course TEXT, subject TEXT, mark TEXT, creditsAttempted REAL,
                creditsEarned REAL, isCore INTEGER,
                PRIMARY KEY (batchId, seq)) WITHOUT ROWID;
            """)
    }
}
