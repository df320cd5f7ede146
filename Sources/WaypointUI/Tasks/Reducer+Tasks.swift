import WaypointCore

extension AppState {
    mutating func openTasks() -> [Effect] {
        tasks = TaskListState()
        screens.append(.tasks)
        return [reloadTasks()]
    }

    mutating func reloadTasks() -> Effect {
        var current = tasks ?? TaskListState()
        current.requestToken += 1
        tasks = current
        return .loadTasks(caseloadOwnerId: caseloadOwnerId, viewerId: userId, token: current.requestToken)
    }

    mutating func receiveTasks(token: Int, rows: [TaskRow]) {
        guard var current = tasks, current.requestToken == token else { return }
        current.loadedRows = rows
        current.isLoaded = true
        current.table.clamp(rowCount: rows.count, visibleRows: tasksVisibleRows)
        tasks = current
    }

    mutating func completeSelectedTask() -> [Effect] {
        guard let row = tasks?.selected, case .followUp(let id) = row.source else { return [] }
        status = StatusMessage("Done: \(row.text) (\(row.studentName)).")
        return [.setFollowUpStatus(id: id, status: .done, userId: userId, loaded: .open), reloadTasks()]
    }

    /// `f`: follow-ups only, milestones only, or both; the selection goes to the top.
    mutating func cycleTaskShow() {
        guard var current = tasks else { return }
        current.show = current.show.next
        current.table.select(0, rowCount: current.rows.count, visibleRows: tasksVisibleRows)
        tasks = current
        status = StatusMessage("Showing \(current.show.title): \(current.rows.count.formatted) of \(current.loadedRows.count.formatted).")
    }

    mutating func openTaskStudent() -> [Effect] {
        guard let row = tasks?.selected else { return [] }
        return openProfile(studentId: row.studentId)
    }

    mutating func moveTaskSelection(by delta: Int) {
        guard var current = tasks else { return }
        current.table.move(by: delta, rowCount: current.rows.count, visibleRows: tasksVisibleRows)
        tasks = current
    }
}
