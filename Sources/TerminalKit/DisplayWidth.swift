/// How many terminal columns text occupies, per grapheme cluster.
///
/// Swift gives grapheme clusters but not East Asian Width, so wide ranges are listed here
/// (Unicode 15 `W` and `F` blocks, condensed). A cluster is as wide as its base character,
/// except that emoji presentation (or a base followed by U+FE0F) makes it two columns.
public enum DisplayWidth {
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let base = scalars.first else { return 0 }
        if base.value < 0x20 || (0x7F..<0xA0).contains(base.value) { return 0 }
        if base.value < 0x7F { return 1 }
        let properties = base.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return 0
        default:
            break
        }
        if scalars.count > 1, properties.isEmoji, scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if properties.isEmojiPresentation { return 2 }
        if isWide(base.value) { return 2 }
        return 1
    }

    public static func of(_ text: some StringProtocol) -> Int {
        // Printable ASCII, most of what a table shows, is one column a byte: no need to
        // break it into characters, which was most of the cost of drawing a frame.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The longest prefix of `text` that fits in `width` columns, with "…" when cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let budget = ellipsis ? width - 1 : width
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        return ellipsis ? result + "…" : result
    }

    /// `head` cut (with "…") to leave room for `tail`, which is never cut unless it alone is
    /// wider than `width`: a name shortens before the ID that follows it.
    public static func truncate(_ head: String, keeping tail: String, to width: Int) -> String {
        let tailWidth = of(tail)
        guard tailWidth < width else { return truncate(head + tail, to: width) }
        return truncate(head, to: width - tailWidth) + tail
    }

    /// "Ana López (S100234)" as ("Ana López", " (S100234)"): the parenthesized end that tells
    /// two alike apart (an ID, a relationship), kept when the text is cut. ("", text) if none.
    public static func parenthesizedEnd(of text: String) -> (head: String, tail: String) {
        guard text.hasSuffix(")"), let open = text.range(of: " (", options: .backwards), open.lowerBound > text.startIndex else {
            return (text, "")
        }
        return (String(text[..<open.lowerBound]), String(text[open.lowerBound...]))
    }

    /// `text` cut to `width`, shortening before its parenthesized end so that end shows.
    public static func truncateKeepingParenthesizedEnd(_ text: String, to width: Int) -> String {
        let (head, tail) = parenthesizedEnd(of: text)
        return truncate(head, keeping: tail, to: width)
    }

    /// Widths for texts `widths` wide that share `total` columns: every text whole when they
    /// fit, else the longest shortened first to a common cap, so short ones stay whole.
    public static func shares(of widths: [Int], in total: Int) -> [Int] {
        guard widths.reduce(0, +) > total, !widths.isEmpty else { return widths }
        var cap = max(0, total / widths.count)
        while widths.map({ min($0, cap + 1) }).reduce(0, +) <= total { cap += 1 }
        return widths.map { min($0, cap) }
    }

    /// `text` cut or padded with spaces to exactly `width` columns.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .leading) -> String {
        let cut = truncate(text, to: width)
        let gap = max(0, width - of(cut))
        switch alignment {
        case .leading: return cut + String(repeating: " ", count: gap)
        case .trailing: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1AFF0...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
        0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB,
        0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if value < range.lowerBound { high = mid - 1 } else if value > range.upperBound { low = mid + 1 } else { return true }
        }
        return false
    }
}

public enum Alignment: Sendable, Hashable {
    case leading, center, trailing
}
