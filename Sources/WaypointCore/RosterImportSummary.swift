/// What an import changed (or, in a dry run, would change), by kind of record.
public struct RosterImportSummary: Equatable, Sendable, Codable, CustomStringConvertible {
    public struct Counts: Equatable, Sendable, Codable {
        public var added = 0
        public var updated = 0
        public var deactivated = 0

        public init(added: Int = 0, updated: Int = 0, deactivated: Int = 0) {
            self.added = added
            self.updated = updated
            self.deactivated = deactivated
        }
    }

    public var schools = Counts()
    public var students = Counts()
    public var counselors = Counts()
    public var caseloadsAdded = 0
    /// Assignments a bulk roster no longer has (a student moved to another counselor).
    public var caseloadsRemoved = 0

    public init() {}

    public var total: Counts {
        Counts(added: schools.added + students.added + counselors.added + caseloadsAdded,
               updated: schools.updated + students.updated + counselors.updated,
               deactivated: schools.deactivated + students.deactivated + counselors.deactivated + caseloadsRemoved)
    }

    public var description: String {
        func line(_ name: String, _ counts: Counts) -> String {
            "\(name): \(counts.added) added, \(counts.updated) updated, \(counts.deactivated) deactivated"
        }
        return [line("students", students), line("counselors", counselors), line("schools", schools),
                "caseload assignments: \(caseloadsAdded) added, \(caseloadsRemoved) removed", line("total", total)].joined(separator: "\n")
    }
}
