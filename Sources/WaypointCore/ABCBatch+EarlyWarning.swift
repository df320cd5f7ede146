extension ABCBatch {
    /// One student's tier and its reasons from these rows (see `EarlyWarning.evaluate`).
    public func assessment(rules: EarlyWarningRules) -> TierAssessment {
        EarlyWarning.evaluate(attendance: attendance, incidents: incidents, marks: marks, rules: rules)
    }

    /// One student's ABCs line from these rows, newest term first (see `ABCSummaryLine`).
    public func summaryLine(trend: ABCSummaryLine.Trend? = nil) -> String {
        ABCSummaryLine.text(attendance: attendance, incidents: incidents, marks: marks, trend: trend)
    }
}
