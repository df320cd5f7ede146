import GRDB
import WaypointCore

/// Upserts of ABC rows by natural key, and the rows read back as Core values.
enum ABCRows {
    /// One ABC table: the columns of its natural key, then the columns an import may change.
    struct Table {
        var name: String
        var key: [String]
        var values: [String]
        /// Affinity of each column (key, then values), for the staging copy.
        var types: [String]

        var columns: [String] { key + values }
        /// A dry run's copy of the file's rows, this connection's own.
        var staging: String { "temp.\(name)_staged" }
        /// A real import's copy, kept under its batch until applied (v12-import-batches).
        var batchStaging: String { "import_\(name)" }
    }

    static let attendance = Table(name: "abc_attendance", key: ["studentId", "term"],
                                  values: ["startDate", "endDate", "daysEnrolled", "daysPresent"],
                                  types: ["INTEGER", "TEXT", "TEXT", "TEXT", "INTEGER", "INTEGER"])
    static let incidents = Table(name: "abc_incident", key: ["studentId", "date", "kind", "sourceKey"],
                                 values: ["severity", "suspensionDays", "incidentId"],
                                 types: ["INTEGER", "TEXT", "TEXT", "TEXT", "TEXT", "REAL", "TEXT"])
    static let marks = Table(name: "abc_course_mark", key: ["studentId", "term", "course"],
                             values: ["subject", "mark", "creditsAttempted", "creditsEarned", "isCore"],
                             types: ["INTEGER", "TEXT", "TEXT", "TEXT", "TEXT", "REAL", "REAL", "INTEGER"])

    static let tables = [attendance, incidents, marks]

    /// Each row's columns in ``Table/columns`` order.
    static func columns(_ row: ABCAttendance) -> [DatabaseValueConvertible?] {
        [row.studentId, row.term, row.startDate, row.endDate, row.daysEnrolled, row.daysPresent]
    }

    static func columns(_ row: ABCIncident) -> [DatabaseValueConvertible?] {
        [row.studentId, row.date, row.kind.rawValue, row.sourceKey, row.severity.rawValue, row.suspensionDays, row.incidentId]
    }

    static func columns(_ row: ABCCourseMark) -> [DatabaseValueConvertible?] {
        [row.studentId, row.term, row.course, row.subject, row.mark.description, row.creditsAttempted, row.creditsEarned,
         row.isCore]
    }

    static func apply(_ row: ABCAttendance, _ db: Database, counts: inout ABCImportSummary.Counts) throws {
        try upsert(db, attendance, columns(row), counts: &counts)
    }

    static func apply(_ row: ABCIncident, _ db: Database, counts: inout ABCImportSummary.Counts) throws {
        try upsert(db, incidents, columns(row), counts: &counts)
    }

    static func apply(_ row: ABCCourseMark, _ db: Database, counts: inout ABCImportSummary.Counts) throws {
        try upsert(db, marks, columns(row), counts: &counts)
    }

    /// Inserts the row, or updates it when a stored row with the same key differs.
    private static func upsert(_ db: Database, _ table: Table, _ row: [DatabaseValueConvertible?],
                               counts: inout ABCImportSummary.Counts) throws {
        let keyValues = Array(row.prefix(table.key.count))
        let values = Array(row.dropFirst(table.key.count))
        let matching = table.key.map { "\($0) = ?" }.joined(separator: " AND ")
        let stored = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, \(table.values.joined(separator: ", ")) FROM \(table.name) WHERE \(matching)"),
                                      arguments: StatementArguments(keyValues))
        let incoming = values.map { $0?.databaseValue ?? .null }
        if let stored {
            guard table.values.map({ stored[$0] as DatabaseValue }) != incoming else {
                counts.unchanged += 1
                return
            }
            try db.cachedStatement(sql: "UPDATE \(table.name) SET \(table.values.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?")
                .execute(arguments: StatementArguments(values + [stored["id"] as Int64]))
            counts.updated += 1
        } else {
            try db.cachedStatement(sql: "INSERT INTO \(table.name) (\(table.columns.joined(separator: ", "))) VALUES (\(table.columns.map { _ in "?" }.joined(separator: ", ")))")
                .execute(arguments: StatementArguments(row))
            counts.added += 1
        }
    }
}

extension ABCRows {
    /// The staged rows against the stored ones: how many are new, differ, or are the same.
    static func count(_ table: Table, _ db: Database) throws -> ImportCounts {
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.staging)") ?? 0
        let added = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.staging) AS s WHERE NOT EXISTS (\(stored(table)))") ?? 0
        let updated = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM \(table.staging) AS s JOIN \(table.name) AS t ON \(sameKey(table)) WHERE \(differs(table))
            """) ?? 0
        return ImportCounts(added: added, updated: updated, unchanged: total - added - updated)
    }

    /// Writes staged rows (`source`: a table or subquery with the table's columns and
    /// `seq`): those whose key is stored and whose values differ are updated, those whose key
    /// is not stored are inserted in file order. Inside the caller's transaction; the counts
    /// are what it changed.
    static func merge(_ table: Table, _ db: Database, from source: String) throws -> ImportCounts {
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(source)") ?? 0
        try db.execute(sql: """
            UPDATE \(table.name) AS t SET \(table.values.map { "\($0) = s.\($0)" }.joined(separator: ", "))
            FROM \(source) AS s WHERE \(sameKey(table)) AND \(differs(table))
            """)
        let updated = db.changesCount
        try db.execute(sql: """
            INSERT INTO \(table.name) (\(table.columns.joined(separator: ", ")))
            SELECT \(table.columns.joined(separator: ", ")) FROM \(source) AS s
            WHERE NOT EXISTS (\(stored(table))) ORDER BY s.seq
            """)
        let added = db.changesCount
        return ImportCounts(added: added, updated: updated, unchanged: total - added - updated)
    }

    typealias ImportCounts = ABCImportSummary.Counts

    private static func sameKey(_ table: Table) -> String {
        table.key.map { "t.\($0) = s.\($0)" }.joined(separator: " AND ")
    }

    private static func stored(_ table: Table) -> String {
        "SELECT 1 FROM \(table.name) AS t WHERE \(sameKey(table))"
    }

    private static func differs(_ table: Table) -> String {
        "(" + table.values.map { "t.\($0) IS NOT s.\($0)" }.joined(separator: " OR ") + ")"
    }
}

extension ABCImportSummary {
    /// The counts of one ABC table.
    subscript(table: ABCRows.Table) -> Counts {
        get {
            switch table.name {
            case ABCRows.attendance.name: attendance
            case ABCRows.incidents.name: incidents
            default: marks
            }
        }
        set {
            switch table.name {
            case ABCRows.attendance.name: attendance = newValue
            case ABCRows.incidents.name: incidents = newValue
            default: marks = newValue
            }
        }
    }
}

extension ABCImportSummary.Counts {
    static func + (lhs: Self, rhs: Self) -> Self {
        Self(added: lhs.added + rhs.added, updated: lhs.updated + rhs.updated, unchanged: lhs.unchanged + rhs.unchanged)
    }
}
