import ArgumentParser
import Foundation
import Interchange
import WaypointCore
import WaypointStore

/// `waypoint audit`: the append-only trail of who viewed, changed, imported, exported,
/// backed up or restored what. Reading it changes nothing.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The audit trail: who viewed, changed, imported, exported or restored what, newest first.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only rows about this student (local ID or roster sourcedId).", valueName: "id"))
    var student: String?

    @Option(help: ArgumentHelp("Only rows by this counselor (ID, sourcedId or email).", valueName: "id"))
    var counselor: String?

    @Option(help: ArgumentHelp("Only rows from this day on (YYYY-MM-DD, local time).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("At most this many rows, the newest.", valueName: "n"))
    var limit: String?

    @Flag var format: OutputFormat = .text

    func validate() throws {
        if let since, sinceDate(since) == nil {
            throw ValidationError("--since \"\(since)\": expected a date as YYYY-MM-DD")
        }
        if let limit, (Int(limit) ?? 0) < 1 {
            throw ValidationError("--limit must be a whole number of 1 or more, not \"\(limit)\"")
        }
    }

    func run() throws {
        let db = try database.openForReading()
        let counselors = try Dictionary(db.allCounselors().compactMap { c in c.id.map { ($0, c) } }) { first, _ in first }
        let query = AuditQuery(studentId: try student.map { try db.student(matching: $0).id } ?? nil,
                               counselorId: try counselor.map { try db.counselor(matching: $0).id } ?? nil,
                               since: since.flatMap(sinceDate), limit: limit.flatMap { Int($0) })
        var localIds: [Int64: String] = [:]
        let rows = try db.auditEvents(query).map { event -> AuditRow in
            if let id = event.studentId, localIds[id] == nil { localIds[id] = try db.student(id: id)?.localId ?? "#\(id)" }
            return AuditRow(event, counselor: event.counselorId.flatMap { counselors[$0]?.displayName },
                            studentLocalId: event.studentId.flatMap { localIds[$0] })
        }
        switch format {
        case .json: try printJSON(rows)
        case .csv: print(CSVText.document(header: AuditRow.header, rows: rows.map(\.fields)), terminator: "")
        case .text:
            print(TextTable.render(header: ["When", "Who", "Action", "Student", "Subject", "Detail"], rows: rows.map {
                [LocalTime.format($0.date, timeZone: .current), $0.counselor ?? "\($0.actor) (no counselor)", $0.title,
                 $0.studentLocalId ?? "", $0.subject, $0.detail]
            }), terminator: "")
            warn("\(counted(rows.count, "audit row"))")
        }
    }

    private func sinceDate(_ text: String) -> Date? {
        CivilDate(iso: text).flatMap { LocalTime.parse("\($0.iso) 00:00", timeZone: .current) }
    }
}

/// One audit row as printed and exported.
struct AuditRow: Encodable {
    var at: String
    var counselorId: Int64?
    var counselor: String?
    var actor: String
    var action: String
    var studentLocalId: String?
    var subject: String
    var detail: String
    fileprivate var date: Date
    /// The action in words, for the text table; JSON and CSV keep the stored name.
    fileprivate var title: String

    init(_ event: AuditEvent, counselor: String?, studentLocalId: String?) {
        at = ISO8601DateFormatter().string(from: event.at)
        date = event.at
        counselorId = event.counselorId
        self.counselor = counselor
        actor = event.actor
        action = event.action.rawValue
        title = event.action.title
        self.studentLocalId = studentLocalId
        subject = event.subject
        detail = event.detail
    }

    private enum CodingKeys: String, CodingKey {
        case at, counselorId, counselor, actor, action, studentLocalId, subject, detail
    }

    static let header = ["at", "counselorId", "counselor", "actor", "action", "studentLocalId", "subject", "detail"]
    var fields: [String] {
        [at, counselorId.map(String.init) ?? "", counselor ?? "", actor, action, studentLocalId ?? "", subject, detail]
    }
}
