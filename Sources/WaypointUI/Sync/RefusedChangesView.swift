import TerminalKit
import WaypointCore

/// Changes the district hub refused: a list, and under it the selected one in words, theirs
/// and yours side by side when the window is wide (one above the other at 80 columns), as
/// "Changed in another window" shows them, so nothing is hidden before the counselor decides.
enum RefusedChangesView {
    /// The list takes up to a third of the body; the selected change's versions get the rest.
    static func areas(_ size: Size) -> (list: Rect, detail: Rect) {
        let body = ScreenLayout.chrome(size).body.inset(horizontal: 1, vertical: 0)
        let listHeight = max(3, body.height / 3)
        let parts = Layout.split(body, .vertical, [.fixed(listHeight), .fixed(1), .fill(1)])
        return (parts[0], parts[2])
    }

    static func render(_ state: AppState, into buffer: inout Buffer, chrome: ScreenLayout.Chrome) {
        let rows = state.refused?.rows ?? []
        TitleBar.render("Waypoint · Changes the hub refused", right: "\(rows.count.formatted) waiting for you",
                        into: &buffer, area: chrome.title)
        let (listArea, detailArea) = areas(state.size)
        var table = Table(columns: [
            TableColumn("#", width: .fixed(4)),
            TableColumn("What", width: .fill(2)),
            TableColumn("Student", width: .fill(2)),
            TableColumn("Why", width: .fill(3)),
        ], rowCount: rows.count) { row, column in
            let change = rows[row]
            switch column {
            case 0: return String(change.id)
            case 1: return change.what
            case 2: return change.student ?? "—"
            default: return change.reason
            }
        }
        table.selectedStyle = Theme.selected
        table.emptyMessage = state.refused?.isLoaded == true ? "Nothing refused: every change of yours is at the hub or on its way."
            : "Loading…"
        table.render(into: &buffer, area: listArea, state: state.refused?.table ?? TableState())
        guard let change = state.refused?.selected else { return }
        detail(change, into: &buffer, area: detailArea)
    }

    private static func detail(_ change: RefusedChangeSummary, into buffer: inout Buffer, area: Rect) {
        let heading = change.what + (change.student.map { " of \($0)" } ?? "")
        buffer.write(heading, at: Position(x: area.x, y: area.y), style: Theme.heading, clip: area)
        let advice = change.canKeepMine ? "m sends yours again over theirs · t keeps theirs."
            : "The hub refuses this change whoever sends it: t takes theirs and clears it."
        let reasonLines = Paragraph.render(change.reason + " " + advice, into: &buffer,
                                           area: Rect(x: area.x, y: area.y + 1, width: area.width, height: 2))
        let body = Rect(x: area.x, y: area.y + 1 + reasonLines + 1, width: area.width,
                        height: max(0, area.height - reasonLines - 2))
        let theirs = change.theirs.isEmpty ? ["nothing you may see"] : change.theirs
        if body.width >= 90 {
            let half = (body.width - 2) / 2
            version("Theirs (at the hub, shown here now)", theirs, into: &buffer,
                    area: Rect(x: body.x, y: body.y, width: half, height: body.height))
            version("Yours (not saved at the hub)", change.mine, into: &buffer,
                    area: Rect(x: body.x + half + 2, y: body.y, width: body.width - half - 2, height: body.height))
        } else {
            let top = min(body.height / 2, theirs.count + 2)
            version("Theirs (at the hub, shown here now)", theirs, into: &buffer,
                    area: Rect(x: body.x, y: body.y, width: body.width, height: top))
            version("Yours (not saved at the hub)", change.mine, into: &buffer,
                    area: Rect(x: body.x, y: body.y + top, width: body.width, height: body.height - top))
        }
    }

    private static func version(_ title: String, _ lines: [String], into buffer: inout Buffer, area: Rect) {
        guard area.height > 0 else { return }
        buffer.write(title, at: Position(x: area.x, y: area.y), style: Theme.heading, clip: area)
        for (index, line) in lines.prefix(area.height - 1).enumerated() {
            let text = DisplayWidth.truncate(Sanitizer.sanitize(line), to: area.width)
            buffer.write(text, at: Position(x: area.x, y: area.y + 1 + index), style: .plain, clip: area)
        }
        if lines.count > area.height - 1, area.height > 1 {
            buffer.write("…", at: Position(x: area.maxX - 1, y: area.maxY - 1), style: Theme.muted, clip: area)
        }
    }
}

extension AppState {
    var refusedVisibleRows: Int { Table.visibleRows(in: RefusedChangesView.areas(size).list) }
}
