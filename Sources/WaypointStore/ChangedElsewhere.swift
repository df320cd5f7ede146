import Foundation
import GRDB
import WaypointCore

/// A save refused because the record changed in another window (or by a `waypoint`
/// command) after this one loaded it. It carries both versions in words, and which record
/// and whose, so the counselor sees what is saved now and what they meant to save, and decides.
public struct ChangedElsewhere: Equatable, Sendable {
    /// Which part of a student's record. Milestones and pathways are named by catalog id:
    /// the store has no catalogs, so whoever shows the conflict titles them (`record(catalogs:)`).
    public enum Subject: Equatable, Sendable {
        case course(title: String)
        case milestone(id: String)
        /// The pathway stored now (nil: none) and the one this save chose, by id.
        case pathway(theirs: String?, yours: String)
        case goals
        case sessionNote(startedOn: CivilDate)
        case followUp(text: String)
    }

    public var subject: Subject
    /// Whose record: the student's name and local ID, e.g. "Omar Abdel-Rahman (S105596)".
    /// Data, so it is sanitized wherever it is printed.
    public var student: String
    /// What the database holds now (the other window's change).
    public var theirs: String
    /// What this save would have written; nothing of it was written.
    public var yours: String

    public init(_ subject: Subject, student: String, theirs: String, yours: String) {
        self.subject = subject
        self.student = student
        self.theirs = theirs
        self.yours = yours
    }

    /// Which record, in words: "PSAT for Omar Abdel-Rahman (S105596)". Without catalogs
    /// (the command line) a milestone is named by its id.
    public func record(catalogs: Catalogs? = nil) -> String {
        switch subject {
        case .course(let title): "The course \(title) for \(student)"
        case .milestone(let id): (catalogs?.milestones.title(of: id) ?? "Milestone \(id)") + " for \(student)"
        case .pathway: "The pathway of \(student)"
        case .goals: "The goals of \(student)"
        case .sessionNote(let day): "The note of the \(day.iso) session with \(student)"
        case .followUp(let text): "The follow-up “\(text)” for \(student)"
        }
    }

    /// Theirs and yours in words: pathways by their catalog titles when catalogs are given.
    public func versions(catalogs: Catalogs? = nil) -> (theirs: String, yours: String) {
        guard case .pathway(let stored, let chosen) = subject, let pathways = catalogs?.pathways else { return (theirs, yours) }
        return (stored.map(pathways.title(of:)) ?? theirs, pathways.title(of: chosen))
    }
}

/// Compare-and-set: a write given what its screen loaded compares it with the row inside
/// its own (IMMEDIATE) transaction, so no other writer can slip in between the check and
/// the write. A write given nothing (a one-shot command that read nothing) is not checked.
enum Unchanged {
    static func ensure<Value: Equatable>(_ subject: @autoclosure () -> ChangedElsewhere.Subject, of studentId: Int64,
                                         loaded: Value?, current: Value, theirs: @autoclosure () -> String,
                                         yours: @autoclosure () -> String, db: Database) throws {
        guard let loaded, loaded != current else { return }
        throw StoreError.changedElsewhere(ChangedElsewhere(subject(), student: try student(studentId, db: db),
                                                           theirs: theirs(), yours: yours()))
    }

    /// "Omar Abdel-Rahman (S105596)": how a counselor knows the student.
    static func student(_ id: Int64, db: Database) throws -> String {
        guard let student = try Student.fetchOne(db, key: id) else { return "student \(id)" }
        return "\(student.displayName) (\(student.localId))"
    }

    /// A course as it was loaded; a course removed elsewhere is a change too.
    static func course(_ id: Int64, loaded: PlannedCourse?, yours: @autoclosure () -> String, db: Database) throws {
        guard let loaded else { return }
        let current = try PlanRows.course(id: id, db: db)
        try ensure(.course(title: loaded.title), of: loaded.studentId, loaded: loaded, current: current,
                   theirs: current.map(describe) ?? "removed from the plan", yours: yours(), db: db)
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
