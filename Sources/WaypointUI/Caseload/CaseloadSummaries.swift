import Foundation
import WaypointCore

/// What a caseload row shows beyond the roster: the plan at a glance, the early-warning
/// tier, and whether an intervention is under way.
public struct CaseloadSummary: Equatable, Sendable {
    public var plan: PlanSummary?
    public var tier: Int?
    public var hasActiveIntervention: Bool

    public init(plan: PlanSummary?, tier: Int?, hasActiveIntervention: Bool) {
        self.plan = plan
        self.tier = tier
        self.hasActiveIntervention = hasActiveIntervention
    }

    init(_ entry: CaseloadEntry) {
        self.init(plan: entry.plan, tier: entry.tier, hasActiveIntervention: entry.hasActiveIntervention)
    }
}

extension CaseloadState {
    /// How many rows beyond the visible page, above and below, are summarized ahead of
    /// scrolling, so that paging down shows summaries at once.
    static let summaryMargin = 60

    /// The row's summary; nil while it is not known yet (a district loaded with its
    /// summaries on demand), which the screen shows as a blank, never as "no plan".
    func summary(of entry: CaseloadEntry) -> CaseloadSummary? {
        guard summariesOnDemand else { return CaseloadSummary(entry) }
        return summaries[entry.id]
    }

    /// Sorts and saved views that compare every row's plan or tier.
    var viewNeedsEverySummary: Bool {
        sort == .nextMilestone || sort == .tier || !(preset == .everyone || preset == .notSeenMonth)
    }

    /// The loaded students whose summaries are not known yet, with their grades (which a
    /// plan summary is computed for).
    func unsummarizedStudents(among entries: some Sequence<CaseloadEntry>) -> [Int64: Grade] {
        guard summariesOnDemand else { return [:] }
        var missing: [Int64: Grade] = [:]
        for entry in entries where summaries[entry.id] == nil {
            if let id = entry.student.id { missing[id] = entry.student.grade }
        }
        return missing
    }

    /// Takes summaries computed for `generation`; summaries of an older generation (a plan,
    /// the day or the database changed since) are dropped first.
    mutating func receiveSummaries(_ received: [Int64: CaseloadSummary], generation: Int) {
        if generation != summaryGeneration {
            summaries = [:]
            summaryGeneration = generation
        }
        summaries.merge(received) { _, new in new }
    }
}

extension CaseloadState {
    /// A caseload of up to this many rows is summarized whole right after the first frame:
    /// typing a search then finds every row's summary at hand (a few hundred take a
    /// fraction of a second; a district, seconds, so it is summarized as it scrolls).
    static let summarizedWholeUpTo = 2000

    /// Whether rows of a caseload that is summarized whole are still unsummarized, and
    /// nothing has been asked for yet.
    var restWaitsForAFrame: Bool {
        summariesOnDemand && isLoaded && !summariesRequested && loadedRows.count <= Self.summarizedWholeUpTo
            && summaries.count < loadedRows.count
    }
}

extension AppState {
    /// Once a frame is drawn, the rest of a caseload that came with its summaries on demand
    /// (the page on screen was summarized for that frame; issue 17).
    mutating func summarizeTheRestOfACaseload() -> [Effect] {
        guard caseload.restWaitsForAFrame else { return [] }
        let missing = caseload.unsummarizedStudents(among: caseload.loadedRows)
        guard !missing.isEmpty else { return [] }
        caseload.summariesRequested = true
        return [.summarizeStudents(missing)]
    }

    /// Asks for the summaries the screen needs and lacks: every row's when the sort or
    /// saved view compares them (the table waits, saying so), otherwise the rows on screen
    /// and a page around them. One request at a time: progress reported while a district is
    /// summarized comes back through the reducer, and must not ask again.
    mutating func requestCaseloadSummaries() -> [Effect] {
        guard caseload.summariesOnDemand, caseload.isLoaded, !caseload.summariesRequested else { return [] }
        let missing: [Int64: Grade]
        if caseload.awaitingSummaries {
            missing = caseload.unsummarizedStudents(among: caseload.loadedRows)
        } else {
            let rows = caseload.rows
            let first = max(0, caseload.table.offset - CaseloadState.summaryMargin)
            let last = min(rows.count, caseload.table.offset + caseloadVisibleRows + CaseloadState.summaryMargin)
            guard first < last else { return [] }
            missing = caseload.unsummarizedStudents(among: rows[first..<last])
        }
        guard !missing.isEmpty else { return [] }
        caseload.summariesRequested = true
        return [.summarizeStudents(missing)]
    }
}
