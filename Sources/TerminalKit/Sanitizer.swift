/// Makes text from data safe to put on a terminal.
///
/// Names and notes come from rosters and other people's keyboards. An ESC, a C1 control
/// (U+0080-U+009F, which some terminals read as CSI) or a bidirectional override in them
/// could move the cursor, recolour the screen, set the window title or the clipboard, or
/// reorder text. Invisible format characters (zero-width spaces, word joiners, byte-order
/// marks, bidi marks) and code points with no meaning yet could make two names look alike
/// or make the terminal count columns differently from Waypoint, which shifts the rest of
/// the row. Every string that reaches a cell passes through here; each such character
/// becomes a visible replacement character, so what was there is not silently hidden either.
///
/// Kept: the zero-width joiner and non-joiner (they join letters in Persian and Indic names
/// and build emoji such as 👩🏽‍🎓, inside one grapheme cluster), and emoji tag characters.
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

    /// True for a scalar that must not reach the terminal as it is: C0 and C1 controls and
    /// DEL; format characters (bidi embeddings, overrides, isolates and marks, zero-width
    /// spaces, the byte-order mark, soft hyphen) other than the joiners; the line and
    /// paragraph separators; and unassigned code points, noncharacters included.
    @inline(__always)
    static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v >= 0x20, v < 0x7F { return false }
        if v < 0xA0 { return true }
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate:
            return true
        case .format:
            return !(v == 0x200C || v == 0x200D || (0xE0020...0xE007F).contains(v))
        default:
            return false
        }
    }
}

extension Sanitizer {
    /// Like `sanitize`, but keeps line breaks (LF, CR LF, CR) for text that is wrapped over
    /// several rows. Vertical tab, form feed, NEL and the Unicode line and paragraph
    /// separators are replaced like any control: no keyboard types them into a note.
    public static func sanitizeKeepingLines(_ text: String) -> String {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { sanitize(String($0)) }
            .joined(separator: "\n")
    }
}
