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
        let kinds = ReportsState.Kind.allCases
        let fits = kinds.map { DisplayWidth.of($0.title) + 3 }.reduce(0, +) <= body.width
        for kind in kinds {
            x += buffer.write(" \(fits ? kind.title : kind.shortTitle) ", at: Position(x: x, y: body.y), style: kind == reports.kind ? Theme.selected : Theme.muted,
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
        func reportRow(_ item: Report.Row) -> ReportTable.Row {
            let values = item.isSuppressed ? Array(repeating: "*", count: report.measures.count + 1)
                : [item.count.formatted] + item.values.map { $0.map { String(format: "%.1f", $0) } ?? "" }
            return ReportTable.Row(label: item.group, values: values)
        }
        var table = ReportTable(labelTitle: report.groupTitle, valueTitles: ["Students"] + report.measures,
                                rows: report.rows.map(reportRow), total: reportRow(report.total))
        table.totalStyle = Theme.heading
        table.moreRows = { "… \($0) more groups: a taller window, or `waypoint report`, shows them all" }
        // The legend's two rows hold groups when nothing is suppressed.
        let legend = report.rows.contains(where: \.isSuppressed)
        table.render(into: &buffer, area: Rect(x: body.x, y: body.y + 4, width: body.width, height: body.height - (legend ? 6 : 4)))
        if legend {
            buffer.write(Suppression.legend(minimumGroup: ReportsState.minimumGroup),
                         at: Position(x: body.x, y: body.maxY - 1), style: Theme.muted, clip: body)
        }
    }
}
