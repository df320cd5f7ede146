import TerminalKit
import WaypointCore

/// One thing to do across the caseload: an open follow-up or an overdue milestone.
public struct TaskRow: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        case followUp(id: Int64)
        case milestone(id: String)
    }

    public var source: Source
    public var studentId: Int64
    public var studentName: String
    public var localId: String
    public var due: CivilDate?
    public var text: String

    public init(source: Source, studentId: Int64, studentName: String, localId: String, due: CivilDate?, text: String) {
        self.source = source
        self.studentId = studentId
        self.studentName = studentName
        self.localId = localId
        self.due = due
        self.text = text
    }

    /// Soonest first; undated last; then by student, so the list reads as a day planner.
    public static func ordered(_ rows: [TaskRow]) -> [TaskRow] {
        rows.sorted { lhs, rhs in
            switch (lhs.due, rhs.due) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default: return (lhs.studentName, lhs.text) < (rhs.studentName, rhs.text)
            }
        }
    }
}

/// The follow-up list screen: what is due across the caseload.
public struct TaskListState: Equatable, Sendable {
    public var rows: [TaskRow] = []
    public var table = TableState()
    public var isLoaded = false
    public var requestToken = 0

    public init() {}

    public var selected: TaskRow? {
        rows.indices.contains(table.selected) ? rows[table.selected] : nil
    }
}
