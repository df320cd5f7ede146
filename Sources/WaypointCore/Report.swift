/// A report for leaders: one row per group, with the group size and the measures, and
/// small groups suppressed so that no student can be identified.
public struct Report: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var group: String
        public var count: Int
        /// One value per measure; nil when suppressed or not applicable.
        public var values: [Double?]
        public var isSuppressed: Bool

        public init(group: String, count: Int, values: [Double?], isSuppressed: Bool = false) {
            self.group = group
            self.count = count
            self.values = values
            self.isSuppressed = isSuppressed
        }
    }

    public var title: String
    public var groupTitle: String
    /// Column titles of the measures, e.g. "Seen in 30 days (%)".
    public var measures: [String]
    public var rows: [Row]
    /// All students together; never suppressed (the whole district or caseload).
    public var total: Row

    public init(title: String, groupTitle: String, measures: [String], rows: [Row], total: Row) {
        self.title = title
        self.groupTitle = groupTitle
        self.measures = measures
        self.rows = rows
        self.total = total
    }
}

/// Small-group suppression, as disaggregated reports on students require.
public enum Suppression {
    /// The line under a report with a hidden group, on the screen and in `waypoint report`:
    /// a "*" must not be read as zero. Short enough for an 80-column screen.
    public static func legend(minimumGroup: Int) -> String {
        "* fewer than \(minimumGroup) students, or hidden so the total cannot reveal a small group"
    }

    /// Hides every group smaller than `minimum`. When exactly one group of a report is hidden,
    /// the total minus the others would reveal it, so the next smallest group is hidden too
    /// (complementary suppression).
    public static func apply(_ rows: [Report.Row], minimum: Int) -> [Report.Row] {
        var result = rows
        for index in result.indices where result[index].count < minimum {
            result[index].isSuppressed = true
        }
        let hidden = result.filter(\.isSuppressed).count
        if hidden == 1, let next = result.indices.filter({ !result[$0].isSuppressed }).min(by: { result[$0].count < result[$1].count }) {
            result[next].isSuppressed = true
        }
        for index in result.indices where result[index].isSuppressed {
            result[index].values = result[index].values.map { _ in nil }
        }
        return result
    }
}
