import ArgumentParser
import Foundation
import WaypointCore
import WaypointStore

struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "List follow-ups and mark them done or dropped.",
        subcommands: [FollowUpListCommand.self, FollowUpSetCommand.self])
}

struct FollowUpListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Open follow-ups on your caseload, soonest due first (--closed: done and dropped ones).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Flag(help: "Only those past their due date.")
    var overdue = false

    @Flag(help: "Across the whole district, not only your caseload.")
    var all = false

    @Flag(help: "Done and dropped follow-ups instead of open ones: one dropped by mistake is reopened with `waypoint followup set ID open`.")
    var closed = false

    @Flag(help: "JSON for scripts.")
    var json = false

    func run() throws {
        // To record: confirming who is asking records the try (a wrong passphrase is audited).
        let db = try database.openToRecord()
        let counselor = try acting.resolve(in: db)
        let today = CivilDate.today()
        let items = try db.openFollowUps(counselorId: all ? nil : counselor.id, overdueOn: overdue ? today : nil,
                                         statuses: closed ? [.done, .dropped] : [.open], viewerId: counselor.id)
        let students = try Dictionary(uniqueKeysWithValues: Set(items.map(\.studentId)).compactMap { id in
            try db.student(id: id).map { (id, $0) }
        })
        let rows = items.map { item -> FollowUpJSON in
            let student = students[item.studentId]
            return FollowUpJSON(id: item.id ?? 0, studentLocalId: student?.localId ?? "", student: student?.listName ?? "",
                                due: item.dueDate?.iso, overdue: item.status == .open && item.isOverdue(today: today),
                                text: item.text, sessionId: item.sessionId, status: item.status.rawValue)
        }
        if json {
            try printJSON(rows)
        } else {
            print(TextTable.render(header: ["ID", "Due", "Status", "Student", "ID", "Follow-up"], rows: rows.map {
                [String($0.id), ($0.due ?? "no date") + ($0.overdue ? " overdue" : ""), $0.status, $0.student, $0.studentLocalId, $0.text]
            }), terminator: "")
        }
    }
}

struct FollowUpSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Mark a follow-up done, dropped, or open again.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The follow-up ID (from `waypoint followup list`).")
    var followUpId: Int64

    @Argument(help: "The new status.")
    var status: FollowUpStatus

    func run() throws {
        let newStatus = status
        let db = try database.open()
        do {
            try db.setFollowUpStatus(id: followUpId, to: newStatus, by: acting.resolveIfKnown(in: db)?.id)
        } catch StoreError.followUpNotFound {
            throw CLIError("no follow-up with ID \(followUpId) (see `waypoint followup list`)")
        }
        say("Follow-up \(followUpId) is \(newStatus.rawValue).")
    }
}

struct FollowUpJSON: Encodable {
    var id: Int64
    var studentLocalId: String
    var student: String
    var due: String?
    var overdue: Bool
    var text: String
    var sessionId: Int64?
    var status: String
}
