import ArgumentParser
import Foundation
import WaypointCore
import WaypointStore

struct InterventionListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "A student's interventions, or without a student the active ones on your caseload.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The student's local ID or roster sourcedId (default: your whole caseload).")
    var studentId: String?

    @Flag(help: "Closed interventions too.")
    var all = false

    @Flag(help: "JSON for scripts, with each intervention's progress notes.")
    var json = false

    func run() throws {
        // To record: confirming who is asking records the try (a wrong passphrase is audited).
        let db = try database.openToRecord()
        let catalogs = loadCatalogs()
        let items: [Intervention]
        if let studentId {
            items = try db.interventions(studentId: db.student(matching: studentId).id!, includeClosed: all)
        } else {
            items = try db.caseloadInterventions(counselorId: acting.resolve(in: db).id!, includeClosed: all)
        }
        let students = try Dictionary(uniqueKeysWithValues: Set(items.map(\.studentId)).compactMap { id in
            try db.student(id: id).map { (id, $0) }
        })
        let owners = try Dictionary(uniqueKeysWithValues: Set(items.map(\.ownerId)).compactMap { id in
            try db.counselor(id: id).map { (id, $0.displayName) }
        })
        let rows = try items.map { item -> InterventionJSON in
            let student = students[item.studentId]
            let stored = try db.interventionNotes(id: item.id!)
            let notes = json ? stored.map {
                InterventionJSON.Note(date: $0.date.iso, text: $0.text, authorId: $0.authorId, sessions: $0.sessionsDelivered,
                                      value: $0.measuredValue)
            } : []
            return InterventionJSON(
                id: item.id ?? 0, studentLocalId: student?.localId ?? "", student: student?.listName ?? "",
                kind: item.kind, kindTitle: catalogs.interventionKinds.title(of: item.kind), goal: item.goal,
                ownerId: item.ownerId, owner: item.ownerText(counselorName: owners[item.ownerId]),
                counselor: owners[item.ownerId] ?? "", tier: item.tier, area: item.area?.rawValue,
                start: item.startDate.iso, end: item.endDate?.iso,
                sessionsPerWeek: item.sessionsPerWeek, minutesPerSession: item.minutesPerSession, plannedWeeks: item.plannedWeeks,
                dosage: item.dosageText, delivered: InterventionDosage(item, notes: stored).text, measure: item.measure,
                status: item.status.rawValue, notes: notes)
        }
        if json {
            try printJSON(rows)
        } else {
            print(TextTable.render(header: ["ID", "Student", "ID", "Kind", "Dosage", "Delivered", "Start", "End", "Status",
                                            "Owner", "Goal"],
                                   rows: rows.map {
                [String($0.id), $0.student, $0.studentLocalId, $0.kindTitle, $0.dosage, $0.delivered, $0.start, $0.end ?? "",
                 $0.status, $0.owner, $0.goal]
            }), terminator: "")
        }
    }
}

struct InterventionJSON: Encodable {
    struct Note: Encodable {
        var date: String
        var text: String
        var authorId: Int64
        /// Sessions delivered since the previous note.
        var sessions: Int?
        /// The value of the intervention's measure.
        var value: Double?
    }

    var id: Int64
    var studentLocalId: String
    var student: String
    var kind: String
    var kindTitle: String
    var goal: String
    var ownerId: Int64
    /// Who delivers it: the staff member named, else the counselor.
    var owner: String
    /// The counselor responsible (`ownerId`).
    var counselor: String
    var tier: Int?
    var area: String?
    var start: String
    var end: String?
    var sessionsPerWeek: Int
    var minutesPerSession: Int
    var plannedWeeks: Int?
    var dosage: String
    /// Dosage delivered against planned (`InterventionDosage`).
    var delivered: String
    var measure: String?
    var status: String
    var notes: [Note]
}
