import GRDB

extension AppDatabase {
    /// v8: the audit trail, and the authorship rules v2 left out.
    ///
    /// `audit_event` is append-only in the schema itself, so neither Waypoint nor another
    /// tool on the file can rewrite or erase who did what. The allowed actions are listed
    /// here literally (not taken from `AuditAction`): a shipped migration never changes, so a
    /// new action comes with a new migration.
    ///
    /// A follow-up's student, session, author and creation time were still writable; like a
    /// session's, they are now fixed once written.
    static func createAudit(_ db: Database) throws {
        let actions = [
            "viewedProfile", "viewedSession", "viewedConfidentialNote", "viewedPlan",
            "addedSession", "amendedSession", "archivedSession", "addedFollowUp", "changedFollowUp", "changedPlan",
            "addedIntervention", "notedIntervention", "closedIntervention",
            "importedRoster", "importedABC", "loadedDemo", "exported", "backedUp", "restored",
        ].map { "'\($0)'" }.joined(separator: ", ")
        try db.create(table: "audit_event") { t in
            t.autoIncrementedPrimaryKey("id")
            // ISO 8601 in UTC with milliseconds ("2026-11-23T15:04:05.123Z"): sorts as text.
            t.column("at", .text).notNull()
                .check(sql: "at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'")
            // The counselor at the keyboard; NULL when a command ran without a known one.
            t.column("counselorId", .integer).references("counselor", onDelete: .restrict)
            // The operating-system user, so work without a counselor is still attributable.
            t.column("actor", .text).notNull().check(sql: "trim(actor) <> ''")
            t.column("action", .text).notNull().check(sql: "action IN (\(actions))")
            t.column("studentId", .integer).references("student", onDelete: .restrict)
            t.column("subject", .text).notNull().defaults(to: "")
            t.column("detail", .text).notNull().defaults(to: "")
        }
        try db.create(index: "audit_event_on_studentId_at", on: "audit_event", columns: ["studentId", "at"])
        try db.create(index: "audit_event_on_counselorId_at", on: "audit_event", columns: ["counselorId", "at"])

        try db.execute(sql: """
            CREATE TRIGGER audit_event_append_only_update BEFORE UPDATE ON audit_event
            BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
            CREATE TRIGGER audit_event_append_only_delete BEFORE DELETE ON audit_event
            BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
            -- INSERT OR REPLACE deletes the row it collides with without a DELETE trigger.
            CREATE TRIGGER audit_event_append_only_replace BEFORE INSERT ON audit_event
            WHEN EXISTS (SELECT 1 FROM audit_event WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
            CREATE TRIGGER follow_up_fixed_fields BEFORE UPDATE OF studentId, sessionId, authorId, createdAt ON follow_up
            WHEN NEW.studentId IS NOT OLD.studentId OR NEW.sessionId IS NOT OLD.sessionId
              OR NEW.authorId IS NOT OLD.authorId OR NEW.createdAt IS NOT OLD.createdAt
            BEGIN SELECT RAISE(ABORT, 'a follow-up''s student, session, author and creation time cannot change'); END;
            """)
    }
}
