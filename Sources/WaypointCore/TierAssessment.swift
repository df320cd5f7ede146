/// A student's early-warning tier for one term and the reasons for it, in words a
/// counselor can repeat to a family ("attendance 86% in 2026-FA; failing Algebra I").
public struct TierAssessment: Equatable, Sendable {
    /// One of the ABCs that holds, with what made it hold.
    public struct Indicator: Equatable, Sendable {
        public enum Kind: String, CaseIterable, Sendable {
            case attendance, behavior, courses
        }

        public var kind: Kind
        /// Each fact that made the indicator hold ("1 suspension in 2026-FA", "3 incidents in 2026-FA").
        public var reasons: [String]
        /// A severe threshold was crossed, which alone puts the student in tier 3.
        public var isSevere: Bool

        public init(kind: Kind, reasons: [String], isSevere: Bool) {
            self.kind = kind
            self.reasons = reasons
            self.isSevere = isSevere
        }

        /// The reasons as one line.
        public var reason: String { reasons.joined(separator: "; ") }
    }

    /// 1 (no indicator), 2 (one) or 3 (several, or one severe). Nil when there is no
    /// attendance, behavior or grade data at all: "no data" must never read as "fine".
    public var tier: Int?
    /// The term evaluated; nil when no attendance or mark names one.
    public var term: String?
    /// The indicators that hold, in the order attendance, behavior, courses.
    public var indicators: [Indicator]
    /// Why this tier: the indicators' reasons, or that none holds, followed by any ABC data
    /// missing for the term.
    public var reasons: [String]

    public init(tier: Int?, term: String?, indicators: [Indicator], reasons: [String]) {
        self.tier = tier
        self.term = term
        self.indicators = indicators
        self.reasons = reasons
    }

    /// The tier and its reasons as one line ("Tier 2: attendance 86% in 2026-FA"), or that
    /// there is no tier and why: a student without data is never shown as tier 1.
    public var line: String {
        (tier.map { "Tier \($0): " } ?? "No tier: ") + reasons.joined(separator: "; ")
    }
}
