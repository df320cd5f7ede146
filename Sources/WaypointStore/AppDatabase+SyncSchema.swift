import GRDB

extension AppDatabase {
    /// v13: the local side of sync with a district hub — its state, the global id of each
    /// synced row, and the outbox that capture triggers fill (docs/SYNC.md, "Local capture").
    ///
    /// Capture is done by triggers so that no write path (a screen, a command, a future
    /// screen) can forget it, and a change and its outbox row commit or roll back together.
    /// They fire only while the workstation is joined (`sync_state.hubUrl` set) and not while
    /// a pull writes the hub's rows (`applyingPull`), so standalone Waypoint is unchanged.
    ///
    /// Each table's triggers hand the change to the view `sync_change`, whose one INSTEAD OF
    /// trigger queues and coalesces it. The table triggers are generated from
    /// `SyncCaptureV13.tables`, a description private to this migration: a shipped migration
    /// never changes, so code that changes later must not feed it. A later migration that rebuilds a captured table (as v9-v11 did) drops
    /// its triggers with it and must make them again; `SyncCaptureTests` notices if not.
    static func createSyncOutbox(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sync_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                workstationId TEXT NOT NULL CHECK (length(workstationId) = 32),
                hubUrl TEXT CHECK (hubUrl IS NULL OR trim(hubUrl) <> ''),
                counselorId INTEGER REFERENCES counselor(id),
                checkpoint INTEGER NOT NULL DEFAULT 0 CHECK (checkpoint >= 0),
                applyingPull INTEGER NOT NULL DEFAULT 0 CHECK (applyingPull IN (0, 1)),
                lastSyncAt TEXT,
                lastError TEXT,
                -- A joined workstation always knows whose changes it pushes.
                CHECK (hubUrl IS NULL OR counselorId IS NOT NULL)
            );
            INSERT INTO sync_state (id, workstationId) VALUES (1, lower(hex(randomblob(16))));
            CREATE TRIGGER sync_state_keeps_its_row BEFORE DELETE ON sync_state
            BEGIN SELECT RAISE(ABORT, 'sync_state keeps its one row'); END;

            -- localId is NULL for rows keyed by their content (plan, milestone_status,
            -- session_note, session_topic): their uid is the composite key itself, and the
            -- row is here only once a pull has told its hub version.
            CREATE TABLE sync_key (
                tableName TEXT NOT NULL,
                localId INTEGER,
                uid TEXT NOT NULL CHECK (trim(uid) <> ''),
                hubVersion INTEGER NOT NULL DEFAULT 0 CHECK (hubVersion >= 0),
                PRIMARY KEY (tableName, uid),
                UNIQUE (tableName, localId)
            );

            -- revision counts the changes coalesced into an entry, so a push can tell that
            -- the entry it sent was changed again while the hub answered.
            CREATE TABLE sync_outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                tableName TEXT NOT NULL,
                uid TEXT NOT NULL,
                op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
                baseVersion INTEGER NOT NULL CHECK (baseVersion >= 0),
                payload TEXT NOT NULL CHECK (json_valid(payload)),
                queuedAt TEXT NOT NULL,
                revision INTEGER NOT NULL DEFAULT 1,
                UNIQUE (tableName, uid)
            );
            """)
        try db.execute(sql: SyncCaptureV13.queueing)
        for table in SyncCaptureV13.tables {
            try db.execute(sql: table.triggers())
        }
    }
}

/// What v12 captures, and the SQL of its triggers. Frozen with the migration; a later
/// migration that adds captured columns (v18) makes its table's triggers again with it.
enum SyncCaptureV13 {
    enum Operation { case insert, update, delete }

    /// How a column reaches the payload: as it is, or as the global key of the row it refers to.
    enum Reference {
        case plain
        case student
        case counselor
        /// A row with an integer id in `table`, named by its `sync_key` uid.
        case parent(String)
    }

    enum Key {
        /// `id INTEGER PRIMARY KEY`: a random UUID v4 in `sync_key`.
        case id
        /// The global values of these columns joined with '/'.
        case composite([String])
    }

    struct Column {
        let name: String
        let reference: Reference

        /// FKs lose their "Id": studentId -> student, authorId -> author.
        var payloadName: String {
            if case .plain = reference { return name }
            return String(name.dropLast(2))
        }

        func value(_ row: String) -> String {
            switch reference {
            case .plain: "\(row).\(name)"
            case .student: "(SELECT sourcedId FROM student WHERE id = \(row).\(name))"
            case .counselor: "(SELECT sourcedId FROM counselor WHERE id = \(row).\(name))"
            case .parent(let table): "(SELECT uid FROM sync_key WHERE tableName = '\(table)' AND localId = \(row).\(name))"
            }
        }
    }

    struct Table {
        let name: String
        let key: Key
        let columns: [Column]
        let operations: [Operation]

        init(_ name: String, key: Key = .id, _ operations: [Operation], _ columns: [(String, Reference)]) {
            self.name = name
            self.key = key
            self.operations = operations
            self.columns = columns.map { Column(name: $0.0, reference: $0.1) }
        }

        private var keyColumns: [String] {
            switch key {
            case .id: ["id"]
            case .composite(let names): names
            }
        }

        /// The composite key's text; NULL for a row with an integer id (its uid is in `sync_key`).
        private func compositeKey(_ row: String) -> String {
            guard case .composite(let names) = key else { return "NULL" }
            return "(" + names.map { part in columns.first { $0.name == part }!.value(row) }.joined(separator: " || '/' || ") + ")"
        }

        private func payload(_ row: String) -> String {
            "json_object(" + columns.map { "'\($0.payloadName)', \($0.value(row))" }.joined(separator: ", ") + ")"
        }

        /// Hands the change to `sync_change`, whose one trigger queues and coalesces it.
        /// Parents get a uid first if they have none (made before the workstation joined),
        /// so the payload can name them.
        private func queue(_ op: String, _ row: String) -> String {
            var statements: [String] = []
            for column in columns {
                guard case .parent(let table) = column.reference else { continue }
                statements.append("""
                    INSERT INTO sync_key (tableName, localId, uid) SELECT '\(table)', \(row).\(column.name), \(uuidV4)
                    WHERE \(row).\(column.name) IS NOT NULL ON CONFLICT DO NOTHING;
                    """)
            }
            let localId = if case .id = key { "\(row).id" } else { "NULL" }
            statements.append("""
                INSERT INTO sync_change (tableName, localId, key, op, payload)
                VALUES ('\(name)', \(localId), \(compositeKey(row)), '\(op)', \(payload(row)));
                """)
            return statements.joined(separator: "\n")
        }

        private func trigger(_ suffix: String, _ event: String, when condition: String? = nil, _ body: String) -> String {
            """
            CREATE TRIGGER sync_capture_\(name)_\(suffix) AFTER \(event) ON \(name)
            WHEN \(joined)\(condition.map { " AND (\($0))" } ?? "")
            BEGIN
            \(body)
            END;
            """
        }

        func triggers() -> String {
            let sameKey = keyColumns.map { "OLD.\($0) IS NEW.\($0)" }.joined(separator: " AND ")
            // An UPDATE that writes the values a row already has is not a change to push.
            let changed = columns.map { "OLD.\($0.name) IS NOT NEW.\($0.name)" }.joined(separator: " OR ")
            var sql: [String] = []
            for operation in operations {
                switch operation {
                case .insert:
                    sql.append(trigger("insert", "INSERT", queue("insert", "NEW")))
                case .update:
                    sql.append(trigger("update", "UPDATE", when: "\(sameKey) AND (\(changed))", queue("update", "NEW")))
                    // A composite key is data: changing it makes another row at the hub, so
                    // the old one goes and the new one comes. Integer ids are never rewritten.
                    if case .composite = key {
                        sql.append(trigger("rekey", "UPDATE", when: "NOT (\(sameKey))",
                                           queue("delete", "OLD") + "\n" + queue("insert", "NEW")))
                    }
                case .delete:
                    sql.append(trigger("delete", "DELETE", queue("delete", "OLD")))
                }
            }
            return sql.joined(separator: "\n")
        }
    }

    /// The coalescing rules, written once: every capture trigger inserts its change into the
    /// view `sync_change`, and this INSTEAD OF trigger queues it. (Written out in each of the
    /// 38 table triggers, the rules made every connection's schema parse several times slower.)
    ///
    /// A row with an integer id gets a uid when it has none: from its insert, or, for a row
    /// made before joining, from its first captured change. The pending entry of a row keeps
    /// its seq and its base version: an insert stays an insert; a delete of a row the hub
    /// never saw removes the entry; a delete otherwise becomes (or replaces the entry with) a
    /// delete; a row deleted and made again (a session's topic) is an update of the hub's row.
    /// A deleted row's key goes with it.
    static let queueing = """
        CREATE VIEW sync_change AS
        SELECT NULL AS tableName, NULL AS localId, NULL AS key, NULL AS op, NULL AS payload WHERE 0;
        CREATE TRIGGER sync_change_queue INSTEAD OF INSERT ON sync_change
        BEGIN
        INSERT INTO sync_key (tableName, localId, uid) SELECT NEW.tableName, NEW.localId, \(uuidV4)
        WHERE NEW.localId IS NOT NULL ON CONFLICT DO NOTHING;
        INSERT INTO sync_outbox (tableName, uid, op, baseVersion, payload, queuedAt)
        SELECT NEW.tableName, target.uid, NEW.op,
               coalesce((SELECT hubVersion FROM sync_key WHERE tableName = NEW.tableName AND uid = target.uid), 0),
               NEW.payload, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        FROM (SELECT coalesce(NEW.key, (SELECT uid FROM sync_key WHERE tableName = NEW.tableName AND localId = NEW.localId)) AS uid) AS target
        WHERE NEW.op <> 'delete'
           OR NOT EXISTS (SELECT 1 FROM sync_outbox WHERE tableName = NEW.tableName AND uid = target.uid AND op = 'insert')
        ON CONFLICT (tableName, uid) DO UPDATE SET payload = excluded.payload, revision = revision + 1,
            op = CASE WHEN excluded.op = 'delete' THEN 'delete' WHEN op = 'delete' THEN 'update' ELSE op END;
        DELETE FROM sync_outbox WHERE NEW.op = 'delete' AND tableName = NEW.tableName AND op = 'insert'
          AND uid = coalesce(NEW.key, (SELECT uid FROM sync_key WHERE tableName = NEW.tableName AND localId = NEW.localId));
        DELETE FROM sync_key WHERE NEW.op = 'delete' AND tableName = NEW.tableName
          AND uid = coalesce(NEW.key, (SELECT uid FROM sync_key WHERE tableName = NEW.tableName AND localId = NEW.localId));
        END;
        """

    static let joined = "(SELECT hubUrl IS NOT NULL AND applyingPull = 0 FROM sync_state WHERE id = 1)"
    /// Lowercase UUID version 4 text: 122 random bits, the version nibble 4, the variant 8-b.
    static let uuidV4 = """
        (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) \
        || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) \
        || '-' || lower(hex(randomblob(6))))
        """

    /// Every column but `id`, in table order; the schema at v11 is the reference.
    static let tables: [Table] = [
        Table("advising_session", [.insert, .update], [
            ("studentId", .student), ("authorId", .counselor), ("startedAt", .plain), ("durationMinutes", .plain),
            ("kind", .plain), ("participants", .plain), ("isConfidential", .plain), ("isArchived", .plain),
            ("archivedAt", .plain), ("createdAt", .plain),
        ]),
        Table("session_topic", key: .composite(["sessionId", "topic"]), [.insert, .update, .delete], [
            ("sessionId", .parent("advising_session")), ("topic", .plain),
        ]),
        Table("session_note", key: .composite(["sessionId", "version"]), [.insert], [
            ("sessionId", .parent("advising_session")), ("version", .plain), ("text", .plain), ("authorId", .counselor),
            ("createdAt", .plain),
        ]),
        Table("follow_up", [.insert, .update, .delete], [
            ("studentId", .student), ("sessionId", .parent("advising_session")), ("authorId", .counselor), ("text", .plain),
            ("dueDate", .plain), ("status", .plain), ("createdAt", .plain), ("closedAt", .plain),
        ]),
        Table("plan", key: .composite(["studentId"]), [.insert, .update, .delete], [
            ("studentId", .student), ("pathwayId", .plain), ("postsecondaryGoal", .plain), ("careerInterests", .plain),
            ("requirementSetId", .plain),
        ]),
        Table("pathway_change", [.insert], [
            ("studentId", .student), ("changedAt", .plain), ("fromId", .plain), ("toId", .plain), ("reason", .plain),
            ("authorId", .counselor),
        ]),
        Table("plan_course", [.insert, .update, .delete], [
            ("studentId", .student), ("year", .plain), ("title", .plain), ("subject", .plain), ("credits", .plain),
            ("level", .plain), ("term", .plain), ("status", .plain), ("gradeEarned", .plain),
        ]),
        Table("milestone_status", key: .composite(["studentId", "milestoneId"]), [.insert, .update, .delete], [
            ("studentId", .student), ("milestoneId", .plain), ("status", .plain), ("dueDate", .plain), ("evidence", .plain),
            ("completedDate", .plain),
        ]),
        Table("work_based_learning", [.insert, .update, .delete], [
            ("studentId", .student), ("kind", .plain), ("organization", .plain), ("hours", .plain), ("startDate", .plain),
            ("endDate", .plain),
        ]),
        Table("college_credit", [.insert, .update, .delete], [
            ("studentId", .student), ("course", .plain), ("institution", .plain), ("credits", .plain),
        ]),
        Table("certification", [.insert, .update, .delete], [
            ("studentId", .student), ("name", .plain), ("issuer", .plain), ("status", .plain), ("date", .plain),
        ]),
        Table("competency_evidence", [.insert, .update, .delete], [
            ("studentId", .student), ("competencyId", .plain), ("artifact", .plain), ("date", .plain),
        ]),
        // Never deleted (intervention_never_deleted).
        Table("intervention", [.insert, .update], [
            ("studentId", .student), ("kind", .plain), ("ownerId", .counselor), ("goal", .plain), ("startDate", .plain),
            ("endDate", .plain), ("sessionsPerWeek", .plain), ("minutesPerSession", .plain), ("status", .plain),
            ("createdAt", .plain), ("closedAt", .plain),
        ]),
        // Append-only: their BEFORE UPDATE/DELETE triggers refuse anything else.
        Table("intervention_note", [.insert], [
            ("interventionId", .parent("intervention")), ("date", .plain), ("text", .plain), ("authorId", .counselor),
            ("createdAt", .plain),
        ]),
        // AFTER INSERT fires only once audit_event_append_only_replace (BEFORE INSERT) let the row in.
        Table("audit_event", [.insert], [
            ("at", .plain), ("counselorId", .counselor), ("actor", .plain), ("action", .plain), ("studentId", .student),
            ("subject", .plain), ("detail", .plain),
        ]),
    ]
}
