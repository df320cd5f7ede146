import Foundation
import WaypointCore

/// Reads one ABC CSV file (attendance, behavior or course marks, told apart by the header)
/// with the roster import's CSV reading: UTF-8 and quoting checked first, columns by name,
/// every error at `file:line:column`. Any error and there is no batch, only the errors.
public enum ABCReader {
    public static func read(_ url: URL, students: ABCStudentKeys) throws(RosterImportError) -> ABCBatch {
        let issues = RosterIssues(lenient: false)
        let batch = readBatch(url, students: students, issues: issues)
        guard let batch, issues.errors.isEmpty else {
            throw RosterImportError(errors: issues.errors, truncated: issues.truncated)
        }
        return batch
    }

    private static func readBatch(_ url: URL, students: ABCStudentKeys, issues: RosterIssues) -> ABCBatch? {
        guard let csv = RosterCSVFile.read(url, issues: issues) else { return nil }
        guard !csv.header.isEmpty else {
            issues.error(RosterIssue(file: csv.name, line: 1, column: 1, field: "header", value: "",
                                     expected: "a header row (the file is empty)"))
            return nil
        }
        guard let layout = ABCLayout.detect(csv, issues: issues),
              let table = RosterTable(csv, layout.columns, issues: issues) else { return nil }
        guard ABCLayout.studentColumns.contains(where: table.columns.contains) else {
            issues.error(RosterIssue(file: csv.name, line: 1, column: csv.header.count + 1, field: "header",
                                     value: csv.header.joined(separator: ","),
                                     expected: "a required column \"studentSourcedId\" or \"localId\""))
            return nil
        }
        if layout == .attendance, !table.columns.contains("daysPresent"), !table.columns.contains("daysAbsent") {
            issues.error(RosterIssue(file: csv.name, line: 1, column: csv.header.count + 1, field: "header",
                                     value: csv.header.joined(separator: ","),
                                     expected: "a required column \"daysPresent\" or \"daysAbsent\""))
            return nil
        }
        switch layout {
        case .attendance: return ABCBatch(attendance: ABCAttendanceRows.read(table, students: students, issues: issues))
        case .behavior: return ABCBatch(incidents: ABCBehaviorRows.read(table, students: students, issues: issues))
        case .marks: return ABCBatch(marks: ABCMarkRows.read(table, students: students, issues: issues))
        }
    }
}
