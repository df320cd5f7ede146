/// Soft wrap: the text as rows on a screen `width` columns wide.
extension TextBuffer {
    /// Every visual row of the text at `width` columns (at least one).
    public func layout(width: Int) -> TextLayout {
        TextLayout(lines: lines, width: width)
    }

    /// The visual rows of one line, for callers that need only a few lines of the layout.
    public func visualRows(ofLine line: Int, width: Int) -> [VisualRow] {
        var rows: [VisualRow] = []
        SoftWrap.forEachRow(of: lines[line], width: max(1, width)) { range, rowWidth in
            rows.append(VisualRow(line: line, range: range, width: rowWidth))
        }
        return rows
    }

    /// Where the cursor is on screen at `width`, wrapping only the lines up to the cursor's.
    public func cursorLocation(width: Int) -> VisualLocation {
        cursorLocation(width: width, rowsAbove: rowCount(ofLinesBefore: cursor.line, width: width))
    }

    /// The cursor's location when the lines above it are known to take `rowsAbove` rows.
    func cursorLocation(width: Int, rowsAbove: Int) -> VisualLocation {
        let width = max(1, width)
        let rows = visualRows(ofLine: cursor.line, width: width)
        let index = SoftWrap.rowIndex(of: cursor.column, in: rows)
        let column = SoftWrap.column(of: cursor.column, in: rows[index], line: lines[cursor.line], width: width)
        return VisualLocation(row: rowsAbove + index, column: column)
    }

    /// How many visual rows the lines before `line` take.
    func rowCount(ofLinesBefore line: Int, width: Int) -> Int {
        let width = max(1, width)
        var total = 0
        for index in 0..<line { total += SoftWrap.rowCount(of: lines[index], width: width) }
        return total
    }

    /// The number of visual rows at `width`, counting no further than `limit`: enough to
    /// know whether a screenful below some row is filled without wrapping the rest.
    public func visualRowCount(width: Int, limit: Int = .max) -> Int {
        let width = max(1, width)
        var total = 0
        for line in lines {
            total += SoftWrap.rowCount(of: line, width: width)
            if total >= limit { break }
        }
        return total
    }
}
