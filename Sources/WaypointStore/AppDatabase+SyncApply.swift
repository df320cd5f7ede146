import Foundation
import GRDB
import WaypointCore

/// How a synced table's rows travel: its key and which columns refer to other rows. The
/// live twin of the description frozen in the v12 migration (which makes the capture
/// triggers): `SyncApplyTests` holds the two together by capturing a row on one database
/// and applying the payload on another.
struct SyncTable: Sendable {
    enum Reference: Sendable {
        case plain
        case student
        case counselor
        /// A row with an integer id in that table, named by its `sync_key` uid.
        case parent(String)
    }

    enum Key: Sendable {
        /// `id INTEGER PRIMARY KEY`, known to the hub by a uid in `sync_key`.
        case id
        /// The row is found by these columns; its uid is their global values joined by '/'.
        case composite([String])
    }

    struct Column: Sendable {
        let name: String
        let reference: Reference

        /// FKs lose their "Id" in payloads: studentId -> student, authorId -> author.
        var payloadName: String {
            if case .plain = reference { return name }
            return String(name.dropLast(2))
        }

        /// The column's value as a payload carries it: references as global keys.
        func globalSQL(_ row: String) -> String {
            switch reference {
            case .plain: "\(row).\(name)"
            case .student: "(SELECT sourcedId FROM student WHERE id = \(row).\(name))"
            case .counselor: "(SELECT sourcedId FROM counselor WHERE id = \(row).\(name))"
            case .parent(let parent): "(SELECT uid FROM sync_key WHERE tableName = '\(parent)' AND localId = \(row).\(name))"
            }
        }
    }

    let name: String
    let key: Key
    let columns: [Column]
    /// Append-only tables take new rows only; a row already there is left as it is.
    let appendOnly: Bool

    init(_ name: String, key: Key = .id, appendOnly: Bool = false, _ columns: [(String, Reference)]) {
        self.name = name
        self.key = key
        self.appendOnly = appendOnly
        self.columns = columns.map { Column(name: $0.0, reference: $0.1) }
    }

    static let all: [SyncTable] = [
        SyncTable("advising_session", [
            ("studentId", .student), ("authorId", .counselor), ("startedAt", .plain), ("durationMinutes", .plain),
            ("kind", .plain), ("participants", .plain), ("isConfidential", .plain), ("isArchived", .plain),
            ("archivedAt", .plain), ("createdAt", .plain),
        ]),
        SyncTable("session_topic", key: .composite(["sessionId", "topic"]), [("sessionId", .parent("advising_session")), ("topic", .plain)]),
        SyncTable("session_note", key: .composite(["sessionId", "version"]), appendOnly: true, [
            ("sessionId", .parent("advising_session")), ("version", .plain), ("text", .plain), ("authorId", .counselor),
            ("createdAt", .plain),
        ]),
        SyncTable("follow_up", [
            ("studentId", .student), ("sessionId", .parent("advising_session")), ("authorId", .counselor), ("text", .plain),
            ("dueDate", .plain), ("status", .plain), ("createdAt", .plain), ("closedAt", .plain),
            ("repeatDays", .plain), ("repeatUntil", .plain), ("whileTier", .plain), ("repeatedFromId", .parent("follow_up")),
        ]),
        SyncTable("plan", key: .composite(["studentId"]), [
            ("studentId", .student), ("pathwayId", .plain), ("postsecondaryGoal", .plain), ("careerInterests", .plain),
            ("requirementSetId", .plain),
        ]),
        SyncTable("pathway_change", appendOnly: true, [
            ("studentId", .student), ("changedAt", .plain), ("fromId", .plain), ("toId", .plain), ("reason", .plain),
            ("authorId", .counselor),
        ]),
        SyncTable("plan_course", [
            ("studentId", .student), ("year", .plain), ("title", .plain), ("subject", .plain), ("credits", .plain),
            ("level", .plain), ("term", .plain), ("status", .plain), ("gradeEarned", .plain),
        ]),
        SyncTable("milestone_status", key: .composite(["studentId", "milestoneId"]), [
            ("studentId", .student), ("milestoneId", .plain), ("status", .plain), ("dueDate", .plain), ("evidence", .plain),
            ("completedDate", .plain),
        ]),
        SyncTable("work_based_learning", [
            ("studentId", .student), ("kind", .plain), ("organization", .plain), ("hours", .plain), ("startDate", .plain),
            ("endDate", .plain),
        ]),
        SyncTable("college_credit", [
            ("studentId", .student), ("course", .plain), ("institution", .plain), ("credits", .plain),
        ]),
        SyncTable("certification", [
            ("studentId", .student), ("name", .plain), ("issuer", .plain), ("status", .plain), ("date", .plain),
        ]),
        SyncTable("competency_evidence", [
            ("studentId", .student), ("competencyId", .plain), ("artifact", .plain), ("date", .plain),
        ]),
        // ownerName, tier, area, plannedWeeks, measure and the notes' sessionsDelivered and
        // measuredValue since v21; a payload without them (an older workstation) leaves them NULL.
        SyncTable("intervention", [
            ("studentId", .student), ("kind", .plain), ("ownerId", .counselor), ("ownerName", .plain), ("tier", .plain),
            ("area", .plain), ("goal", .plain), ("startDate", .plain), ("endDate", .plain), ("sessionsPerWeek", .plain),
            ("minutesPerSession", .plain), ("plannedWeeks", .plain), ("measure", .plain), ("status", .plain),
            ("createdAt", .plain), ("closedAt", .plain),
        ]),
        SyncTable("intervention_note", appendOnly: true, [
            ("interventionId", .parent("intervention")), ("date", .plain), ("text", .plain), ("authorId", .counselor),
            ("sessionsDelivered", .plain), ("measuredValue", .plain), ("createdAt", .plain),
        ]),
        SyncTable("audit_event", appendOnly: true, [
            ("at", .plain), ("counselorId", .counselor), ("actor", .plain), ("action", .plain), ("studentId", .student),
            ("subject", .plain), ("detail", .plain),
        ]),
    ]

    /// SQL of a row's global key, over the row alias `row` (NULL for a row with no uid yet).
    func uidSQL(_ row: String) -> String {
        switch key {
        case .id:
            return "(SELECT uid FROM sync_key WHERE tableName = '\(name)' AND localId = \(row).id)"
        case .composite(let names):
            return "(" + names.map { part in columns.first { $0.name == part }!.globalSQL(row) }.joined(separator: " || '/' || ") + ")"
        }
    }

    /// SQL of a row's payload as capture writes it, over the row alias `row`.
    func payloadSQL(_ row: String) -> String {
        "json_object(" + columns.map { "'\($0.payloadName)', \($0.globalSQL(row))" }.joined(separator: ", ") + ")"
    }

    static let byName: [String: SyncTable] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}

/// Why a pulled change could not be applied here; the pull stops before its checkpoint
/// moves, so nothing is skipped.
public struct PullRefused: Error, Equatable, Sendable, CustomStringConvertible {
    public var table: String
    public var uid: String
    public var reason: String

    public var description: String {
        "The hub sent a change this workstation cannot apply (\(table) \(uid)): \(reason). "
            + "Nothing of this pull was kept; `waypoint sync` tries again."
    }
}

extension AppDatabase {
    /// Applies one pull page and moves the checkpoint, in one transaction with capture
    /// paused: a pull killed at any point resumes from the last page kept, and a page applied
    /// twice changes nothing. Changes and scope changes are applied in the hub's order: a
    /// student who entered this counselor's scope arrives whole (`entered`, by student, the
    /// records `fetchStudent` gave) and joins the caseload here; one who left is removed from
    /// this workstation (`removeStudent`). A row with a change of its own still waiting in
    /// the outbox is left as it is here: its push is then refused as changed elsewhere, and
    /// the counselor decides with both versions in front of them. Sealed records are opened
    /// with `open`, or held as they came.
    public func applyPull(_ page: PullPage, entered: [String: [HubChange]] = [:], now: Date = Date(),
                          open: SyncOpener = { _ in nil }) throws {
        enum Step { case change(HubChange), scope(ScopeChange) }
        let steps = (page.changes.map { (seq: $0.seq, step: Step.change($0)) } + page.scope.map { (seq: $0.seq, step: Step.scope($0)) })
            .enumerated().sorted { ($0.element.seq, $0.offset) < ($1.element.seq, $1.offset) }.map(\.element.step)
        try withPullApplying { db in
            // Students entering one after another (a first pull: the whole caseload) are
            // applied together, table by table: their records are disjoint.
            var entering: [String] = []
            func enter() throws {
                guard !entering.isEmpty else { return }
                var once: Set<String> = []
                try AppDatabase.applyEntered(db, entering.filter { once.insert($0).inserted }.flatMap { entered[$0] ?? [] }, open: open)
                for student in entering {
                    try db.executeCached("""
                        INSERT OR IGNORE INTO caseload (counselorId, studentId)
                        SELECT counselorId, (SELECT id FROM student WHERE sourcedId = ?) FROM sync_state
                        WHERE id = 1 AND EXISTS (SELECT 1 FROM student WHERE sourcedId = ?)
                        """, arguments: [student, student])
                }
                entering = []
            }
            for step in steps {
                switch step {
                case .scope(let scope) where scope.entered:
                    entering.append(scope.student)
                case .change(let change):
                    try enter()
                    try AppDatabase.apply(db, change, open: open)
                case .scope(let scope):
                    try enter()
                    try AppDatabase.removeStudent(db, scope.student, now: now)
                }
            }
            try enter()
            try db.execute(sql: "UPDATE sync_state SET checkpoint = max(checkpoint, ?) WHERE id = 1",
                           arguments: [page.nextCheckpoint])
        }
    }

    static func apply(_ db: Database, _ change: HubChange, open: SyncOpener) throws {
        guard let table = SyncTable.byName[change.table] else {
            throw PullRefused(table: change.table, uid: change.uid, reason: "this version of Waypoint has no such table")
        }
        let pending = try db.fetchCached(Bool.self, "SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE tableName = ? AND uid = ?)",
                                        arguments: [table.name, change.uid]) ?? false
        if pending { return }
        let localId = try db.fetchCached(Int64.self, "SELECT localId FROM sync_key WHERE tableName = ? AND uid = ?",
                                         arguments: [table.name, change.uid])
        if change.op == .delete {
            try db.executeCached("DELETE FROM sync_held WHERE tableName = ? AND uid = ?", arguments: [table.name, change.uid])
            try delete(db, table, change, localId: localId)
            return
        }
        guard var object = SyncPayload(change.payload) else {
            throw PullRefused(table: table.name, uid: change.uid, reason: "its record is not a JSON object")
        }
        var topics: [String]?
        let sealed = SyncSealing.isSealedShape(Set(object.values.keys))
        if sealed {
            // Opened here, or kept sealed as it came: never applied as a record without its text.
            guard let opened = open(change), let content = SyncPayload(opened.payload) else { return try hold(db, change) }
            object = content
            topics = opened.topics
        }
        // A child of a record held sealed waits with it (a note of a session not opened here).
        for column in table.columns {
            guard case .parent(let parent) = column.reference, case .text(let key)? = object.values[column.payloadName] else { continue }
            if try db.fetchCached(Bool.self, "SELECT EXISTS (SELECT 1 FROM sync_held WHERE tableName = ? AND uid = ?)",
                                 arguments: [parent, key]) == true {
                return try hold(db, change)
            }
        }
        try db.executeCached("DELETE FROM sync_held WHERE tableName = ? AND uid = ?", arguments: [table.name, change.uid])
        let values = try table.columns.map { try localValue(db, table, $0, object, uid: change.uid) }
        var rowId: Int64?
        switch table.key {
        case .id:
            if let localId, try db.fetchCached(Bool.self, "SELECT EXISTS (SELECT 1 FROM \(table.name) WHERE id = ?)", arguments: [localId]) == true {
                if !table.appendOnly { try update(db, table, values: values, where: ["id"], equal: [localId]) }
                rowId = localId
            } else {
                try insert(db, table, values: values)
                rowId = db.lastInsertedRowID
            }
            try recordKey(db, table: table.name, localId: rowId, uid: change.uid, hubVersion: change.version)
        case .composite(let names):
            let keyValues = names.map { name in values[table.columns.firstIndex { $0.name == name }!] }
            let conditions = names.map { "\($0) IS ?" }.joined(separator: " AND ")
            let exists = try db.fetchCached(Bool.self, "SELECT EXISTS (SELECT 1 FROM \(table.name) WHERE \(conditions))",
                                           arguments: StatementArguments(keyValues)) ?? false
            if !exists {
                try insert(db, table, values: values)
            } else if !table.appendOnly {
                try update(db, table, values: values, where: names, equal: keyValues)
            }
            try recordKey(db, table: table.name, localId: nil, uid: change.uid, hubVersion: change.version)
        }
        try db.executeCached("UPDATE sync_key SET sealed = ? WHERE tableName = ? AND uid = ?", arguments: [sealed, table.name, change.uid])
        // A sealed session carries its topics: they replace the ones here.
        if let topics, let rowId, table.name == "advising_session" {
            try db.executeCached("DELETE FROM session_topic WHERE sessionId = ?", arguments: [rowId])
            for topic in topics {
                try db.executeCached("INSERT OR IGNORE INTO session_topic (sessionId, topic) VALUES (?, ?)", arguments: [rowId, topic])
            }
        }
    }

    private static func delete(_ db: Database, _ table: SyncTable, _ change: HubChange, localId: Int64?) throws {
        switch table.key {
        case .id:
            if let localId { try db.executeCached("DELETE FROM \(table.name) WHERE id = ?", arguments: [localId]) }
        case .composite:
            // A delete carries the record as it was, so its key columns find it here.
            guard let object = SyncPayload(change.payload) else { break }
            let values = try table.columns.map { try localValue(db, table, $0, object, uid: change.uid) }
            guard case .composite(let names) = table.key else { break }
            let keyValues = names.map { name in values[table.columns.firstIndex { $0.name == name }!] }
            try db.executeCached("DELETE FROM \(table.name) WHERE " + names.map { "\($0) IS ?" }.joined(separator: " AND "),
                           arguments: StatementArguments(keyValues))
        }
        try db.executeCached("DELETE FROM sync_key WHERE tableName = ? AND uid = ?", arguments: [table.name, change.uid])
    }

    /// A payload value as the local column holds it: global keys become local ids.
    private static func localValue(_ db: Database, _ table: SyncTable, _ column: SyncTable.Column,
                                   _ object: SyncPayload, uid: String) throws -> DatabaseValue {
        let raw = object.values[column.payloadName] ?? .null
        if raw == .null { return .null }
        func refused(_ reason: String) -> PullRefused { PullRefused(table: table.name, uid: uid, reason: reason) }
        switch column.reference {
        case .plain:
            return raw.databaseValue
        case .student:
            guard case .text(let key) = raw, let id = try db.fetchCached(Int64.self, "SELECT id FROM student WHERE sourcedId = ?", arguments: [key])
            else { throw refused("its student \(raw) is not on this workstation") }
            return id.databaseValue
        case .counselor:
            guard case .text(let key) = raw, let id = try db.fetchCached(Int64.self, "SELECT id FROM counselor WHERE sourcedId = ?", arguments: [key])
            else { throw refused("its counselor \(raw) is not on this workstation") }
            return id.databaseValue
        case .parent(let parent):
            guard case .text(let key) = raw,
                  let id = try db.fetchCached(Int64.self, "SELECT localId FROM sync_key WHERE tableName = ? AND uid = ?", arguments: [parent, key])
            else { throw refused("the \(parent) it belongs to has not arrived") }
            return id.databaseValue
        }
    }

    private static func insert(_ db: Database, _ table: SyncTable, values: [DatabaseValue]) throws {
        let names = table.columns.map(\.name)
        try db.executeCached("INSERT INTO \(table.name) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))",
                       arguments: StatementArguments(values))
    }

    private static func update(_ db: Database, _ table: SyncTable, values: [DatabaseValue], where keys: [String],
                               equal keyValues: [DatabaseValueConvertible]) throws {
        let columns = table.columns.filter { !keys.contains($0.name) }
        guard !columns.isEmpty else { return }   // a topic is all key: nothing to change
        let assigned = columns.map { column in values[table.columns.firstIndex { $0.name == column.name }!] }
        // A row that already holds the hub's values is not written at all: applying a record
        // again (a page repeated, a student who enters scope again) is no change, and must
        // not meet the rules that guard real changes (a closed intervention stays closed).
        let mine = "(" + columns.map(\.name).joined(separator: ", ") + ")"
        let theirs = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
        try db.executeCached("UPDATE \(table.name) SET \(mine) = \(theirs) WHERE "
                           + keys.map { "\($0) IS ?" }.joined(separator: " AND ") + " AND \(mine) IS NOT \(theirs)",
                       arguments: StatementArguments(assigned + keyValues.map { $0.databaseValue } + assigned))
    }
}

/// A record as a JSON object of scalars (what capture's `json_object` writes), decoded
/// without Foundation's untyped objects so integers and reals stay apart.
struct SyncPayload {
    enum Value: Decodable, Equatable, CustomStringConvertible {
        case null, integer(Int64), real(Double), text(String)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let integer = try? container.decode(Int64.self) { self = .integer(integer) }
            else if let real = try? container.decode(Double.self) { self = .real(real) }
            else if let flag = try? container.decode(Bool.self) { self = .integer(flag ? 1 : 0) }
            else { self = .text(try container.decode(String.self)) }
        }

        var databaseValue: DatabaseValue {
            switch self {
            case .null: .null
            case .integer(let value): value.databaseValue
            case .real(let value): value.databaseValue
            case .text(let value): value.databaseValue
            }
        }

        var description: String {
            switch self {
            case .null: "null"
            case .integer(let value): String(value)
            case .real(let value): String(value)
            case .text(let value): value
            }
        }
    }

    var values: [String: Value]

    init?(_ text: String?) {
        guard let text, let values = try? JSONDecoder().decode([String: Value].self, from: Data(text.utf8)) else { return nil }
        self.values = values
    }
}

extension Database {
    /// Runs `sql` through this connection's statement cache: a pull runs the same few
    /// statements for every record it applies, so each is compiled once, not once a record.
    func executeCached(_ sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// `fetchOne` through the statement cache (see `executeCached`).
    func fetchCached<T: DatabaseValueConvertible & StatementColumnConvertible>(_ type: T.Type, _ sql: String,
                                                                                arguments: StatementArguments) throws -> T? {
        try T.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}
