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
    /// Parents, guardians and relatives.
    public var contacts = Counts()
    /// courses.csv's courses, kept for the course catalog.
    public var courses = Counts()
    /// Contacts where a counselor's hand edit was kept though the roster says otherwise.
    public var contactEditsKept = 0
    /// Students added by hand (`WalkIn`) that this roster brought, merged into its records.
    public var walkInsMerged = 0
    /// Those of them whose typed names differ from the roster's.
    public var walkInRenames: [WalkInRename] = []

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case schools, students, counselors, caseloadsAdded, caseloadsRemoved, contacts, contactEditsKept
        case walkInsMerged, walkInRenames, courses
    }

    /// Counts kept by an import an older Waypoint began have no contacts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schools = try container.decode(Counts.self, forKey: .schools)
        students = try container.decode(Counts.self, forKey: .students)
        counselors = try container.decode(Counts.self, forKey: .counselors)
        caseloadsAdded = try container.decode(Int.self, forKey: .caseloadsAdded)
        caseloadsRemoved = try container.decode(Int.self, forKey: .caseloadsRemoved)
        contacts = try container.decodeIfPresent(Counts.self, forKey: .contacts) ?? Counts()
        contactEditsKept = try container.decodeIfPresent(Int.self, forKey: .contactEditsKept) ?? 0
        walkInsMerged = try container.decodeIfPresent(Int.self, forKey: .walkInsMerged) ?? 0
        walkInRenames = try container.decodeIfPresent([WalkInRename].self, forKey: .walkInRenames) ?? []
        courses = try container.decodeIfPresent(Counts.self, forKey: .courses) ?? Counts()
    }

    public var total: Counts {
        Counts(added: schools.added + students.added + counselors.added + caseloadsAdded + contacts.added,
               updated: schools.updated + students.updated + counselors.updated + contacts.updated + walkInsMerged,
               deactivated: schools.deactivated + students.deactivated + counselors.deactivated + caseloadsRemoved
                   + contacts.deactivated)
    }

    public var description: String {
        func line(_ name: String, _ counts: Counts) -> String {
            "\(name): \(counts.added) added, \(counts.updated) updated, \(counts.deactivated) deactivated"
        }
        // Said only when it happened: most imports bring no walk-in.
        let merged = "students added by hand: \(walkInsMerged) merged with the roster's record, everything recorded kept"
        let walkIns: [String] = walkInsMerged == 0 ? [] : [merged] + walkInRenames.map { "  \($0)" }
        let lines = [line("students", students)] + walkIns + [line("counselors", counselors), line("schools", schools),
                "caseload assignments: \(caseloadsAdded) added, \(caseloadsRemoved) removed",
                line("family contacts", contacts)
                    + (contactEditsKept == 0 ? "" : " (\(contactEditsKept) kept a hand edit where the roster differs)")]
            // Said only when courses changed: most rosters' courses are the same each time.
            + (courses == Counts() ? [] : [line("catalog courses", courses)])
            + [line("total", total)]
        return lines.joined(separator: "\n")
    }
}
