import WaypointCore

/// The reports screen: which report, grouped how, and its rows once computed.
public struct ReportsState: Equatable, Sendable {
    public enum Kind: Int, CaseIterable, Equatable, Sendable {
        case coverage, fafsa, tiers

        public var title: String {
            switch self {
            case .coverage: "Coverage (30 days)"
            case .fafsa: "FAFSA among seniors"
            case .tiers: "Early-warning tiers"
            }
        }
    }

    public var kind = Kind.coverage
    public var grouping = ReportGrouping.counselor
    public var report: Report?
    public var requestToken = 0
    /// Groups smaller than this are suppressed.
    public static let minimumGroup = 10

    public init() {}
}
