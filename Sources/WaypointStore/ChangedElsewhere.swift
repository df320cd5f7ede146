import GRDB
import WaypointCore

/// A save refused because the record changed in another window (or by a `waypoint`
/// command) after this one loaded it. It carries both versions in words, so the counselor
/// sees what is saved now and what they meant to save, and decides.
public struct ChangedElsewhere: Equatable, Sendable {
    /// Which record, e.g. "Milestone fafsa of student 12".
    public var record: String
    /// What the database holds now (the other window's change).
    public var theirs: String
    /// What this save would have written; nothing of it was written.
    public var yours: String

    public init(record: String, theirs: String, yours: String) {
        self.record = record
        self.theirs = theirs
        self.yours = yours
    }
}

/// Compare-and-set: a write given what its screen loaded compares it with the row inside
/// its own (IMMEDIATE) transaction, so no other writer can slip in between the check and
/// the write. A write given nothing (a one-shot command that read nothing) is not checked.
enum Unchanged {
    static func ensure<Value: Equatable>(_ record: @autoclosure () -> String, loaded: Value?, current: Value,
                                         theirs: @autoclosure () -> String, yours: @autoclosure () -> String) throws {
        guard let loaded, loaded != current else { return }
        throw StoreError.changedElsewhere(ChangedElsewhere(record: record(), theirs: theirs(), yours: yours()))
    }

    /// A course as it was loaded; a course removed elsewhere is a change too.
    static func course(_ id: Int64, loaded: PlannedCourse?, yours: @autoclosure () -> String, db: Database) throws {
        guard let loaded else { return }
        let current = try PlanRows.course(id: id, db: db)
        try ensure("Course \(loaded.title) (id \(id))", loaded: loaded, current: current,
                   theirs: current.map(describe) ?? "removed from the plan", yours: yours())
    }

    static func describe(_ course: PlannedCourse) -> String {
        "\(course.title), grade \(course.year), \(course.status.title)"
            + (course.gradeEarned.map { ", earned \($0)" } ?? "") + ", " + CreditFormat.credits(course.credits)
    }

    /// Status, due date and evidence: what a counselor edits on a milestone (the completion
    /// day follows from the status).
    static func milestoneFields(_ record: MilestoneRecord) -> [String?] {
        [record.status.rawValue, record.dueDate?.iso, record.evidence]
    }

    static func describe(_ record: MilestoneRecord) -> String {
        record.status.title + (record.dueDate.map { ", due \($0.iso)" } ?? ", no due date")
            + (record.evidence.map { ", evidence “\($0)”" } ?? "")
    }

    static func describe(_ goals: PlanGoals) -> String {
        goals.postsecondary.title + "; career interests: "
            + (goals.careerInterests.isEmpty ? "none" : goals.careerInterests.joined(separator: ", "))
    }
}
