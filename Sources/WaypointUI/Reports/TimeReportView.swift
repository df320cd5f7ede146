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
        let weekTotals = report.weekTotals
        func row(_ title: String, _ minutes: [Int], _ total: Int, _ untimed: Int) -> ReportTable.Row {
            ReportTable.Row(label: title, values: minutes.map(String.init) + [String(total), String(untimed)])
        }
        var table = ReportTable(labelTitle: "Kind", valueTitles: report.weeks.map { String($0.iso.dropFirst(5)) } + ["Total", "Untimed"],
                                rows: report.rows.map { row($0.title, $0.minutes, $0.total, $0.withoutMinutes) },
                                total: row("Total", weekTotals, report.total, report.unmeasured.count))
        table.totalStyle = Theme.heading
        table.moreRows = { "… \($0) more kinds: a taller window, or `waypoint report time`, shows them all" }
        let unmeasuredLines = report.unmeasured.isEmpty ? 0 : 2
        let tableHeight = table.render(into: &buffer, area: Rect(x: area.x, y: area.y + 2, width: area.width,
                                                                 height: max(2, area.height - 3 - unmeasuredLines)))
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
