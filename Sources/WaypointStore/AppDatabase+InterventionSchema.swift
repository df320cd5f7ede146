import GRDB

extension AppDatabase {
    /// Interventions and their progress notes.
    ///
    /// As with sessions, the rules that protect the record live in the schema: an
    /// intervention is never deleted, only closed (completed or discontinued), and a closed
    /// one stays closed; progress notes are never changed or removed. The dosage bounds are
    /// CHECKs so a script writing to the file cannot record "300 sessions a week" either.
    static func createInterventions(_ db: Database) throws {
        let isoDate = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
        try db.create(table: "intervention") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("kind", .text).notNull().check(sql: "trim(kind) <> ''")
            t.column("ownerId", .integer).notNull().references("counselor", onDelete: .restrict)
            t.column("goal", .text).notNull().check(sql: "trim(goal) <> ''")
            t.column("startDate", .text).notNull().check(sql: "startDate \(isoDate)")
            t.column("endDate", .text).check(sql: "endDate IS NULL OR endDate \(isoDate)")
            t.column("sessionsPerWeek", .integer).notNull().check(sql: "sessionsPerWeek BETWEEN 1 AND 14")
            t.column("minutesPerSession", .integer).notNull().check(sql: "minutesPerSession BETWEEN 5 AND 240")
            t.column("status", .text).notNull().defaults(to: "active")
                .check(sql: "status IN ('active', 'completed', 'discontinued')")
            t.column("createdAt", .datetime).notNull()
            t.column("closedAt", .datetime)
            // ISO dates compare as text.
            t.check(sql: "endDate IS NULL OR endDate >= startDate")
            // A closed intervention says when it ended.
            t.check(sql: "status = 'active' OR (endDate IS NOT NULL AND closedAt IS NOT NULL)")
        }
        try db.create(index: "intervention_on_studentId_status", on: "intervention", columns: ["studentId", "status"])

        try db.create(table: "intervention_note") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("interventionId", .integer).notNull().references("intervention", onDelete: .restrict)
            t.column("date", .text).notNull().check(sql: "date \(isoDate)")
            t.column("text", .text).notNull().check(sql: "trim(text) <> ''")
            t.column("authorId", .integer).notNull().references("counselor", onDelete: .restrict)
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(index: "intervention_note_on_interventionId", on: "intervention_note", columns: ["interventionId"])

        try db.execute(sql: """
            CREATE TRIGGER intervention_never_deleted BEFORE DELETE ON intervention
            BEGIN SELECT RAISE(ABORT, 'interventions are closed, never deleted'); END;
            CREATE TRIGGER intervention_fixed_fields BEFORE UPDATE OF studentId, createdAt ON intervention
            WHEN NEW.studentId IS NOT OLD.studentId OR NEW.createdAt IS NOT OLD.createdAt
            BEGIN SELECT RAISE(ABORT, 'an intervention''s student and creation time cannot change'); END;
            CREATE TRIGGER intervention_closed_is_final BEFORE UPDATE ON intervention
            WHEN OLD.status <> 'active'
            BEGIN SELECT RAISE(ABORT, 'a closed intervention cannot change'); END;
            CREATE TRIGGER intervention_note_append_only_update BEFORE UPDATE ON intervention_note
            BEGIN SELECT RAISE(ABORT, 'progress notes are append-only'); END;
            CREATE TRIGGER intervention_note_append_only_delete BEFORE DELETE ON intervention_note
            BEGIN SELECT RAISE(ABORT, 'progress notes are append-only'); END;
            """)
    }
}
