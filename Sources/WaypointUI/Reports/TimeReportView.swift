import TerminalKit
import WaypointCore

/// The time report on screen: session kinds as rows, weeks as columns (headed by their
/// Monday, "11-24"), a total per kind and per week, and the sessions recorded without
/// minutes named below, so a zero is never mistaken for a gap in the record.
enum TimeReportView {
    static func render(_ reports: ReportsState, into buffer: inout Buffer, area: Rect) {
        guard let report = reports.timeReport else {
            let text = reports.timeReportMissingCounselor
                ? "Nobody to report on: choose a counselor (c on the caseload) and open the reports again."
                : "Working it out…"
            Paragraph.render(text, into: &buffer, area: area, style: Theme.muted)
            return
        }
        let first = report.weeks.first?.iso ?? ""
        buffer.write("Minutes by session kind · \(report.counselorName) · \(report.weeks.count) weeks from Monday \(first)",
                     at: Position(x: area.x, y: area.y), style: Theme.heading, clip: area)
        guard !report.rows.isEmpty else {
            Paragraph.render("No sessions recorded by \(report.counselorName) in these weeks.", into: &buffer,
                             area: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2), style: Theme.muted)
            return
        }
        let widths = ReportsState.TimeColumns.self
        let weekColumns = report.weeks.map { TableColumn(String($0.iso.dropFirst(5)), width: .fixed(widths.week), alignment: .trailing) }
        let columns = [TableColumn("Kind", width: .fill(1))] + weekColumns
            + [TableColumn("Total", width: .fixed(widths.total), alignment: .trailing),
               TableColumn("Untimed", width: .fixed(widths.untimed), alignment: .trailing)]
        let weekTotals = report.weekTotals
        let rowCount = report.rows.count + 1
        var table = Table(columns: columns, rowCount: rowCount) { row, column in
            let weeks = report.weeks.count
            guard row < report.rows.count else {
                if column == 0 { return "Total" }
                if column <= weeks { return String(weekTotals[column - 1]) }
                return String(column == weeks + 1 ? report.total : report.unmeasured.count)
            }
            let item = report.rows[row]
            if column == 0 { return item.title }
            if column <= weeks { return String(item.minutes[column - 1]) }
            return String(column == weeks + 1 ? item.total : item.withoutMinutes)
        }
        table.selectedStyle = Theme.heading
        table.rowStyle = { _ in .plain }
        let unmeasuredLines = report.unmeasured.isEmpty ? 0 : 2
        let tableHeight = max(2, min(rowCount + 1, area.height - 3 - unmeasuredLines))
        table.render(into: &buffer, area: Rect(x: area.x, y: area.y + 2, width: area.width, height: tableHeight),
                     state: TableState(selected: rowCount - 1))
        let below = Rect(x: area.x, y: area.y + 3 + tableHeight, width: area.width, height: area.maxY - area.y - 3 - tableHeight)
        guard !report.unmeasured.isEmpty, below.height > 0 else { return }
        var lines = TextWrap.wrap(Sanitizer.sanitize(report.unmeasuredSentence), width: below.width)
        if lines.count > below.height {
            lines = Array(lines.prefix(below.height - 1)) + ["… and more: `waypoint report time` lists them all."]
        }
        for (index, line) in lines.prefix(below.height).enumerated() {
            buffer.write(line, at: Position(x: below.x, y: below.y + index), clip: below)
        }
    }
}
