import WaypointCore

extension Command {
    public enum Reports: Hashable, Sendable {
        case nextReport, nextGrouping
    }
}

extension AppState {
    mutating func performReports(_ command: Command.Reports) -> [Effect] {
        switch command {
        case .nextReport:
            let kinds = ReportsState.Kind.allCases
            if let kind = reports?.kind { reports?.kind = kinds[(kind.rawValue + 1) % kinds.count] }
        case .nextGrouping:
            let all = ReportGrouping.allCases
            if let current = reports?.grouping, let index = all.firstIndex(of: current) {
                reports?.grouping = all[(index + 1) % all.count]
            }
        }
        return [reloadReport()]
    }

    mutating func reloadReport() -> Effect {
        var current = reports ?? ReportsState()
        current.requestToken += 1
        current.report = nil
        reports = current
        return .loadReport(kind: current.kind, grouping: current.grouping, caseloadOwnerId: caseloadOwnerId, token: current.requestToken)
    }
}
