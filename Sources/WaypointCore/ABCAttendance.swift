/// One student's attendance over one term, as the student information system counts it.
/// Kept per term (not per day) because that is what districts export and what the
/// chronic-absence rule (attendance below 90% in a term) reads.
public struct ABCAttendance: Equatable, Sendable {
    public var studentId: Int64
    /// "2026-FA"; see `ABCTerm`.
    public var term: String
    /// ISO dates (YYYY-MM-DD), the span the counts cover.
    public var startDate: String
    public var endDate: String
    public var daysEnrolled: Int
    public var daysPresent: Int

    public init(studentId: Int64, term: String, startDate: String, endDate: String, daysEnrolled: Int, daysPresent: Int) {
        self.studentId = studentId
        self.term = term
        self.startDate = startDate
        self.endDate = endDate
        self.daysEnrolled = daysEnrolled
        self.daysPresent = daysPresent
    }

    public var daysAbsent: Int { daysEnrolled - daysPresent }

    /// Share of enrolled days present, 0...1; nil when the student was enrolled no days.
    public var rate: Double? {
        daysEnrolled == 0 ? nil : Double(daysPresent) / Double(daysEnrolled)
    }
}
