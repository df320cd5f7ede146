import Foundation

/// Something a counselor promised to do for or with a student, with a due date.
public struct FollowUp: Identifiable, Equatable, Sendable {
    public var id: Int64?
    public var studentId: Int64
    /// The session it came from, if any.
    public var sessionId: Int64?
    public var authorId: Int64
    public var text: String
    public var dueDate: CivilDate?
    public var status: FollowUpStatus
    public var createdAt: Date
    /// When it was marked done or dropped.
    public var closedAt: Date?
    /// How it repeats (a reminder every 2 weeks, a check-in plan); nil: once.
    public var recurrence: Recurrence?
    /// The reminder of the same series this one was made from when that one was done.
    public var repeatedFromId: Int64?

    public init(id: Int64? = nil, studentId: Int64, sessionId: Int64? = nil, authorId: Int64, text: String,
                dueDate: CivilDate?, status: FollowUpStatus = .open, createdAt: Date, closedAt: Date? = nil,
                recurrence: Recurrence? = nil, repeatedFromId: Int64? = nil) {
        self.id = id
        self.studentId = studentId
        self.sessionId = sessionId
        self.authorId = authorId
        self.text = text
        self.dueDate = dueDate
        self.status = status
        self.createdAt = createdAt
        self.closedAt = closedAt
        self.recurrence = recurrence
        self.repeatedFromId = repeatedFromId
    }

    public func isOverdue(today: CivilDate) -> Bool {
        guard status == .open, let dueDate else { return false }
        return dueDate < today
    }
}

public enum FollowUpStatus: String, CaseIterable, Codable, Sendable {
    case open, done, dropped
}

/// A follow-up typed with a session, before it is saved: "2026-12-05: call home".
public struct FollowUpDraft: Equatable, Sendable, Codable {
    public var text: String
    public var dueDate: String

    public init(text: String, dueDate: String) {
        self.text = text
        self.dueDate = dueDate
    }

    /// Parses the CLI's "DATE:TEXT" form.
    public static func parse(_ spec: String, today: CivilDate) throws(DueDate.ParseError) -> (CivilDate, String)? {
        guard let colon = spec.firstIndex(of: ":") else { return nil }
        let date = try DueDate.parse(String(spec[..<colon]), today: today)
        let text = spec[spec.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : (date, text)
    }
}
