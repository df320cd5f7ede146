import TerminalKit

extension Command {
    public enum Caseload: Hashable, Sendable {
        case startSearch, keepSearch, clearSearch
        case switchCounselor, chooseCounselor
        case openStudent
        case cycleSort, toggleNotSeen, showViews, openTasks, openReports, toggleAttentionAll
        case addWalkIn, submitWalkIn, cancelWalkIn
    }
}

extension AppState {
    mutating func performCaseload(_ command: Command.Caseload) -> [Effect] {
        switch command {
        case .startSearch:
            caseload.isSearching = true
            // Picking a group, each search looks for the next student: it starts empty.
            if caseload.group != nil, !caseload.search.isEmpty {
                caseload.search = TextInput()
                return [reloadCaseload()]
            }
        case .keepSearch:
            caseload.isSearching = false
        case .clearSearch:
            caseload.isSearching = false
            guard !caseload.search.isEmpty else { return [] }
            caseload.search = TextInput()
            return [reloadCaseload()]
        case .switchCounselor:
            // A search found students elsewhere only: the district first, as the table offered.
            let current = caseload.matchesElsewhere > 0 ? counselorPickerRows.count - 1
                : counselorPickerRows.firstIndex { $0 == caseloadOwnerId } ?? 0
            var picker = TableState()
            picker.select(current, rowCount: counselorPickerRows.count, visibleRows: counselorPickerVisibleRows)
            overlay = .counselorPicker(picker)
        case .chooseCounselor:
            guard case .counselorPicker(let picker)? = overlay else { return [] }
            overlay = nil
            let rows = counselorPickerRows
            guard rows.indices.contains(picker.selected) else { return [] }
            caseloadOwnerId = rows[picker.selected]
            // The whole district keeps the search: it is where a search that found nobody
            // on a caseload is sent to look.
            if caseloadOwnerId != nil { caseload.search = TextInput() }
            caseload.isSearching = false
            // The first choice says who is at the keyboard; later ones only browse.
            guard userId == nil, let chosen = caseloadOwnerId else { return [reloadCaseload()] }
            return [reloadCaseload()] + claimIdentity(chosen)
        case .openStudent:
            return openSelectedStudent()
        case .cycleSort:
            cycleCaseloadSort()
        case .toggleNotSeen:
            toggleNotSeenFilter()
        case .toggleAttentionAll:
            toggleAttentionShowsAll()
        case .showViews:
            overlay = .savedViews
        case .openTasks:
            return openTasks()
        case .addWalkIn:
            return openWalkInForm()
        case .submitWalkIn:
            return submitWalkInForm()
        case .cancelWalkIn:
            caseload.walkInForm = nil
        case .openReports:
            reports = ReportsState()
            screens.append(.reports)
            return [reloadReport()]
        }
        return []
    }

    /// The picker lists every counselor, then "everyone in the district" (nil).
    /// Until someone is at the keyboard, only counselors: "everyone" is for browsing later.
    var counselorPickerRows: [Int64?] { userId == nil ? counselors.map(\.id) : counselors.map(\.id) + [nil] }
}
