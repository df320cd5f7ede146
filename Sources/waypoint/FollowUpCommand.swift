import ArgumentParser
import Foundation
import WaypointCore
import WaypointStore

struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "Add reminders, list follow-ups and mark them done or dropped.",
        subcommands: [FollowUpListCommand.self, FollowUpAddCommand.self, FollowUpSetCommand.self, FollowUpStopCommand.self])
}

struct FollowUpAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a reminder for a student, without a session; once or repeating.",
        discussion: """
            Examples:
              waypoint followup add --student S100234 --due "+2w" "Check on the schedule change"
              waypoint followup add --student S100234 --due fri --every 2w --until 2027-06-11 "Check-in"
              waypoint followup add --student S100234 --due mon --every 2w --while-tier 3 "Tier 3 check-in"

            Dates: YYYY-MM-DD, +7d, +2w, today, tomorrow or a weekday (fri).
            A repeating reminder, marked done, makes the next one an interval after the one
            done was due (late: whole intervals later, so none is born overdue), until the
            --until date, until `waypoint followup stop ID`, or, with --while-tier, until the
            student's tier drops below it (a check-in plan).
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Option(help: "The student's local ID or roster sourcedId.")
    var student: String

    @Option(help: ArgumentHelp("When it is due.", valueName: "date"))
    var due: String

    @Option(help: ArgumentHelp("Repeat every N days or weeks: 14d, 2w.", valueName: "interval"))
    var every: String?

    @Option(help: ArgumentHelp("The last day a repeat may fall on (default: until stopped).", valueName: "date"))
    var until: String?

    @Option(help: ArgumentHelp("A check-in plan: repeat only while the student's tier is at least this (2 or 3).",
                               valueName: "tier"))
    var whileTier: Int?

    @Argument(help: "What to do.")
    var text: String

    func run() throws {
        let today = CivilDate.today()
        let dueDate = try DateOptions.day(due, option: "--due", today: today)
        let recurrence = try recurrence(today: today)
        if let problem = recurrence?.problem(dueDate: dueDate) { throw CLIError("\(problem) Nothing was saved.") }
        let text = self.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw CLIError("the reminder's text is empty; say what to do") }
        if let problem = TextField.title.problem(text) { throw CLIError("the reminder's text: expected \(problem); nothing was saved") }
        let db = try database.openToRecord()
        let counselor = try acting.resolve(in: db)
        let found = try db.student(matching: student)
        let id = try db.addFollowUp(studentId: found.id!, authorId: counselor.id!, text: text, dueDate: dueDate,
                                    recurrence: recurrence)
        say("Added follow-up \(id) for \(found.printableName) (\(found.localId)), due \(dueDate.iso)"
            + (recurrence.map { ", repeating \($0.words)" } ?? "") + ".")
    }

    private func recurrence(today: CivilDate) throws -> Recurrence? {
        let days: Int?
        do {
            days = try every.flatMap { try Recurrence.parseInterval($0) }
        } catch {
            throw CLIError("--every \(error)")
        }
        guard let days else {
            if until != nil || whileTier != nil { throw CLIError("--until and --while-tier need --every (how often it repeats)") }
            return nil
        }
        if let whileTier, !Recurrence.tiers.contains(whileTier) {
            throw CLIError("--while-tier \(whileTier): expected 2 or 3 (the tier the plan runs while)")
        }
        return Recurrence(everyDays: days, until: try DateOptions.day(until, option: "--until", today: today), whileTier: whileTier)
    }
}

struct FollowUpStopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop a reminder repeating (or end a check-in plan); it stays open, once.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The follow-up ID (from `waypoint followup list`).")
    var followUpId: Int64

    func run() throws {
        let db = try database.open()
        let counselorId = try acting.resolveIfKnown(in: db)?.id
        guard let item = try db.followUp(id: followUpId, viewerId: counselorId) else {
            throw CLIError("no follow-up with ID \(followUpId) (see `waypoint followup list`)")
        }
        guard let recurrence = item.recurrence else {
            say("Follow-up \(followUpId) does not repeat; nothing changed.")
            return
        }
        try db.stopRepeating(id: followUpId, by: counselorId)
        say("Follow-up \(followUpId) no longer repeats (was \(recurrence.words)); it stays \(item.status.rawValue).")
    }
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
                                text: item.text, sessionId: item.sessionId, status: item.status.rawValue,
                                repeats: item.recurrence?.words)
        }
        if json {
            try printJSON(rows)
        } else {
            print(TextTable.render(header: ["ID", "Due", "Status", "Student", "ID", "Follow-up"], rows: rows.map {
                [String($0.id), ($0.due ?? "no date") + ($0.overdue ? " overdue" : ""), $0.status, $0.student, $0.studentLocalId,
                 $0.text + ($0.repeats.map { " (repeats \($0))" } ?? "")]
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
        let outcome: RecurrenceOutcome?
        do {
            outcome = try db.setFollowUpStatus(id: followUpId, to: newStatus, by: acting.resolveIfKnown(in: db)?.id,
                                               rules: loadEarlyWarningRules())
        } catch StoreError.followUpNotFound {
            throw CLIError("no follow-up with ID \(followUpId) (see `waypoint followup list`)")
        }
        say("Follow-up \(followUpId) is \(newStatus.rawValue)." + (outcome.map { " " + $0.sentence } ?? ""))
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
    /// "every 2 weeks while tier 3"; nil: once.
    var repeats: String?
}
