import WaypointCore

/// Reads the course-marks layout: one row per student, term and course.
enum ABCMarkRows {
    static func read(_ table: RosterTable, students: ABCStudentKeys, issues: RosterIssues) -> [ABCCourseMark] {
        var rows: [ABCCourseMark] = []
        var seen: [String: Int] = [:]
        for record in table.records {
            let student = ABCCells.student(record, students, issues: issues)
            let term = ABCCells.term(record, issues: issues)
            let course = record["course"]
            if course.isEmpty { issues.error(record.issue("course", "a value (the course title or code)")) }
            let mark = ABCMark(record["mark"])
            if mark == nil {
                issues.error(record.issue("mark", "a letter A to F (with + or -), P, NP, or a number from 0 to 100"))
            }
            let attempted = ABCCells.decimal(record, "creditsAttempted", 0...10, issues: issues)
            let earned = ABCCells.decimal(record, "creditsEarned", 0...10, issues: issues)
            if let attempted, let earned, earned > attempted {
                issues.error(record.issue("creditsEarned", "at most creditsAttempted (\(record["creditsAttempted"]))"))
                continue
            }
            let core = ABCCells.yesNo(record, "core", issues: issues)
            let subject = record["subject"]
            guard let student, let term, !course.isEmpty, let mark, let attempted, let earned, let core else { continue }
            ABCCells.unique("\(student)|\(term)|\(course)", record, column: "course", what: "student, term and course",
                            seen: &seen, issues: issues)
            rows.append(ABCCourseMark(studentId: student, term: term, course: course, subject: subject.isEmpty ? nil : subject,
                                      mark: mark, creditsAttempted: attempted, creditsEarned: earned, isCore: core))
        }
        return rows
    }
}
