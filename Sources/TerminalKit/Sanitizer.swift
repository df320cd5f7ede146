/// Makes text from data safe to put on a terminal.
///
/// Names and notes come from rosters and other people's keyboards. An ESC, a C1 control
/// (U+0080-U+009F, which some terminals read as CSI) or a bidirectional override in them
/// could move the cursor, recolour the screen or reorder text. Every string that reaches a
/// cell passes through here; each control becomes a visible replacement character, so what
/// was there is not silently hidden either.
public enum Sanitizer {
    public static let replacement: Character = "\u{FFFD}"

    /// `text` with every control character replaced; tabs and line breaks become spaces,
    /// because a cell row is a single line.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsReplacement) else { return text }
        var result = String.UnicodeScalarView()
        var previous: UInt32 = 0
        for scalar in text.unicodeScalars {
            defer { previous = scalar.value }
            switch scalar.value {
            case 0x0A where previous == 0x0D: continue
            case 0x09, 0x0A, 0x0D: result.append(" ")
            default:
                if needsReplacement(scalar) {
                    result.append(contentsOf: String(replacement).unicodeScalars)
                } else {
                    result.append(scalar)
                }
            }
        }
        return String(result)
    }

    @inline(__always)
    static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        // Bidirectional embeddings, overrides and isolates, and the line/paragraph separators.
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029 { return true }
        return false
    }
}

extension Sanitizer {
    /// Like `sanitize`, but keeps line breaks for text that is wrapped over several rows.
    public static func sanitizeKeepingLines(_ text: String) -> String {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { sanitize(String($0)) }
            .joined(separator: "\n")
    }
}
