import Foundation

/// One contact with a student: who, when, how long, what kind, what was said.
///
/// The note itself lives in an append-only history (`NoteVersion`); `note` is its latest
/// version. Sessions are never erased: deleting one archives it.
public struct AdvisingSession: Identifiable, Equatable, Sendable {
    public var id: Int64?
    public var studentId: Int64
    /// The counselor who recorded it; set by Waypoint, never by the user.
    public var authorId: Int64
    public var startedAt: Date
    public var durationMinutes: Int
    /// A session kind id from the catalog ("academic", "college", …).
    public var kind: String
    public var participants: [Participant]
    /// The family contacts (`FamilyContact` ids) named as the parent or guardian present.
    public var contactIds: [Int64]
    /// A group session's other students (a group, a classroom lesson, siblings), in the order
    /// listed, after `studentId`; empty for a session with one student. The note is written
    /// once and each student's history shows it.
    public var otherStudentIds: [Int64]
    public var topics: [String]
    public var isConfidential: Bool
    public var isArchived: Bool
    public var note: String
    /// Which version of the note `note` is (1 for the original; 0 before it is saved): an
    /// amendment says which one it was written over, so one made elsewhere is not buried.
    public var noteVersion: Int

    public init(id: Int64? = nil, studentId: Int64, authorId: Int64, startedAt: Date, durationMinutes: Int,
                kind: String, participants: [Participant] = [.student], topics: [String] = [],
                isConfidential: Bool = false, isArchived: Bool = false, note: String, noteVersion: Int = 0,
                contactIds: [Int64] = [], otherStudentIds: [Int64] = []) {
        self.id = id
        self.studentId = studentId
        self.authorId = authorId
        self.startedAt = startedAt
        self.durationMinutes = durationMinutes
        self.kind = kind
        self.participants = participants
        self.contactIds = contactIds
        self.otherStudentIds = otherStudentIds
        self.topics = topics
        self.isConfidential = isConfidential
        self.isArchived = isArchived
        self.note = note
        self.noteVersion = noteVersion
    }

    /// Every student of the session, the session's own first.
    public var studentIds: [Int64] { [studentId] + otherStudentIds }

    /// The first non-empty line of the note: what a history list shows.
    public var firstLine: String {
        note.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
    }
}

/// Who took part in a session.
public enum Participant: String, CaseIterable, Codable, Sendable {
    case student, parentGuardian = "parent-guardian", teacher, other

    public var title: String {
        switch self {
        case .student: "Student"
        case .parentGuardian: "Parent/guardian"
        case .teacher: "Teacher"
        case .other: "Other"
        }
    }
}

/// One version of a session's note. The first is the original; each amendment adds one.
public struct NoteVersion: Equatable, Sendable {
    public var sessionId: Int64
    public var version: Int
    public var text: String
    public var authorId: Int64
    public var createdAt: Date

    public init(sessionId: Int64, version: Int, text: String, authorId: Int64, createdAt: Date) {
        self.sessionId = sessionId
        self.version = version
        self.text = text
        self.authorId = authorId
        self.createdAt = createdAt
    }
}

/// A session as a given counselor may see it: a confidential session by someone else shows
/// that a contact happened (date, kind, who) but not what was said.
public struct SessionView: Identifiable, Equatable, Sendable {
    public var session: AdvisingSession
    public var authorName: String
    public var isRedacted: Bool
    /// How many students the session was with (1, or a group's size): shown even when the
    /// note is confidential, as the count of who was there, never who.
    public var studentCount: Int
    /// The students' names, the session's own first; empty when redacted (a confidential
    /// group's members are its author's to know).
    public var studentNames: [String]

    public var id: Int64 { session.id ?? -1 }
    public var isGroup: Bool { studentCount > 1 }

    public init(session: AdvisingSession, authorName: String, viewerId: Int64?, studentNames: [String] = []) {
        isRedacted = session.isConfidential && session.authorId != viewerId
        studentCount = session.studentIds.count
        var shown = session
        if isRedacted {
            shown.note = ""
            shown.topics = []
            shown.participants = []
            shown.contactIds = []
            shown.otherStudentIds = []
        }
        self.session = shown
        self.authorName = authorName
        self.studentNames = isRedacted ? [] : studentNames
    }

    /// "group of 3" in a list row; "group of 3: Ana Ruiz, Ben Ng, Cy Ho" where there is room
    /// and the names may be shown. Nil for a session with one student.
    public func groupLine(names: Bool) -> String? {
        guard isGroup else { return nil }
        let count = "group of \(studentCount)"
        return names && !studentNames.isEmpty ? count + ": " + studentNames.joined(separator: ", ") : count
    }
}
