/// What an ABC import changed (or, in a dry run, would change). Rows are never removed by
/// an import, so there is no "deactivated"; "unchanged" shows a re-import matched its rows.
public struct ABCImportSummary: Equatable, Sendable, Codable, CustomStringConvertible {
    public struct Counts: Equatable, Sendable, Codable {
        public var added = 0
        public var updated = 0
        public var unchanged = 0

        public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0) {
            self.added = added
            self.updated = updated
            self.unchanged = unchanged
        }
    }

    public var attendance = Counts()
    public var incidents = Counts()
    public var marks = Counts()

    public init() {}

    public var total: Counts {
        Counts(added: attendance.added + incidents.added + marks.added,
               updated: attendance.updated + incidents.updated + marks.updated,
               unchanged: attendance.unchanged + incidents.unchanged + marks.unchanged)
    }

    public var description: String {
        func line(_ name: String, _ counts: Counts) -> String {
            "\(name): \(counts.added) added, \(counts.updated) updated, \(counts.unchanged) unchanged"
        }
        return [line("attendance", attendance), line("behavior incidents", incidents), line("course marks", marks),
                line("total", total)].joined(separator: "\n")
    }
}
