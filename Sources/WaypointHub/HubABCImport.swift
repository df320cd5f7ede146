import Foundation
import PostgresNIO
import WaypointCore

/// ABC files (attendance, behavior, course marks) into the hub, with the workstation's rules
/// (AppDatabase.importABC): each row matched by its natural key and added, updated or left
/// as it is; nothing removed; one transaction; the same file twice adds and updates nothing.
public enum HubABCImport {
    /// The students an ABC file may name, for `ABCReader`: the hub keys students by
    /// sourcedId, so each gets a number for this import only.
    public struct Students: Sendable {
        public var keys: ABCStudentKeys
        var sourcedIds: [Int64: String]
    }

    public static func students(on hub: HubConnection) async throws(HubError) -> Students {
        try await hub.requireAdministrator()
        var keys = ABCStudentKeys(bySourcedId: [:], byLocalId: [:])
        var sourcedIds: [Int64: String] = [:]
        for (index, row) in try await hub.query("SELECT sourced_id, local_id FROM waypoint.student ORDER BY sourced_id").enumerated() {
            guard let (sourcedId, localId) = try? row.decode((String, String).self) else { continue }
            let number = Int64(index + 1)
            keys.bySourcedId[sourcedId] = number
            keys.byLocalId[localId] = number
            sourcedIds[number] = sourcedId
        }
        return Students(keys: keys, sourcedIds: sourcedIds)
    }

    private struct Table {
        var name: String
        var key: [String]
        var columns: [(name: String, type: String)]
    }

    private static let attendance = Table(name: "abc_attendance", key: ["student_sourced_id", "term"], columns: [
        ("student_sourced_id", "text"), ("term", "text"), ("start_date", "text"), ("end_date", "text"),
        ("days_enrolled", "integer"), ("days_present", "integer")])
    private static let incidents = Table(name: "abc_incident", key: ["student_sourced_id", "date", "kind", "source_key"], columns: [
        ("student_sourced_id", "text"), ("date", "text"), ("kind", "text"), ("source_key", "text"), ("severity", "text"),
        ("suspension_days", "double precision"), ("incident_id", "text")])
    private static let marks = Table(name: "abc_course_mark", key: ["student_sourced_id", "term", "course"], columns: [
        ("student_sourced_id", "text"), ("term", "text"), ("course", "text"), ("subject", "text"), ("mark", "text"),
        ("credits_attempted", "double precision"), ("credits_earned", "double precision"), ("is_core", "boolean")])

    public static func apply(_ batch: ABCBatch, students: Students, source: String,
                             on hub: HubConnection) async throws(HubError) -> ABCImportSummary {
        try await hub.requireAdministrator()
        func sourcedId(_ id: Int64) -> String { students.sourcedIds[id] ?? "" }
        let attendanceRows: [[Any?]] = batch.attendance.map {
            [sourcedId($0.studentId), $0.term, $0.startDate, $0.endDate, $0.daysEnrolled, $0.daysPresent]
        }
        let incidentRows: [[Any?]] = batch.incidents.map {
            [sourcedId($0.studentId), $0.date, $0.kind.rawValue, $0.sourceKey, $0.severity.rawValue, $0.suspensionDays, $0.incidentId]
        }
        let markRows: [[Any?]] = batch.marks.map {
            [sourcedId($0.studentId), $0.term, $0.course, $0.subject, $0.mark.description, $0.creditsAttempted,
             $0.creditsEarned, $0.isCore]
        }
        return try await hub.transaction { hub throws(HubError) in
            var summary = ABCImportSummary()
            summary.attendance = try await merge(attendance, attendanceRows, hub)
            summary.incidents = try await merge(incidents, incidentRows, hub)
            summary.marks = try await merge(marks, markRows, hub)
            try await HubAudit.record(.importedABC, subject: source, detail: summary, on: hub)
            return summary
        }
    }

    /// Stages the rows and merges them set-wise: rows with no stored match are added, rows
    /// whose values differ are updated, the rest counted unchanged.
    private static func merge(_ table: Table, _ rows: [[Any?]], _ hub: HubConnection) async throws(HubError) -> ABCImportSummary.Counts {
        guard !rows.isEmpty else { return .init() }
        let names = table.columns.map(\.name)
        let document = HubRosterImport.json(rows.map { Dictionary(uniqueKeysWithValues: zip(names, $0)) })
        let staged = "incoming_\(table.name)"
        let typed = table.columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
        let join = table.key.map { "s.\($0) = i.\($0)" }.joined(separator: " AND ")
        let values = names.filter { !table.key.contains($0) }
        let differs = "(\(values.map { "s.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(values.map { "i.\($0)" }.joined(separator: ", ")))"
        try await hub.query("""
            CREATE TEMP TABLE \(unescaped: staged) ON COMMIT DROP AS
            SELECT * FROM jsonb_to_recordset(\(document)::jsonb) AS x(\(unescaped: typed))
            """)
        let counted = try await hub.query("""
            SELECT count(*) FILTER (WHERE s.\(unescaped: table.key[0]) IS NULL),
                   count(*) FILTER (WHERE s.\(unescaped: table.key[0]) IS NOT NULL AND \(unescaped: differs)),
                   count(*) FILTER (WHERE s.\(unescaped: table.key[0]) IS NOT NULL AND NOT \(unescaped: differs))
            FROM \(unescaped: staged) i LEFT JOIN waypoint.\(unescaped: table.name) s ON \(unescaped: join)
            """)
        try await hub.query("""
            UPDATE waypoint.\(unescaped: table.name) s SET \(unescaped: values.map { "\($0) = i.\($0)" }.joined(separator: ", "))
            FROM \(unescaped: staged) i WHERE \(unescaped: join) AND \(unescaped: differs)
            """)
        try await hub.query("""
            INSERT INTO waypoint.\(unescaped: table.name) (\(unescaped: names.joined(separator: ", ")))
            SELECT \(unescaped: names.map { "i.\($0)" }.joined(separator: ", ")) FROM \(unescaped: staged) i
            WHERE NOT EXISTS (SELECT 1 FROM waypoint.\(unescaped: table.name) s WHERE \(unescaped: join))
            """)
        guard let (added, updated, unchanged) = try? counted.first?.decode((Int, Int, Int).self) else { return .init() }
        return .init(added: added, updated: updated, unchanged: unchanged)
    }
}
