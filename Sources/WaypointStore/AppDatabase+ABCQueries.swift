import GRDB
import WaypointCore

extension AppDatabase {
    /// A student's attendance, newest term first (see `ABCTerm` for the order).
    public func attendance(studentId: Int64) throws -> [ABCAttendance] {
        try reader.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM abc_attendance WHERE studentId = ?", arguments: [studentId]).map {
                ABCAttendance(studentId: $0["studentId"], term: $0["term"], startDate: $0["startDate"], endDate: $0["endDate"],
                              daysEnrolled: $0["daysEnrolled"], daysPresent: $0["daysPresent"])
            }
            .sorted { ABCTerm.isLater($0.term, than: $1.term) || ($0.term == $1.term && $0.startDate > $1.startDate) }
        }
    }

    /// A student's behavior incidents, newest first.
    public func incidents(studentId: Int64) throws -> [ABCIncident] {
        try reader.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM abc_incident WHERE studentId = ? ORDER BY date DESC, kind, id",
                             arguments: [studentId]).compactMap { row -> ABCIncident? in
                // The schema's CHECKs admit only these spellings.
                guard let kind = ABCIncident.Kind(rawValue: row["kind"]),
                      let severity = ABCIncident.Severity(rawValue: row["severity"]) else { return nil }
                return ABCIncident(studentId: row["studentId"], date: row["date"], kind: kind, severity: severity,
                                   suspensionDays: row["suspensionDays"], incidentId: row["incidentId"])
            }
        }
    }

    /// A student's course marks, newest term first, then by course.
    public func courseMarks(studentId: Int64) throws -> [ABCCourseMark] {
        try reader.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM abc_course_mark WHERE studentId = ? ORDER BY course",
                             arguments: [studentId]).compactMap { row -> ABCCourseMark? in
                guard let mark = ABCMark(row["mark"]) else { return nil }
                return ABCCourseMark(studentId: row["studentId"], term: row["term"], course: row["course"],
                                     subject: row["subject"], mark: mark, creditsAttempted: row["creditsAttempted"],
                                     creditsEarned: row["creditsEarned"], isCore: row["isCore"])
            }
            .sorted { ABCTerm.isLater($0.term, than: $1.term) || ($0.term == $1.term && $0.course < $1.course) }
        }
    }
}
