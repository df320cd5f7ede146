import TerminalKit
import WaypointCore

/// Everything due across the caseload, grouped by day with overdue follow-ups first, then
/// what is due today and later, follow-ups with no date, and this year's overdue milestones.
enum TaskListView {
    static func tableArea(_ size: Size) -> Rect {
        ScreenLayout.chrome(size).body.inset(horizontal: 1, vertical: 0)
    }

    static func render(_ state: AppState, into buffer: inout Buffer, chrome: ScreenLayout.Chrome) {
        let owner = state.caseloadOwner.map { "caseload of \($0.displayName)" } ?? "the district"
        let tasks = state.tasks ?? TaskListState()
        let rows = tasks.rows
        let shown = tasks.show == .both ? "" : " · \(tasks.show.title)"
        let count = tasks.hiddenCount > 0 ? "\(rows.count.formatted) of \(tasks.loadedRows.count.formatted) open"
            : "\(rows.count.formatted) open"
        TitleBar.render("Waypoint · To do · \(owner)\(shown)", right: count, into: &buffer, area: chrome.title)
        let today = state.today
        let groups = rows.map { TodoOrder.group(isFollowUp: $0.isFollowUp, due: $0.due, today: today) }
        var table = Table(columns: [
            TableColumn("Day", width: .fixed(10)),
            TableColumn("When", width: .fixed(15)),
            TableColumn("Student", width: .fill(2)),
            TableColumn("ID", width: .fixed(8)),
            TableColumn("What", width: .fill(3)),
        ], rowCount: rows.count) { row, column in
            let task = rows[row]
            switch column {
            // The group's name on its first row only, so the list reads as a day planner.
            case 0: return row > 0 && groups[row - 1] == groups[row] ? "" : groups[row].title(today: today)
            case 1: return task.due.map { DateText.due($0, today: today) } ?? ""
            case 2: return task.studentName
            case 3: return task.localId
            default: return task.isFollowUp ? task.text : "Milestone: \(task.text)"
            }
        }
        table.rowStyle = { row in (rows[row].due.map { $0 < today } ?? false) ? Theme.error : .plain }
        table.selectedStyle = Theme.selected
        table.emptyMessage = emptyMessage(tasks)
        table.render(into: &buffer, area: tableArea(state.size), state: tasks.table)
    }

    private static func emptyMessage(_ tasks: TaskListState) -> String {
        guard tasks.isLoaded else { return "Loading…" }
        switch tasks.show {
        case .both: return "Nothing open: no follow-ups and no overdue milestones."
        case .followUps: return "No open follow-ups (\(tasks.hiddenCount.formatted) overdue milestones hidden; f shows them)."
        case .milestones: return "No overdue milestones (\(tasks.hiddenCount.formatted) follow-ups hidden; f shows both)."
        }
    }
}

extension AppState {
    var tasksVisibleRows: Int { Table.visibleRows(in: TaskListView.tableArea(size)) }
}
