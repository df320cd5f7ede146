import TerminalKit
import WaypointCore

/// The ABCs in one line for the profile: the latest term's attendance, behavior and grades,
/// each with its trend across terms as a sparkline.
enum ABCSummaryText {
    static func line(_ data: ProfileData, ascii: Bool) -> String {
        guard let latest = data.attendance.first?.term ?? data.marks.first?.term else {
            return "ABCs: no attendance, behavior or grade data yet"
        }
        var parts: [String] = []
        let attendanceTrend = data.attendance.reversed().compactMap(\.rate)
        if let rate = data.attendance.first(where: { $0.term == latest })?.rate {
            parts.append("attendance \(percent(rate)) " + Sparkline.text(attendanceTrend, range: 0.75...1.0, ascii: ascii))
        }
        if let record = data.attendance.first(where: { $0.term == latest }) {
            let inTerm = data.incidents.filter { $0.date >= record.startDate && $0.date <= record.endDate }
            let suspensions = inTerm.filter { $0.kind == .suspension || $0.kind == .inSchoolSuspension || $0.suspensionDays > 0 }.count
            if suspensions > 0 { parts.append("\(suspensions) suspension\(suspensions == 1 ? "" : "s")") }
            let others = inTerm.count - suspensions
            parts.append(others == 0 && suspensions == 0 ? "no incidents" : (others > 0 ? "\(others) incident\(others == 1 ? "" : "s")" : ""))
        }
        let terms = Array(Set(data.marks.map(\.term))).sorted { ABCTerm.isLater($1, than: $0) }
        let gpas = terms.compactMap { term in ABCCourseMark.termGPA(data.marks.filter { $0.term == term }) }
        if let gpa = ABCCourseMark.termGPA(data.marks.filter { $0.term == latest }) {
            parts.append("GPA \(EarlyWarning.truncated(gpa, places: 2)) " + Sparkline.text(gpas, range: 0...4, ascii: ascii))
        }
        let failing = data.marks.filter { $0.term == latest && $0.isCore && $0.mark.isFailing }
        if !failing.isEmpty { parts.append("failing " + failing.map(\.course).joined(separator: ", ")) }
        return "ABCs \(latest): " + parts.filter { !$0.isEmpty }.joined(separator: " · ")
    }

    /// Cut, never rounded up, as the tier's reasons are: 89.6% must not read "90%" beside a
    /// chronic-absence reason.
    static func percent(_ rate: Double) -> String { EarlyWarning.percent(rate) }
}
