import WaypointCore

/// Reads the attendance layout: one row per student and term. `daysPresent` or
/// `daysAbsent` gives the other count; when both are given they must add up.
enum ABCAttendanceRows {
    static func read(_ table: RosterTable, students: ABCStudentKeys, issues: RosterIssues) -> [ABCAttendance] {
        var rows: [ABCAttendance] = []
        var seen: [String: Int] = [:]
        for record in table.records {
            let student = ABCCells.student(record, students, issues: issues)
            let term = ABCCells.term(record, issues: issues)
            let start = ABCCells.date(record, "startDate", issues: issues)
            let end = ABCCells.date(record, "endDate", issues: issues)
            if let start, let end, end < start {
                issues.error(record.issue("endDate", "a date on or after startDate \(start)"))
            }
            let enrolled = ABCCells.count(record, "daysEnrolled", 0...366, issues: issues)
            let present = daysPresent(record, enrolled: enrolled, issues: issues)
            guard let student, let term, let start, let end, end >= start, let enrolled, let present else { continue }
            ABCCells.unique("\(student)|\(term)", record, column: "term", what: "student and term", seen: &seen, issues: issues)
            rows.append(ABCAttendance(studentId: student, term: term, startDate: start, endDate: end,
                                      daysEnrolled: enrolled, daysPresent: present))
        }
        return rows
    }

    /// Days present, from `daysPresent` when it has a value, else from `daysAbsent`; never
    /// more than the days enrolled.
    private static func daysPresent(_ record: RosterTable.Record, enrolled: Int?, issues: RosterIssues) -> Int? {
        let usePresent = !record["daysPresent"].isEmpty || !record.has("daysAbsent") || record["daysAbsent"].isEmpty
        let column = usePresent ? "daysPresent" : "daysAbsent"
        guard let counted = ABCCells.count(record, column, 0...366, issues: issues), let enrolled else { return nil }
        guard counted <= enrolled else {
            issues.error(record.issue(column, "at most daysEnrolled (\(enrolled))"))
            return nil
        }
        let present = usePresent ? counted : enrolled - counted
        if usePresent, !record["daysAbsent"].isEmpty, Int(record["daysAbsent"]) != enrolled - present {
            issues.error(record.issue("daysAbsent", "daysEnrolled minus daysPresent (\(enrolled - present))"))
            return nil
        }
        return present
    }
}
