/// Word wrapping by display width, for text that spans several rows.
public enum TextWrap {
    /// Splits `text` into lines of at most `width` columns, breaking at spaces where it
    /// can and inside a word only when the word alone is too long.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var word = String(word)
                var wordWidth = DisplayWidth.of(word)
                let gap = line.isEmpty ? 0 : 1
                if lineWidth + gap + wordWidth <= width {
                    line += (gap == 1 ? " " : "") + word
                    lineWidth += gap + wordWidth
                    continue
                }
                if !line.isEmpty { lines.append(line) }
                while wordWidth > width {
                    let head = DisplayWidth.truncate(word, to: width, ellipsis: false)
                    lines.append(head)
                    word = String(word.dropFirst(head.count))
                    wordWidth = DisplayWidth.of(word)
                }
                line = word
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }
}

/// Wrapped text in a rectangle; lines past the bottom are cut.
public enum Paragraph {
    @discardableResult
    public static func render(_ text: String, into buffer: inout Buffer, area: Rect,
                              style: Style = .plain, alignment: Alignment = .leading) -> Int {
        let lines = TextWrap.wrap(Sanitizer.sanitizeKeepingLines(text), width: area.width)
        for (index, line) in lines.prefix(area.height).enumerated() {
            let padded = alignment == .leading ? line : DisplayWidth.pad(line, to: area.width, alignment: alignment)
            buffer.write(padded, at: Position(x: area.x, y: area.y + index), style: style, clip: area)
        }
        return min(lines.count, area.height)
    }
}
