/// Where a table's selection and scroll position are. Kept in application state, not in
/// the widget, so a reducer can move it and a test can assert on it.
public struct TableState: Hashable, Sendable {
    public private(set) var selected: Int
    public private(set) var offset: Int

    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = max(0, selected)
        self.offset = max(0, offset)
    }

    /// Selects `index` (clamped to the rows there are) and scrolls just enough to show it.
    public mutating func select(_ index: Int, rowCount: Int, visibleRows: Int) {
        guard rowCount > 0 else {
            selected = 0
            offset = 0
            return
        }
        selected = min(max(0, index), rowCount - 1)
        let visible = max(1, visibleRows)
        if selected < offset { offset = selected }
        if selected >= offset + visible { offset = selected - visible + 1 }
        offset = min(max(0, offset), max(0, rowCount - visible))
    }

    public mutating func move(by delta: Int, rowCount: Int, visibleRows: Int) {
        select(selected + delta, rowCount: rowCount, visibleRows: visibleRows)
    }

    /// Keeps the selection valid after the rows or the window changed.
    public mutating func clamp(rowCount: Int, visibleRows: Int) {
        select(selected, rowCount: rowCount, visibleRows: visibleRows)
    }
}
