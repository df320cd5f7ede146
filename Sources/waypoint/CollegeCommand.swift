import ArgumentParser
import Foundation
import WaypointCore
import WaypointStore

/// `waypoint college add|list|update|remove`: a student's college list (issue 16, item 4),
/// as the profile's Colleges panel keeps it.
struct CollegeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "college",
        abstract: "A student's college applications: list, add, update, remove.",
        discussion: """
            Each application has an institution, a type (early-decision, early-action, regular,
            rolling), a deadline, a status (considering, applying, submitted, admitted,
            waitlisted, denied, enrolled), the transcript and the recommendation (not-requested,
            requested, sent) and the financial-aid award noted, in dollars a year. The deadlines
            of applications still being considered or prepared are on `waypoint todo`.

            Examples:
              waypoint college add S100234 --institution "State University" --type early-action --deadline 2026-11-01
              waypoint college update 7 --status submitted --transcript sent
              waypoint college update 7 --status admitted --aid 12500
              waypoint college list S100234 --json
            """,
        subcommands: [CollegeListCommand.self, CollegeAddCommand.self, CollegeUpdateCommand.self, CollegeRemoveCommand.self])
}

/// The fields as options (shared by add and update), each checked by the one rule for it:
/// a bad value names its option and nothing is written.
struct CollegeFieldOptions: ParsableArguments {
    @Option(help: "The college, university or program.") var institution: String?
    @Option(help: "early-decision, early-action, regular or rolling.") var type: String?
    @Option(help: ArgumentHelp("The deadline: YYYY-MM-DD, fri, in 2 weeks… (\"\" clears it).", valueName: "date"))
    var deadline: String?
    @Option(help: "considering, applying, submitted, admitted, waitlisted, denied or enrolled.") var status: String?
    @Option(help: "The transcript: not-requested, requested or sent.") var transcript: String?
    @Option(help: "The letter of recommendation: not-requested, requested or sent.") var recommendation: String?
    @Option(help: ArgumentHelp("The financial-aid award noted, in whole dollars a year (\"\" clears it).", valueName: "dollars"))
    var aid: String?

    func changes(today: CivilDate) throws -> [CollegeChange] {
        func checked<T>(_ result: Result<T, CollegeFieldProblem>, _ option: String) throws -> T {
            switch result {
            case .success(let value): return value
            case .failure(let problem): throw CLIError("--\(option): expected \(problem.expected); nothing was changed")
            }
        }
        var changes: [CollegeChange] = []
        if let institution {
            if let expected = CollegeRules.institutionProblem(institution) {
                throw CLIError("--institution: expected \(expected); nothing was changed")
            }
            changes.append(.institution(institution))
        }
        if let type { changes.append(.type(try checked(CollegeRules.type(type), "type"))) }
        if let deadline {
            let trimmed = deadline.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                changes.append(.deadline(nil))
            } else {
                let day: CivilDate = try DateOptions.day(trimmed, option: "--deadline", today: today)
                changes.append(.deadline(day))
            }
        }
        if let status { changes.append(.status(try checked(CollegeRules.status(status), "status"))) }
        if let transcript { changes.append(.transcript(try checked(CollegeRules.document(transcript, .transcript), "transcript"))) }
        if let recommendation {
            changes.append(.recommendation(try checked(CollegeRules.document(recommendation, .recommendation), "recommendation")))
        }
        if let aid { changes.append(.aidAward(try checked(CollegeRules.aid(aid), "aid"))) }
        return changes
    }
}

struct CollegeListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "A student's college applications, by deadline.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The student's local ID or roster sourcedId.")
    var studentId: String

    @Flag(help: "JSON for scripts.")
    var json = false

    func run() throws {
        let db = try database.openForReading()
        let student = try db.student(matching: studentId)
        let applications = try db.collegeApplications(studentId: student.id!)
        if json {
            try printJSON(applications.map(CollegeJSON.init))
            return
        }
        guard !applications.isEmpty else {
            say("No college applications for \(student.printableName) (\(student.localId)); "
                + "`waypoint college add \(student.localId) --institution …` adds one.")
            return
        }
        print(TextTable.render(header: ["ID", "Institution", "Type", "Deadline", "Status", "Transcript", "Recommendation", "Aid"],
                               rows: applications.map { item in
            [String(item.id!), item.institution, item.type.rawValue, item.deadline?.iso ?? "", item.status.rawValue,
             item.transcript.rawValue, item.recommendation.rawValue, item.aidAward.map(CollegeApplication.dollars) ?? ""]
        }), terminator: "")
    }
}

struct CollegeAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a college application to a student's list.",
        discussion: """
            Only --institution is required; the type defaults to regular, the status to considering.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The student's local ID or roster sourcedId.")
    var studentId: String

    @OptionGroup var fields: CollegeFieldOptions

    func run() throws {
        let changes = try fields.changes(today: CivilDate.today())
        guard fields.institution != nil else { throw CLIError("--institution is required to add an application") }
        let db = try database.open()
        let counselor = try acting.resolve(in: db)
        let student = try db.student(matching: studentId)
        var application = CollegeApplication(studentId: student.id!, institution: "")
        for change in changes { change.apply(to: &application) }
        let saved = try db.addCollegeApplication(application, by: counselor.id)
        say("Added college application \(saved.id!) for \(student.printableName) (\(student.localId)): \(CollegeText.line(saved)).")
    }
}

struct CollegeUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change a college application: status, documents, aid award, deadline…")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The application ID (from `waypoint college list`).")
    var applicationId: Int64

    @OptionGroup var fields: CollegeFieldOptions

    func run() throws {
        let changes = try fields.changes(today: CivilDate.today())
        guard !changes.isEmpty else { throw CLIError("give at least one field to change, e.g. --status submitted") }
        let db = try database.open()
        let counselor = try acting.resolve(in: db)
        let saved = try db.changeCollegeApplication(id: applicationId, changes, by: counselor.id)
        say("College application \(applicationId) is now \(CollegeText.line(saved)).")
    }
}

struct CollegeRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Take an application off a student's list (the audit trail keeps what it was).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The application ID (from `waypoint college list`).")
    var applicationId: Int64

    func run() throws {
        let db = try database.open()
        let counselor = try acting.resolve(in: db)
        let application = try db.collegeApplication(id: applicationId)
        try db.removeCollegeApplication(id: applicationId, by: counselor.id)
        say("Removed college application \(applicationId) (\(application.institution)).")
    }
}

/// An application in one line of words, for the command's confirmations.
enum CollegeText {
    static func line(_ item: CollegeApplication) -> String {
        [item.institution, item.type.title.lowercased(), item.deadline.map { "deadline \($0.iso)" } ?? "no deadline",
         item.status.rawValue, "transcript \(item.transcript.rawValue)", "recommendation \(item.recommendation.rawValue)"]
            .joined(separator: ", ") + (item.aidAward.map { ", aid \(CollegeApplication.dollars($0)) a year" } ?? "")
    }
}

struct CollegeJSON: Encodable {
    var id: Int64
    var institution: String
    var type: String
    var deadline: String?
    var status: String
    var transcript: String
    var recommendation: String
    var aidAward: Int?

    init(_ item: CollegeApplication) {
        id = item.id ?? 0
        institution = item.institution
        type = item.type.rawValue
        deadline = item.deadline?.iso
        status = item.status.rawValue
        transcript = item.transcript.rawValue
        recommendation = item.recommendation.rawValue
        aidAward = item.aidAward
    }
}
