import GRDB

extension AppDatabase {
    /// Group sessions (v19): one session for several students (a group, a classroom lesson,
    /// a family meeting with siblings).
    ///
    /// The session keeps its own `studentId` (the first student, so every reader written
    /// before groups still finds the session under one student); `session_student` lists the
    /// others, each once. Like a session's own student, they are fixed once recorded: rows
    /// are never changed, and removed only by sync's own rewriting (a student who left this
    /// counselor's scope, docs/SYNC.md) in the transaction that removes the session.
    static func createGroups(_ db: Database) throws {
        let writable = "(SELECT rewriting FROM sync_state WHERE id = 1) = 0"
        try db.create(table: "session_student") { t in
            t.column("sessionId", .integer).notNull().references("advising_session", onDelete: .restrict)
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            // The order the counselor listed them in, after the session's own student (1 is the second).
            t.column("position", .integer).notNull().check(sql: "position >= 1")
            t.primaryKey(["sessionId", "studentId"])
            t.uniqueKey(["sessionId", "position"])
        }
        try db.create(index: "session_student_on_studentId", on: "session_student", columns: ["studentId"])
        try db.execute(sql: """
            CREATE TRIGGER session_student_not_twice BEFORE INSERT ON session_student
            WHEN NEW.studentId = (SELECT studentId FROM advising_session WHERE id = NEW.sessionId)
            BEGIN SELECT RAISE(ABORT, 'a group session lists each student once'); END;
            CREATE TRIGGER session_student_fixed BEFORE UPDATE ON session_student
            BEGIN SELECT RAISE(ABORT, 'a session''s students cannot change'); END;
            CREATE TRIGGER session_student_never_deleted BEFORE DELETE ON session_student WHEN \(writable)
            BEGIN SELECT RAISE(ABORT, 'a session''s students cannot change'); END;
            """)
    }
}
