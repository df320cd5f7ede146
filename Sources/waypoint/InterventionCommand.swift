import ArgumentParser
import Foundation
import WaypointCore
import WaypointStore

struct InterventionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intervention",
        abstract: "Start, list, note and close interventions (tutoring, mentoring, attendance plans, …).",
        subcommands: [InterventionAddCommand.self, InterventionListCommand.self, InterventionNoteCommand.self,
                      InterventionCloseCommand.self])
}

struct InterventionAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Start an intervention for a student.",
        discussion: """
            Example: waypoint intervention add S100234 --kind tutoring --goal "Pass Algebra I" \\
                       --per-week 3 --minutes 30 --end 2027-01-29
            Dates: YYYY-MM-DD, +7d, +2w, today, tomorrow or a weekday (fri).
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The student's local ID or roster sourcedId.")
    var studentId: String

    @Option(help: "The kind of intervention (see the intervention-kinds catalog: tutoring, small-group, mentoring, …).")
    var kind: String

    @Option(help: "What it should achieve, in a sentence.")
    var goal: String

    @Option(help: ArgumentHelp("The counselor responsible (ID, sourcedId or email; default: you).", valueName: "counselor"))
    var owner: String?

    @Option(help: ArgumentHelp("The first day (default: today).", valueName: "date"))
    var start: String?

    @Option(help: ArgumentHelp("The planned last day.", valueName: "date"))
    var end: String?

    @Option(help: "Sessions a week (1 to 14).")
    var perWeek: Int

    @Option(help: "Minutes a session (5 to 240).")
    var minutes: Int

    func validate() throws {
        if let problem = FieldRules.interventionSessionsPerWeek.problem(Double(perWeek)) {
            throw ValidationError("--per-week: \(problem)")
        }
        if let problem = FieldRules.interventionMinutesPerSession.problem(Double(minutes)) {
            throw ValidationError("--minutes: \(problem)")
        }
        guard !goal.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("--goal is empty; an intervention needs a goal")
        }
        try checkTyped(goal, as: .title, "--goal")
    }

    func run() throws {
        let catalogs = loadCatalogs()
        guard catalogs.interventionKinds.kind(kind) != nil else {
            throw CLIError("unknown intervention kind \"\(kind)\"; expected one of: "
                + catalogs.interventionKinds.kinds.map(\.id).joined(separator: ", "))
        }
        let today = CivilDate.today()
        let startDate = try DateOptions.day(start, option: "--start", today: today) ?? today
        let endDate = try DateOptions.day(end, option: "--end", today: today)
        if let endDate, endDate < startDate {
            throw CLIError("--end \(endDate.iso) is before --start \(startDate.iso); an intervention ends on or after it starts")
        }
        let db = try database.open()
        let counselor = try acting.resolve(in: db)
        let ownerCounselor = try owner.map { try db.counselor(matching: $0) } ?? counselor
        let student = try db.student(matching: studentId)
        let saved = try db.addIntervention(Intervention(
            studentId: student.id!, kind: kind, ownerId: ownerCounselor.id!, goal: goal, startDate: startDate,
            endDate: endDate, sessionsPerWeek: perWeek, minutesPerSession: minutes), by: counselor.id)
        say("Started intervention \(saved.id!) for \(student.printableName) (\(student.localId)): "
            + "\(catalogs.interventionKinds.title(of: kind)), \(saved.dosageText).")
    }
}

struct InterventionNoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a dated progress note to an intervention.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The intervention ID (from `waypoint intervention list`).")
    var interventionId: Int64

    @Option(help: "The progress note.")
    var text: String

    @Option(help: ArgumentHelp("The day the progress was seen (default: today).", valueName: "date"))
    var date: String?

    func validate() throws {
        try checkTyped(text, as: .note, "--text")
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("--text is empty; a progress note needs text")
        }
    }

    func run() throws {
        let day = try DateOptions.day(date, option: "--date") ?? CivilDate.today()
        let db = try database.open()
        let author = try acting.resolve(in: db)
        do {
            try db.addInterventionNote(interventionId: interventionId, date: day, text: text, by: author.id!)
        } catch StoreError.interventionNotFound {
            throw CLIError("no intervention with ID \(interventionId) (see `waypoint intervention list`)")
        }
        say("Added a progress note to intervention \(interventionId).")
    }
}

struct InterventionCloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close", abstract: "Close an intervention as completed or discontinued; closing is final.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The intervention ID (from `waypoint intervention list`).")
    var interventionId: Int64

    @Option(help: "How it ended.")
    var status: ClosingStatus = .completed

    @Option(help: "A closing note (the outcome).")
    var note: String?

    @Option(help: ArgumentHelp("The last day (default: today).", valueName: "date"))
    var end: String?

    func validate() throws { try checkTyped(note, as: .note, "--note") }

    func run() throws {
        let closing = status.status
        let endDate = try DateOptions.day(end, option: "--end") ?? CivilDate.today()
        let db = try database.open()
        let author = try acting.resolve(in: db)
        do {
            let current = try db.intervention(id: interventionId)
            if current.isActive, endDate < current.startDate {
                throw CLIError("--end \(endDate.iso) is before the intervention's start, \(current.startDate.iso)")
            }
            try db.closeIntervention(id: interventionId, status: closing, endDate: endDate, note: note, by: author.id!)
        } catch StoreError.interventionNotFound {
            throw CLIError("no intervention with ID \(interventionId) (see `waypoint intervention list`)")
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
        say("Intervention \(interventionId) is \(closing.rawValue) as of \(endDate.iso).")
    }
}
