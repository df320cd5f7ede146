import Foundation
import WaypointCore
import WaypointStore

/// The random work of the convergence tests: what a counselor does on their workstation
/// while offline, drawn from a seeded generator.
public enum RandomWork {
    /// How many kinds of work `perform` knows; a test draws from more to add its own (sync, go offline).
    public static let kinds = 5

    /// Does work of `kind` (below `kinds`) by `counselorId` on `studentId`; returns the note of
    /// a session it recorded, so the test can look for it at the hub.
    public static func perform(_ kind: Int, on database: AppDatabase, by counselorId: Int64, studentId: Int64,
                               label: String, pick: (Int) -> Int) throws -> String? {
        let milestones = ["fafsa", "psat", "sat-act"]
        let statuses: [MilestoneStatus] = [.notStarted, .inProgress, .done, .waived]
        switch kind {
        case 0:
            let note = "\(label) note"
            _ = try database.recordSession(AdvisingSession(studentId: studentId, authorId: counselorId, startedAt: Date(),
                                                           durationMinutes: 15, kind: "check-in", note: note))
            return note
        case 1, 2:
            try database.setMilestone(MilestoneRecord(studentId: studentId, milestoneId: milestones[pick(3)], status: statuses[pick(4)]),
                                      today: CivilDate(year: 2026, month: 12, day: 3), by: counselorId)
        case 3:
            _ = try database.addFollowUp(studentId: studentId, authorId: counselorId, text: "\(label) follow-up", dueDate: nil)
        default:
            if let open = try database.followUps(studentId: studentId, viewerId: counselorId).first {
                try database.setFollowUpStatus(id: open.id!, to: .done, by: counselorId)
            }
        }
        return nil
    }
}
