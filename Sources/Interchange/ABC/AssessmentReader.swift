import Foundation
import WaypointCore

/// Reads a test-results CSV: one row per student and test sitting, with the date, the total
/// and any sub-scores in columns named by the catalog's sub-score ids (`erw`, `math`,
/// `english`…), for `waypoint import assessments` (layout in docs/IMPORTING.md). Read and
/// checked as the transcript is: UTF-8 and quoting first, columns by name, every error at
/// `file:line:column` naming the field; any error and there are no results, only the errors.
public enum AssessmentReader {
    static func columns(_ catalog: AssessmentCatalog) -> RosterColumns {
        var scoreColumns: [String] = []
        for score in catalog.tests.flatMap(\.scores) where !scoreColumns.contains(score.id) { scoreColumns.append(score.id) }
        return RosterColumns(known: ABCLayout.studentColumns + ["test", "date", "total"] + scoreColumns,
                             required: ["test", "date", "total"])
    }

    /// `today`: a sitting after it is an error (a typing slip in the year, most likely).
    public static func read(_ url: URL, students: ABCStudentKeys, catalog: AssessmentCatalog,
                            today: CivilDate) throws(RosterImportError) -> [AssessmentResult] {
        let issues = RosterIssues(lenient: false)
        let results = readResults(url, students: students, catalog: catalog, today: today, issues: issues)
        guard let results, issues.errors.isEmpty else {
            throw RosterImportError(errors: issues.errors, truncated: issues.truncated)
        }
        return results
    }

    private static func readResults(_ url: URL, students: ABCStudentKeys, catalog: AssessmentCatalog, today: CivilDate,
                                    issues: RosterIssues) -> [AssessmentResult]? {
        guard let csv = RosterCSVFile.read(url, issues: issues) else { return nil }
        guard !csv.header.isEmpty else {
            issues.error(RosterIssue(file: csv.name, line: 1, column: 1, field: "header", value: "",
                                     expected: "a header row (the file is empty)"))
            return nil
        }
        let expected = columns(catalog)
        guard let table = RosterTable(csv, expected, issues: issues) else { return nil }
        guard ABCLayout.studentColumns.contains(where: table.columns.contains) else {
            issues.error(RosterIssue(file: csv.name, line: 1, column: csv.header.count + 1, field: "header",
                                     value: csv.header.joined(separator: ","),
                                     expected: "a required column \"studentSourcedId\" or \"localId\""))
            return nil
        }
        let scoreColumns = expected.known.dropFirst(ABCLayout.studentColumns.count + 3).filter(table.columns.contains)
        var results: [AssessmentResult] = []
        var seen: [String: Int] = [:]
        for record in table.records {
            let student = ABCCells.student(record, students, issues: issues)
            let testId = record["test"]
            let date = ABCCells.date(record, "date", issues: issues).flatMap { CivilDate(iso: $0) }
            if let date, date > today {
                issues.error(record.issue("date", "the date the test was taken, not after today (\(today.iso))"))
            }
            let total = wholeNumber(record, "total", issues: issues)
            var scores: [String: Int] = [:]
            var readable = total != nil
            for column in scoreColumns where !record[column].isEmpty {
                if let value = wholeNumber(record, column, issues: issues) { scores[column] = value } else { readable = false }
            }
            // One check for the file and the command line: the test, then each score's range.
            let problems = readable || catalog.test(testId) == nil
                ? catalog.problems(testId: testId, total: total, scores: scores) : []
            for problem in problems { issues.error(record.issue(problem.field, problem.expected)) }
            guard let student, let date, date <= today, let total, readable, problems.isEmpty else { continue }
            ABCCells.unique("\(student)|\(testId)|\(date.iso)", record, column: "date", what: "student, test and date",
                            seen: &seen, issues: issues)
            results.append(AssessmentResult(studentId: student, testId: testId, date: date, total: total,
                                            scores: scores, source: .imported))
        }
        return results
    }

    /// A whole number ("1250"; not "1,250", "12.5" or "-3"); the range is the catalog's.
    private static func wholeNumber(_ record: RosterTable.Record, _ column: String, issues: RosterIssues) -> Int? {
        guard let number = AssessmentEntry.wholeNumber(record[column]) else {
            issues.error(record.issue(column, "a whole number (digits only)"))
            return nil
        }
        return number
    }
}
