import TerminalKit
import WaypointCore

/// Changes the district hub refused: a list, and under it the selected one in words, theirs
/// beside yours field by field, the fields that differ first, as "Changed in another window"
/// shows them, so nothing is hidden before the counselor decides.
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
            TableColumn("Student", width: .fill(2), keepsParenthesizedEnd: true),
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
        detail(change, author: state.sync.status.counselor, into: &buffer, area: detailArea)
    }

    private static func detail(_ change: RefusedChangeSummary, author: String?, into buffer: inout Buffer, area: Rect) {
        let heading = change.what + (change.student.map { " of \($0)" } ?? "")
        buffer.write(heading, at: Position(x: area.x, y: area.y), style: Theme.heading, clip: area)
        let advice = change.canKeepMine ? "m sends yours again over theirs · t keeps theirs."
            : "The hub refuses this change whoever sends it: t takes theirs and clears it."
        let reasonLines = Paragraph.render(change.reason + " " + advice, into: &buffer,
                                           area: Rect(x: area.x, y: area.y + 1, width: area.width, height: 2))
        let body = Rect(x: area.x, y: area.y + 1 + reasonLines + 1, width: area.width,
                        height: max(0, area.height - reasonLines - 2))
        if change.isWithheld {
            // Confidential, and whoever is at the keyboard is not its author (another
            // counselor took over): what it holds is not even loaded.
            let who = author.map { "only \($0) sees it, working here as themselves" } ?? "only its author sees it"
            _ = Paragraph.render("Its content is confidential: \(who).", into: &buffer, area: body, style: Theme.muted)
            return
        }
        fields(change, into: &buffer, area: body)
    }

    /// Theirs beside yours, one field a row: the fields that differ first (a long value
    /// wraps, up to three lines), then the ones both hold alike, dimmed, one line each, so at
    /// 80x24 what differs is read without scrolling.
    private static func fields(_ change: RefusedChangeSummary, into buffer: inout Buffer, area: Rect) {
        guard area.height > 1 else { return }
        func write(_ text: String, x: Int, y: Int, width: Int, style: Style) {
            let cell = Rect(x: x, y: y, width: width, height: 1)
            buffer.write(DisplayWidth.truncate(Sanitizer.sanitize(text), to: width), at: Position(x: x, y: y), style: style, clip: cell)
        }
        guard !change.fields.isEmpty else {
            // Nothing either side holds in words (a record the counselor may not see).
            write("Theirs: " + (change.theirs.isEmpty ? "nothing you may see" : change.theirs.joined(separator: "; ")),
                  x: area.x, y: area.y, width: area.width, style: .plain)
            write("Yours: " + change.mine.joined(separator: "; "), x: area.x, y: area.y + 1, width: area.width, style: .plain)
            return
        }
        let nameWidth = min(18, max(6, (change.fields.map { DisplayWidth.of($0.name) }.max() ?? 6) + 2))
        let valueWidth = max(8, (area.width - nameWidth - 2) / 2)
        let theirsX = area.x + nameWidth, mineX = area.x + nameWidth + valueWidth + 2, mineWidth = area.maxX - mineX
        write("Field", x: area.x, y: area.y, width: nameWidth - 1, style: Theme.tableHeader)
        write("Theirs (at the hub, shown here)", x: theirsX, y: area.y, width: valueWidth, style: Theme.tableHeader)
        write("Yours (not saved at the hub)", x: mineX, y: area.y, width: mineWidth, style: Theme.tableHeader)
        // A side that holds no record says why once per field: "(removed at the hub)", "(deleted)".
        func absent(_ lines: [String]) -> String { lines.count == 1 && lines[0].hasPrefix("(") ? lines[0] : "(none)" }
        var y = area.y + 1
        var shown = 0
        for field in change.fields where y < area.maxY {
            let style = field.differs ? Style.plain : Theme.muted
            let most = field.differs ? 3 : 1
            let theirs = TextWrap.wrap(Sanitizer.sanitize(field.theirs ?? absent(change.theirs)), width: valueWidth)
            let mine = TextWrap.wrap(Sanitizer.sanitize(field.mine ?? absent(change.mine)), width: mineWidth)
            write(field.name, x: area.x, y: y, width: nameWidth - 1, style: field.differs ? Theme.heading : Theme.muted)
            for (x, width, lines) in [(theirsX, valueWidth, theirs), (mineX, mineWidth, mine)] {
                for (index, line) in lines.prefix(most).enumerated() where y + index < area.maxY {
                    // The last line shown of a longer value ends in "…".
                    let cut = index == most - 1 && lines.count > most
                    write(cut ? DisplayWidth.truncate(line + " …", to: width) : line, x: x, y: y + index, width: width, style: style)
                }
            }
            y += max(1, min(most, max(theirs.count, mine.count)))
            shown += 1
        }
        if shown < change.fields.count {
            buffer.write("…", at: Position(x: area.maxX - 1, y: area.maxY - 1), style: Theme.muted, clip: area)
        }
    }
}

extension AppState {
    var refusedVisibleRows: Int { Table.visibleRows(in: RefusedChangesView.areas(size).list) }
}
