import GRDB

extension AppDatabase {
    /// v9: the audit trail records security events too: a passphrase set or changed, a
    /// counselor taking over the locked screen, a wrong passphrase at the lock screen.
    ///
    /// SQLite cannot change a CHECK constraint in place, so `audit_event` is rebuilt: every
    /// row is copied, with its id, into a new table with the longer list; the old table is
    /// dropped (DROP TABLE fires no row triggers, so the append-only triggers do not stop
    /// it, and its indexes and triggers go with it); the new one takes its name, and the
    /// indexes and the append-only triggers are made again. The autoincrement counter is
    /// carried over, so an id is never given out twice. The lists are written out here, not
    /// taken from v8 or from `AuditAction`: a shipped migration never changes.
    static func auditSecurityEvents(_ db: Database) throws {
        let actions = [
            "viewedProfile", "viewedSession", "viewedConfidentialNote", "viewedPlan",
            "addedSession", "amendedSession", "archivedSession", "addedFollowUp", "changedFollowUp", "changedPlan",
            "addedIntervention", "notedIntervention", "closedIntervention",
            "importedRoster", "importedABC", "loadedDemo", "exported", "backedUp", "restored",
            "setPassphrase", "changedPassphrase", "tookOver", "unlockRefused",
        ].map { "'\($0)'" }.joined(separator: ", ")
        try db.create(table: "audit_event_v9") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .text).notNull()
                .check(sql: "at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'")
            t.column("counselorId", .integer).references("counselor", onDelete: .restrict)
            t.column("actor", .text).notNull().check(sql: "trim(actor) <> ''")
            t.column("action", .text).notNull().check(sql: "action IN (\(actions))")
            t.column("studentId", .integer).references("student", onDelete: .restrict)
            t.column("subject", .text).notNull().defaults(to: "")
            t.column("detail", .text).notNull().defaults(to: "")
        }
        try db.execute(sql: """
            INSERT INTO audit_event_v9 (id, at, counselorId, actor, action, studentId, subject, detail)
            SELECT id, at, counselorId, actor, action, studentId, subject, detail FROM audit_event ORDER BY id;
            INSERT INTO sqlite_sequence (name, seq) SELECT 'audit_event_v9', 0
            WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'audit_event_v9');
            UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_event'), 0))
            WHERE name = 'audit_event_v9';
            DROP TABLE audit_event;
            ALTER TABLE audit_event_v9 RENAME TO audit_event;
            """)
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
            """)
    }
}
