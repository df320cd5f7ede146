import GRDB
import WaypointCore

extension AppDatabase {
    /// v20: students added by hand (walk-ins, `WalkIn`). `source` says where a student came
    /// from; a walk-in has no roster sourcedId until an import merges them (then `source`
    /// becomes 'roster'). `addedBy` and `addedAt` keep who added them by hand and when, and
    /// stay after the merge. The student table is not captured for sync (it comes from the
    /// hub), so no trigger changes.
    static func addWalkIns(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE student ADD COLUMN source TEXT NOT NULL DEFAULT '\(WalkIn.rosterSource)'
                CHECK (source = '\(WalkIn.rosterSource)' OR (source = '\(WalkIn.source)' AND sourcedId IS NULL));
            ALTER TABLE student ADD COLUMN addedBy INTEGER REFERENCES counselor(id) ON DELETE SET NULL;
            ALTER TABLE student ADD COLUMN addedAt TEXT;
            CREATE INDEX student_walk_in ON student(localId) WHERE source = '\(WalkIn.source)';
            """)
    }
}
