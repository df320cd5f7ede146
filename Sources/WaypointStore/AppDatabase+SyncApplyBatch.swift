import Foundation
import GRDB
import WaypointCore

/// Applying whole students set-based: what a student who enters this counselor's scope
/// brings (a first pull brings a caseload, some 25,000 records for 300 students) is written
/// per table in a few statements over the records as one JSON array (`json_each`), not record
/// by record. It is the same apply as `AppDatabase.apply` for each record: references
/// resolved to local ids by their global keys (a record whose student, counselor or parent
/// is not here refuses the page), rows written by key with their hub version, nothing
/// captured into the outbox (`applyingPull`). Records that need more than that go through
/// `apply` one by one, in the same table order: a record with a change of its own waiting in
/// the outbox (left as it is), a sealed one (opened or held), one of a table with records
/// held, or whose parent's table has (held with its parent).
extension AppDatabase {
    static func applyEntered(_ db: Database, _ changes: [HubChange], open: SyncOpener) throws {
        guard !changes.isEmpty else { return }
        var byTable: [String: [HubChange]] = [:]
        var seen: Set<String> = []
        // The last of a record repeated (a student who entered twice in one page) wins, as it
        // would one record at a time.
        for change in changes.reversed() where seen.insert(change.table + "\u{0}" + change.uid).inserted {
            guard SyncTable.byName[change.table] != nil else {
                throw PullRefused(table: change.table, uid: change.uid, reason: "this version of Waypoint has no such table")
            }
            byTable[change.table, default: []].append(change)
        }
        let pending = Set(try Row.fetchAll(db, sql: "SELECT tableName, uid FROM sync_outbox").map { row in
            (row["tableName"] as String) + "\u{0}" + (row["uid"] as String)
        })
        var heldTables = Set(try String.fetchAll(db, sql: "SELECT DISTINCT tableName FROM sync_held"))
        for table in SyncTable.all {
            guard let records = byTable[table.name]?.reversed() else { continue }
            let parents = table.columns.compactMap { column -> String? in
                if case .parent(let parent) = column.reference { return parent }
                return nil
            }
            let oneByOne = heldTables.contains(table.name) || parents.contains(where: heldTables.contains)
            var together: [HubChange] = []
            var alone: [HubChange] = []
            for change in records where !pending.contains(change.table + "\u{0}" + change.uid) {
                if oneByOne || change.op == .delete || (change.payload ?? "").contains("\"\(SyncSealing.sealedField)\"") {
                    alone.append(change)
                } else {
                    together.append(change)
                }
            }
            if !together.isEmpty, !(try SetApply.of(table).apply(db, together)) {
                alone = together + alone
            }
            for change in alone {
                try apply(db, change, open: open)
            }
            if !alone.isEmpty, try db.fetchCached(Bool.self, "SELECT EXISTS (SELECT 1 FROM sync_held WHERE tableName = ?)",
                                                  arguments: [table.name]) == true {
                heldTables.insert(table.name)
            }
        }
    }
}

/// The statements that apply one table's records set-based, made once per table from its
/// `SyncTable` description. `?1` is always the records as a JSON array of
/// `{"u": uid, "v": hub version, "p": payload}`.
struct SetApply {
    let table: SyncTable
    /// A record whose reference finds nothing here: its uid and why.
    let refusal: String
    let statements: [String]

    static func of(_ table: SyncTable) -> SetApply { cache[table.name]! }
    private static let cache: [String: SetApply] = Dictionary(uniqueKeysWithValues: SyncTable.all.map { ($0.name, SetApply($0)) })

    /// Applies `records` (none pending, sealed or held); false when a payload is no JSON
    /// object, so the caller applies them one by one and refuses with the record named.
    func apply(_ db: Database, _ records: [HubChange]) throws -> Bool {
        var json = "["
        for (index, record) in records.enumerated() {
            guard let payload = record.payload else { return false }
            if index > 0 { json += "," }
            json += "{\"u\":" + Self.quoted(record.uid) + ",\"v\":\(record.version),\"p\":" + payload + "}"
        }
        json += "]"
        let arguments: StatementArguments = [json]
        // A payload that is not a JSON object (or not JSON) is named by the one-by-one apply.
        guard (try? db.fetchCached(Bool.self, """
            SELECT NOT EXISTS (SELECT 1 FROM json_each(?1) WHERE json_type(value, '$.p') IS NOT 'object')
            """, arguments: arguments)) == true else { return false }
        if let row = try Row.fetchOne(db.cachedStatement(sql: refusal), arguments: arguments) {
            throw PullRefused(table: table.name, uid: row[0], reason: row[1])
        }
        for sql in statements {
            try db.executeCached(sql, arguments: arguments)
        }
        return true
    }

    private init(_ table: SyncTable) {
        self.table = table
        let name = table.name
        func raw(_ column: SyncTable.Column) -> String { "json_extract(j.value, '$.p.\(column.payloadName)')" }
        func type(_ column: SyncTable.Column) -> String { "json_type(j.value, '$.p.\(column.payloadName)')" }
        /// The local value of a column: references by their global key, as `localValue` does.
        func local(_ column: SyncTable.Column) -> String {
            switch column.reference {
            case .plain: raw(column)
            case .student: "(SELECT id FROM student WHERE sourcedId = \(raw(column)))"
            case .counselor: "(SELECT id FROM counselor WHERE sourcedId = \(raw(column)))"
            case .parent(let parent): "(SELECT localId FROM sync_key WHERE tableName = '\(parent)' AND uid = \(raw(column)))"
            }
        }
        let reasons = table.columns.compactMap { column -> String? in
            let missing = "\(type(column)) IS NOT NULL AND \(type(column)) <> 'null' AND (\(type(column)) <> 'text' OR \(local(column)) IS NULL)"
            switch column.reference {
            case .plain: return nil
            case .student: return "WHEN \(missing) THEN 'its student ' || \(raw(column)) || ' is not on this workstation'"
            case .counselor: return "WHEN \(missing) THEN 'its counselor ' || \(raw(column)) || ' is not on this workstation'"
            case .parent(let parent): return "WHEN \(missing) THEN 'the \(parent) it belongs to has not arrived'"
            }
        }
        refusal = reasons.isEmpty ? "SELECT NULL, NULL WHERE 0 AND ?1 IS NULL" : """
            SELECT uid, reason FROM (
              SELECT json_extract(j.value, '$.u') AS uid, CASE \(reasons.joined(separator: " ")) END AS reason, j.key AS n
              FROM json_each(?1) j)
            WHERE reason IS NOT NULL ORDER BY n LIMIT 1
            """
        let names = table.columns.map(\.name)
        let values = table.columns.map(local)
        let uid = "json_extract(j.value, '$.u')"
        let version = "json_extract(j.value, '$.v')"
        // Rows already here take the hub's columns (append-only ones stay as they are); a row
        // that already holds them is left alone, as `apply` leaves it (see `update` there).
        func upsert(_ conflict: [String], _ changing: [String]) -> String {
            let mine = "(\(changing.joined(separator: ", ")))"
            let theirs = "(\(changing.map { "excluded.\($0)" }.joined(separator: ", ")))"
            return table.appendOnly || changing.isEmpty ? "ON CONFLICT (\(conflict.joined(separator: ", "))) DO NOTHING"
                : "ON CONFLICT (\(conflict.joined(separator: ", "))) DO UPDATE SET \(mine) = \(theirs) WHERE \(mine) IS NOT \(theirs)"
        }
        // json_each drives every statement (CROSS JOIN keeps it outside): a lookup by key per
        // record, never a scan of a table per record.
        var sql: [String] = []
        switch table.key {
        case .id:
            // New records: ids after every id this table (AUTOINCREMENT) and its keys have
            // used, in the records' order as applying them one by one would give; keys first.
            sql.append("""
                INSERT INTO sync_key (tableName, localId, uid, hubVersion, sealed)
                SELECT '\(name)', base.id + row_number() OVER (ORDER BY j.key), \(uid), \(version), 0
                FROM json_each(?1) j,
                     (SELECT max(coalesce((SELECT max(id) FROM \(name)), 0),
                                 coalesce((SELECT seq FROM sqlite_sequence WHERE name = '\(name)'), 0),
                                 coalesce((SELECT max(localId) FROM sync_key WHERE tableName = '\(name)'), 0)) AS id) AS base
                WHERE NOT EXISTS (SELECT 1 FROM sync_key k WHERE k.tableName = '\(name)' AND k.uid = \(uid)
                                    AND EXISTS (SELECT 1 FROM \(name) t WHERE t.id = k.localId))
                ON CONFLICT (tableName, uid) DO UPDATE SET localId = excluded.localId, hubVersion = excluded.hubVersion, sealed = 0
                """)
            sql.append("""
                INSERT INTO \(name) (id, \(names.joined(separator: ", ")))
                SELECT k.localId, \(values.joined(separator: ", "))
                FROM json_each(?1) j CROSS JOIN sync_key k ON k.tableName = '\(name)' AND k.uid = \(uid) WHERE true
                \(upsert(["id"], names))
                """)
            sql.append("""
                INSERT INTO sync_key (tableName, localId, uid, hubVersion, sealed)
                SELECT '\(name)', (SELECT localId FROM sync_key WHERE tableName = '\(name)' AND uid = \(uid)), \(uid), \(version), 0
                FROM json_each(?1) j WHERE true
                ON CONFLICT (tableName, uid) DO UPDATE SET hubVersion = excluded.hubVersion, sealed = 0
                """)
        case .composite(let keys):
            sql.append("""
                INSERT INTO \(name) (\(names.joined(separator: ", ")))
                SELECT \(values.joined(separator: ", ")) FROM json_each(?1) j WHERE true
                \(upsert(keys, names.filter { !keys.contains($0) }))
                """)
            sql.append("""
                INSERT INTO sync_key (tableName, localId, uid, hubVersion, sealed)
                SELECT '\(name)', NULL, \(uid), \(version), 0 FROM json_each(?1) j WHERE true
                ON CONFLICT (tableName, uid) DO UPDATE SET localId = NULL, hubVersion = excluded.hubVersion, sealed = 0
                """)
        }
        statements = sql
    }

    /// `text` as a JSON string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
