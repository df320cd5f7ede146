import GRDB

extension AppDatabase {
    /// Advising sessions, their append-only note history, follow-ups and drafts.
    ///
    /// The rules that protect the record are in the schema, so no code path (nor another
    /// tool on the file) can break them: sessions are never deleted, note versions are
    /// never changed or removed, and a session's author, student and creation time are fixed.
    static func createSessions(_ db: Database) throws {
        try db.create(table: "advising_session") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("authorId", .integer).notNull().references("counselor", onDelete: .restrict)
            t.column("startedAt", .datetime).notNull()
            t.column("durationMinutes", .integer).notNull().check(sql: "durationMinutes BETWEEN 0 AND 1440")
            t.column("kind", .text).notNull().check(sql: "trim(kind) <> ''")
            t.column("participants", .text).notNull()
            t.column("isConfidential", .boolean).notNull().defaults(to: false)
            t.column("isArchived", .boolean).notNull().defaults(to: false)
            t.column("archivedAt", .datetime)
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(index: "advising_session_on_studentId_startedAt", on: "advising_session",
                      columns: ["studentId", "startedAt"])

        try db.create(table: "session_topic") { t in
            t.column("sessionId", .integer).notNull().references("advising_session", onDelete: .restrict)
            t.column("topic", .text).notNull().check(sql: "trim(topic) <> ''")
            t.primaryKey(["sessionId", "topic"])
        }

        try db.create(table: "session_note") { t in
            t.column("sessionId", .integer).notNull().references("advising_session", onDelete: .restrict)
            t.column("version", .integer).notNull().check(sql: "version >= 1")
            t.column("text", .text).notNull()
            t.column("authorId", .integer).notNull().references("counselor", onDelete: .restrict)
            t.column("createdAt", .datetime).notNull()
            t.primaryKey(["sessionId", "version"])
        }

        try db.create(table: "follow_up") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("sessionId", .integer).references("advising_session", onDelete: .restrict)
            t.column("authorId", .integer).notNull().references("counselor", onDelete: .restrict)
            t.column("text", .text).notNull().check(sql: "trim(text) <> ''")
            t.column("dueDate", .text).check(sql: "dueDate IS NULL OR dueDate GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'")
            t.column("status", .text).notNull().defaults(to: "open").check(sql: "status IN ('open', 'done', 'dropped')")
            t.column("createdAt", .datetime).notNull()
            t.column("closedAt", .datetime)
        }
        try db.create(index: "follow_up_on_studentId_status", on: "follow_up", columns: ["studentId", "status"])
        try db.create(index: "follow_up_on_status_dueDate", on: "follow_up", columns: ["status", "dueDate"])

        // One draft per counselor, student and session being amended (0: a new session).
        try db.create(table: "session_draft") { t in
            t.column("counselorId", .integer).notNull().references("counselor", onDelete: .cascade)
            t.column("studentId", .integer).notNull().references("student", onDelete: .cascade)
            t.column("sessionId", .integer).notNull().defaults(to: 0)
            t.column("payload", .text).notNull()
            t.column("updatedAt", .datetime).notNull()
            t.primaryKey(["counselorId", "studentId", "sessionId"])
        }

        try db.execute(sql: """
            CREATE TRIGGER advising_session_never_deleted BEFORE DELETE ON advising_session
            BEGIN SELECT RAISE(ABORT, 'sessions are archived, never deleted'); END;
            CREATE TRIGGER advising_session_fixed_fields BEFORE UPDATE OF studentId, authorId, createdAt ON advising_session
            WHEN NEW.studentId IS NOT OLD.studentId OR NEW.authorId IS NOT OLD.authorId OR NEW.createdAt IS NOT OLD.createdAt
            BEGIN SELECT RAISE(ABORT, 'a session''s student, author and creation time cannot change'); END;
            CREATE TRIGGER session_note_append_only_update BEFORE UPDATE ON session_note
            BEGIN SELECT RAISE(ABORT, 'note history is append-only'); END;
            CREATE TRIGGER session_note_append_only_delete BEFORE DELETE ON session_note
            BEGIN SELECT RAISE(ABORT, 'note history is append-only'); END;
            """)
    }
}
