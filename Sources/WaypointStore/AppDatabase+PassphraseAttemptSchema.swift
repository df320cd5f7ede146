import GRDB

extension AppDatabase {
    /// v10: what makes passphrases hold against guessing and takeover.
    ///
    /// - `passphrase_attempt`: wrong passphrases in a row per counselor and when the last was
    ///   typed, so the wait they earn survives a restart and binds every process alike.
    /// - `identity_choice`: the counselor chosen first on this database (one row at most),
    ///   the only one ever taken at their word without a passphrase besides an only counselor.
    /// - `district_admin`: counselors who may issue a first passphrase to someone else.
    /// - `audit_event` is rebuilt, as v9 did, for the new actions: wrongPassphrase,
    ///   chosenAtFirstStart, madeAdmin, issuedPassphrase. The lists are written out here and
    ///   never taken from `AuditAction`: a shipped migration never changes.
    static func passphraseAttempts(_ db: Database) throws {
        try db.create(table: "passphrase_attempt") { t in
            t.primaryKey("counselorId", .integer).references("counselor", onDelete: .cascade)
            t.column("failures", .integer).notNull().check(sql: "failures >= 0")
            t.column("lastFailureAt", .datetime).notNull()
        }
        try db.create(table: "identity_choice") { t in
            // One row: "the first" has one answer per database.
            t.primaryKey("id", .integer).check(sql: "id = 1")
            t.column("counselorId", .integer).notNull().references("counselor", onDelete: .cascade)
            t.column("chosenAt", .datetime).notNull()
        }
        try db.create(table: "district_admin") { t in
            t.primaryKey("counselorId", .integer).references("counselor", onDelete: .cascade)
            t.column("since", .datetime).notNull()
            // Who made them one; nil for the first admin, who made themselves one.
            t.column("madeBy", .integer).references("counselor", onDelete: .setNull)
        }
        let actions = [
            "viewedProfile", "viewedSession", "viewedConfidentialNote", "viewedPlan",
            "addedSession", "amendedSession", "archivedSession", "addedFollowUp", "changedFollowUp", "changedPlan",
            "addedIntervention", "notedIntervention", "closedIntervention",
            "importedRoster", "importedABC", "loadedDemo", "exported", "backedUp", "restored",
            "setPassphrase", "changedPassphrase", "tookOver", "unlockRefused",
            "wrongPassphrase", "chosenAtFirstStart", "madeAdmin", "issuedPassphrase",
        ].map { "'\($0)'" }.joined(separator: ", ")
        try db.create(table: "audit_event_v10") { t in
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
            INSERT INTO audit_event_v10 (id, at, counselorId, actor, action, studentId, subject, detail)
            SELECT id, at, counselorId, actor, action, studentId, subject, detail FROM audit_event ORDER BY id;
            INSERT INTO sqlite_sequence (name, seq) SELECT 'audit_event_v10', 0
            WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'audit_event_v10');
            UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_event'), 0))
            WHERE name = 'audit_event_v10';
            DROP TABLE audit_event;
            ALTER TABLE audit_event_v10 RENAME TO audit_event;
            CREATE INDEX audit_event_on_studentId_at ON audit_event(studentId, at);
            CREATE INDEX audit_event_on_counselorId_at ON audit_event(counselorId, at);
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
