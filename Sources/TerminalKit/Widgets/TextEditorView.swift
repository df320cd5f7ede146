/// How far a soft-wrapped editor is scrolled: the first visual row on screen. Kept in
/// application state, not in the widget, like `TableState`.
public struct EditorScroll: Hashable, Sendable {
    public var topRow: Int

    public init(topRow: Int = 0) {
        self.topRow = max(0, topRow)
    }

    /// This scroll moved just enough to show `text`'s cursor in a window `width` by
    /// `height`, and pulled back when the text no longer fills the window below the top row
    /// (after a deletion near the end). It wraps only the lines down to the cursor and a
    /// screenful after it.
    public func revealing(cursorOf text: TextBuffer, width: Int, height: Int) -> EditorScroll {
        let width = max(1, width), height = max(1, height)
        let rowsAbove = text.rowCount(ofLinesBefore: text.cursor.line, width: width)
        let cursorRow = text.cursorLocation(width: width, rowsAbove: rowsAbove).row
        var top = min(max(0, topRow), cursorRow)
        if cursorRow >= top + height { top = cursorRow - height + 1 }
        // Count on from the cursor's line only until the window below `top` is full.
        var rows = rowsAbove
        var line = text.cursor.line
        while line < text.lineCount, rows < top + height {
            rows += SoftWrap.rowCount(of: text.lines[line], width: width)
            line += 1
        }
        if rows < top + height { top = max(0, rows - height) }
        return EditorScroll(topRow: top)
    }
}

/// Draws a `TextBuffer` soft-wrapped at the width of its area, from `scroll.topRow` down.
public enum TextEditorView {
    /// Renders the visible rows of `text` and returns where the terminal cursor belongs.
    ///
    /// Lines below the window are never wrapped, and those above it only counted. When the
    /// cursor is outside the window (the caller skipped `EditorScroll.revealing`), the
    /// returned position is on the nearest edge row. An empty text shows `placeholder`,
    /// dimmed.
    @discardableResult
    public static func render(_ text: TextBuffer, scroll: EditorScroll, placeholder: String = "",
                              into buffer: inout Buffer, area: Rect, style: Style = .plain) -> Position {
        guard !area.isEmpty else { return Position(x: area.x, y: area.y) }
        buffer.fill(area, with: Cell(" ", style: style))
        if text.isEmpty {
            Paragraph.render(placeholder, into: &buffer, area: area, style: style.with(.dim))
            return Position(x: area.x, y: area.y)
        }
        let top = scroll.topRow
        let bottom = top + area.height
        let cursor = text.cursor
        var cursorPosition: Position?
        var row = 0
        var line = 0
        while line < text.lineCount, row < bottom {
            let characters = text.lines[line]
            if line != cursor.line {
                let count = SoftWrap.rowCount(of: characters, width: area.width)
                if row + count <= top {
                    row += count
                    line += 1
                    continue
                }
            }
            let rows = text.visualRows(ofLine: line, width: area.width)
            for (index, visual) in rows.enumerated() where (top..<bottom).contains(row + index) {
                let y = area.y + row + index - top
                buffer.write(String(characters[visual.range]), at: Position(x: area.x, y: y), style: style, clip: area)
            }
            if line == cursor.line {
                let index = SoftWrap.rowIndex(of: cursor.column, in: rows)
                let column = SoftWrap.column(of: cursor.column, in: rows[index], line: characters, width: area.width)
                let y = min(max(row + index - top, 0), area.height - 1)
                cursorPosition = Position(x: area.x + (row + index == top + y ? column : 0), y: area.y + y)
            }
            row += rows.count
            line += 1
        }
        return cursorPosition ?? Position(x: area.x, y: area.maxY - 1)
    }
}
