import Foundation
import WaypointCore

/// Saved views of the caseload: the questions counselors ask of it every week, one
/// keystroke each after `v` ("v2": seniors without FAFSA).
public enum CaseloadPreset: Int, CaseIterable, Equatable, Sendable {
    case everyone = 1, seniorsWithoutFAFSA, notOnTrack, overdueMilestone, notSeenMonth, tierTwoOrThree, needsAttention

    public var title: String {
        switch self {
        case .everyone: "Every student"
        case .seniorsWithoutFAFSA: "Seniors without FAFSA"
        case .notOnTrack: "Not on track to graduate"
        case .overdueMilestone: "An overdue milestone"
        case .notSeenMonth: "Not seen in 30 days"
        case .tierTwoOrThree: "Early warning: tier 2 or 3"
        case .needsAttention: "Needs attention"
        }
    }

    /// `summary`: the entry's plan, tier and interventions (nil: not known).
    func includes(_ entry: CaseloadEntry, summary: CaseloadSummary?, today: CivilDate, timeZone: TimeZone,
                  milestones: MilestoneCatalog) -> Bool {
        switch self {
        case .everyone:
            return true
        case .seniorsWithoutFAFSA:
            // Only seniors whose goal the FAFSA serves: not the one bound for the military.
            let applies = summary?.plan.map { plan in milestones.milestone("fafsa")?.applies(to: plan.goal) ?? true } ?? true
            return entry.student.grade.rawValue == 12 && applies && !(summary?.plan?.completedMilestoneIds.contains("fafsa") ?? false)
        case .notOnTrack:
            // `isOnTrack` is true below grade 9 (`PlanSummary`): no K-8 student is listed.
            return summary?.plan.map { !$0.isOnTrack } ?? false
        case .overdueMilestone:
            return summary?.plan?.nextMilestone?.isOverdue ?? false
        case .tierTwoOrThree:
            return (summary?.tier ?? 1) >= 2
        case .needsAttention:
            // The short list itself (urgency order, this week only) is `CaseloadState.applyView`'s.
            return CaseloadPreset.attention(entry, summary: summary, today: today, timeZone: timeZone, nobodySeenYet: false) != nil
        case .notSeenMonth:
            guard let last = entry.lastContact else { return true }
            return today.dayNumber - CivilDate.today(now: last, timeZone: timeZone).dayNumber >= CaseloadState.notSeenThreshold
        }
    }

    /// Why the student needs attention (`Attention`, the rule shared with `waypoint attention`).
    static func attention(_ entry: CaseloadEntry, summary: CaseloadSummary?, today: CivilDate, timeZone: TimeZone,
                          nobodySeenYet: Bool) -> Attention? {
        Attention(tier: summary?.tier, hasActiveIntervention: summary?.hasActiveIntervention ?? false,
                  nextMilestone: summary?.plan?.nextMilestone,
                  lastSeen: entry.lastContact.map { CivilDate.today(now: $0, timeZone: timeZone) },
                  today: today, nobodySeenYet: nobodySeenYet)
    }
}
