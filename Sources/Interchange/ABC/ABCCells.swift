import WaypointCore

/// Cell checks shared by the three ABC layouts. Each returns nil after recording an error
/// at the cell, so one pass over a file reports every bad value.
enum ABCCells {
    /// The student a row names, by `studentSourcedId` or `localId` (if both are given they
    /// must name the same student).
    static func student(_ record: RosterTable.Record, _ keys: ABCStudentKeys, issues: RosterIssues) -> Int64? {
        let sourcedId = record["studentSourcedId"]
        let localId = record["localId"]
        if sourcedId.isEmpty && localId.isEmpty {
            let column = record.has("studentSourcedId") ? "studentSourcedId" : "localId"
            issues.error(record.issue(column, "a value naming the student (studentSourcedId or localId)"))
            return nil
        }
        var bySourcedId: Int64?
        if !sourcedId.isEmpty {
            bySourcedId = keys.bySourcedId[sourcedId]
            if bySourcedId == nil {
                issues.error(record.issue("studentSourcedId", "the sourcedId of a student in the database (import the roster first)"))
                return nil
            }
        }
        if !localId.isEmpty {
            guard let byLocalId = keys.byLocalId[localId] else {
                issues.error(record.issue("localId", "the local ID of a student in the database (import the roster first)"))
                return nil
            }
            if let bySourcedId, bySourcedId != byLocalId {
                issues.error(record.issue("localId", "the local ID of the student with sourcedId \"\(sourcedId)\""))
                return nil
            }
            return byLocalId
        }
        return bySourcedId
    }

    /// A whole number in `range` ("12"; not "12.5", "-1" or "twelve").
    static func count(_ record: RosterTable.Record, _ column: String, _ range: ClosedRange<Int>,
                      issues: RosterIssues) -> Int? {
        let value = record[column]
        guard !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(value),
              range.contains(number) else {
            issues.error(record.issue(column, "a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return number
    }

    /// A decimal number in `range` ("0.5", "1"; a point, never a comma).
    static func decimal(_ record: RosterTable.Record, _ column: String, _ range: ClosedRange<Double>,
                        issues: RosterIssues) -> Double? {
        let value = record[column]
        guard !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let number = Double(value), range.contains(number) else {
            issues.error(record.issue(column, "a number from \(format(range.lowerBound)) to \(format(range.upperBound))"
                                        + " (digits and a decimal point)"))
            return nil
        }
        return number
    }

    /// "yes"/"no" (also true/false, y/n, 1/0, any case).
    static func yesNo(_ record: RosterTable.Record, _ column: String, issues: RosterIssues) -> Bool? {
        switch record[column].lowercased() {
        case "yes", "y", "true", "1": return true
        case "no", "n", "false", "0": return false
        default:
            issues.error(record.issue(column, "yes or no"))
            return nil
        }
    }

    /// An ISO date, required.
    static func date(_ record: RosterTable.Record, _ column: String, issues: RosterIssues) -> String? {
        let value = record[column]
        guard RosterValues.isDate(value) else {
            issues.error(record.issue(column, "an ISO 8601 date (YYYY-MM-DD)"))
            return nil
        }
        return value
    }

    /// A term label such as "2026-FA".
    static func term(_ record: RosterTable.Record, issues: RosterIssues) -> String? {
        let value = record["term"]
        guard ABCTerm.isValid(value) else {
            issues.error(record.issue("term", "a term as YYYY-CODE, such as 2026-FA or 2027-S2"))
            return nil
        }
        return value
    }

    /// Records the first row with each natural key; a later row with the same key is an
    /// error naming the earlier line (one file must not say two things about one record).
    static func unique(_ key: String, _ record: RosterTable.Record, column: String, what: String,
                       seen: inout [String: Int], issues: RosterIssues) {
        if let line = seen[key] {
            issues.error(record.issue(column, "one row per \(what); line \(line) already has this one"))
        } else {
            seen[key] = record.line
        }
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }
}
