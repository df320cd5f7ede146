/// One problem in a roster bundle, at a place a district data manager can open in an editor:
/// `users.csv:4:3: dateLastModified "1/05/2023": expected an ISO 8601 date or dateTime`.
///
/// `line` is the physical line in the file (a quoted newline moves later rows down) and
/// `column` the 1-based field number in that row (for quoting and encoding problems, which
/// happen inside a field, the character position in the line).
public struct RosterIssue: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var field: String
    public var value: String
    public var expected: String

    public init(file: String, line: Int, column: Int, field: String, value: String, expected: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.value = value
        self.expected = expected
    }

    public var description: String {
        "\(file):\(line):\(column): \(field) \"\(RosterIssue.shown(value))\": expected \(expected)"
    }

    /// Values longer than this are cut in messages: the place and the start say enough.
    static let shownLength = 60

    /// `value` as a message can show it on any terminal and a person can find it in the file:
    /// every character that is not visible (controls, ESC, NUL, byte-order marks, bidi and
    /// zero-width characters, separators other than the space, unassigned code points) is
    /// written as `\u{…}`, so a hostile value cannot act on the terminal the message is
    /// printed to; a long value is cut, with its length.
    public static func shown(_ value: String) -> String {
        var shown = ""
        var count = 0
        for character in value {
            count += 1
            guard count <= shownLength else { continue }
            for scalar in character.unicodeScalars {
                shown += isVisible(scalar) ? String(scalar) : "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return count > shownLength ? shown + "… (\(count) characters)" : shown
    }

    private static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x20, scalar.value < 0x7F { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .unassigned, .surrogate, .privateUse:
            return false
        default:
            return true
        }
    }
}

/// A bundle that cannot be imported: every error found (up to `RosterIssues.limit`), none
/// of it written.
public struct RosterImportError: Error, Sendable, CustomStringConvertible {
    public var errors: [RosterIssue]
    /// True when more errors were found than are listed.
    public var truncated: Bool
    /// True when the reader was asked to stop (the counselor cancelled): nothing was found
    /// wrong, and nothing should be imported.
    public var stopped = false

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
            + (truncated ? "\n(more errors not shown; fix these and import again)" : "")
    }
}

/// Collects errors and warnings while a bundle is read. Deviations the standard does not
/// allow but a person can recover from are warnings under `--lenient` and errors otherwise.
final class RosterIssues {
    /// Past this many errors the rest add nothing a person can act on.
    static let limit = 50

    let lenient: Bool
    private(set) var errors: [RosterIssue] = []
    private(set) var warnings: [RosterIssue] = []
    private(set) var truncated = false

    /// Asked between files: true stops the reading (the counselor cancelled an import).
    private let shouldStop: () -> Bool
    private(set) var stopped = false

    init(lenient: Bool, shouldStop: @escaping () -> Bool = { false }) {
        self.lenient = lenient
        self.shouldStop = shouldStop
    }

    /// Whether to stop reading now; once true, stays true.
    func stopRequested() -> Bool {
        if !stopped, shouldStop() { stopped = true }
        return stopped
    }

    /// Cells already reported as holding a value no field can hold (`unfit`).
    private var unfitCells: Set<String> = []

    func error(_ issue: RosterIssue) {
        // One error a cell: a value refused for a NUL is not refused again as a bad date.
        guard unfitCells.isEmpty || !unfitCells.contains(RosterIssues.cell(issue)) else { return }
        if errors.count < RosterIssues.limit { errors.append(issue) } else { truncated = true }
    }

    /// A value its field cannot hold (see `TextField`): always an error, even when lenient,
    /// and the only one reported for its cell.
    func unfit(_ issue: RosterIssue) {
        error(issue)
        unfitCells.insert(RosterIssues.cell(issue))
    }

    private static func cell(_ issue: RosterIssue) -> String {
        "\(issue.file):\(issue.line):\(issue.column)"
    }

    func warning(_ issue: RosterIssue) { warnings.append(issue) }

    /// A recoverable deviation: a warning when lenient, an error otherwise. Returns whether
    /// the reader may recover from it.
    @discardableResult
    func deviation(_ issue: RosterIssue) -> Bool {
        if lenient { warning(issue) } else { error(issue) }
        return lenient
    }
}
