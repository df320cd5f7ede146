/// A column of a `Table`.
public struct TableColumn: Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: Alignment
    /// Set for a column that may hold one value in every row (a school, when a caseload has
    /// one): such a column is left out and this phrases its value once for the caller to
    /// show above the table (`Table.sayingUniformColumnsOnce`).
    public var onceWhenUniform: (@Sendable (String) -> String)?
    /// Cells end in a parenthesized ID ("Ana López (S100234)"): a cut shortens the name
    /// before it, so the ID that tells two students apart always shows.
    public var keepsParenthesizedEnd = false

    public init(_ title: String, width: Constraint, alignment: Alignment = .leading,
                onceWhenUniform: (@Sendable (String) -> String)? = nil, keepsParenthesizedEnd: Bool = false) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.onceWhenUniform = onceWhenUniform
        self.keepsParenthesizedEnd = keepsParenthesizedEnd
    }
}

/// A table with a header row, a selected row and virtual scrolling: it asks for the text
/// of visible rows only, so a list of fifty thousand costs no more than a screenful.
public struct Table {
    public var columns: [TableColumn]
    public var rowCount: Int
    public var cell: (_ row: Int, _ column: Int) -> String
    public var headerStyle = Style(attributes: [.bold, .underline])
    public var selectedStyle = Style(attributes: .reverse)
    public var rowStyle: (_ row: Int) -> Style = { _ in .plain }
    /// Shown in the body when there are no rows.
    public var emptyMessage = ""

    public init(columns: [TableColumn], rowCount: Int, cell: @escaping (_ row: Int, _ column: Int) -> String) {
        self.columns = columns
        self.rowCount = rowCount
        self.cell = cell
    }

    /// The one rule for columns that repeat one value: a column marked `onceWhenUniform`
    /// whose rows (two or more) all hold the same text is removed, so its room goes to the
    /// columns that differ, and the value is returned, phrased, for the caller to say once
    /// (in the title). A scan stops at the first row that differs, so a long list with
    /// several schools costs two rows; only a truly uniform column is read to the end.
    public mutating func sayingUniformColumnsOnce() -> [String] {
        var said: [String] = []
        var kept: [Int] = []
        for index in columns.indices {
            if let value = uniformValue(of: index), let phrase = columns[index].onceWhenUniform {
                said.append(phrase(value))
            } else {
                kept.append(index)
            }
        }
        if !said.isEmpty {
            columns = kept.map { columns[$0] }
            cell = Table.remapped(cell, to: kept)
        }
        return said
    }

    /// The one text every row (two or more) holds in `column`, if it is marked for it.
    private func uniformValue(of column: Int) -> String? {
        guard rowCount > 1, columns[column].onceWhenUniform != nil else { return nil }
        let first = cell(0, column)
        guard !first.isEmpty else { return nil }
        for row in 1..<rowCount where cell(row, column) != first { return nil }
        return first
    }

    private static func remapped(_ cell: @escaping (Int, Int) -> String, to kept: [Int]) -> (Int, Int) -> String {
        { row, column in cell(row, kept[column]) }
    }

    /// How many body rows fit in `area` below the header.
    public static func visibleRows(in area: Rect) -> Int { max(0, area.height - 1) }

    public func render(into buffer: inout Buffer, area: Rect, state: TableState) {
        guard !area.isEmpty else { return }
        buffer.fill(area)
        let visible = Table.visibleRows(in: area)
        let scrolls = rowCount > visible && visible > 0
        // A scrolling table keeps its last column free for the position marker.
        let columnsArea = scrolls ? Rect(x: area.x, y: area.y, width: area.width - 1, height: area.height) : area
        let widths = Layout.split(columnsArea, .horizontal, columns.map(\.width), spacing: 1)
        for (column, rect) in zip(columns, widths) {
            buffer.write(DisplayWidth.pad(column.title, to: rect.width, alignment: column.alignment),
                         at: Position(x: rect.x, y: area.y), style: headerStyle, clip: rect)
        }
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard rowCount > 0 else {
            buffer.write(DisplayWidth.truncate(emptyMessage, to: body.width),
                         at: Position(x: body.x, y: body.y), style: .dim, clip: body)
            return
        }
        let first = min(state.offset, max(0, rowCount - 1))
        for line in 0..<visible {
            let row = first + line
            guard row < rowCount else { break }
            let y = body.y + line
            let style = row == state.selected ? selectedStyle : rowStyle(row)
            buffer.setStyle(style, in: Rect(x: area.x, y: y, width: area.width, height: 1))
            for (index, (column, rect)) in zip(columns, widths).enumerated() {
                let value = cell(row, index)
                let fitted = column.keepsParenthesizedEnd ? DisplayWidth.truncateKeepingParenthesizedEnd(value, to: rect.width) : value
                let text = DisplayWidth.pad(fitted, to: rect.width, alignment: column.alignment)
                buffer.write(text, at: Position(x: rect.x, y: y), style: style, clip: rect)
            }
        }
        if scrolls {
            drawScrollMarker(into: &buffer, body: body, first: first, visible: visible)
        }
    }

    /// A one-column position marker at the right edge, so a long list shows where you are.
    private func drawScrollMarker(into buffer: inout Buffer, body: Rect, first: Int, visible: Int) {
        let x = body.maxX - 1
        let thumb = max(0, min(visible - 1, first * visible / max(1, rowCount - visible + 1)))
        buffer.write("▐", at: Position(x: x, y: body.y + thumb), style: .dim)
    }
}
