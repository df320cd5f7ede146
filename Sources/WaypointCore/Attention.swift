/// Why a student needs attention, and how urgently: the one rule behind the caseload's
/// "Needs attention" view (v7) and `waypoint attention`.
///
/// A student needs attention when they are on early-warning tier 2-3 with no intervention
/// under way, when this year's next milestone is overdue, or when they have not been seen in
/// `notSeenDays`. The list is ordered by urgency: tier (3 first), then how overdue, then how
/// long unseen. Only what a counselor can act on this week is shown at first: "not seen" on
/// its own, for a student with no early-warning concern, can wait.
public struct Attention: Equatable, Sendable {
    /// "Not seen in a month": a counselor's "who haven't I seen lately?".
    public static let notSeenDays = 30

    public enum Reason: Equatable, Sendable {
        /// Early-warning tier 2 or 3 with no intervention under way.
        case tierWithoutIntervention(tier: Int)
        /// This year's next milestone is past its due date by `days`.
        case milestoneOverdue(title: String, days: Int)
        /// Not seen for `days` (nil: never seen).
        case notSeen(days: Int?)

        /// Short enough to lead a row at 80 columns; the tier is beside it in its own column.
        public var text: String {
            switch self {
            case .tierWithoutIntervention: "No intervention"
            case .milestoneOverdue(let title, let days): "\(title) \(days)d overdue"
            case .notSeen(let days?): "not seen \(days)d"
            case .notSeen(nil): "never seen"
            }
        }
    }

    /// Most urgent first.
    public var reasons: [Reason]
    /// The early-warning tier, 0 without ABC data.
    public var tier: Int
    /// Days the next milestone is overdue; 0 when none is.
    public var daysOverdue: Int
    /// Days since the student was last seen; nil: never.
    public var daysUnseen: Int?
    /// Something to act on this week: support to start, a milestone to catch up on, or a
    /// tier 2-3 student to check in with. False: only "not seen lately", which can wait.
    public var isThisWeek: Bool

    /// What the row leads with: every reason, most urgent first.
    public var text: String { reasons.map(\.text).joined(separator: "; ") }

    /// "T3", or "" without ABC data: shown beside the reasons, since it orders the list.
    public var tierText: String { tier > 0 ? "T\(tier)" : "" }

    /// The student's reasons, or nil when nothing needs attention.
    /// `nobodySeenYet`: no student of the list has been seen (a new roster); then "not seen"
    /// says nothing about anyone and is left out, rather than flagging every student.
    public init?(tier: Int?, hasActiveIntervention: Bool, nextMilestone: PlanSummary.NextMilestone?,
                 lastSeen: CivilDate?, today: CivilDate, nobodySeenYet: Bool) {
        var reasons: [Reason] = []
        let tier = tier ?? 0
        if tier >= 2, !hasActiveIntervention { reasons.append(.tierWithoutIntervention(tier: tier)) }
        var overdue = 0
        if let next = nextMilestone, next.isOverdue {
            overdue = max(1, today.dayNumber - next.due.dayNumber)
            reasons.append(.milestoneOverdue(title: next.title, days: overdue))
        }
        let unseen = lastSeen.map { today.dayNumber - $0.dayNumber }
        let notSeen = !nobodySeenYet && (unseen.map { $0 >= Attention.notSeenDays } ?? true)
        if notSeen { reasons.append(.notSeen(days: unseen)) }
        guard !reasons.isEmpty else { return nil }
        self.reasons = reasons
        self.tier = tier
        daysOverdue = overdue
        daysUnseen = unseen
        isThisWeek = reasons.contains { reason in
            if case .notSeen = reason { return tier >= 2 }
            return true
        }
    }

    /// Urgency order: tier, then how overdue, then how long unseen (never seen longest);
    /// false when neither comes first.
    public static func isMoreUrgent(_ lhs: Attention, than rhs: Attention) -> Bool {
        if lhs.tier != rhs.tier { return lhs.tier > rhs.tier }
        if lhs.daysOverdue != rhs.daysOverdue { return lhs.daysOverdue > rhs.daysOverdue }
        return (lhs.daysUnseen ?? Int.max) > (rhs.daysUnseen ?? Int.max)
    }

    /// What a list of students needs: those to act on this week, most urgent first (ties keep
    /// the given order), and how many more can wait. `showAll` lists those too, after.
    public static func shortList<Item>(_ items: [Item], showAll: Bool, attention: (Item) -> Attention?)
        -> (shown: [(item: Item, attention: Attention)], waiting: Int) {
        var flagged: [(offset: Int, item: Item, attention: Attention)] = []
        for (offset, item) in items.enumerated() {
            if let found = attention(item) { flagged.append((offset, item, found)) }
        }
        let waiting = flagged.filter { !$0.attention.isThisWeek }.count
        let shown = flagged.filter { showAll || $0.attention.isThisWeek }.sorted { lhs, rhs in
            // This week's first, then by urgency.
            if lhs.attention.isThisWeek != rhs.attention.isThisWeek { return lhs.attention.isThisWeek }
            if isMoreUrgent(lhs.attention, than: rhs.attention) { return true }
            if isMoreUrgent(rhs.attention, than: lhs.attention) { return false }
            return lhs.offset < rhs.offset
        }
        return (shown.map { ($0.item, $0.attention) }, waiting)
    }
}
