import GRDB

extension AppDatabase {
    /// v14: changes the hub refused, kept until the counselor decides (docs/SYNC.md,
    /// "Push"). A refused change leaves the outbox for this table in the same transaction,
    /// so it is never lost between the two and never pushed again unasked.
    static func createSyncRefused(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sync_refused (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                tableName TEXT NOT NULL,
                uid TEXT NOT NULL,
                op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
                baseVersion INTEGER NOT NULL CHECK (baseVersion >= 0),
                -- What this workstation meant to save, and what the hub holds now (NULL when
                -- there is nothing, or nothing this counselor may see).
                mine TEXT NOT NULL CHECK (json_valid(mine)),
                theirs TEXT CHECK (theirs IS NULL OR json_valid(theirs)),
                reason TEXT NOT NULL CHECK (reason IN ('changedElsewhere', 'notPermitted', 'invalid')),
                detail TEXT NOT NULL,
                refusedAt TEXT NOT NULL
            );
            """)
    }
}

extension AppDatabase {
    /// v15: where this workstation's hub password is kept (a file only its owner can read,
    /// named at `waypoint sync join --password-file`), so later syncs, and the screen's
    /// background sync, log in without asking and without a password on any command line.
    /// The path only: the password itself never enters the database.
    static func addSyncPasswordFile(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE sync_state ADD COLUMN passwordFile TEXT")
    }
}
