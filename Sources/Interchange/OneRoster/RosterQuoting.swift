/// RFC 4180 quoting rules, checked before CSV.swift reads a file: CSV.swift accepts a stray
/// quote or an unclosed one silently, which would shift values into the wrong columns.
/// This pass also finds the line each record starts on, since a quoted newline makes record
/// numbers and line numbers differ.
enum RosterQuoting {
    /// The 1-based line each record starts on (blank lines count as records, as CSV.swift
    /// reads them), or nil with an error recorded at the first malformed quote.
    static func rowStartLines(_ text: String, name: String, issues: RosterIssues) -> [Int]? {
        enum State { case fieldStart, unquoted, quoted, closed }
        var state = State.fieldStart
        var starts: [Int] = []
        var line = 1
        var column = 0
        var recordOpen = false
        var quoteLine = 1
        var quoteColumn = 1
        var previousWasCR = false

        func fail(_ line: Int, _ column: Int, _ value: String, _ expected: String) -> [Int]? {
            issues.error(RosterIssue(file: name, line: line, column: column, field: "quoting", value: value,
                                     expected: expected))
            return nil
        }

        for scalar in text.unicodeScalars {
            let isNewline = scalar == "\n" || scalar == "\r"
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            column += 1
            if !recordOpen {
                starts.append(line)
                recordOpen = true
            }
            switch state {
            case .fieldStart, .unquoted:
                if scalar == "\"" {
                    if state == .unquoted {
                        return fail(line, column, "\"", "a quote only around a whole field (write \"\" inside a quoted field)")
                    }
                    state = .quoted
                    quoteLine = line
                    quoteColumn = column
                } else if scalar == "," {
                    state = .fieldStart
                } else if isNewline {
                    state = .fieldStart
                    recordOpen = false
                } else {
                    state = .unquoted
                }
            case .quoted:
                if scalar == "\"" { state = .closed }
            case .closed:
                if scalar == "\"" {
                    state = .quoted
                } else if scalar == "," {
                    state = .fieldStart
                } else if isNewline {
                    state = .fieldStart
                    recordOpen = false
                } else {
                    return fail(line, column, String(scalar), "a comma or the end of the line after a closing quote")
                }
            }
            if isNewline {
                line += 1
                column = 0
            }
        }
        if state == .quoted {
            return fail(quoteLine, quoteColumn, "\"", "a closing quote before the end of the file")
        }
        return starts
    }
}
