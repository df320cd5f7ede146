import GRDB

extension AppDatabase {
    /// v15: what sealing confidential records and scope changes need (docs/SYNC.md,
    /// "Confidential notes", "Scope changes", "Two amendments of one session").
    ///
    /// - `sync_state.sealingKey`: this counselor's sealing key, unwrapped. The database
    ///   already holds the clear notes, so the key adds nothing to what a reader of the file
    ///   could see (docs/PRIVACY.md); it lets sync seal and open without asking for the
    ///   passphrase each time.
    /// - `sync_state.rewriting`: set only inside one transaction of sync itself, to remove the
    ///   records of a student who left this counselor's scope, or to renumber a note version
    ///   that met another workstation's version of the same number. The protective triggers
    ///   below let those two through and nothing else.
    /// - `sync_key.sealed`: the hub's copy of the record is sealed (not clear text), so a
    ///   session turned confidential knows which of its records the hub still holds in clear.
    /// - `sync_held`: sealed records that reached this workstation without a key that opens
    ///   them, kept as they came (never shown as empty text) until the key is here.
    static func createSyncSealing(_ db: Database) throws {
        let writable = "(SELECT rewriting FROM sync_state WHERE id = 1) = 0"
        try db.execute(sql: """
            ALTER TABLE sync_state ADD COLUMN sealingKey BLOB CHECK (sealingKey IS NULL OR length(sealingKey) = 32);
            ALTER TABLE sync_state ADD COLUMN rewriting INTEGER NOT NULL DEFAULT 0 CHECK (rewriting IN (0, 1));
            ALTER TABLE sync_key ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0 CHECK (sealed IN (0, 1));

            CREATE TABLE sync_held (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                tableName TEXT NOT NULL,
                uid TEXT NOT NULL,
                version INTEGER NOT NULL,
                payload TEXT NOT NULL CHECK (json_valid(payload)),
                UNIQUE (tableName, uid)
            );

            DROP TRIGGER advising_session_never_deleted;
            CREATE TRIGGER advising_session_never_deleted BEFORE DELETE ON advising_session WHEN \(writable)
            BEGIN SELECT RAISE(ABORT, 'sessions are archived, never deleted'); END;
            DROP TRIGGER session_note_append_only_update;
            CREATE TRIGGER session_note_append_only_update BEFORE UPDATE ON session_note WHEN \(writable)
            BEGIN SELECT RAISE(ABORT, 'note history is append-only'); END;
            DROP TRIGGER session_note_append_only_delete;
            CREATE TRIGGER session_note_append_only_delete BEFORE DELETE ON session_note WHEN \(writable)
            BEGIN SELECT RAISE(ABORT, 'note history is append-only'); END;
            DROP TRIGGER pathway_change_append_only_delete;
            CREATE TRIGGER pathway_change_append_only_delete BEFORE DELETE ON pathway_change WHEN \(writable)
            BEGIN SELECT RAISE(ABORT, 'pathway history is append-only'); END;
            DROP TRIGGER intervention_never_deleted;
            CREATE TRIGGER intervention_never_deleted BEFORE DELETE ON intervention WHEN \(writable)
            BEGIN SELECT RAISE(ABORT, 'interventions are closed, never deleted'); END;
            DROP TRIGGER intervention_note_append_only_delete;
            CREATE TRIGGER intervention_note_append_only_delete BEFORE DELETE ON intervention_note WHEN \(writable)
            BEGIN SELECT RAISE(ABORT, 'progress notes are append-only'); END;
            """)
    }
}
