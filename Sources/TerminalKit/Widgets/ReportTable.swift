/// A small table drawn whole, as a report is: a column of group labels, then columns of
/// numbers, and a total row that is always shown.
///
/// `layout` is the one rule that fits such a table into a width, and every report table on
/// screen goes through it, so labels never read "Gra…", "Gra…", "Gra…":
/// - a number column is never narrower than its widest value or the longest word of its
///   title: a title wraps onto a second header line rather than being cut;
/// - titles take one line if every label can still be whole, else two (more only when two
///   would leave labels under `comfortableLabelWidth`);
/// - when even that leaves too little for the longest label, a label wraps at spaces onto
///   more lines of its row (its numbers on the first); a label is never cut;
/// - the labels get whatever width the numbers leave.
public struct ReportTable {
    public struct Row: Sendable {
        public var label: String
        public var values: [String]

        public init(label: String, values: [String]) {
            self.label = label
            self.values = values
        }
    }

    public var labelTitle: String
    public var valueTitles: [String]
    public var rows: [Row]
    /// The row under the others (e.g. "All"), drawn in `totalStyle` and never left out.
    public var total: Row?
    public var headerStyle = Style(attributes: [.bold, .underline])
    /// The lines of a wrapped title above the last: not underlined, so the header reads as one.
    public var upperHeaderStyle = Style(attributes: .bold)
    public var totalStyle = Style(attributes: .bold)
    /// The line that replaces rows a short window cannot hold, given how many are left out.
    public var moreRows: (Int) -> String = { "… \($0) more" }

    public init(labelTitle: String, valueTitles: [String], rows: [Row], total: Row? = nil) {
        self.labelTitle = labelTitle
        self.valueTitles = valueTitles
        self.rows = rows
        self.total = total
    }

    /// Column widths and the wrapped header and labels: what `render` draws.
    public struct Layout: Equatable, Sendable {
        public var labelWidth: Int
        public var valueWidths: [Int]
        /// One entry per column (labels first), each the lines of its title, bottom-aligned.
        public var header: [[String]]
        public var headerHeight: Int { header.map(\.count).max() ?? 1 }
    }

    /// Labels narrower than this wrap so often that a third header line is the better trade.
    public static let comfortableLabelWidth = 12

    public func layout(width: Int) -> Layout {
        let all = rows + (total.map { [$0] } ?? [])
        let valueWidest = valueTitles.indices.map { column in
            all.map { DisplayWidth.of($0.values.indices.contains(column) ? $0.values[column] : "") }.max() ?? 0
        }
        /// The narrowest width at which a column's title takes at most `lines` lines.
        func titleWidth(of column: Int, inLines lines: Int) -> Int {
            let title = valueTitles[column]
            let longestWord = title.split(separator: " ").map { DisplayWidth.of($0) }.max() ?? 0
            var candidate = max(1, valueWidest[column], longestWord)
            while TextWrap.wrap(title, width: candidate).count > lines { candidate += 1 }
            return candidate
        }
        let spacing = valueTitles.count
        let labelNeed = max(DisplayWidth.of(labelTitle), all.map { DisplayWidth.of($0.label) }.max() ?? 0)
        func labelRoom(_ widths: [Int]) -> Int { width - spacing - widths.reduce(0, +) }
        // Titles on one line, else two, with every label whole; else two lines and labels
        // wrapped, while they keep a comfortable width; else titles as narrow as their words.
        let oneLine = valueTitles.indices.map { titleWidth(of: $0, inLines: 1) }
        let twoLines = valueTitles.indices.map { titleWidth(of: $0, inLines: 2) }
        let narrowest = valueTitles.indices.map { titleWidth(of: $0, inLines: Int.max) }
        let widths = [oneLine, twoLines].first { labelRoom($0) >= labelNeed }
            ?? (labelRoom(twoLines) >= Self.comfortableLabelWidth ? twoLines : narrowest)
        let labelWidth = max(1, labelRoom(widths))
        let header = [TextWrap.wrap(labelTitle, width: labelWidth)] + zip(valueTitles, widths).map { TextWrap.wrap($0, width: $1) }
        return Layout(labelWidth: labelWidth, valueWidths: widths, header: header)
    }

    /// The lines `row` takes: its label wrapped, the values on the first.
    func lines(of row: Row, layout: Layout) -> [String] {
        let wrapped = TextWrap.wrap(row.label, width: layout.labelWidth)
        return wrapped.isEmpty ? [""] : wrapped
    }

    /// Draws the table at the top of `area`; returns the number of lines it took.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect, rowStyle: Style = .plain) -> Int {
        guard !area.isEmpty else { return 0 }
        let layout = layout(width: area.width)
        let widths = [layout.labelWidth] + layout.valueWidths
        var xs: [Int] = []
        var x = area.x
        for width in widths {
            xs.append(x)
            x += width + 1
        }
        let headerHeight = layout.headerHeight
        for (column, title) in layout.header.enumerated() {
            // Bottom-aligned, so the last line of every title sits on the underlined row.
            let top = headerHeight - title.count
            for line in 0..<headerHeight {
                let text = line >= top ? title[line - top] : ""
                let cell = Rect(x: xs[column], y: area.y + line, width: widths[column], height: 1)
                buffer.write(DisplayWidth.pad(text, to: cell.width, alignment: column == 0 ? .leading : .trailing),
                             at: Position(x: cell.x, y: cell.y), style: line == headerHeight - 1 ? headerStyle : upperHeaderStyle,
                             clip: cell.intersection(area))
            }
        }
        var y = area.y + headerHeight
        let rowLines = rows.map { lines(of: $0, layout: layout) }
        let totalLines = total.map { lines(of: $0, layout: layout) } ?? []
        // Every row when they all fit; else as many as leave room for the line that says
        // how many are left out and for the total, which is never left out.
        let fitsAll = y + rowLines.map(\.count).reduce(0, +) + totalLines.count <= area.maxY
        for (index, row) in rows.enumerated() {
            if !fitsAll, y + rowLines[index].count + 1 + totalLines.count > area.maxY {
                buffer.write(DisplayWidth.truncate(moreRows(rows.count - index), to: area.width), at: Position(x: area.x, y: y),
                             style: .dim, clip: area)
                y += 1
                break
            }
            draw(row, lines: rowLines[index], at: y, xs: xs, widths: widths, style: rowStyle, into: &buffer, area: area)
            y += rowLines[index].count
        }
        if let total {
            draw(total, lines: totalLines, at: y, xs: xs, widths: widths, style: totalStyle, into: &buffer, area: area)
            y += totalLines.count
        }
        return min(area.height, y - area.y)
    }

    private func draw(_ row: Row, lines: [String], at y: Int, xs: [Int], widths: [Int], style: Style,
                      into buffer: inout Buffer, area: Rect) {
        for (offset, line) in lines.enumerated() where y + offset < area.maxY {
            buffer.write(DisplayWidth.pad(line, to: widths[0]), at: Position(x: xs[0], y: y + offset), style: style,
                         clip: Rect(x: xs[0], y: y + offset, width: widths[0], height: 1).intersection(area))
        }
        guard y < area.maxY else { return }
        for (column, value) in row.values.enumerated() where column + 1 < widths.count {
            let cell = Rect(x: xs[column + 1], y: y, width: widths[column + 1], height: 1)
            buffer.write(DisplayWidth.pad(value, to: cell.width, alignment: .trailing), at: Position(x: cell.x, y: y), style: style,
                         clip: cell.intersection(area))
        }
    }
}
