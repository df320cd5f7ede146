/// Early warning on the ABCs: attendance, behavior and course performance in a student's
/// most recent term, read against the district's `EarlyWarningRules`.
///
/// Pass one student's rows. The term evaluated is the latest (in `ABCTerm` order) that has
/// an attendance row or a course mark, because an older term describes a student who may
/// have changed. Incidents carry dates, not terms, so they count when they fall in that
/// term's dates as its attendance rows give them. When no attendance row gives the dates
/// (a term known only from marks, or incidents alone), incidents count over the rules'
/// window (120 days by default, about a semester) up to the newest incident: a recent
/// suspension must not vanish because attendance has not been imported yet.
public enum EarlyWarning {
    public static func evaluate(attendance: [ABCAttendance], incidents: [ABCIncident], marks: [ABCCourseMark],
                                rules: EarlyWarningRules) -> TierAssessment {
        let terms = attendance.map(\.term) + marks.map(\.term)
        let term = terms.max { ABCTerm.isLater($1, than: $0) }
        guard term != nil || !incidents.isEmpty else {
            return TierAssessment(tier: nil, term: nil, indicators: [],
                                  reasons: ["no attendance, behavior or grade data"])
        }
        let termAttendance = attendance.filter { $0.term == term }
        let termMarks = marks.filter { $0.term == term }
        let window = behaviorWindow(termAttendance, incidents, rules: rules.behavior)
        let termName = term.map { "in \($0)" } ?? window.text

        var indicators: [TierAssessment.Indicator] = []
        var missing: [String] = []
        if let rate = rate(termAttendance) {
            if let indicator = attendanceIndicator(rate, rules.attendance, termName) { indicators.append(indicator) }
        } else {
            missing.append(term.map { "no attendance data in \($0)" } ?? "no attendance data")
        }
        let windowIncidents = incidents.filter { window.dates.contains($0.date) }
        if let indicator = behaviorIndicator(windowIncidents, rules.behavior, window.text) {
            indicators.append(indicator)
        }
        if termMarks.isEmpty {
            missing.append(term.map { "no grade data in \($0)" } ?? "no grade data")
        } else if let indicator = coursesIndicator(termMarks, rules.courses, termName) {
            indicators.append(indicator)
        }

        let tier = indicators.count >= rules.tier3Indicators || indicators.contains(where: \.isSevere) ? 3
            : indicators.isEmpty ? 1 : 2
        let found = indicators.isEmpty ? ["no early-warning indicator \(termName)"] : indicators.flatMap(\.reasons)
        return TierAssessment(tier: tier, term: term, indicators: indicators, reasons: found + missing)
    }

    /// Days present over days enrolled across the term's rows (a student who changed
    /// schools mid-term has one per school); nil when enrolled no days.
    static func rate(_ rows: [ABCAttendance]) -> Double? {
        let enrolled = rows.map(\.daysEnrolled).reduce(0, +)
        return enrolled == 0 ? nil : Double(rows.map(\.daysPresent).reduce(0, +)) / Double(enrolled)
    }

    /// The ISO dates incidents count over, and how reasons name them.
    static func behaviorWindow(_ termAttendance: [ABCAttendance], _ incidents: [ABCIncident],
                               rules: EarlyWarningRules.Behavior) -> (dates: ClosedRange<String>, text: String) {
        if let start = termAttendance.map(\.startDate).min(), let end = termAttendance.map(\.endDate).max(),
           start <= end, let term = termAttendance.first?.term {
            return (start...end, "in \(term)")
        }
        guard let newest = incidents.map(\.date).max(), let date = CivilDate(iso: newest) else {
            return ("" ... "", "")
        }
        let start = date.adding(days: -(rules.windowDays - 1)).iso
        return (start...newest, "in the \(rules.windowDays) days to \(newest)")
    }

    static func attendanceIndicator(_ rate: Double, _ rules: EarlyWarningRules.Attendance,
                                    _ termName: String) -> TierAssessment.Indicator? {
        guard rate < rules.chronicBelow else { return nil }
        return TierAssessment.Indicator(kind: .attendance, reasons: ["attendance \(percent(rate)) \(termName)"],
                                        isSevere: rate < rules.severeBelow)
    }

    /// A suspension is one in or out of school, or any incident with suspension days
    /// (a district may record a suspension under "other").
    static func behaviorIndicator(_ incidents: [ABCIncident], _ rules: EarlyWarningRules.Behavior,
                                  _ termName: String) -> TierAssessment.Indicator? {
        let suspensions = incidents.filter {
            $0.kind == .suspension || $0.kind == .inSchoolSuspension || $0.suspensionDays > 0
        }
        let days = suspensions.map(\.suspensionDays).reduce(0, +)
        var reasons: [String] = []
        if suspensions.count >= rules.suspensions {
            reasons.append("\(count(suspensions.count, "suspension")) \(termName)")
        }
        if incidents.count >= rules.incidents {
            reasons.append("\(count(incidents.count, "incident")) \(termName)")
        }
        let isSevere = days >= rules.severeSuspensionDays && days > 0
        if isSevere {
            reasons.append("suspended \(CreditFormat.text(days)) days \(termName)")
        }
        guard !reasons.isEmpty else { return nil }
        return TierAssessment.Indicator(kind: .behavior, reasons: reasons, isSevere: isSevere)
    }

    static func coursesIndicator(_ marks: [ABCCourseMark], _ rules: EarlyWarningRules.Courses,
                                 _ termName: String) -> TierAssessment.Indicator? {
        let failing = marks.filter { $0.isCore && $0.mark.isFailing }.map(\.course)
        var reasons: [String] = []
        if failing.count >= rules.failingCoreCourses {
            reasons.append("failing \(list(failing)) \(termName)")
        }
        if let gpa = ABCCourseMark.termGPA(marks), gpa < rules.gpaBelow {
            reasons.append("GPA \(truncated(gpa, places: 2)) \(termName)")
        }
        guard !reasons.isEmpty else { return nil }
        return TierAssessment.Indicator(kind: .courses, reasons: reasons,
                                        isSevere: failing.count >= rules.severeFailingCoreCourses)
    }

    /// "89.9%", never rounded up: a rate just under the line must not read as on it.
    public static func percent(_ rate: Double) -> String {
        truncated(rate * 100, places: 1) + "%"
    }

    /// Cut (not rounded) to `places` decimals, trailing zeros dropped: GPA 1.99 reads
    /// "1.99", not "2.0", because 2.0 is the line it is below.
    public static func truncated(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let cut = (value * scale + 1e-9).rounded(.down) / scale
        return CreditFormat.text(cut)
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// "Algebra I", "Algebra I and Biology", "Algebra I, Biology and English 9".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
