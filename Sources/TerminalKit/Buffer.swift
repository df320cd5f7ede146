/// A grid of cells that a frame is drawn into. Widgets write here; only the `Terminal`
/// talks to a backend, by diffing one buffer against the last.
public struct Buffer: Equatable, Sendable {
    public private(set) var size: Size
    private var cells: [Cell]

    public init(size: Size, filling cell: Cell = .blank) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        cells = Array(repeating: cell, count: self.size.width * self.size.height)
    }

    public var area: Rect { Rect(size: size) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Writes `text` (sanitized) starting at `position`, clipped to `clip` and the buffer.
    /// Returns the number of columns written, so callers can continue after it.
    @discardableResult
    public mutating func write(_ text: String, at position: Position, style: Style = .plain,
                               clip: Rect? = nil) -> Int {
        let bounds = (clip ?? area).intersection(area)
        guard !bounds.isEmpty, position.y >= bounds.y, position.y < bounds.maxY else { return 0 }
        var x = position.x
        for character in Sanitizer.sanitize(text) {
            let width = DisplayWidth.of(character)
            if width == 0 { continue }
            if x + width > bounds.maxX {
                // A wide character that does not fit leaves a blank rather than half a glyph.
                if x < bounds.maxX, x >= bounds.x { put(Cell(" ", style: style), width: 1, x: x, y: position.y) }
                x = bounds.maxX
                break
            }
            if x >= bounds.x, x < bounds.maxX {
                put(Cell(String(character), style: style), width: width, x: x, y: position.y)
            }
            x += width
        }
        return max(0, x - position.x)
    }

    /// Fills every cell of `rect` with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let target = rect.intersection(area)
        for y in target.y..<target.maxY {
            for x in target.x..<target.maxX {
                self[x, y] = cell
            }
        }
        repairEdges(of: target)
    }

    /// Changes the style of every cell in `rect`, keeping the symbols (a highlighted row).
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let target = rect.intersection(area)
        for y in target.y..<target.maxY {
            for x in target.x..<target.maxX {
                self[x, y].style = style
            }
        }
    }

    /// The cells that differ from `previous`, row by row. A size change means everything.
    public func updates(since previous: Buffer) -> [CellUpdate] {
        var result: [CellUpdate] = []
        let full = previous.size != size
        for y in 0..<size.height {
            for x in 0..<size.width {
                let cell = self[x, y]
                if full || cell != previous[x, y] {
                    result.append(CellUpdate(position: Position(x: x, y: y), cell: cell))
                }
            }
        }
        return result
    }

    /// The buffer as plain text, one line per row, trailing spaces removed: what a snapshot
    /// test compares and what a person would read off the screen.
    public var text: String {
        (0..<size.height).map { line($0) }.joined(separator: "\n")
    }

    public func line(_ y: Int) -> String {
        var row = ""
        for x in 0..<size.width where !self[x, y].isContinuation {
            row += self[x, y].symbol
        }
        while row.last == " " { row.removeLast() }
        return row
    }

    private mutating func put(_ cell: Cell, width: Int, x: Int, y: Int) {
        clearWideNeighbours(x: x, y: y, width: width)
        self[x, y] = cell
        if width == 2, x + 1 < size.width {
            self[x + 1, y] = .continuation(cell.style)
        }
    }

    /// Overwriting half of a wide character must blank its other half, or the terminal
    /// would be left with a glyph the buffer no longer knows about.
    private mutating func clearWideNeighbours(x: Int, y: Int, width: Int) {
        if self[x, y].isContinuation, x > 0 {
            self[x - 1, y] = Cell(" ", style: self[x - 1, y].style)
        }
        let last = x + width - 1
        if last + 1 < size.width, self[last + 1, y].isContinuation {
            self[last + 1, y] = Cell(" ", style: self[last + 1, y].style)
        }
    }

    private mutating func repairEdges(of rect: Rect) {
        guard !rect.isEmpty else { return }
        for y in rect.y..<rect.maxY {
            if rect.x > 0, self[rect.x, y].isContinuation == false,
               self[rect.x - 1, y].symbol.isEmpty == false,
               DisplayWidth.of(self[rect.x - 1, y].symbol) == 2 {
                self[rect.x - 1, y] = Cell(" ", style: self[rect.x - 1, y].style)
            }
            if rect.maxX < size.width, self[rect.maxX, y].isContinuation {
                self[rect.maxX, y] = Cell(" ", style: self[rect.maxX, y].style)
            }
        }
    }
}
