import GRDB

extension AppDatabase {
    /// Reminders that repeat (v18). A follow-up already needed no session (`sessionId` NULL);
    /// these columns let it recur: every `repeatDays` days, up to `repeatUntil` (NULL: until
    /// stopped), and, for a check-in plan, only while the student's tier is at least
    /// `whileTier`. Marking one done writes the next, which names the one it came from in
    /// `repeatedFromId`; the store makes no second next for a reminder that has one, in the
    /// same transaction. The index is not unique on purpose: two workstations that mark the
    /// same reminder done offline each make a next, and a pull must be able to keep both
    /// (docs/SYNC.md) rather than stop on the second.
    ///
    /// Added with ALTER TABLE, not a rebuild. follow_up's sync capture triggers list the
    /// columns they carry, so they are made again here with the new ones (docs/SYNC.md): the
    /// next reminder names the one it came from by its uid, as a session's follow-up names
    /// its session.
    static func addReminders(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE follow_up ADD COLUMN repeatDays INTEGER CHECK (repeatDays IS NULL OR repeatDays BETWEEN 1 AND 365);
            ALTER TABLE follow_up ADD COLUMN repeatUntil TEXT
                CHECK (repeatUntil IS NULL OR repeatUntil GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
            ALTER TABLE follow_up ADD COLUMN whileTier INTEGER CHECK (whileTier IS NULL OR whileTier BETWEEN 2 AND 3);
            ALTER TABLE follow_up ADD COLUMN repeatedFromId INTEGER REFERENCES follow_up(id) ON DELETE SET NULL;
            CREATE INDEX follow_up_on_repeatedFromId ON follow_up(repeatedFromId);
            DROP TRIGGER sync_capture_follow_up_insert;
            DROP TRIGGER sync_capture_follow_up_update;
            DROP TRIGGER sync_capture_follow_up_delete;
            """)
        // The rules across columns, as triggers: ALTER TABLE cannot add a table CHECK, and a
        // column's CHECK holds that column's own values (FieldRulesTests tries each alone).
        for event in ["INSERT", "UPDATE"] {
            try db.execute(sql: """
                CREATE TRIGGER follow_up_repeat_rules_\(event.lowercased()) BEFORE \(event) ON follow_up
                WHEN (NEW.repeatDays IS NOT NULL AND NEW.dueDate IS NULL)
                  OR ((NEW.repeatUntil IS NOT NULL OR NEW.whileTier IS NOT NULL) AND NEW.repeatDays IS NULL)
                  OR NEW.repeatUntil < NEW.dueDate
                BEGIN SELECT RAISE(ABORT, 'a repeat needs a due date, an end or a tier needs a repeat, and the end is not before the due date'); END;
                """)
        }
        try db.execute(sql: SyncCaptureV13.Table("follow_up", [.insert, .update, .delete], [
            ("studentId", .student), ("sessionId", .parent("advising_session")), ("authorId", .counselor), ("text", .plain),
            ("dueDate", .plain), ("status", .plain), ("createdAt", .plain), ("closedAt", .plain),
            ("repeatDays", .plain), ("repeatUntil", .plain), ("whileTier", .plain), ("repeatedFromId", .parent("follow_up")),
        ]).triggers())
    }
}
