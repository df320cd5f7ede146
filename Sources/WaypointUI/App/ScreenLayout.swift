import TerminalKit

/// The frame every screen shares, computed in one place so the reducer (which needs page
/// sizes) and the views (which draw) agree on it.
enum ScreenLayout {
    struct Chrome {
        var title: Rect
        var body: Rect
        var footer: Rect
    }

    static func chrome(_ size: Size) -> Chrome {
        let parts = Layout.split(Rect(size: size), .vertical, [.fixed(1), .fill(1), .fixed(1)])
        return Chrome(title: parts[0], body: parts[1], footer: parts[2])
    }

    /// The caseload body: an optional search row, then the table.
    static func caseload(_ size: Size, showsSearch: Bool) -> (search: Rect?, table: Rect) {
        let body = chrome(size).body.inset(horizontal: 1, vertical: 0)
        guard showsSearch else { return (nil, body) }
        let parts = Layout.split(body, .vertical, [.fixed(1), .fill(1)])
        return (parts[0], parts[1])
    }

    static func counselorPicker(_ size: Size, rows: Int) -> Size {
        Size(width: min(64, size.width - 4), height: min(rows + 3, size.height - 4))
    }
}

extension AppState {
    var showsSearchRow: Bool { caseload.isSearching || !caseload.query.isEmpty }

    var caseloadVisibleRows: Int {
        Table.visibleRows(in: ScreenLayout.caseload(size, showsSearch: showsSearchRow).table)
    }

    var counselorPickerVisibleRows: Int {
        let modal = ScreenLayout.counselorPicker(size, rows: counselorPickerRows.count)
        return max(1, modal.height - 3)
    }
}
