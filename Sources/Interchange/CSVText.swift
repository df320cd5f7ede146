import Foundation
import TerminalKit

/// The one CSV writer: RFC 4180, CRLF line ends, a field quoted when it holds a comma, a
/// quote or a line break. Control characters are replaced, as everywhere else text is
/// written. For files a person opens in a spreadsheet (exports, reports), a field that a
/// spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe, so an
/// export cannot carry an attack into Excel; files another program reads back (a OneRoster
/// bundle) keep their values exactly (`forSpreadsheets: false`).
public enum CSVText {
    public static func document(header: [String], rows: [[String]], forSpreadsheets: Bool = true) -> String {
        ([header] + rows).map { line($0, forSpreadsheets: forSpreadsheets) }.joined()
    }

    public static func line(_ fields: [String], forSpreadsheets: Bool = true) -> String {
        fields.map { field($0, forSpreadsheets: forSpreadsheets) }.joined(separator: ",") + "\r\n"
    }

    public static func field(_ value: String, forSpreadsheets: Bool = true) -> String {
        var value = Sanitizer.sanitizeKeepingLines(value)
        if forSpreadsheets, let first = value.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
