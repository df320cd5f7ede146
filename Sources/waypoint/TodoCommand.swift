import ArgumentParser
import Foundation
import WaypointCore
import WaypointEffects
import WaypointStore
import WaypointUI

/// `waypoint todo`: the screen's to-do list (`t`) on the command line, in its order: grouped
/// by day, overdue follow-ups (and college deadlines) first, this year's overdue milestones last.
struct TodoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "todo",
        abstract: "Open follow-ups, college deadlines and this year's overdue milestones, by day: overdue first, milestones last.")

    @OptionGroup var list: CaseloadListOptions

    @Flag(help: "Which items: follow-ups only, milestones only (default: both).")
    var show: TodoShowFlag?

    func run() throws {
        let (db, counselor, counselorId) = try list.open()
        let today = CivilDate.today()
        let chosen = show?.show ?? .both
        let rows = try CaseloadLists.todo(db, counselorId: counselorId, viewerId: counselor.id,
                                          catalogs: loadCatalogs(), today: today)
            .filter { chosen.includes(isFollowUp: $0.isFollowUp) }
        let items = rows.map { TodoJSON($0, today: today) }
        if list.json {
            try printJSON(items)
            return
        }
        var previous: TodoOrder.Group?
        print(TextTable.render(header: ["Day", "When", "Student", "ID", "What"], rows: zip(rows, items).map { row, item in
            let group = TodoOrder.group(isFollowUp: row.isFollowUp, due: row.due, today: today)
            defer { previous = group }
            return [group == previous ? "" : group.title(today: today), item.when, item.student, item.studentLocalId,
                    (row.isFollowUp ? "" : "Milestone: ") + item.text]
        }), terminator: "")
        if rows.isEmpty { say("Nothing open (\(chosen.title)).") }
    }
}

enum TodoShowFlag: String, EnumerableFlag {
    case followUps, milestones

    var show: TodoOrder.Show { self == .followUps ? .followUps : .milestones }
}

struct TodoJSON: Encodable {
    var kind: String
    /// The follow-up's ID (for `waypoint followup set`), the milestone's catalog ID, or the
    /// college application's ID (for `waypoint college update`).
    var id: String
    var studentLocalId: String
    var student: String
    var due: String?
    var when: String
    var overdue: Bool
    var text: String

    init(_ row: TaskRow, today: CivilDate) {
        switch row.source {
        case .followUp(let id): (kind, self.id) = ("follow-up", String(id))
        case .milestone(let id): (kind, self.id) = ("milestone", id)
        case .collegeDeadline(let id): (kind, self.id) = ("college-deadline", String(id))
        }
        studentLocalId = row.localId
        student = row.studentName
        due = row.due?.iso
        overdue = row.due.map { $0 < today } ?? false
        when = row.due.map { TodoOrder.when($0, today: today) } ?? "no date"
        text = row.text
    }
}
