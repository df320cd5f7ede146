/// Dosage delivered against planned: "9 of 16 sessions, 270 of 480 min".
///
/// The one rule for it, so the profile, the command line and any report agree:
/// - planned sessions are sessions a week × the planned weeks; the planned weeks are the
///   ones the counselor gave, else the weeks from the start to the end date (a part week
///   counts as one), else there is no planned total (an open-ended intervention);
/// - delivered sessions are the sum of the sessions its progress notes counted;
/// - minutes, planned and delivered, are sessions × minutes a session.
public struct InterventionDosage: Equatable, Sendable {
    public var deliveredSessions: Int
    public var plannedSessions: Int?
    public var minutesPerSession: Int

    public init(_ intervention: Intervention, notes: [InterventionNote]) {
        deliveredSessions = notes.filter { $0.interventionId == intervention.id }.reduce(0) { $0 + ($1.sessionsDelivered ?? 0) }
        plannedSessions = Self.plannedWeeks(intervention).map { $0 * intervention.sessionsPerWeek }
        minutesPerSession = intervention.minutesPerSession
    }

    public var deliveredMinutes: Int { deliveredSessions * minutesPerSession }
    public var plannedMinutes: Int? { plannedSessions.map { $0 * minutesPerSession } }

    /// The weeks planned: as given, else from the start to the end date, else nil.
    public static func plannedWeeks(_ intervention: Intervention) -> Int? {
        if let weeks = intervention.plannedWeeks { return weeks }
        guard let end = intervention.endDate else { return nil }
        let days = end.dayNumber - intervention.startDate.dayNumber + 1
        return max(1, (days + 6) / 7)
    }

    /// "9 of 16 sessions, 270 of 480 min", or "9 sessions, 270 min (open-ended)".
    public var text: String {
        let noun = { (count: Int) in count == 1 ? "session" : "sessions" }
        guard let plannedSessions, let plannedMinutes else {
            return "\(deliveredSessions) \(noun(deliveredSessions)), \(deliveredMinutes) min (open-ended)"
        }
        return "\(deliveredSessions) of \(plannedSessions) \(noun(plannedSessions)), \(deliveredMinutes) of \(plannedMinutes) min"
    }
}

extension Intervention {
    /// The measured values of its notes, oldest first: what the profile draws as a sparkline.
    public func measuredValues(_ notes: [InterventionNote]) -> [Double] {
        notes.filter { $0.interventionId == id }.sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
            .compactMap(\.measuredValue)
    }

    /// Who delivers it, in words: the staff member named, else the counselor's name.
    public func ownerText(counselorName: String?) -> String {
        ownerName ?? counselorName ?? "counselor \(ownerId)"
    }
}
