import ArgumentParser
import Foundation
import Interchange
import WaypointCore
import WaypointStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a caseload or sessions as CSV or JSON.",
        subcommands: [ExportCaseloadCommand.self, ExportSessionsCommand.self])
}

enum DataFormat: String, EnumerableFlag {
    case csv, json
}

/// `--output FILE` for an export: a new owner-only file instead of standard output. A shell
/// redirection (`> file`) would make the file with the shell's umask, often readable by all.
struct ExportOutputOption: ParsableArguments {
    @Option(name: .customLong("output"), help: ArgumentHelp(
        "Write to this new file (0600; an existing file is refused) instead of standard output.", valueName: "file"))
    var file: String?
}

struct ExportCaseloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caseload", abstract: "A caseload with plan status, next milestone and last contact.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Option(help: ArgumentHelp("Only this counselor's caseload (ID, sourcedId or email; default: the district).", valueName: "id"))
    var counselor: String?

    @Flag var format: DataFormat = .csv
    @OptionGroup var output: ExportOutputOption

    func run() throws {
        if let file = output.file { try refuseExistingOutput(file) }
        let db = try database.openToRecord()
        let exporter = try acting.resolveIfKnown(in: db)
        let catalogs = loadCatalogs()
        let counselorId = try counselor.map { try db.counselor(matching: $0).id } ?? nil
        let entries = try db.caseload(counselorId: counselorId)
        let ids = entries.compactMap(\.student.id)
        let sources = try db.planSummarySources(studentIds: ids)
        let abc = try db.abcData(studentIds: ids)
        let today = CivilDate.today()
        let rows = entries.map { entry -> CaseloadExportRow in
            let summary = entry.student.id.flatMap { sources[$0] }?.summary(grade: entry.student.grade, catalogs: catalogs, today: today)
            let assessment = (entry.student.id.flatMap { abc[$0] } ?? ABCBatch()).assessment(rules: catalogs.earlyWarning)
            return CaseloadExportRow(entry: entry, plan: summary, assessment: assessment)
        }
        let whose = counselorId.map { "caseload of counselor \($0)" } ?? "district caseload"
        let text = switch format {
        case .json: try jsonText(rows)
        case .csv: CSVText.document(header: CaseloadExportRow.header, rows: rows.map(\.fields))
        }
        try sendExport(text, to: output.file, db: db, AuditEntry(.exported, counselorId: exporter?.id, subject: whose,
                                                                 detail: "\(counted(rows.count, "student")), \(format.rawValue)"))
    }
}

struct CaseloadExportRow: Encodable {
    var localId: String
    var familyName: String
    var firstName: String
    var grade: String
    var school: String
    var pathway: String?
    var onTrack: Bool?
    var shortfall: String?
    var nextMilestone: String?
    var nextMilestoneDue: String?
    var lastContact: String?
    /// The early-warning tier, 1 to 3, as the caseload's Tier column; absent (empty in CSV)
    /// when there is no ABC data, which `tierReasons` then says. Never 1 for "no data".
    var tier: Int?
    var tierReasons: [String]

    init(entry: CaseloadEntry, plan: PlanSummary?, assessment: TierAssessment) {
        localId = entry.student.localId
        familyName = entry.student.familyName
        firstName = entry.student.firstName
        grade = entry.student.grade.description
        school = entry.schoolName
        pathway = plan?.pathwayTitle
        // Below grade 9 there is no graduation check: blank, neither "yes" nor "no".
        onTrack = plan?.judgesCredits == true ? plan?.isOnTrack : nil
        shortfall = plan?.shortfall
        nextMilestone = plan?.nextMilestone?.title
        nextMilestoneDue = plan?.nextMilestone?.due.iso
        lastContact = entry.lastContact.map { CivilDate.today(now: $0, timeZone: .current).iso }
        tier = assessment.tier
        tierReasons = assessment.reasons
    }

    static let header = ["localId", "familyName", "firstName", "grade", "school", "pathway", "onTrack", "shortfall",
                         "nextMilestone", "nextMilestoneDue", "lastContact", "tier", "tierReasons"]
    var fields: [String] {
        [localId, familyName, firstName, grade, school, pathway ?? "", onTrack.map { $0 ? "yes" : "no" } ?? "",
         shortfall ?? "", nextMilestone ?? "", nextMilestoneDue ?? "", lastContact ?? "", tier.map(String.init) ?? "",
         tierReasons.joined(separator: "; ")]
    }
}

struct ExportSessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "Sessions since a date. Confidential notes are left out unless asked for, and then only your own.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Option(help: "The first day to include (YYYY-MM-DD, or -30d style is not accepted: give a date).")
    var since: String

    @Flag(help: "Include the text of confidential notes you wrote yourself.")
    var includeConfidential = false

    @Flag var format: DataFormat = .csv
    @OptionGroup var output: ExportOutputOption

    func run() throws {
        let start = try DateOptions.startOfDay(since, option: "--since")
        if let file = output.file { try refuseExistingOutput(file) }
        let db = try database.openToRecord()
        // Confidential notes go out only to their author, whose passphrase is checked;
        // without them, the counselor only names who exported.
        let viewer: Counselor? = try includeConfidential ? acting.resolve(in: db) : acting.resolveIfKnown(in: db)
        let catalogs = loadCatalogs()
        let rows = try db.sessionsForExport(since: start, viewerId: viewer?.id, includeConfidential: includeConfidential)
            .map { view, student in SessionExportRow(view: view, student: student, kinds: catalogs.sessionKinds) }
        let confidential = includeConfidential ? ", own confidential notes included" : ""
        let text = switch format {
        case .json: try jsonText(rows)
        case .csv: CSVText.document(header: SessionExportRow.header, rows: rows.map(\.fields))
        }
        try sendExport(text, to: output.file, db: db, AuditEntry(.exported, counselorId: viewer?.id, subject: "sessions since \(since)",
                                                                 detail: "\(counted(rows.count, "session")), \(format.rawValue)\(confidential)"))
    }
}

struct SessionExportRow: Encodable {
    var sessionId: Int64
    var studentLocalId: String
    var student: String
    var startedAt: String
    var minutes: Int
    var kind: String
    var author: String
    var confidential: Bool
    var topics: [String]
    var note: String

    init(view: SessionView, student: Student, kinds: SessionKindCatalog) {
        sessionId = view.id
        studentLocalId = student.localId
        self.student = student.listName
        startedAt = LocalTime.format(view.session.startedAt, timeZone: .current)
        minutes = view.session.durationMinutes
        kind = kinds.title(of: view.session.kind)
        author = view.authorName
        confidential = view.session.isConfidential
        topics = view.session.topics
        note = view.isRedacted ? "[confidential note left out]" : view.session.note
    }

    static let header = ["sessionId", "studentLocalId", "student", "startedAt", "minutes", "kind", "author", "confidential", "topics", "note"]
    var fields: [String] {
        [String(sessionId), studentLocalId, student, startedAt, String(minutes), kind, author, confidential ? "yes" : "no",
         topics.joined(separator: "; "), note]
    }
}
