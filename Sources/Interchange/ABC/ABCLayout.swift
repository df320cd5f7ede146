/// The three ABC file layouts. A file is one kind, told apart by its header (a column only
/// that kind has), so a district can export each from its own report without a `kind`
/// column, and each layout keeps only the columns it needs.
enum ABCLayout: String, CaseIterable {
    case attendance, behavior, marks

    /// Either names the student; at least one must be a column.
    static let studentColumns = ["studentSourcedId", "localId"]

    /// The column that marks a header as this layout.
    var marker: String {
        switch self {
        case .attendance: "daysEnrolled"
        case .behavior: "severity"
        case .marks: "mark"
        }
    }

    var columns: RosterColumns {
        switch self {
        case .attendance:
            RosterColumns(known: ABCLayout.studentColumns + ["term", "startDate", "endDate", "daysEnrolled", "daysPresent",
                                                             "daysAbsent"],
                          required: ["term", "startDate", "endDate", "daysEnrolled"])
        case .behavior:
            RosterColumns(known: ABCLayout.studentColumns + ["incidentId", "date", "kind", "severity", "suspensionDays"],
                          required: ["date", "kind", "severity", "suspensionDays"])
        case .marks:
            RosterColumns(known: ABCLayout.studentColumns + ["term", "course", "subject", "mark", "creditsAttempted",
                                                             "creditsEarned", "core"],
                          required: ["term", "course", "mark", "creditsAttempted", "creditsEarned", "core"])
        }
    }

    /// The layout whose marker column the header holds; nil with an error when none or
    /// more than one does.
    static func detect(_ csv: RosterCSVFile, issues: RosterIssues) -> ABCLayout? {
        let found = allCases.filter { csv.header.contains($0.marker) }
        if found.count == 1 { return found[0] }
        let markers = allCases.map { "\"\($0.marker)\" (\($0.rawValue))" }.joined(separator: ", ")
        issues.error(RosterIssue(file: csv.name, line: 1, column: 1, field: "header", value: csv.header.joined(separator: ","),
                                 expected: found.isEmpty ? "a header with exactly one of the columns \(markers)"
                                                         : "one layout per file, not both \(found.map(\.marker).joined(separator: " and "))"))
        return nil
    }
}
