import Foundation

/// How a counselor's time was spent: minutes by session kind and by week, the way the ASCA
/// national model asks counselors to show it. Weeks start on Monday, in the counselor's time
/// zone. A session recorded without minutes (0) is counted and named, never silently
/// dropped; a confidential session counts its minutes like any other, and the report holds
/// nothing of what was said in any session.
public struct TimeReport: Equatable, Sendable {
    /// One session as the report counts it: when, how long, what kind, with whom. No note.
    public struct Entry: Equatable, Sendable {
        public var sessionId: Int64
        public var startedAt: Date
        public var minutes: Int
        public var kind: String
        public var studentName: String

        public init(sessionId: Int64, startedAt: Date, minutes: Int, kind: String, studentName: String) {
            self.sessionId = sessionId
            self.startedAt = startedAt
            self.minutes = minutes
            self.kind = kind
            self.studentName = studentName
        }
    }

    /// One session kind's minutes, one number per week.
    public struct Row: Equatable, Sendable {
        public var kind: String
        public var title: String
        public var minutes: [Int]
        public var sessions: Int
        /// Of `sessions`, how many were recorded without minutes.
        public var withoutMinutes: Int
        public var total: Int { minutes.reduce(0, +) }
    }

    /// A session recorded without its length.
    public struct Unmeasured: Equatable, Sendable {
        public var sessionId: Int64
        public var day: CivilDate
        public var kindTitle: String
        public var studentName: String

        /// "2026-11-24 Ana Lopez (Academic)".
        public var label: String { "\(day.iso) \(studentName) (\(kindTitle))" }
    }

    public var counselorName: String
    /// The Monday of each week, oldest first.
    public var weeks: [CivilDate]
    /// Kinds with at least one session, in catalog order (kinds no longer in the catalog last).
    public var rows: [Row]
    public var unmeasured: [Unmeasured]

    public var weekTotals: [Int] { weeks.indices.map { week in rows.reduce(0) { $0 + $1.minutes[week] } } }
    public var total: Int { rows.reduce(0) { $0 + $1.total } }
    public var sessionCount: Int { rows.reduce(0) { $0 + $1.sessions } }

    /// The Monday on or before `day`.
    public static func monday(of day: CivilDate) -> CivilDate {
        day.adding(days: -((day.weekday + 6) % 7))
    }

    /// `count` weeks (their Mondays), the last one holding `lastDay`.
    public static func weeks(count: Int, endingWith lastDay: CivilDate) -> [CivilDate] {
        let last = monday(of: lastDay)
        return (0..<max(1, count)).reversed().map { last.adding(days: -7 * $0) }
    }

    /// Sums `entries` into `weeks`; entries outside them are left out (the store asks for a
    /// little more than the weeks, so that time zones cannot lose a session at an edge).
    public init(counselorName: String, entries: [Entry], weeks: [CivilDate], kinds: SessionKindCatalog,
                timeZone: TimeZone) {
        self.counselorName = counselorName
        self.weeks = weeks
        var byKind: [String: Row] = [:]
        var unmeasured: [Unmeasured] = []
        let firstDay = weeks.first?.dayNumber ?? 0
        for entry in entries {
            let day = CivilDate.today(now: entry.startedAt, timeZone: timeZone)
            let week = (day.dayNumber - firstDay) / 7
            guard day.dayNumber >= firstDay, week < weeks.count else { continue }
            let title = kinds.title(of: entry.kind)
            var row = byKind[entry.kind] ?? Row(kind: entry.kind, title: title, minutes: Array(repeating: 0, count: weeks.count),
                                                sessions: 0, withoutMinutes: 0)
            row.minutes[week] += entry.minutes
            row.sessions += 1
            if entry.minutes == 0 {
                row.withoutMinutes += 1
                unmeasured.append(Unmeasured(sessionId: entry.sessionId, day: day, kindTitle: title, studentName: entry.studentName))
            }
            byKind[entry.kind] = row
        }
        let order = kinds.kinds.map(\.id)
        rows = byKind.values.sorted { a, b in
            let ia = order.firstIndex(of: a.kind) ?? order.count, ib = order.firstIndex(of: b.kind) ?? order.count
            return ia != ib ? ia < ib : a.title < b.title
        }
        self.unmeasured = unmeasured.sorted { ($0.day, $0.sessionId) < ($1.day, $1.sessionId) }
    }

    /// The table as cells, for the CLI and the CSV: a header, one row per kind, then totals.
    /// Weeks are columns headed by their Monday; every number is minutes.
    public var table: (header: [String], rows: [[String]]) {
        let header = ["Kind"] + weeks.map { "Week of \($0.iso)" } + ["Total minutes", "Sessions", "Without minutes"]
        var cells = rows.map { row in
            [row.title] + row.minutes.map(String.init) + [String(row.total), String(row.sessions), String(row.withoutMinutes)]
        }
        cells.append(["Total"] + weekTotals.map(String.init)
            + [String(total), String(sessionCount), String(unmeasured.count)])
        return (header, cells)
    }

    /// The sentence that names the sessions without minutes ("" when there are none).
    public var unmeasuredSentence: String {
        guard !unmeasured.isEmpty else { return "" }
        let count = unmeasured.count
        return "\(count) session\(count == 1 ? " was" : "s were") recorded without minutes (counted above as 0): "
            + unmeasured.map(\.label).joined(separator: "; ")
    }
}
