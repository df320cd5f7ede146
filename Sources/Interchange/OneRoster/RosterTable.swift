import WaypointCore

/// A CSV file read against the columns Waypoint expects: headers found by name in any
/// order, unknown and `ext_` columns ignored, misnamed headers named (and, when lenient,
/// mapped), short rows padded when lenient.
struct RosterTable {
    struct Record {
        var file: String
        var line: Int
        fileprivate var fields: [String]
        fileprivate var index: [String: Int]

        /// The value, or "" when the column is absent or the cell empty.
        subscript(_ column: String) -> String {
            guard let position = index[column], position < fields.count else { return "" }
            let field = fields[position]
            // Most cells start and end with a printable ASCII character: nothing to trim, and
            // Foundation's trimming was most of the time of reading a district's roster.
            if let first = field.utf8.first, let last = field.utf8.last,
               (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) {
                return field
            }
            return field.trimmingCharacters(in: .whitespaces)
        }

        func has(_ column: String) -> Bool { index[column] != nil }

        /// An issue about `column` in this row, pointing at its cell.
        func issue(_ column: String, _ expected: String, value: String? = nil) -> RosterIssue {
            RosterIssue(file: file, line: line, column: (index[column] ?? fields.count) + 1, field: column,
                        value: value ?? self[column], expected: expected)
        }
    }

    var file: String
    var records: [Record]
    var columns: Set<String>

    /// Nil when a required column is missing (the rows cannot be read).
    init?(_ csv: RosterCSVFile, _ expected: RosterColumns, issues: RosterIssues) {
        file = csv.name
        // A zero-byte file holds no rows and no header to check.
        if csv.header.isEmpty, csv.rows.isEmpty {
            columns = []
            records = []
            return
        }
        var index: [String: Int] = [:]
        var misnamed: Set<String> = []
        var duplicated = false
        for (position, header) in csv.header.enumerated() where !header.isEmpty {
            if RosterCSVFile.isSecret(header) || expected.known.contains(header) {
                guard !RosterCSVFile.isSecret(header) else { continue }
                // Two columns of one name: which value is meant cannot be known, even when lenient.
                if let first = index[header] {
                    issues.error(RosterIssue(file: csv.name, line: 1, column: position + 1, field: "header", value: header,
                                             expected: "each column once; \"\(header)\" is column \(first + 1) and \(position + 1)"))
                    duplicated = true
                } else {
                    index[header] = position
                }
                continue
            }
            let lowered = header.lowercased()
            if lowered.hasPrefix("ext_") || lowered.hasPrefix("metadata.") { continue }
            guard let meant = expected.aliases[header] ?? RosterTable.nearest(header, in: expected.known),
                  !csv.header.contains(meant) else { continue }
            misnamed.insert(meant)
            let issue = RosterIssue(file: csv.name, line: 1, column: position + 1, field: "header", value: header,
                                    expected: "\"\(meant)\"")
            if issues.deviation(issue) { index[meant] = position }
        }
        var complete = true
        for column in expected.required where index[column] == nil {
            if misnamed.contains(column) {
                complete = false
                continue
            }
            let issue = RosterIssue(file: csv.name, line: 1, column: csv.header.count + 1, field: "header",
                                    value: csv.header.joined(separator: ","),
                                    expected: "a required column \"\(column)\"")
            // A header-only file loses nothing without the column: recoverable.
            if csv.rows.isEmpty, issues.deviation(issue) { continue }
            if !csv.rows.isEmpty { issues.error(issue) }
            complete = false
        }
        guard complete, !duplicated else { return nil }
        columns = Set(index.keys)
        let fieldKinds = index.map { (column: $0.key, position: $0.value, kind: RosterColumns.textField(of: $0.key)) }
            .sorted { $0.position < $1.position }
        records = []
        for row in csv.rows {
            var fields = row.fields
            if fields.count < csv.header.count {
                let blank = fields.allSatisfy { $0.isEmpty }
                let issue = RosterIssue(file: csv.name, line: row.line, column: fields.count + 1, field: "row",
                                        value: fields.joined(separator: ","),
                                        expected: "\(csv.header.count) fields as in the header, found \(fields.count)"
                                            + (blank ? " (a blank line)" : ""))
                guard issues.deviation(issue), !blank else { continue }
                fields += Array(repeating: "", count: csv.header.count - fields.count)
            } else if fields.count > csv.header.count,
                      fields[csv.header.count...].contains(where: { !$0.isEmpty }) {
                issues.error(RosterIssue(file: csv.name, line: row.line, column: csv.header.count + 1, field: "row",
                                         value: fields[csv.header.count...].joined(separator: ","),
                                         expected: "\(csv.header.count) fields as in the header, found \(fields.count)"))
                continue
            }
            // A value no field can hold (a NUL, ESC, a 5 MB name) is an error, lenient or not:
            // importing it would change it silently. The row is still read, so other rows that
            // refer to it are not reported too.
            for cell in fieldKinds where cell.position < fields.count {
                if let problem = cell.kind.problem(fields[cell.position]) {
                    issues.unfit(RosterIssue(file: csv.name, line: row.line, column: cell.position + 1, field: cell.column,
                                             value: fields[cell.position], expected: problem.description))
                }
            }
            records.append(Record(file: csv.name, line: row.line, fields: fields, index: index))
        }
    }

    /// The known column a header was probably meant to be: the same letters in another
    /// case, or one or two letters off ("dataLastModified", "prefferedGivenName").
    static func nearest(_ header: String, in known: [String]) -> String? {
        if let match = known.first(where: { $0.lowercased() == header.lowercased() }) { return match }
        guard header.count >= 6 else { return nil }
        return known.first { abs($0.count - header.count) <= 2 && distance($0.lowercased(), header.lowercased()) <= 2 }
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
