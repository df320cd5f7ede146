import TerminalKit
import WaypointCore

/// Everything due across the caseload, soonest first: follow-ups and overdue milestones.
enum TaskListView {
    static func tableArea(_ size: Size) -> Rect {
        ScreenLayout.chrome(size).body.inset(horizontal: 1, vertical: 0)
    }

    static func render(_ state: AppState, into buffer: inout Buffer, chrome: ScreenLayout.Chrome) {
        let owner = state.caseloadOwner.map { "caseload of \($0.displayName)" } ?? "the district"
        let rows = state.tasks?.rows ?? []
        TitleBar.render("Waypoint · To do · \(owner)", right: "\(rows.count.formatted) open", into: &buffer, area: chrome.title)
        let today = DateText.day(state.now, in: state.timeZone)
        var table = Table(columns: [
            TableColumn("Due", width: .fixed(10)),
            TableColumn("When", width: .fixed(16)),
            TableColumn("Student", width: .fill(2)),
            TableColumn("ID", width: .fixed(8)),
            TableColumn("What", width: .fill(3)),
        ], rowCount: rows.count) { row, column in
            let task = rows[row]
            switch column {
            case 0: return task.due?.iso ?? "no date"
            case 1: return task.due.map { DateText.due($0, today: today) } ?? ""
            case 2: return task.studentName
            case 3: return task.localId
            default:
                if case .milestone = task.source { return "Milestone: \(task.text)" }
                return task.text
            }
        }
        table.rowStyle = { row in (rows[row].due.map { $0 < today } ?? false) ? Theme.error : .plain }
        table.selectedStyle = Theme.selected
        table.emptyMessage = state.tasks?.isLoaded == true ? "Nothing open: no follow-ups and no overdue milestones." : "Loading…"
        table.render(into: &buffer, area: tableArea(state.size), state: state.tasks?.table ?? TableState())
    }
}

extension AppState {
    var tasksVisibleRows: Int { Table.visibleRows(in: TaskListView.tableArea(size)) }
}
