import WaypointCore

/// The reports screen: which report, grouped how, and its rows once computed.
public struct ReportsState: Equatable, Sendable {
    public enum Kind: Int, CaseIterable, Equatable, Sendable {
        case coverage, fafsa, tiers
        /// Minutes by session kind and week for one counselor (`TimeReport`).
        case time
        /// College applications and outcomes among seniors (issue 16, item 4).
        case applications

        public var title: String {
            switch self {
            case .coverage: "Coverage (30 days)"
            case .fafsa: "FAFSA among seniors"
            case .tiers: "Early-warning tiers"
            case .applications: "College applications"
            case .time: "Time"
            }
        }

        /// The tab's name when the full titles do not fit across the screen (80 columns).
        public var shortTitle: String {
            switch self {
            case .coverage: "Coverage"
            case .fafsa: "FAFSA"
            case .tiers: "Tiers"
            case .applications: "Colleges"
            case .time: "Time"
            }
        }
    }

    public var kind = Kind.coverage
    public var grouping = ReportGrouping.counselor
    public var report: Report?
    /// The time report, when `kind` is `.time`.
    public var timeReport: TimeReport?
    /// The time report came back empty-handed: nobody was chosen to report on.
    public var timeReportMissingCounselor = false
    public var requestToken = 0
    /// Groups smaller than this are suppressed.
    public static let minimumGroup = 10

    public init() {}

    /// How many weeks of the time report fit across `width` columns beside the longest kind
    /// title, a total and the count of sessions without minutes: 6 at 80 columns, 12 at 120.
    public static func timeWeeks(width: Int) -> Int {
        let body = width - 2, kind = 26, fixed = 1 + TimeColumns.total + 1 + TimeColumns.untimed
        return min(12, max(4, (body - kind - fixed) / (TimeColumns.week + 1)))
    }

    /// Column widths of the time report on screen.
    enum TimeColumns {
        static let week = 5, total = 6, untimed = 7
    }
}
