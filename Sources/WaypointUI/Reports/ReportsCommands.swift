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
        current.timeReport = nil
        current.timeReportMissingCounselor = false
        reports = current
        return reportRequest(current)
    }

    /// The load that computes the report `current` shows.
    func reportRequest(_ current: ReportsState) -> Effect {
        guard current.kind == .time else {
            return .loadReport(kind: current.kind, grouping: current.grouping, caseloadOwnerId: caseloadOwnerId,
                               token: current.requestToken)
        }
        // The time of the counselor whose caseload is shown (as the other reports follow the
        // caseload shown), else of the counselor at the keyboard.
        return .loadTimeReport(counselorId: caseloadOwnerId ?? userId, weeks: ReportsState.timeWeeks(width: size.width),
                               endingWith: CivilDate.today(now: now, timeZone: timeZone), timeZone: timeZone,
                               token: current.requestToken)
    }

    mutating func receiveTimeReport(token: Int, report: TimeReport?) {
        guard reports?.requestToken == token else { return }
        reports?.timeReport = report
        reports?.timeReportMissingCounselor = report == nil
    }
}
