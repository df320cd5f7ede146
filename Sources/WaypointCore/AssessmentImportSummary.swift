/// What an assessment import did (or, in a dry run, would do): results added, scores of an
/// earlier sitting corrected, and rows already as the file says.
public struct AssessmentImportSummary: Equatable, Sendable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0

    public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
    }

    /// "Test results: 12 added, 1 updated, 40 unchanged".
    public var line: String {
        "Test results: \(added) added, \(updated) updated, \(unchanged) unchanged"
    }
}
