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
    public var goal: String
    public var startDate: CivilDate
    /// Planned while active; the day it ended once closed.
    public var endDate: CivilDate?
    public var sessionsPerWeek: Int
    public var minutesPerSession: Int
    public var status: InterventionStatus
    public var createdAt: Date

    public init(id: Int64? = nil, studentId: Int64, kind: String, ownerId: Int64, goal: String, startDate: CivilDate,
                endDate: CivilDate? = nil, sessionsPerWeek: Int, minutesPerSession: Int,
                status: InterventionStatus = .active, createdAt: Date = Date()) {
        self.id = id
        self.studentId = studentId
        self.kind = kind
        self.ownerId = ownerId
        self.goal = goal
        self.startDate = startDate
        self.endDate = endDate
        self.sessionsPerWeek = sessionsPerWeek
        self.minutesPerSession = minutesPerSession
        self.status = status
        self.createdAt = createdAt
    }

    /// The dosage as a counselor says it: "3 × 30 min a week".
    public var dosageText: String {
        "\(sessionsPerWeek) × \(minutesPerSession) min a week"
    }

    public var isActive: Bool { status == .active }
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
    public var createdAt: Date

    public init(id: Int64? = nil, interventionId: Int64, date: CivilDate, text: String, authorId: Int64,
                createdAt: Date = Date()) {
        self.id = id
        self.interventionId = interventionId
        self.date = date
        self.text = text
        self.authorId = authorId
        self.createdAt = createdAt
    }
}
