import GRDB

extension AppDatabase {
    /// v27: what the last OneRoster import left, so that importing the same bundle again (the
    /// nightly job that finds nothing new) is one comparison instead of reading and comparing
    /// every student, assignment and contact (issue 17).
    ///
    /// One row. `writes` counts every row written to a table the roster feeds (schools,
    /// students, counselors, caseloads, family contacts, course catalog), by anyone: a
    /// counselor's edit, a pull from the hub, an import, by trigger, so nothing can forget to.
    /// `digest` is the SHA-256 of the last bundle applied whole, and `digestWrites` the count
    /// when it finished: while the count has not moved since, the tables hold exactly what
    /// that bundle made of them. `batchId`/`batchWrites` follow an import that is being
    /// applied in chunks: the count after its last chunk, so a write by someone else between
    /// two chunks is seen, and that import leaves no digest. `contactEditsKept` is what a
    /// re-import reports (a kept hand edit is found again each time).
    ///
    /// A later migration that rebuilds one of these tables must create its trigger again.
    static func createRosterState(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE roster_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                writes INTEGER NOT NULL DEFAULT 0,
                digest TEXT,
                digestWrites INTEGER,
                contactEditsKept INTEGER NOT NULL DEFAULT 0,
                batchId INTEGER,
                batchWrites INTEGER);
            INSERT INTO roster_state (id) VALUES (1);
            """)
        for table in ["school", "student", "counselor", "caseload", "family_contact", "student_contact", "roster_course"] {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER roster_state_\(table)_\(event.lowercased()) AFTER \(event) ON \(table)
                    BEGIN UPDATE roster_state SET writes = writes + 1 WHERE id = 1; END
                    """)
            }
        }
    }
}
