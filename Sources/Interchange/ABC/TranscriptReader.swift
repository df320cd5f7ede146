import Foundation
import WaypointCore

/// Reads a transcript CSV: one row per student, term and course with its final mark and
/// credits, for `waypoint import transcript` (layout in docs/IMPORTING.md). Read and checked
/// as the ABC files are: UTF-8 and quoting first, columns by name, every error at
/// `file:line:column`; any error and there are no marks, only the errors.
public enum TranscriptReader {
    static let columns = RosterColumns(
        known: ABCLayout.studentColumns + ["term", "course", "title", "subject", "mark", "credits"],
        required: ["term", "course", "mark", "credits"])

    public static func read(_ url: URL, students: ABCStudentKeys) throws(RosterImportError) -> [ImportedMark] {
        let issues = RosterIssues(lenient: false)
        let marks = readMarks(url, students: students, issues: issues)
        guard let marks, issues.errors.isEmpty else {
            throw RosterImportError(errors: issues.errors, truncated: issues.truncated)
        }
        return marks
    }

    private static func readMarks(_ url: URL, students: ABCStudentKeys, issues: RosterIssues) -> [ImportedMark]? {
        guard let csv = RosterCSVFile.read(url, issues: issues) else { return nil }
        guard !csv.header.isEmpty else {
            issues.error(RosterIssue(file: csv.name, line: 1, column: 1, field: "header", value: "",
                                     expected: "a header row (the file is empty)"))
            return nil
        }
        guard let table = RosterTable(csv, columns, issues: issues) else { return nil }
        guard ABCLayout.studentColumns.contains(where: table.columns.contains) else {
            issues.error(RosterIssue(file: csv.name, line: 1, column: csv.header.count + 1, field: "header",
                                     value: csv.header.joined(separator: ","),
                                     expected: "a required column \"studentSourcedId\" or \"localId\""))
            return nil
        }
        var marks: [ImportedMark] = []
        var seen: [String: Int] = [:]
        for record in table.records {
            let student = ABCCells.student(record, students, issues: issues)
            let term = ABCCells.term(record, issues: issues)
            let course = record["course"]
            if course.isEmpty { issues.error(record.issue("course", "a value (the course code or title)")) }
            let mark = ABCMark(record["mark"])
            if mark == nil {
                issues.error(record.issue("mark", "a letter A to F (with + or -), P, NP, or a number from 0 to 100"))
            }
            // A plan course's credits (FieldRules): a course without credit has no place in the plan.
            let credits = ABCCells.decimal(record, "credits", FieldRules.courseCredits.range, issues: issues)
            let title = record["title"]
            let subject = record["subject"]
            guard let student, let term, !course.isEmpty, let mark, let credits else { continue }
            ABCCells.unique("\(student)|\(term)|\(course)", record, column: "course", what: "student, term and course",
                            seen: &seen, issues: issues)
            marks.append(ImportedMark(studentId: student, term: term, course: course, title: title.isEmpty ? nil : title,
                                      subject: subject.isEmpty ? nil : subject, mark: mark, credits: credits,
                                      source: .transcript))
        }
        return marks
    }
}
