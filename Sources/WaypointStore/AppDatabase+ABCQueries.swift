import GRDB
import WaypointCore

extension AppDatabase {
    /// A student's attendance, newest term first (see `ABCTerm` for the order).
    public func attendance(studentId: Int64) throws -> [ABCAttendance] {
        try reader.read { db in
            ABCBatch(attendance: try Row.fetchAll(db, sql: "SELECT * FROM abc_attendance WHERE studentId = ?",
                                                  arguments: [studentId]).map(ABCDecoding.attendance)).termsNewestFirst().attendance
        }
    }

    /// A student's behavior incidents, newest first.
    public func incidents(studentId: Int64) throws -> [ABCIncident] {
        try reader.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM abc_incident WHERE studentId = ? ORDER BY date DESC, kind, id",
                             arguments: [studentId]).compactMap(ABCDecoding.incident)
        }
    }

    /// A student's course marks, newest term first, then by course.
    public func courseMarks(studentId: Int64) throws -> [ABCCourseMark] {
        try reader.read { db in
            ABCBatch(marks: try Row.fetchAll(db, sql: "SELECT * FROM abc_course_mark WHERE studentId = ? ORDER BY course",
                                             arguments: [studentId]).compactMap(ABCDecoding.courseMark)).termsNewestFirst().marks
        }
    }

    /// The ABCs of many students (a caseload) in three queries, each student's rows in the
    /// same order as the single-student reads.
    public func abcData(studentIds: [Int64]) throws -> [Int64: ABCBatch] {
        guard !studentIds.isEmpty else { return [:] }
        return try reader.read { db in try Self.abcData(db, studentIds: studentIds) }
    }

    /// `abcData(studentIds:)` inside a transaction already open (a write that needs a tier).
    static func abcData(_ db: Database, studentIds: [Int64]) throws -> [Int64: ABCBatch] {
        let ids = SessionRows.jsonArray(studentIds)
        var result: [Int64: ABCBatch] = [:]
        // Cursors, not fetchAll: a copied row looks a column up by lowercasing every column
        // name, which dominated loading the ABCs of a whole district.
        let attendance = try Row.fetchCursor(db, sql: "SELECT * FROM abc_attendance WHERE studentId IN (SELECT value FROM json_each(?))",
                                             arguments: [ids])
        while let row = try attendance.next() {
            let value = ABCDecoding.attendance(row)
            result[value.studentId, default: ABCBatch()].attendance.append(value)
        }
        let incidents = try Row.fetchCursor(db, sql: """
            SELECT * FROM abc_incident WHERE studentId IN (SELECT value FROM json_each(?)) ORDER BY date DESC, kind, id
            """, arguments: [ids])
        while let row = try incidents.next() {
            guard let value = ABCDecoding.incident(row) else { continue }
            result[value.studentId, default: ABCBatch()].incidents.append(value)
        }
        let marks = try Row.fetchCursor(db, sql: """
            SELECT * FROM abc_course_mark WHERE studentId IN (SELECT value FROM json_each(?)) ORDER BY course
            """, arguments: [ids])
        while let row = try marks.next() {
            guard let value = ABCDecoding.courseMark(row) else { continue }
            result[value.studentId, default: ABCBatch()].marks.append(value)
        }
        return result.mapValues { batch in
            batch.termsNewestFirst()
        }
    }
}

/// Rows to ABC values, in one place for the single and the many-student reads.
enum ABCDecoding {
    static func attendance(_ row: Row) -> ABCAttendance {
        ABCAttendance(studentId: row["studentId"], term: row["term"], startDate: row["startDate"], endDate: row["endDate"],
                      daysEnrolled: row["daysEnrolled"], daysPresent: row["daysPresent"])
    }

    /// Nil for a value the schema's CHECKs would not admit.
    static func incident(_ row: Row) -> ABCIncident? {
        guard let kind = ABCIncident.Kind(rawValue: row["kind"]),
              let severity = ABCIncident.Severity(rawValue: row["severity"]) else { return nil }
        return ABCIncident(studentId: row["studentId"], date: row["date"], kind: kind, severity: severity,
                           suspensionDays: row["suspensionDays"], incidentId: row["incidentId"])
    }

    static func courseMark(_ row: Row) -> ABCCourseMark? {
        guard let mark = ABCMark(row["mark"]) else { return nil }
        return ABCCourseMark(studentId: row["studentId"], term: row["term"], course: row["course"],
                             subject: row["subject"], mark: mark, creditsAttempted: row["creditsAttempted"],
                             creditsEarned: row["creditsEarned"], isCore: row["isCore"])
    }
}
