import Foundation
import GRDB
import WaypointCore

/// The SQL behind sessions, shared by the `AppDatabase` methods.
enum SessionRows {
    static func encode(_ participants: [Participant]) -> String {
        participants.map(\.rawValue).joined(separator: ",")
    }

    static func decode(_ participants: String) -> [Participant] {
        participants.split(separator: ",").compactMap { Participant(rawValue: String($0)) }
    }

    static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    static func insertTopics(_ topics: [String], sessionId: Int64, db: Database) throws {
        var seen = Set<String>()
        for topic in topics.map({ $0.trimmingCharacters(in: .whitespaces) }) where !topic.isEmpty && seen.insert(topic).inserted {
            try db.execute(sql: "INSERT INTO session_topic (sessionId, topic) VALUES (?, ?)", arguments: [sessionId, topic])
        }
    }

    static func appendNote(_ text: String, sessionId: Int64, authorId: Int64, at date: Date, db: Database) throws {
        let next = (try Int.fetchOne(db, sql: "SELECT max(version) FROM session_note WHERE sessionId = ?",
                                     arguments: [sessionId]) ?? 0) + 1
        try db.execute(sql: """
            INSERT INTO session_note (sessionId, version, text, authorId, createdAt) VALUES (?, ?, ?, ?, ?)
            """, arguments: [sessionId, next, text, authorId, date])
    }

    static func insertFollowUp(studentId: Int64, sessionId: Int64?, authorId: Int64, text: String,
                               dueDate: CivilDate?, recurrence: Recurrence? = nil, repeatedFromId: Int64? = nil,
                               at date: Date, db: Database) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw StoreError.missingField(record: "follow-up", field: "text") }
        try db.execute(sql: """
            INSERT INTO follow_up (studentId, sessionId, authorId, text, dueDate, status, createdAt,
                                   repeatDays, repeatUntil, whileTier, repeatedFromId)
            VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)
            """, arguments: [studentId, sessionId, authorId, trimmed, dueDate?.iso, date,
                             recurrence?.everyDays, recurrence?.until?.iso, recurrence?.whileTier, repeatedFromId])
    }

    /// The session with its latest note and its topics.
    static func fetch(id: Int64, db: Database) throws -> AdvisingSession {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT s.*, (SELECT text FROM session_note n WHERE n.sessionId = s.id ORDER BY version DESC LIMIT 1) AS note,
                   (SELECT max(version) FROM session_note n WHERE n.sessionId = s.id) AS noteVersion
            FROM advising_session s WHERE s.id = ?
            """, arguments: [id]) else { throw StoreError.sessionNotFound(id: id) }
        let topics = try String.fetchAll(db, sql: "SELECT topic FROM session_topic WHERE sessionId = ? ORDER BY rowid",
                                         arguments: [id])
        return AdvisingSession(id: row["id"], studentId: row["studentId"], authorId: row["authorId"],
                               startedAt: row["startedAt"], durationMinutes: row["durationMinutes"], kind: row["kind"],
                               participants: decode(row["participants"]), topics: topics,
                               isConfidential: row["isConfidential"], isArchived: row["isArchived"],
                               note: row["note"] ?? "", noteVersion: row["noteVersion"] ?? 0,
                               contactIds: try Int64.fetchAll(db, sql: "SELECT contactId FROM session_contact WHERE sessionId = ? ORDER BY rowid",
                                                              arguments: [id]),
                               otherStudentIds: try Int64.fetchAll(db, sql: """
                                   SELECT studentId FROM session_student WHERE sessionId = ? ORDER BY position
                                   """, arguments: [id]))
    }

    static func view(id: Int64, viewerId: Int64?, db: Database) throws -> SessionView {
        let session = try fetch(id: id, db: db)
        let author = try Counselor.fetchOne(db, key: session.authorId)
        let names = session.otherStudentIds.isEmpty ? [] : try session.studentIds.map { id in
            try Student.fetchOne(db, key: id)?.displayName ?? "student \(id)"
        }
        return SessionView(session: session, authorName: author?.displayName ?? "unknown", viewerId: viewerId, studentNames: names)
    }

    /// A group session's other students, in the order given: each must exist, be another
    /// than the session's own student, and be listed once (checked before writing, so the
    /// counselor reads which student, not a constraint's name).
    static func insertOtherStudents(_ ids: [Int64], sessionId: Int64, studentId: Int64, db: Database) throws {
        var seen: Set<Int64> = [studentId]
        for (index, id) in ids.enumerated() {
            guard try Student.exists(db, key: id) else { throw StoreError.studentNotFound(id: id) }
            guard seen.insert(id).inserted else { throw StoreError.studentTwiceInGroup(id: id) }
            try db.execute(sql: "INSERT INTO session_student (sessionId, studentId, position) VALUES (?, ?, ?)",
                           arguments: [sessionId, id, index + 1])
        }
    }

    /// The sessions a student took part in, alone or in a group: what "their history" and
    /// "last seen" read.
    static let ofStudent = """
        (advising_session.studentId = ? OR advising_session.id IN (SELECT sessionId FROM session_student WHERE studentId = ?))
        """
}
