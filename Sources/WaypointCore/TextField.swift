/// What a text field may hold, whichever way the text comes in: a roster or ABC file, the
/// command line. Each limit lives here and only here.
///
/// A field never holds a control character other than the tab and line breaks (an ID not
/// even those): a NUL truncated a roster value silently (SQLite and C strings end there),
/// and ESC, BEL or a C1 control in a name is corruption or an attack, never a letter. A
/// field also has a length a person could have typed: a 5 MB "name" is an error.
public enum TextField: String, CaseIterable, Sendable {
    /// sourcedIds, local IDs, usernames, emails, codes.
    case identifier
    /// A person's, school's or organization's name.
    case name
    /// Course and class titles, topics, follow-ups, goals, evidence and other one-line text.
    case title
    /// Any other cell of an import file: lists of IDs, dates, numbers, codes.
    case cell
    /// Session notes and progress notes: several lines.
    case note

    /// The most Unicode scalars the field may hold.
    public var maxLength: Int {
        switch self {
        case .identifier: 255
        case .name: 200
        case .title: 500
        case .cell: 10_000
        case .note: 100_000
        }
    }

    /// True when tabs and line breaks (CR, LF) may be part of the text. Only an ID cannot
    /// hold them (it would never match); a name or title typed over two lines is kept, and
    /// every output shows the break as a space.
    public var allowsLineBreaks: Bool { self != .identifier }

    /// The field in words, for a message: "a name".
    public var noun: String {
        switch self {
        case .identifier: "an ID"
        case .name: "a name"
        case .title: "a title"
        case .cell: "a value"
        case .note: "a note"
        }
    }

    /// What is wrong with `value` as this field, or nil when nothing is. The first control
    /// character is named before the length.
    public func problem(_ value: String) -> TextProblem? {
        var count = 0
        var sawControl = false
        for byte in value.utf8 {
            // C0 controls and DEL are single bytes; C1 controls are 0xC2 0x80-0x9F.
            if byte < 0x20 || byte == 0x7F || byte == 0xC2 { sawControl = true }
            if byte & 0xC0 != 0x80 { count += 1 }
        }
        if sawControl {
            for (offset, scalar) in value.unicodeScalars.enumerated() where isForbidden(scalar) {
                return .control(scalar, position: offset + 1)
            }
        }
        return count > maxLength ? .tooLong(count: count, limit: maxLength) : nil
    }

    private func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.properties.generalCategory == .control else { return false }
        return !(allowsLineBreaks && (scalar == "\t" || scalar == "\n" || scalar == "\r"))
    }
}

/// Why a value does not fit its field.
public enum TextProblem: Equatable, Sendable, CustomStringConvertible {
    /// A control character, at this 1-based position among the value's characters.
    case control(Unicode.Scalar, position: Int)
    case tooLong(count: Int, limit: Int)

    public var description: String {
        switch self {
        case .control(let scalar, let position):
            "text without control characters (found U+\(TextProblem.hex(scalar.value)) at character \(position))"
        case .tooLong(let count, let limit):
            "at most \(limit.withCommas) characters (found \(count.withCommas))"
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

private extension Int {
    /// 10000 -> "10,000".
    var withCommas: String {
        let digits = String(self)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
