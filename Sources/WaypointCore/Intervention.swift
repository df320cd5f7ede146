import Foundation

/// A support given to a student over weeks (tutoring, mentoring, an attendance plan, …),
/// with the dosage that makes it "systemic, not episodic": how often and how long.
///
/// An intervention is never deleted; it is closed as completed or discontinued, so the
/// record shows what was tried for a student even when it did not work.
public struct Intervention: Identifiable, Equatable, Sendable {
    public var id: Int64?
    public var studentId: Int64
    /// An id from the intervention-kinds catalog.
    public var kind: String
    /// The counselor responsible for it.
    public var ownerId: Int64
    /// Another staff member who delivers it, by name (a tutor, a mentor); nil when the
    /// counselor `ownerId` does it themselves.
    public var ownerName: String?
    /// The MTSS tier it is given at (1-3); nil for interventions recorded before tiers were.
    public var tier: Int?
    /// The area it works on; nil for interventions recorded before areas were.
    public var area: InterventionArea?
    public var goal: String
    public var startDate: CivilDate
    /// Planned while active; the day it ended once closed.
    public var endDate: CivilDate?
    public var sessionsPerWeek: Int
    public var minutesPerSession: Int
    /// How many weeks it is planned to run; nil: as long as `endDate` says, or open-ended.
    public var plannedWeeks: Int?
    /// What its progress notes measure, with the unit ("quiz score %", "min attended"); nil
    /// when the notes carry no measured value.
    public var measure: String?
    public var status: InterventionStatus
    public var createdAt: Date

    public init(id: Int64? = nil, studentId: Int64, kind: String, ownerId: Int64, ownerName: String? = nil, tier: Int? = nil,
                area: InterventionArea? = nil, goal: String, startDate: CivilDate, endDate: CivilDate? = nil,
                sessionsPerWeek: Int, minutesPerSession: Int, plannedWeeks: Int? = nil, measure: String? = nil,
                status: InterventionStatus = .active, createdAt: Date = Date()) {
        self.id = id
        self.studentId = studentId
        self.kind = kind
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.tier = tier
        self.area = area
        self.goal = goal
        self.startDate = startDate
        self.endDate = endDate
        self.sessionsPerWeek = sessionsPerWeek
        self.minutesPerSession = minutesPerSession
        self.plannedWeeks = plannedWeeks
        self.measure = measure
        self.status = status
        self.createdAt = createdAt
    }

    /// The dosage as a counselor says it: "3 × 30 min a week", and "for 8 weeks" when planned.
    public var dosageText: String {
        "\(sessionsPerWeek) × \(minutesPerSession) min a week" + (plannedWeeks.map { " for \($0) week" + ($0 == 1 ? "" : "s") } ?? "")
    }

    public var isActive: Bool { status == .active }
}

/// The area an intervention works on (the ABCs, and the ASCA domains beyond them).
public enum InterventionArea: String, CaseIterable, Codable, Sendable {
    case academic, attendance, behavior
    case socialEmotional = "social-emotional"
    case career

    public var title: String {
        switch self {
        case .academic: "Academic"
        case .attendance: "Attendance"
        case .behavior: "Behavior"
        case .socialEmotional: "Social-emotional"
        case .career: "College and career"
        }
    }
}

/// Active until closed; closing is final.
public enum InterventionStatus: String, CaseIterable, Codable, Sendable {
    case active, completed, discontinued

    /// The states an intervention can be closed in.
    public static let closing: [InterventionStatus] = [.completed, .discontinued]
}

/// A dated progress note on an intervention. Notes are append-only: a correction is a
/// new note, so the progress record cannot be rewritten after the fact.
public struct InterventionNote: Identifiable, Equatable, Sendable {
    public var id: Int64?
    public var interventionId: Int64
    /// The day the progress was observed, which may be before the note was typed.
    public var date: CivilDate
    public var text: String
    public var authorId: Int64
    /// Sessions delivered since the previous note (nil: not counted in this note).
    public var sessionsDelivered: Int?
    /// The value of the intervention's `measure` seen on `date` (a weekly score, minutes).
    public var measuredValue: Double?
    public var createdAt: Date

    public init(id: Int64? = nil, interventionId: Int64, date: CivilDate, text: String, authorId: Int64,
                sessionsDelivered: Int? = nil, measuredValue: Double? = nil, createdAt: Date = Date()) {
        self.id = id
        self.interventionId = interventionId
        self.date = date
        self.text = text
        self.authorId = authorId
        self.sessionsDelivered = sessionsDelivered
        self.measuredValue = measuredValue
        self.createdAt = createdAt
    }
}
