import Foundation
import TerminalKit
import WaypointCore

/// A report on screen: the same numbers as `waypoint report`, suppressed groups as "*".
enum ReportsView {
    static func render(_ state: AppState, into buffer: inout Buffer, chrome: ScreenLayout.Chrome) {
        guard let reports = state.reports else { return }
        let scope = state.caseloadOwner.map { "caseload of \($0.displayName)" } ?? "the district"
        TitleBar.render("Waypoint · Reports · \(scope)", right: reports.kind == .time ? "by kind and week" : "by \(reports.grouping.title.lowercased())",
                        into: &buffer, area: chrome.title)
        let body = chrome.body.inset(horizontal: 1, vertical: 0)
        var x = body.x
        for kind in ReportsState.Kind.allCases {
            x += buffer.write(" \(kind.title) ", at: Position(x: x, y: body.y), style: kind == reports.kind ? Theme.selected : Theme.muted,
                              clip: body) + 1
        }
        if reports.kind == .time {
            TimeReportView.render(reports, into: &buffer, area: Rect(x: body.x, y: body.y + 2, width: body.width, height: body.height - 2))
            return
        }
        guard let report = reports.report else {
            buffer.write("Working it out…", at: Position(x: body.x, y: body.y + 2), style: Theme.muted, clip: body)
            return
        }
        buffer.write(report.title, at: Position(x: body.x, y: body.y + 2), style: Theme.heading, clip: body)
        let rows = report.rows + [report.total]
        let columns = [TableColumn(report.groupTitle, width: .fill(3)), TableColumn("Students", width: .fixed(8), alignment: .trailing)]
            + report.measures.map { TableColumn($0, width: .fixed(max(8, DisplayWidth.of($0))), alignment: .trailing) }
        var table = Table(columns: columns, rowCount: rows.count) { row, column in
            let item = rows[row]
            if column == 0 { return item.group }
            if item.isSuppressed { return "*" }
            if column == 1 { return item.count.formatted }
            return item.values[column - 2].map { String(format: "%.1f", $0) } ?? ""
        }
        table.selectedStyle = Theme.heading
        table.rowStyle = { _ in .plain }
        let tableArea = Rect(x: body.x, y: body.y + 4, width: body.width, height: body.height - 6)
        table.render(into: &buffer, area: tableArea, state: TableState(selected: rows.count - 1))
        if report.rows.contains(where: \.isSuppressed) {
            buffer.write(Suppression.legend(minimumGroup: ReportsState.minimumGroup),
                         at: Position(x: body.x, y: body.maxY - 1), style: Theme.muted, clip: body)
        }
    }
}
