import GRDB

extension AppDatabase {
    /// v21: interventions as a counselor plans them on screen (issue 15, item 5): the tier
    /// and area, a staff member who delivers it by name (a tutor) beside the responsible
    /// counselor, how many weeks it is planned to run, and what its notes measure; progress
    /// notes count the sessions delivered since the last note and can carry a measured value.
    ///
    /// Every new column is optional, so interventions and notes recorded before stay valid.
    /// The bounds are written out, not taken from `FieldRules` (a shipped migration never
    /// changes); `FieldRulesTests` holds the two together. A note's value needs the
    /// intervention's measure, which SQLite cannot check across tables: the store does.
    ///
    /// The sync capture triggers of both tables list their columns, so they are made again
    /// here with the new ones (docs/SYNC.md, "Local capture"); the hub takes the new fields
    /// from hub migration "v7-intervention-measures".
    static func addInterventionMeasures(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE intervention ADD COLUMN ownerName TEXT
                CHECK (ownerName IS NULL OR (trim(ownerName) <> '' AND length(ownerName) <= 200));
            ALTER TABLE intervention ADD COLUMN tier INTEGER CHECK (tier IS NULL OR tier BETWEEN 1 AND 3);
            ALTER TABLE intervention ADD COLUMN area TEXT
                CHECK (area IS NULL OR area IN ('academic', 'attendance', 'behavior', 'social-emotional', 'career'));
            ALTER TABLE intervention ADD COLUMN plannedWeeks INTEGER CHECK (plannedWeeks IS NULL OR plannedWeeks BETWEEN 1 AND 52);
            ALTER TABLE intervention ADD COLUMN measure TEXT
                CHECK (measure IS NULL OR (trim(measure) <> '' AND length(measure) <= 500));
            ALTER TABLE intervention_note ADD COLUMN sessionsDelivered INTEGER
                CHECK (sessionsDelivered IS NULL OR sessionsDelivered BETWEEN 0 AND 60);
            ALTER TABLE intervention_note ADD COLUMN measuredValue REAL
                CHECK (measuredValue IS NULL OR measuredValue BETWEEN -100000 AND 100000);
            """)
        try db.execute(sql: interventionCaptureV21)
    }

    /// The capture triggers of `intervention` and `intervention_note` with the v21 columns,
    /// as v13 made them otherwise (written out: frozen with this migration).
    private static let interventionCaptureV21 = """
        DROP TRIGGER sync_capture_intervention_insert;
        DROP TRIGGER sync_capture_intervention_update;
        DROP TRIGGER sync_capture_intervention_note_insert;
        CREATE TRIGGER sync_capture_intervention_insert AFTER INSERT ON intervention
        WHEN (SELECT hubUrl IS NOT NULL AND applyingPull = 0 FROM sync_state WHERE id = 1)
        BEGIN
        INSERT INTO sync_change (tableName, localId, key, op, payload)
        VALUES ('intervention', NEW.id, NULL, 'insert', json_object('student', (SELECT sourcedId FROM student WHERE id = NEW.studentId), 'kind', NEW.kind, 'owner', (SELECT sourcedId FROM counselor WHERE id = NEW.ownerId), 'ownerName', NEW.ownerName, 'tier', NEW.tier, 'area', NEW.area, 'goal', NEW.goal, 'startDate', NEW.startDate, 'endDate', NEW.endDate, 'sessionsPerWeek', NEW.sessionsPerWeek, 'minutesPerSession', NEW.minutesPerSession, 'plannedWeeks', NEW.plannedWeeks, 'measure', NEW.measure, 'status', NEW.status, 'createdAt', NEW.createdAt, 'closedAt', NEW.closedAt));
        END;
        CREATE TRIGGER sync_capture_intervention_update AFTER UPDATE ON intervention
        WHEN (SELECT hubUrl IS NOT NULL AND applyingPull = 0 FROM sync_state WHERE id = 1) AND (OLD.id IS NEW.id AND (OLD.studentId IS NOT NEW.studentId OR OLD.kind IS NOT NEW.kind OR OLD.ownerId IS NOT NEW.ownerId OR OLD.ownerName IS NOT NEW.ownerName OR OLD.tier IS NOT NEW.tier OR OLD.area IS NOT NEW.area OR OLD.goal IS NOT NEW.goal OR OLD.startDate IS NOT NEW.startDate OR OLD.endDate IS NOT NEW.endDate OR OLD.sessionsPerWeek IS NOT NEW.sessionsPerWeek OR OLD.minutesPerSession IS NOT NEW.minutesPerSession OR OLD.plannedWeeks IS NOT NEW.plannedWeeks OR OLD.measure IS NOT NEW.measure OR OLD.status IS NOT NEW.status OR OLD.createdAt IS NOT NEW.createdAt OR OLD.closedAt IS NOT NEW.closedAt))
        BEGIN
        INSERT INTO sync_change (tableName, localId, key, op, payload)
        VALUES ('intervention', NEW.id, NULL, 'update', json_object('student', (SELECT sourcedId FROM student WHERE id = NEW.studentId), 'kind', NEW.kind, 'owner', (SELECT sourcedId FROM counselor WHERE id = NEW.ownerId), 'ownerName', NEW.ownerName, 'tier', NEW.tier, 'area', NEW.area, 'goal', NEW.goal, 'startDate', NEW.startDate, 'endDate', NEW.endDate, 'sessionsPerWeek', NEW.sessionsPerWeek, 'minutesPerSession', NEW.minutesPerSession, 'plannedWeeks', NEW.plannedWeeks, 'measure', NEW.measure, 'status', NEW.status, 'createdAt', NEW.createdAt, 'closedAt', NEW.closedAt));
        END;
        CREATE TRIGGER sync_capture_intervention_note_insert AFTER INSERT ON intervention_note
        WHEN (SELECT hubUrl IS NOT NULL AND applyingPull = 0 FROM sync_state WHERE id = 1)
        BEGIN
        INSERT INTO sync_key (tableName, localId, uid) SELECT 'intervention', NEW.interventionId, (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))
        WHERE NEW.interventionId IS NOT NULL ON CONFLICT DO NOTHING;
        INSERT INTO sync_change (tableName, localId, key, op, payload)
        VALUES ('intervention_note', NEW.id, NULL, 'insert', json_object('intervention', (SELECT uid FROM sync_key WHERE tableName = 'intervention' AND localId = NEW.interventionId), 'date', NEW.date, 'text', NEW.text, 'author', (SELECT sourcedId FROM counselor WHERE id = NEW.authorId), 'sessionsDelivered', NEW.sessionsDelivered, 'measuredValue', NEW.measuredValue, 'createdAt', NEW.createdAt));
        END;
        """
}
