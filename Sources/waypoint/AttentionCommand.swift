import ArgumentParser
import Foundation
import WaypointCore
import WaypointEffects
import WaypointStore

/// What `waypoint attention` and `waypoint todo` share: whose list (yours, or the district's)
/// and how it is printed.
struct CaseloadListOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Flag(help: "Across the whole district, not only your caseload.")
    var district = false

    @Flag(help: "JSON for scripts.")
    var json = false

    /// The database, the counselor asking (whose confidential follow-ups they may read), and
    /// the caseload to list (nil: the district).
    func open() throws -> (AppDatabase, Counselor, Int64?) {
        let db = try database.openToRecord()
        let counselor = try acting.resolve(in: db)
        return (db, counselor, district ? nil : counselor.id)
    }
}

/// `waypoint attention`: the caseload's "Needs attention" view (v7) on the command line, by
/// the same rule (`Attention`): most urgent first, the reason first, this week's only unless
/// `--all`.
struct AttentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attention",
        abstract: "Students who need attention, most urgent first (tier, then how overdue, then how long unseen), with why.",
        discussion: """
            A student needs attention when on early-warning tier 2-3 with no intervention under way, when this \
            year's next milestone is overdue, or when not seen in 30 days. Only what can be acted on this week is \
            listed (not seen lately, with no early-warning concern, can wait): --all lists those too. When nobody on \
            the list has been seen yet (a new roster), "not seen" is left out, since it would flag everyone.
            """)

    @OptionGroup var list: CaseloadListOptions

    @Flag(help: "Also the students who can wait (only not seen in 30 days or more).")
    var all = false

    func run() throws {
        let (db, _, counselorId) = try list.open()
        let catalogs = loadCatalogs()
        let today = CivilDate.today()
        let entries = try db.caseload(counselorId: counselorId)
        let grades = Dictionary(entries.compactMap { entry in entry.student.id.map { ($0, entry.student.grade) } }) { first, _ in first }
        let summaries = try CaseloadLists.summaries(db, students: grades, catalogs: catalogs, today: today)
        let nobodySeenYet = !entries.contains { $0.lastContact != nil }
        let found = Attention.shortList(entries, showAll: all) { entry in
            let summary = entry.student.id.flatMap { summaries[$0] }
            return Attention(tier: summary?.tier, hasActiveIntervention: summary?.hasActiveIntervention ?? false,
                             nextMilestone: summary?.plan?.nextMilestone,
                             lastSeen: entry.lastContact.map { CivilDate.today(now: $0) }, today: today,
                             nobodySeenYet: nobodySeenYet)
        }
        let rows = found.shown.map { AttentionJSON(entry: $0.item, attention: $0.attention) }
        if list.json {
            try printJSON(AttentionListJSON(students: rows, waiting: found.waiting, nobodySeenYet: nobodySeenYet))
            return
        }
        print(TextTable.render(header: ["Why", "Tier", "Student", "ID", "Gr", "Seen"], rows: found.shown.map { entry, attention in
            [attention.text, attention.tierText, entry.student.listName, entry.student.localId, entry.student.grade.description,
             attention.daysUnseen.map { "\($0)d" } ?? "never"]
        }), terminator: "")
        var note = found.waiting > 0 && !all
            ? "\(counted(rows.count, "student")) to act on this week; \(found.waiting) more only not seen in "
                + "\(Attention.notSeenDays)+ days: --all lists them."
            : "\(counted(rows.count, "student")) need attention."
        if nobodySeenYet {
            note += " Nobody here has been seen yet, so “not seen” is left out (it would flag all \(entries.count))."
        }
        say(note)
    }
}

struct AttentionListJSON: Encodable {
    var students: [AttentionJSON]
    /// Left out as able to wait (without --all).
    var waiting: Int
    var nobodySeenYet: Bool
}

struct AttentionJSON: Encodable {
    var localId: String
    var student: String
    var grade: String
    var reasons: [String]
    var tier: Int?
    var daysOverdue: Int?
    var daysUnseen: Int?
    var thisWeek: Bool

    init(entry: CaseloadEntry, attention: Attention) {
        localId = entry.student.localId
        student = entry.student.listName
        grade = entry.student.grade.description
        reasons = attention.reasons.map(\.text)
        tier = attention.tier > 0 ? attention.tier : nil
        daysOverdue = attention.daysOverdue > 0 ? attention.daysOverdue : nil
        daysUnseen = attention.daysUnseen
        thisWeek = attention.isThisWeek
    }
}
