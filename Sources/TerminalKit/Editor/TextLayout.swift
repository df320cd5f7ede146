/// One row on screen of soft-wrapped text: the characters `range` of line `line`, taking
/// `width` columns.
///
/// A row may end in spaces that run past the wrap width: they "hang" in the margin, as in
/// word processors, so a row never starts with the space that separated it from the row
/// above. The renderer clips them.
public struct VisualRow: Hashable, Sendable {
    public var line: Int
    public var range: Range<Int>
    public var width: Int

    public init(line: Int, range: Range<Int>, width: Int) {
        self.line = line
        self.range = range
        self.width = width
    }
}

/// A place on screen in soft-wrapped text: a visual row and a display column.
public struct VisualLocation: Hashable, Sendable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// All of a text's visual rows at one width, and the mapping between text positions and
/// screen locations.
///
/// Laying out a whole note is cheap (one pass of display widths), but the editor view and
/// vertical movement do not need it: they wrap line by line with
/// `TextBuffer.visualRows(ofLine:width:)` and stop once they have what they came for.
public struct TextLayout: Sendable {
    public let width: Int
    public let rows: [VisualRow]
    /// The index in `rows` of each line's first row.
    let firstRows: [Int]
    let lines: [[Character]]

    init(lines: [[Character]], width: Int) {
        let width = max(1, width)
        var rows: [VisualRow] = []
        var firstRows: [Int] = []
        firstRows.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            firstRows.append(rows.count)
            SoftWrap.forEachRow(of: line, width: width) { range, rowWidth in
                rows.append(VisualRow(line: index, range: range, width: rowWidth))
            }
        }
        self.width = width
        self.rows = rows
        self.firstRows = firstRows
        self.lines = lines
    }

    /// The rows of line `line`.
    public func rows(ofLine line: Int) -> ArraySlice<VisualRow> {
        rows[firstRows[line]..<(line + 1 < firstRows.count ? firstRows[line + 1] : rows.count)]
    }

    /// Where `position` appears on screen. A position on a row boundary shows at the start
    /// of the lower row; one among hanging spaces stays in the last column.
    public func location(of position: TextPosition) -> VisualLocation {
        let lineRows = rows(ofLine: position.line)
        let index = SoftWrap.rowIndex(of: position.column, in: lineRows)
        let row = rows[index]
        return VisualLocation(row: index, column: SoftWrap.column(of: position.column, in: row,
                                                                   line: lines[position.line], width: width))
    }

    /// The text position shown at `location`, or the nearest one: a column past the end
    /// of a row is its last character (or the end of the line on a line's last row), and a
    /// column in the right half of a wide character is that character.
    public func position(at location: VisualLocation) -> TextPosition {
        guard let last = rows.indices.last else { return .start }
        let row = rows[min(max(0, location.row), last)]
        let isLastOfLine = row.range.upperBound == lines[row.line].count
        let column = SoftWrap.index(atColumn: location.column, in: row, line: lines[row.line],
                                    isLastOfLine: isLastOfLine)
        return TextPosition(line: row.line, column: column)
    }
}

/// Soft wrapping of one line, shared by `TextLayout`, vertical movement and the editor view.
enum SoftWrap {
    /// Calls `body` with each row of `line` at `width` columns, in order.
    ///
    /// Rows break after spaces where they can and inside a word only when the word alone is
    /// wider than `width`; a character is never split, so a wide one that does not fit
    /// starts the next row. When the last row fills the width, an empty row follows, so the
    /// cursor at the end of the line always has a cell to stand in.
    static func forEachRow(of line: [Character], width: Int, _ body: (Range<Int>, Int) -> Void) {
        var start = 0
        var rowWidth = 0
        // Where the current row could end: just after its last space.
        var breakIndex = 0
        var widthAtBreak = 0
        var index = 0
        let count = line.count
        while index < count {
            let (characterWidth, isSpace) = measure(line[index])
            if isSpace {
                rowWidth += characterWidth
                index += 1
                breakIndex = index
                widthAtBreak = rowWidth
                continue
            }
            if rowWidth + characterWidth > width, index > start {
                if breakIndex > start {
                    body(start..<breakIndex, widthAtBreak)
                    rowWidth -= widthAtBreak
                    start = breakIndex
                } else {
                    body(start..<index, rowWidth)
                    rowWidth = 0
                    start = index
                }
                widthAtBreak = 0
                breakIndex = start
                continue
            }
            rowWidth += characterWidth
            index += 1
        }
        body(start..<count, rowWidth)
        if count > 0, rowWidth >= width { body(count..<count, 0) }
    }

    /// `DisplayWidth.of`, with printable ASCII (most of any note) answered first: wrapping
    /// asks for every character of every line it passes.
    @inline(__always)
    static func columns(of character: Character) -> Int {
        measure(character).width
    }

    /// A character's width and whether a row may break after it (a space, or the
    /// ideographic space of CJK text).
    @inline(__always)
    static func measure(_ character: Character) -> (width: Int, isSpace: Bool) {
        // `utf8` is an order of magnitude cheaper than `asciiValue` or `unicodeScalars`.
        let utf8 = character.utf8
        if utf8.count == 1, let byte = utf8.first { return (byte >= 0x20 && byte < 0x7F ? 1 : 0, byte == 0x20) }
        return (DisplayWidth.of(character), character == "\u{3000}")
    }

    /// How many rows `line` takes at `width`.
    static func rowCount(of line: [Character], width: Int) -> Int {
        var count = 0
        forEachRow(of: line, width: width) { _, _ in count += 1 }
        return count
    }

    /// The index in `rows` (one line's rows, in order) of the row showing `column`: the last
    /// row starting at or before it, so a position on a row boundary belongs to the lower row.
    static func rowIndex<Rows: RandomAccessCollection>(of column: Int, in rows: Rows) -> Int
        where Rows.Element == VisualRow, Rows.Index == Int {
        var low = rows.startIndex, high = rows.endIndex - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if rows[mid].range.lowerBound <= column { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The display column of `column` on `row`, kept inside the wrap width (hanging spaces
    /// would otherwise put the cursor past the edge).
    static func column(of column: Int, in row: VisualRow, line: [Character], width: Int) -> Int {
        var result = 0
        for index in row.range.lowerBound..<min(column, row.range.upperBound) {
            result += columns(of: line[index])
        }
        return min(result, max(0, width - 1))
    }

    /// The character index on `row` at display column `target`: the character covering
    /// that column, or past the row's end its last character, or on a line's last row the
    /// end of the line.
    static func index(atColumn target: Int, in row: VisualRow, line: [Character], isLastOfLine: Bool) -> Int {
        var used = 0
        for index in row.range {
            let width = columns(of: line[index])
            if used + width > target, width > 0 { return index }
            used += width
        }
        if isLastOfLine || row.range.isEmpty { return row.range.upperBound }
        return row.range.upperBound - 1
    }
}
