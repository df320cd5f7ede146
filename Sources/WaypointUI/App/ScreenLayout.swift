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

    /// The caseload body: while a group is picked, who is in it; an optional search row, an
    /// optional note (`noteLines` rows: what a saved view leaves out), then the table.
    static func caseload(_ size: Size, showsSearch: Bool, noteLines: Int = 0,
                         group: Bool = false) -> (group: Rect?, search: Rect?, note: Rect?, table: Rect) {
        let body = chrome(size).body.inset(horizontal: 1, vertical: 0)
        let parts = Layout.split(body, .vertical, [.fixed(group ? 1 : 0), .fixed(showsSearch ? 1 : 0), .fixed(noteLines), .fill(1)])
        return (group ? parts[0] : nil, showsSearch ? parts[1] : nil, noteLines > 0 ? parts[2] : nil, parts[3])
    }

    static func counselorPicker(_ size: Size, rows: Int) -> Size {
        Size(width: min(76, size.width - 4), height: min(rows + 3, size.height - 4))
    }
}

extension AppState {
    var showsSearchRow: Bool { caseload.isSearching || !caseload.query.isEmpty }

    /// Needs attention says above the table what it leaves out: two lines for a new roster,
    /// whose reason takes more words.
    var caseloadNoteLines: Int {
        guard caseload.preset == .needsAttention, caseload.isLoaded, !caseload.awaitingSummaries else { return 0 }
        return caseload.nobodySeenYet ? 2 : 1
    }

    var caseloadVisibleRows: Int {
        Table.visibleRows(in: ScreenLayout.caseload(size, showsSearch: showsSearchRow, noteLines: caseloadNoteLines,
                                                    group: caseload.group != nil).table)
    }

    var counselorPickerVisibleRows: Int {
        let modal = ScreenLayout.counselorPicker(size, rows: counselorPickerRows.count)
        return max(1, modal.height - 3)
    }
}
