/// One behavior incident. Suspensions are counted in days because the early-warning rule
/// asks "at least one suspension", and half-day suspensions exist.
public struct ABCIncident: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case referral, detention
        case inSchoolSuspension = "in-school-suspension"
        case suspension, expulsion, other
    }

    public enum Severity: String, CaseIterable, Sendable {
        case minor, major
    }

    public var studentId: Int64
    /// ISO date (YYYY-MM-DD).
    public var date: String
    public var kind: Kind
    public var severity: Severity
    public var suspensionDays: Double
    /// The district's own incident id, when the export has one: it tells two incidents of
    /// the same kind on the same day apart, and lets a corrected row update in place.
    public var incidentId: String?

    public init(studentId: Int64, date: String, kind: Kind, severity: Severity, suspensionDays: Double,
                incidentId: String? = nil) {
        self.studentId = studentId
        self.date = date
        self.kind = kind
        self.severity = severity
        self.suspensionDays = suspensionDays
        self.incidentId = incidentId
    }

    /// What makes this row the same incident on a re-import: the incident id when there is
    /// one, else the row's own content (so a changed row without an id is a new incident).
    public var sourceKey: String {
        if let incidentId { return "id:\(incidentId)" }
        return "row:\(severity.rawValue)|\(suspensionDays)"
    }
}
