/// One terminal cell: a grapheme cluster and its style.
///
/// A wide character (CJK, most emoji) occupies two cells: the first holds the cluster, the
/// second is a continuation cell with an empty symbol that backends skip.
public struct Cell: Hashable, Sendable {
    public var symbol: String
    public var style: Style

    public init(_ symbol: String = " ", style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    public static let blank = Cell()
    static func continuation(_ style: Style) -> Cell { Cell("", style: style) }

    public var isContinuation: Bool { symbol.isEmpty }
}

/// A changed cell the terminal must send to its backend.
public struct CellUpdate: Hashable, Sendable {
    public var position: Position
    public var cell: Cell
    public init(position: Position, cell: Cell) {
        self.position = position
        self.cell = cell
    }
}
