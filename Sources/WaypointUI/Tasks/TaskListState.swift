import TerminalKit
import WaypointCore

/// One thing to do across the caseload: an open follow-up, the deadline of a college
/// application still being prepared, or an overdue milestone.
public struct TaskRow: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        case followUp(id: Int64)
        case milestone(id: String)
        /// A college application (considering or applying) with a deadline.
        case collegeDeadline(id: Int64)
    }

    public var source: Source
    public var studentId: Int64
    public var studentName: String
    public var localId: String
    public var due: CivilDate?
    public var text: String
    /// The student's `Student.sortKey`: the list orders names as the caseload does.
    public var sortKey: String

    /// `sortKey`: the student's; without it, the folded `studentName` stands in.
    public init(source: Source, studentId: Int64, studentName: String, localId: String, due: CivilDate?, text: String,
                sortKey: String? = nil) {
        self.source = source
        self.studentId = studentId
        self.studentName = studentName
        self.localId = localId
        self.due = due
        self.text = text
        self.sortKey = sortKey ?? SearchText.fold(studentName)
    }

    /// A follow-up or a college deadline: a date to meet, listed by day with overdue ones
    /// first (`TodoOrder`); a milestone is the backlog that comes last.
    public var isFollowUp: Bool {
        if case .milestone = source { return false }
        return true
    }

    /// Grouped by day with overdue follow-ups first (`TodoOrder`); then by student, in the
    /// caseload's name order; then by what is to be done.
    public static func ordered(_ rows: [TaskRow], today: CivilDate) -> [TaskRow] {
        rows.sorted { lhs, rhs in
            if let first = TodoOrder.precedes((lhs.isFollowUp, lhs.due), (rhs.isFollowUp, rhs.due), today: today) { return first }
            if (lhs.sortKey, lhs.localId) != (rhs.sortKey, rhs.localId) {
                return Student.precedesByName((lhs.sortKey, lhs.localId), (rhs.sortKey, rhs.localId))
            }
            return lhs.text < rhs.text
        }
    }
}

/// The follow-up list screen: what is due across the caseload.
public struct TaskListState: Equatable, Sendable {
    /// Everything open, as loaded; `rows` is what `show` lets through.
    public var loadedRows: [TaskRow] = [] {
        didSet { refilter() }
    }
    public private(set) var rows: [TaskRow] = []
    /// Follow-ups, milestones, or both (`f` steps through them).
    public var show = TodoOrder.Show.both {
        didSet { refilter() }
    }
    public var table = TableState()
    public var isLoaded = false
    public var requestToken = 0

    public init() {}

    public var selected: TaskRow? {
        rows.indices.contains(table.selected) ? rows[table.selected] : nil
    }

    private mutating func refilter() {
        rows = loadedRows.filter { show.includes(isFollowUp: $0.isFollowUp) }
    }

    /// How many loaded rows `show` leaves out.
    public var hiddenCount: Int { loadedRows.count - rows.count }
}
