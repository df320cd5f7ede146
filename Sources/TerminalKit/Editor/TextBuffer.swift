/// Multi-line text and its cursor: the value behind the advising-note editor.
///
/// Lines are arrays of grapheme clusters, so a cursor step, a deletion or a soft wrap never
/// separates "ễ" from its marks or a ZWJ emoji from its parts. It is a plain value, like
/// `TextInput`: the app keeps it in its state, a reducer edits it, a test compares it.
/// Movement is in `TextBuffer+Movement`, undo in `TextBuffer+Undo`, wrapping in
/// `TextBuffer+Wrap` and keys in `TextBuffer+Keys`.
public struct TextBuffer: Hashable, Sendable {
    /// Never empty (an empty text is one empty line), and no line holds a line break.
    public private(set) var lines: [[Character]]
    public internal(set) var cursor: TextPosition
    /// The display column a run of up/down moves aims for, so passing a short row does not
    /// pull the cursor left for good. Set by the first vertical move, cleared by any other.
    var preferredColumn: Int?
    var history = UndoHistory()

    /// A buffer holding `text`, cleaned as `insert` cleans it, with the cursor at the end
    /// (as `TextInput` does: a counselor reopening a note usually adds to it).
    public init(_ text: String = "") {
        lines = TextBuffer.split(TextBuffer.clean(text))
        cursor = TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count)
    }

    /// The lines joined with "\n".
    public var text: String {
        var result = ""
        result.reserveCapacity(lines.reduce(lines.count) { $0 + $1.count })
        for (index, line) in lines.enumerated() {
            if index > 0 { result.append("\n") }
            result.append(contentsOf: line)
        }
        return result
    }

    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }
    public var lineCount: Int { lines.count }

    /// The end of the text: after the last character of the last line.
    public var endPosition: TextPosition {
        TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count)
    }

    // MARK: Editing

    /// Inserts typed or pasted text at the cursor and puts the cursor after it.
    ///
    /// "\r\n", "\r" and the Unicode line and paragraph separators become line breaks, a tab
    /// becomes four spaces, and every other control character is dropped, so an escape
    /// sequence pasted from elsewhere never reaches the note. A single character continues
    /// the current undo step while typing goes on; anything longer is one step of its own.
    public mutating func insert(_ text: String) {
        let fragment = TextBuffer.clean(text)
        guard !fragment.isEmpty else { return }
        let kind: EditKind = fragment.count == 1 && fragment[0] != "\n" ? .typing : .other
        edit(from: cursor, to: cursor, with: fragment, kind: kind)
    }

    /// Splits the line at the cursor.
    public mutating func insertNewline() {
        edit(from: cursor, to: cursor, with: ["\n"], kind: .other)
    }

    /// Deletes the character before the cursor; at the start of a line, joins it to the
    /// line above.
    public mutating func deleteBackward() {
        guard let start = position(before: cursor) else { return }
        edit(from: start, to: cursor, with: [], kind: start.line == cursor.line ? .deleteBackward : .other)
    }

    /// Deletes the character after the cursor; at the end of a line, joins the next one.
    public mutating func deleteForward() {
        guard let end = position(after: cursor) else { return }
        edit(from: cursor, to: end, with: [], kind: end.line == cursor.line ? .deleteForward : .other)
    }

    /// Deletes back to the start of the word before the cursor, with the spaces after it
    /// (Ctrl-W: words are separated by whitespace). At the start of a line it joins the line
    /// to the one above, like Backspace, rather than eating words across lines.
    public mutating func deleteWordBackward() {
        guard cursor.column > 0 else { return deleteBackward() }
        let line = lines[cursor.line]
        var start = cursor.column
        while start > 0, line[start - 1].isWhitespace { start -= 1 }
        while start > 0, !line[start - 1].isWhitespace { start -= 1 }
        edit(from: TextPosition(line: cursor.line, column: start), to: cursor, with: [], kind: .other)
    }

    /// Deletes from the start of the line to the cursor (Ctrl-U); at the start of a line,
    /// joins it to the line above, so repeating the key keeps deleting.
    public mutating func deleteToLineStart() {
        guard cursor.column > 0 else { return deleteBackward() }
        edit(from: TextPosition(line: cursor.line, column: 0), to: cursor, with: [], kind: .other)
    }

    /// Deletes from the cursor to the end of the line (Ctrl-K); at the end of a line, joins
    /// the next line, as Emacs does.
    public mutating func deleteToLineEnd() {
        let end = lines[cursor.line].count
        guard cursor.column < end else { return deleteForward() }
        edit(from: cursor, to: TextPosition(line: cursor.line, column: end), with: [], kind: .other)
    }

    // MARK: The one way text changes

    /// Replaces the text from `start` to `end` with `fragment` ("\n" separates lines), puts
    /// the cursor after the new text and records the change for undo.
    ///
    /// Where the new neighbours form one grapheme cluster (a combining mark typed after
    /// "e", a line starting with a mark joined to the line above), the clusters are merged
    /// and the change widened to include them, so `lines` always splits text the way
    /// `String` does and the recorded step still undoes exactly.
    mutating func edit(from start: TextPosition, to end: TextPosition, with fragment: [Character], kind: EditKind) {
        var start = start, end = end, kind = kind
        var inserted = fragment
        var cursorOffset = fragment.count
        let before = start.column > 0 ? lines[start.line][start.column - 1] : nil
        let after = end.column < lines[end.line].count ? lines[end.line][end.column] : nil
        if before != nil || after != nil, !fragment.isEmpty || (before != nil && after != nil) {
            let head = before.map { [$0] } ?? []
            let pieces = head + fragment + (after.map { [$0] } ?? [])
            let joined = String(pieces)
            if joined.count != pieces.count {
                inserted = Array(joined)
                // The cursor goes after the last cluster that starts inside the new text.
                let boundary = String(head + fragment).utf8.count
                var offset = 0
                cursorOffset = 0
                for character in inserted {
                    guard offset < boundary else { break }
                    offset += character.utf8.count
                    cursorOffset += 1
                }
                if before != nil { start.column -= 1 }
                if after != nil { end.column += 1 }
                kind = .other
            }
        }
        let cursorBefore = cursor
        let removed = replace(from: start, to: end, with: inserted)
        guard !removed.isEmpty || !inserted.isEmpty else { return }
        cursor = TextBuffer.position(start, advancedOver: inserted.prefix(cursorOffset))
        preferredColumn = nil
        history.record(Edit(start: start, removed: removed, inserted: inserted,
                            cursorBefore: cursorBefore, cursorAfter: cursor, kind: kind))
    }

    /// Replaces a range exactly as asked and returns what was there. Undo and redo use it
    /// directly: they restore states that were already well formed.
    mutating func replace(from start: TextPosition, to end: TextPosition, with fragment: [Character]) -> [Character] {
        let removed = characters(from: start, to: end)
        if start.line == end.line, !fragment.contains("\n") {
            lines[start.line].replaceSubrange(start.column..<end.column, with: fragment)
            return removed
        }
        var segments = TextBuffer.split(fragment)
        segments[0] = Array(lines[start.line][..<start.column]) + segments[0]
        segments[segments.count - 1] += lines[end.line][end.column...]
        lines.replaceSubrange(start.line...end.line, with: segments)
        return removed
    }

    /// The characters between two positions, with "\n" between lines.
    func characters(from start: TextPosition, to end: TextPosition) -> [Character] {
        if start.line == end.line { return Array(lines[start.line][start.column..<end.column]) }
        var result = Array(lines[start.line][start.column...])
        for line in (start.line + 1)..<end.line {
            result.append("\n")
            result += lines[line]
        }
        result.append("\n")
        result += lines[end.line][..<end.column]
        return result
    }

    /// Where text ends when `fragment` is inserted at `start`.
    static func position(_ start: TextPosition, advancedOver fragment: some Collection<Character>) -> TextPosition {
        var position = start
        for character in fragment {
            if character == "\n" {
                position.line += 1
                position.column = 0
            } else {
                position.column += 1
            }
        }
        return position
    }

    /// `text` as characters fit for a line: see `insert`.
    static func clean(_ text: String) -> [Character] {
        guard text.unicodeScalars.contains(where: Sanitizer.needsReplacement) else { return Array(text) }
        var scalars = String.UnicodeScalarView()
        var previous: Unicode.Scalar = "\0"
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\n" where previous == "\r": continue
            case "\n", "\r", "\u{2028}", "\u{2029}": scalars.append("\n")
            case "\t": scalars.append(contentsOf: "    ".unicodeScalars)
            default: if !Sanitizer.needsReplacement(scalar) { scalars.append(scalar) }
            }
        }
        return Array(String(scalars))
    }

    static func split(_ fragment: [Character]) -> [[Character]] {
        fragment.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    }
}
