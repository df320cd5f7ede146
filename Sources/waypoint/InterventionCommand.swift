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
                       --tier 2 --area academic --per-week 2 --minutes 30 --weeks 8 \\
                       --owner-name "Sam Ortiz (tutor)" --measure "quiz score %"
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

    @Option(help: ArgumentHelp("Who delivers it, by name: a counselor's name makes them the owner; another name (a tutor) is kept beside the responsible counselor.", valueName: "name"))
    var ownerName: String?

    @Option(help: "The MTSS tier it is given at (1 to 3).")
    var tier: Int?

    @Option(help: ArgumentHelp("The area it works on: \(InterventionArea.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "area"))
    var area: String?

    @Option(help: "How many weeks it is planned to run (1 to 52); default: from --end, else open-ended.")
    var weeks: Int?

    @Option(help: ArgumentHelp("What its progress notes measure, with the unit (e.g. \"quiz score %\", \"min attended\").", valueName: "measure"))
    var measure: String?

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
        if let tier, let problem = FieldRules.interventionTier.problem(Double(tier)) {
            throw ValidationError("--tier: \(problem)")
        }
        if let weeks, let problem = FieldRules.interventionPlannedWeeks.problem(Double(weeks)) {
            throw ValidationError("--weeks: \(problem)")
        }
        if let area, InterventionArea(rawValue: area) == nil {
            throw ValidationError("--area: expected one of \(InterventionArea.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(area)\"")
        }
        for (value, option) in [(ownerName, "--owner-name"), (measure, "--measure")] {
            guard let value else { continue }
            guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationError("\(option) is empty; leave it out instead")
            }
        }
        try checkTyped(ownerName, as: .name, "--owner-name")
        try checkTyped(measure, as: .title, "--measure")
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
            studentId: student.id!, kind: kind, ownerId: ownerCounselor.id!, ownerName: ownerName, tier: tier,
            area: area.flatMap(InterventionArea.init(rawValue:)), goal: goal, startDate: startDate, endDate: endDate,
            sessionsPerWeek: perWeek, minutesPerSession: minutes, plannedWeeks: weeks,
            measure: measure?.trimmingCharacters(in: .whitespacesAndNewlines)), by: counselor.id)
        say("Started intervention \(saved.id!) for \(student.printableName) (\(student.localId)): "
            + "\(catalogs.interventionKinds.title(of: kind)), \(saved.dosageText)"
            + (saved.ownerName.map { ", delivered by \($0)" } ?? "") + ".")
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

    @Option(help: "Sessions delivered since the last note (0 to 60): they add up to the dosage delivered.")
    var sessions: Int?

    @Option(help: ArgumentHelp("The value of the intervention's measure that day (e.g. 72 for a quiz score).", valueName: "number"))
    var value: String?

    func validate() throws {
        if let sessions, let problem = FieldRules.interventionSessionsDelivered.problem(Double(sessions)) {
            throw ValidationError("--sessions: \(problem)")
        }
        if let value, case .failure(let problem) = FieldRules.interventionMeasuredValue.parse(value) {
            throw ValidationError("--value: \(problem)")
        }
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
            let measured = try value.map { try FieldRules.interventionMeasuredValue.parse($0).get() }
            try db.addInterventionNote(interventionId: interventionId, date: day, text: text, sessionsDelivered: sessions,
                                       measuredValue: measured, by: author.id!)
        } catch StoreError.interventionNotFound {
            throw CLIError("no intervention with ID \(interventionId) (see `waypoint intervention list`)")
        } catch let error as StoreError {
            throw CLIError(error.description)
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
