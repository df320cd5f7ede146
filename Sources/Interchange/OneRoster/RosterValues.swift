import WaypointCore

/// The value formats and enumerations of the standard, checked cell by cell.
enum RosterValues {
    static let raceFlags = ["americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
                            "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces",
                            "hispanicOrLatinoEthnicity"]
    static let statuses = ["active", "tobedeleted", "inactive"]
    static let orgTypes = ["department", "school", "district", "local", "state", "national"]
    static let sexes = ["male", "female", "unspecified", "other"]
    /// 1.1 and 1.2 roles together; `counselor` is 1.2's, and some 1.1 districts use it too.
    static let roles = ["administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher",
                        "counselor", "districtAdministrator", "principal", "siteAdministrator", "systemAdministrator"]

    /// "2010-04-17", a real calendar day.
    ///
    /// Checked on the UTF-8 bytes: every row of users, roles, orgs and demographics has a
    /// date to check, and splitting them into Characters was an eighth of an import's
    /// instructions (callgrind, issue 17). Only ASCII digits count as digits, as before.
    static func isDate(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isDate($0[...]) }
    }

    /// "2023-05-01T18:25:43.511Z": a date, `T`, hh:mm:ss with optional fraction, and an
    /// optional `Z` or ±hh:mm offset.
    static func isDateTime(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count > 11, bytes[10] == UInt8(ascii: "T"), isDate(bytes[..<10]) else { return false }
            var time = bytes[11...]
            if time.last == UInt8(ascii: "Z") {
                time = time.dropLast()
            } else if let sign = time.lastIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) {
                guard isClock(time[(sign + 1)...], seconds: false) else { return false }
                time = time[..<sign]
            }
            if let dot = time.firstIndex(of: UInt8(ascii: ".")) {
                let fraction = time[(dot + 1)...]
                guard !fraction.isEmpty, fraction.allSatisfy(isDigit) else { return false }
                time = time[..<dot]
            }
            return isClock(time, seconds: true)
        }
    }

    private typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The number written by `count` ASCII digits from `start`; nil if any is not one.
    private static func number(_ bytes: Bytes, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in bytes.startIndex + start..<bytes.startIndex + start + count {
            guard isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isDate(_ bytes: Bytes) -> Bool {
        guard bytes.count == 10, bytes[bytes.startIndex + 4] == UInt8(ascii: "-"), bytes[bytes.startIndex + 7] == UInt8(ascii: "-"),
              let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
              (1...12).contains(month), day >= 1 else { return false }
        let next = month == 12 ? CivilDate.days(year: year + 1, month: 1, day: 1)
                               : CivilDate.days(year: year, month: month + 1, day: 1)
        return day <= next - CivilDate.days(year: year, month: month, day: 1)
    }

    /// hh:mm:ss (or hh:mm), two ASCII digits each.
    private static func isClock(_ bytes: Bytes, seconds: Bool) -> Bool {
        guard bytes.count == (seconds ? 8 : 5), bytes[bytes.startIndex + 2] == UInt8(ascii: ":"),
              !seconds || bytes[bytes.startIndex + 5] == UInt8(ascii: ":"),
              let hours = number(bytes, 0, 2), let minutes = number(bytes, 3, 2) else { return false }
        guard seconds else { return hours < 24 && minutes < 60 }
        guard let second = number(bytes, 6, 2) else { return false }
        return hours < 24 && minutes < 60 && second < 61
    }

    /// Checks a dateLastModified-style cell: a dateTime, or a date alone (exports commonly
    /// write one). A space for `T` is a recoverable deviation. Empty passes; the caller
    /// decides whether the column may be empty.
    static func checkDateTime(_ record: RosterTable.Record, _ column: String, issues: RosterIssues) {
        let value = record[column]
        guard !value.isEmpty, !isDateTime(value), !isDate(value) else { return }
        let spaced = value.replacingOccurrences(of: " ", with: "T")
        if value.contains(" "), isDateTime(spaced) {
            issues.deviation(record.issue(column, "an ISO 8601 dateTime with \"T\" between date and time (\"\(spaced)\")"))
        } else {
            issues.error(record.issue(column, "an ISO 8601 dateTime (2023-05-01T18:25:43.511Z) or date (2023-05-01)"))
        }
    }

    /// Checks a date cell (birthDate, startDate): YYYY-MM-DD. Empty passes.
    static func checkDate(_ record: RosterTable.Record, _ column: String, issues: RosterIssues) {
        let value = record[column]
        if !value.isEmpty, !isDate(value) {
            issues.error(record.issue(column, "an ISO 8601 date (YYYY-MM-DD)"))
        }
    }

    /// Checks a cell against an enumeration (case-insensitively, as exports vary); returns
    /// the standard's spelling.
    @discardableResult
    static func checkEnum(_ record: RosterTable.Record, _ column: String, _ allowed: [String],
                          required: Bool, issues: RosterIssues) -> String? {
        let value = record[column]
        if value.isEmpty {
            if required { issues.error(record.issue(column, "a value, one of \(allowed.joined(separator: ", "))")) }
            return nil
        }
        guard let match = allowed.first(where: { $0.lowercased() == value.lowercased() }) else {
            issues.error(record.issue(column, "one of \(allowed.joined(separator: ", "))"))
            return nil
        }
        return match
    }

    /// A required value that is present.
    static func checkRequired(_ record: RosterTable.Record, _ columns: [String], issues: RosterIssues) {
        for column in columns where record[column].isEmpty {
            issues.error(record.issue(column, "a value (the column is required)"))
        }
    }

    /// The common columns: sourcedId (required, unique in the file), status (an enum; required
    /// in a delta file), dateLastModified. Returns whether the row is active.
    static func checkCommon(_ record: RosterTable.Record, mode: RosterBundle.Mode, seen: inout Set<String>,
                            issues: RosterIssues) -> Bool {
        let id = record["sourcedId"]
        if id.isEmpty {
            issues.error(record.issue("sourcedId", "a value (the column is required)"))
        } else if !seen.insert(id).inserted {
            issues.error(record.issue("sourcedId", "a sourcedId not used by an earlier row of \(record.file)"))
        }
        let status = checkEnum(record, "status", statuses, required: mode == .delta, issues: issues)
        checkDateTime(record, "dateLastModified", issues: issues)
        return status == nil || status == "active"
    }

    /// OneRoster booleans are "true"/"false"; exports write "TRUE" too.
    static func checkBool(_ record: RosterTable.Record, _ column: String, issues: RosterIssues) -> Bool? {
        switch record[column].lowercased() {
        case "": return nil
        case "true": return true
        case "false": return false
        default:
            issues.error(record.issue(column, "true or false"))
            return nil
        }
    }

    /// Comma-separated lists inside one cell ("09,10,11").
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
