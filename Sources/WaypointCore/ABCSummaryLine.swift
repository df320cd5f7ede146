/// The ABCs in one line: the latest term's attendance, behavior and grades, as the profile
/// shows them and `waypoint student show` prints them.
public enum ABCSummaryLine {
    /// Draws a trend across terms (oldest first) scaled to a range, e.g. as a sparkline.
    public typealias Trend = ([Double], ClosedRange<Double>) -> String

    /// Pass one student's rows newest term first, as the store gives them. With `trend`,
    /// the attendance rate and the GPA are each followed by their trend across terms; a
    /// script or a file has no use for one, so without it they stand alone.
    public static func text(attendance: [ABCAttendance], incidents: [ABCIncident], marks: [ABCCourseMark],
                            trend: Trend? = nil) -> String {
        guard let latest = attendance.first?.term ?? marks.first?.term else {
            return "ABCs: no attendance, behavior or grade data yet"
        }
        func withTrend(_ text: String, _ values: [Double], _ range: ClosedRange<Double>) -> String {
            trend.map { "\(text) \($0(values, range))" } ?? text
        }
        var parts: [String] = []
        let attendanceTrend = attendance.reversed().compactMap(\.rate)
        if let rate = attendance.first(where: { $0.term == latest })?.rate {
            parts.append(withTrend("attendance \(EarlyWarning.percent(rate))", attendanceTrend, 0.75...1.0))
        }
        if let record = attendance.first(where: { $0.term == latest }) {
            let inTerm = incidents.filter { $0.date >= record.startDate && $0.date <= record.endDate }
            let suspensions = inTerm.filter { $0.kind == .suspension || $0.kind == .inSchoolSuspension || $0.suspensionDays > 0 }.count
            if suspensions > 0 { parts.append("\(suspensions) suspension\(suspensions == 1 ? "" : "s")") }
            let others = inTerm.count - suspensions
            parts.append(others == 0 && suspensions == 0 ? "no incidents" : (others > 0 ? "\(others) incident\(others == 1 ? "" : "s")" : ""))
        }
        let terms = Array(Set(marks.map(\.term))).sorted { ABCTerm.isLater($1, than: $0) }
        let gpas = terms.compactMap { term in ABCCourseMark.termGPA(marks.filter { $0.term == term }) }
        if let gpa = ABCCourseMark.termGPA(marks.filter { $0.term == latest }) {
            parts.append(withTrend("GPA \(EarlyWarning.truncated(gpa, places: 2))", gpas, 0...4))
        }
        let failing = marks.filter { $0.term == latest && $0.isCore && $0.mark.isFailing }
        if !failing.isEmpty { parts.append("failing " + failing.map(\.course).joined(separator: ", ")) }
        return "ABCs \(latest): " + parts.filter { !$0.isEmpty }.joined(separator: " · ")
    }
}
