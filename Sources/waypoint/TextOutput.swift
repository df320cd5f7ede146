import Foundation
import TerminalKit
import WaypointCore

/// Aligned columns for people reading a terminal. Every value is sanitized: a name with an
/// escape sequence in it must not reprogram the counselor's shell.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let clean = rows.map { $0.map(Sanitizer.sanitize) }
        var widths = header.map { DisplayWidth.of($0) }
        for row in clean {
            for (index, value) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], min(40, DisplayWidth.of(value)))
            }
        }
        func line(_ values: [String]) -> String {
            var text = ""
            for (index, value) in values.enumerated() {
                let last = index == values.count - 1
                text += last ? DisplayWidth.truncate(value, to: widths[index]) : DisplayWidth.pad(value, to: widths[index]) + "  "
            }
            return text + "\n"
        }
        return line(header) + clean.map(line).joined()
    }
}

/// "1 student", "2 students".
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

extension Student {
    /// The name as a line of terminal output may carry it: a roster name holding an escape
    /// sequence must not retitle the window or clear the screen of whoever runs a command.
    var printableName: String { Sanitizer.sanitize(displayName) }
}

/// Prints a message for the person at the terminal (a confirmation such as "Added course …")
/// on standard output. Messages echo arguments and data, which may hold ESC, BEL or bidi
/// overrides: every one is sanitized here, the one place command messages go out.
func say(_ message: String) {
    print(Sanitizer.sanitizeKeepingLines(message))
}

/// Like `say`, on standard error: warnings, counts and "Wrote FILE".
func warn(_ message: String) {
    FileHandle.standardError.write(Data((Sanitizer.sanitizeKeepingLines(message) + "\n").utf8))
}
