import GRDB
import WaypointCore

/// Upserts of ABC rows by natural key, and the rows read back as Core values.
enum ABCRows {
    static func apply(_ row: ABCAttendance, _ db: Database, counts: inout ABCImportSummary.Counts) throws {
        let values: [DatabaseValueConvertible?] = [row.startDate, row.endDate, row.daysEnrolled, row.daysPresent]
        try upsert(db, table: "abc_attendance", key: ["studentId": row.studentId, "term": row.term],
                   columns: ["startDate", "endDate", "daysEnrolled", "daysPresent"], values: values, counts: &counts)
    }

    static func apply(_ row: ABCIncident, _ db: Database, counts: inout ABCImportSummary.Counts) throws {
        try upsert(db, table: "abc_incident",
                   key: ["studentId": row.studentId, "date": row.date, "kind": row.kind.rawValue, "sourceKey": row.sourceKey],
                   columns: ["severity", "suspensionDays", "incidentId"],
                   values: [row.severity.rawValue, row.suspensionDays, row.incidentId], counts: &counts)
    }

    static func apply(_ row: ABCCourseMark, _ db: Database, counts: inout ABCImportSummary.Counts) throws {
        try upsert(db, table: "abc_course_mark", key: ["studentId": row.studentId, "term": row.term, "course": row.course],
                   columns: ["subject", "mark", "creditsAttempted", "creditsEarned", "isCore"],
                   values: [row.subject, row.mark.description, row.creditsAttempted, row.creditsEarned, row.isCore],
                   counts: &counts)
    }

    /// Inserts the row, or updates it when a stored row with the same key differs.
    private static func upsert(_ db: Database, table: String, key: [String: DatabaseValueConvertible],
                               columns: [String], values: [DatabaseValueConvertible?],
                               counts: inout ABCImportSummary.Counts) throws {
        let keyColumns = key.keys.sorted()
        let keyValues = keyColumns.map { key[$0]! }
        let matching = keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
        let stored = try Row.fetchOne(db, sql: "SELECT id, \(columns.joined(separator: ", ")) FROM \(table) WHERE \(matching)",
                                      arguments: StatementArguments(keyValues))
        let incoming = values.map { $0?.databaseValue ?? .null }
        if let stored {
            guard columns.map({ stored[$0] as DatabaseValue }) != incoming else {
                counts.unchanged += 1
                return
            }
            try db.execute(sql: "UPDATE \(table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?",
                           arguments: StatementArguments(values + [stored["id"] as Int64]))
            counts.updated += 1
        } else {
            let all = keyColumns + columns
            try db.execute(sql: "INSERT INTO \(table) (\(all.joined(separator: ", "))) VALUES (\(all.map { _ in "?" }.joined(separator: ", ")))",
                           arguments: StatementArguments(keyValues.map { $0 as DatabaseValueConvertible? } + values))
            counts.added += 1
        }
    }
}
