/// Cursor movement. Every move ends the current undo step, so typing after a move starts a
/// new one; only vertical moves keep the preferred column.
extension TextBuffer {
    /// Moves the cursor to `position`, clamped into the text (for an app restoring a
    /// cursor it saved, or pointing at a search hit).
    public mutating func move(to position: TextPosition) {
        let line = min(max(0, position.line), lines.count - 1)
        place(TextPosition(line: line, column: min(max(0, position.column), lines[line].count)))
    }

    public mutating func moveLeft() { place(position(before: cursor) ?? cursor) }
    public mutating func moveRight() { place(position(after: cursor) ?? cursor) }

    public mutating func moveToLineStart() { place(TextPosition(line: cursor.line, column: 0)) }
    public mutating func moveToLineEnd() { place(TextPosition(line: cursor.line, column: lines[cursor.line].count)) }
    public mutating func moveToDocumentStart() { place(.start) }
    public mutating func moveToDocumentEnd() { place(endPosition) }

    /// Moves to the end of the next word: past any whitespace (line breaks included), then
    /// past a run of word characters or a run of punctuation, as most editors do.
    public mutating func moveWordRight() {
        var position = cursor
        while let character = character(after: position), character.isWhitespace {
            position = self.position(after: position)!
        }
        if let first = character(after: position) {
            let kind = WordClass(first)
            while let character = character(after: position), WordClass(character) == kind {
                position = self.position(after: position)!
            }
        }
        place(position)
    }

    /// Moves to the start of the previous word: the mirror of `moveWordRight`.
    public mutating func moveWordLeft() {
        var position = cursor
        while let character = character(before: position), character.isWhitespace {
            position = self.position(before: position)!
        }
        if let last = character(before: position) {
            let kind = WordClass(last)
            while let character = character(before: position), WordClass(character) == kind {
                position = self.position(before: position)!
            }
        }
        place(position)
    }

    /// Moves one visual row up at `width`, aiming for the preferred display column; on the
    /// first row, to the start of the text.
    public mutating func moveUp(width: Int) { moveVertically(by: -1, width: width) }
    /// Moves one visual row down; on the last row, to the end of the text.
    public mutating func moveDown(width: Int) { moveVertically(by: 1, width: width) }
    /// Moves a screenful (`pageHeight` visual rows) up.
    public mutating func movePageUp(width: Int, pageHeight: Int) { moveVertically(by: -max(1, pageHeight), width: width) }
    /// Moves a screenful (`pageHeight` visual rows) down.
    public mutating func movePageDown(width: Int, pageHeight: Int) { moveVertically(by: max(1, pageHeight), width: width) }

    /// Moves `delta` visual rows, wrapping only the lines it passes through, so paging in a
    /// long note costs a screenful of wrapping rather than the whole note.
    mutating func moveVertically(by delta: Int, width: Int) {
        let width = max(1, width)
        var line = cursor.line
        var rows = visualRows(ofLine: line, width: width)
        var rowIndex = SoftWrap.rowIndex(of: cursor.column, in: rows)
        let goal = preferredColumn
            ?? SoftWrap.column(of: cursor.column, in: rows[rowIndex], line: lines[line], width: width)
        var remaining = delta
        var edge: TextPosition?
        while remaining > 0 {
            if rowIndex + remaining < rows.count {
                rowIndex += remaining
                remaining = 0
            } else if line + 1 < lines.count {
                remaining -= rows.count - rowIndex
                line += 1
                rows = visualRows(ofLine: line, width: width)
                rowIndex = 0
            } else {
                edge = endPosition
                break
            }
        }
        while remaining < 0 {
            if rowIndex + remaining >= 0 {
                rowIndex += remaining
                remaining = 0
            } else if line > 0 {
                remaining += rowIndex + 1
                line -= 1
                rows = visualRows(ofLine: line, width: width)
                rowIndex = rows.count - 1
            } else {
                edge = .start
                break
            }
        }
        let column = SoftWrap.index(atColumn: goal, in: rows[rowIndex], line: lines[line],
                                    isLastOfLine: rowIndex == rows.count - 1)
        place(edge ?? TextPosition(line: line, column: column), keepingPreferredColumn: true)
        preferredColumn = goal
    }

    // MARK: Helpers

    mutating func place(_ position: TextPosition, keepingPreferredColumn: Bool = false) {
        cursor = position
        if !keepingPreferredColumn { preferredColumn = nil }
        history.canCoalesce = false
    }

    /// The position one character back, crossing to the end of the line above; nil at the start.
    func position(before position: TextPosition) -> TextPosition? {
        if position.column > 0 { return TextPosition(line: position.line, column: position.column - 1) }
        if position.line > 0 { return TextPosition(line: position.line - 1, column: lines[position.line - 1].count) }
        return nil
    }

    /// The position one character on, crossing to the start of the next line; nil at the end.
    func position(after position: TextPosition) -> TextPosition? {
        if position.column < lines[position.line].count { return TextPosition(line: position.line, column: position.column + 1) }
        if position.line + 1 < lines.count { return TextPosition(line: position.line + 1, column: 0) }
        return nil
    }

    /// The character before `position`, "\n" at the start of any line but the first.
    func character(before position: TextPosition) -> Character? {
        if position.column > 0 { return lines[position.line][position.column - 1] }
        return position.line > 0 ? "\n" : nil
    }

    /// The character after `position`, "\n" at the end of any line but the last.
    func character(after position: TextPosition) -> Character? {
        if position.column < lines[position.line].count { return lines[position.line][position.column] }
        return position.line + 1 < lines.count ? "\n" : nil
    }
}

/// What a character counts as for word movement. Letters and digits in any script make
/// words (a mark stays with its letter, being in the same cluster); everything else that
/// is not whitespace, emoji included, is punctuation.
enum WordClass: Hashable {
    case word, punctuation, space

    init(_ character: Character) {
        if character.isWhitespace {
            self = .space
        } else if character.isLetter || character.isNumber || character == "_" {
            self = .word
        } else {
            self = .punctuation
        }
    }
}
