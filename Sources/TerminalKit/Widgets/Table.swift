/// A column of a `Table`.
public struct TableColumn: Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: Alignment

    public init(_ title: String, width: Constraint, alignment: Alignment = .leading) {
        self.title = title
        self.width = width
        self.alignment = alignment
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
                let text = DisplayWidth.pad(cell(row, index), to: rect.width, alignment: column.alignment)
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
