import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// A counselor's time report: the sessions they recorded (archived ones left out, as
    /// everywhere a session is counted) over `weeks` weeks ending with the one holding
    /// `lastDay`, summed by kind and week in `timeZone`. Only the date, length, kind and
    /// student of each session are read: nothing of the note, confidential or not.
    public func timeReport(counselorId: Int64, weeks count: Int, endingWith lastDay: CivilDate,
                           kinds: SessionKindCatalog, timeZone: TimeZone) throws -> TimeReport {
        let weeks = TimeReport.weeks(count: count, endingWith: lastDay)
        // A day's margin each side: which civil day a session falls on is decided in Swift,
        // in the counselor's time zone, so the query must not cut at UTC midnight.
        let from = Date(timeIntervalSince1970: Double(weeks[0].dayNumber - 1) * 86_400)
        let to = Date(timeIntervalSince1970: Double(weeks[weeks.count - 1].dayNumber + 8) * 86_400)
        return try read { db in
            guard let counselor = try Counselor.fetchOne(db, key: counselorId) else {
                throw StoreError.counselorNotFound(id: counselorId)
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT advising_session.id AS sessionId, startedAt, durationMinutes, kind, student.*
                FROM advising_session JOIN student ON student.id = advising_session.studentId
                WHERE authorId = ? AND NOT isArchived AND startedAt >= ? AND startedAt < ?
                ORDER BY startedAt, advising_session.id
                """, arguments: [counselorId, from, to])
            let entries = try rows.map { row in
                TimeReport.Entry(sessionId: row["sessionId"], startedAt: row["startedAt"], minutes: row["durationMinutes"],
                                 kind: row["kind"], studentName: try Student(row: row).displayName)
            }
            return TimeReport(counselorName: counselor.displayName, entries: entries, weeks: weeks, kinds: kinds,
                              timeZone: timeZone)
        }
    }
}
