import Foundation
import TerminalKit
import WaypointCore

extension CaseloadState {
    /// The filter's threshold: a counselor's "who haven't I seen this month?".
    static let notSeenThreshold = Attention.notSeenDays

    /// Recomputes `rows` from `loadedRows`: filtered by last contact, then sorted.
    /// Name order is the store's (folded names); last-contact order puts the longest unseen,
    /// and the never seen, first.
    /// `milestones`: which milestones a student's goal has (v2 leaves out those FAFSA is not for).
    mutating func applyView(now: Date, timeZone: TimeZone, milestones: MilestoneCatalog) {
        let today = CivilDate.today(now: now, timeZone: timeZone)
        // Ordered or filtered by plans and tiers not all known yet: nothing rather than a
        // wrong order; the missing summaries are asked for and the view applied again.
        awaitingSummaries = viewNeedsEverySummary && !unsummarizedStudents(among: loadedRows).isEmpty
        if awaitingSummaries {
            rows = []
            return
        }
        var result: CaseloadRows
        attentionWaiting = 0
        nobodySeenYet = !loadedRows.contains { $0.lastContact != nil }
        if preset == .needsAttention {
            // The short list: most urgent first, only what can be acted on this week unless asked.
            let list = Attention.shortList(Array(loadedRows), showAll: attentionShowsAll) { entry in
                CaseloadPreset.attention(entry, summary: summary(of: entry), today: today, timeZone: timeZone,
                                         nobodySeenYet: nobodySeenYet)
            }
            result = CaseloadRows(list.shown.map(\.item))
            attentionWaiting = list.waiting
        } else {
            // Everyone: the loaded rows themselves, not a copy (a district is 50,000 of them).
            result = preset == .everyone ? loadedRows
                : CaseloadRows(loadedRows.filter { preset.includes($0, summary: summary(of: $0), today: today, timeZone: timeZone,
                                                                      milestones: milestones) })
        }
        if let days = notSeenInDays {
            result = CaseloadRows(result.filter { entry in
                guard let last = entry.lastContact else { return true }
                return today.dayNumber - CivilDate.today(now: last, timeZone: timeZone).dayNumber >= days
            })
        }
        if sort == .nextMilestone {
            // Soonest due (overdue first) at the top; students with nothing due at the end.
            result = CaseloadRows(result.enumerated().sorted { lhs, rhs in
                switch (summary(of: lhs.element)?.plan?.nextMilestone?.due, summary(of: rhs.element)?.plan?.nextMilestone?.due) {
                case (nil, nil): return lhs.offset < rhs.offset
                case (nil, _): return false
                case (_, nil): return true
                case let (l?, r?): return l != r ? l < r : lhs.offset < rhs.offset
                }
            }.map(\.element))
        }
        if sort == .tier {
            // Tier 3 first; students without ABC data last.
            result = CaseloadRows(result.enumerated().sorted { lhs, rhs in
                let l = summary(of: lhs.element)?.tier ?? 0, r = summary(of: rhs.element)?.tier ?? 0
                return l != r ? l > r : lhs.offset < rhs.offset
            }.map(\.element))
        }
        if sort == .lastContact {
            result = CaseloadRows(result.enumerated().sorted { lhs, rhs in
                switch (lhs.element.lastContact, rhs.element.lastContact) {
                case (nil, nil): return lhs.offset < rhs.offset
                case (nil, _): return true
                case (_, nil): return false
                case let (l?, r?): return l != r ? l < r : lhs.offset < rhs.offset
                }
            }.map(\.element))
        }
        rows = result
    }
}

extension AppState {
    mutating func refreshCaseloadView(keepSelection: Bool) {
        let selectedId = caseload.selectedEntry?.id
        caseload.applyView(now: now, timeZone: timeZone, milestones: catalogs.milestones)
        let index = keepSelection ? (caseload.rows.firstIndex { $0.id == selectedId } ?? 0) : 0
        caseload.table.select(index, rowCount: caseload.rows.count, visibleRows: caseloadVisibleRows)
    }

    mutating func cycleCaseloadSort() {
        switch caseload.sort {
        case .name: caseload.sort = .lastContact
        case .lastContact: caseload.sort = .nextMilestone
        case .nextMilestone: caseload.sort = .tier
        case .tier: caseload.sort = .name
        }
        // The top of the new order: what the sort brought forward (issue 15).
        refreshCaseloadView(keepSelection: false)
        switch caseload.sort {
        case .name: status = StatusMessage("Sorted by name.")
        case .lastContact: status = StatusMessage("Sorted by last contact: longest unseen first.")
        case .nextMilestone: status = StatusMessage("Sorted by next milestone: overdue and soonest due first.")
        case .tier: status = StatusMessage("Sorted by early-warning tier: tier 3 first.")
        }
    }

    mutating func toggleNotSeenFilter() {
        caseload.notSeenInDays = caseload.notSeenInDays == nil ? CaseloadState.notSeenThreshold : nil
        refreshCaseloadView(keepSelection: true)
        status = StatusMessage(caseload.notSeenInDays.map { "Showing students not seen in \($0) days or more." }
            ?? "Showing every student.")
    }
}

extension AppState {
    mutating func chooseCaseloadView(_ key: TerminalKit.Key) {
        guard case .char(let c) = key, let number = c.wholeNumberValue, let preset = CaseloadPreset(rawValue: number) else {
            status = StatusMessage("Press the number of a view (1-\(CaseloadPreset.allCases.count)), or Esc.", isError: true)
            return
        }
        overlay = nil
        caseload.preset = preset
        refreshCaseloadView(keepSelection: false)
        status = StatusMessage(caseload.awaitingSummaries ? "\(preset.title): summarizing every student first…" : presetCount)
    }

    /// Needs attention says what it leaves out on its own line (`attentionNote`); the
    /// footer keeps to the count, beside the keys.
    private var presetCount: String {
        "\(caseload.preset.title): \(caseload.rows.count) of \(caseload.loadedRows.count) students."
    }

    /// `a` in Needs attention: everyone it flags, or only what can be acted on this week.
    mutating func toggleAttentionShowsAll() {
        caseload.attentionShowsAll.toggle()
        refreshCaseloadView(keepSelection: false)
        if !caseload.awaitingSummaries { status = StatusMessage(presetCount) }
    }

    /// Every summary the view waited for has come: the rows in the asked order, and the count.
    mutating func viewSummarized() {
        refreshCaseloadView(keepSelection: true)
        if !caseload.awaitingSummaries, caseload.preset != .everyone { status = StatusMessage(presetCount) }
    }
}

extension CaseloadState {
    /// Needs attention's line above the table: what is shown, what is left out and the key
    /// that shows it; for a new roster, why nobody is listed as not seen.
    var attentionNote: String {
        let count = rows.count.formatted
        var note: String
        if attentionShowsAll {
            note = "all \(count) flagged, this week's first; a shows only this week's."
        } else if attentionWaiting > 0 {
            note = "\(count) to act on this week; \(attentionWaiting.formatted) more only not seen in \(Attention.notSeenDays)+ days: a shows them."
        } else {
            note = "\(count) to act on this week."
        }
        if nobodySeenYet {
            note += " Nobody here has been seen yet, so “not seen” is left out (it would flag all \(loadedRows.count.formatted))."
        }
        return note
    }
}
