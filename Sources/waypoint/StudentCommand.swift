import ArgumentParser
import Foundation
import Interchange
import TerminalKit
import WaypointCore
import WaypointEffects
import WaypointStore

struct StudentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "student",
        abstract: "List, show and add students.",
        subcommands: [StudentListCommand.self, StudentShowCommand.self, StudentAddCommand.self])
}

enum OutputFormat: String, EnumerableFlag {
    case text, json, csv

    static func help(for value: OutputFormat) -> ArgumentHelp? {
        switch value {
        case .text: "Aligned columns for reading (the default)."
        case .json: "JSON for scripts."
        case .csv: "CSV for spreadsheets."
        }
    }
}

struct StudentListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List active students: a caseload, a grade or the whole district.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only this counselor's caseload (ID, sourcedId or email).", valueName: "id"))
    var counselor: String?

    @Option(help: ArgumentHelp("Only this grade (9, 10, K, …).", valueName: "grade"))
    var grade: String?

    @Option(help: ArgumentHelp("Only students matching this search, as in the caseload's / search.", valueName: "text"))
    var search: String?

    @Flag var format: OutputFormat = .text

    func validate() throws {
        if let grade, Grade(grade) == nil {
            throw ValidationError("--grade must be PK, K or 1 to 13, not \"\(grade)\"")
        }
    }

    func run() throws {
        let db = try database.openForReading()
        let counselorId = try counselor.map { try db.counselor(matching: $0).id } ?? nil
        let gradeFilter = grade.flatMap(Grade.init)
        var entries = if let search, !search.trimmingCharacters(in: .whitespaces).isEmpty {
            try db.searchStudents(search, counselorId: counselorId, limit: Int.max)
        } else {
            try db.caseload(counselorId: counselorId, grade: gradeFilter)
        }
        if let gradeFilter { entries = entries.filter { $0.student.grade == gradeFilter } }
        let rows = entries.map(StudentRow.init)
        switch format {
        case .json: try printJSON(rows)
        case .csv: print(CSVText.document(header: StudentRow.csvHeader, rows: rows.map(\.csvFields)), terminator: "")
        case .text:
            print(TextTable.render(header: ["Name", "ID", "Gr", "School"],
                                   rows: rows.map { [$0.fromRoster ? $0.listName : "\($0.listName) \(WalkIn.rowMark)", $0.localId,
                                                     $0.grade, $0.school] }),
                  terminator: "")
            let hint = try rows.isEmpty && db.isEmpty() ? " (this database is empty: `waypoint demo` loads a demo district)" : ""
            warn("\(counted(rows.count, "student"))\(hint)")
        }
    }
}

struct StudentShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one student, by local ID or roster sourcedId.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The student's local ID (as on the caseload) or roster sourcedId.")
    var id: String

    @Flag(help: "JSON for scripts.")
    var json = false

    func run() throws {
        let db = try database.openToRecord()
        let viewer = try acting.resolveIfKnown(in: db)
        let student = try db.student(matching: id)
        let abc = try student.id.flatMap { try db.abcData(studentIds: [$0])[$0] } ?? ABCBatch()
        var detail = StudentDetail(
            student: student,
            school: try db.school(id: student.schoolId)?.name ?? "",
            counselors: try db.counselors(ofStudentId: student.id ?? -1).map(\.displayName),
            abc: abc, rules: loadEarlyWarningRules())
        if let id = student.id, let origin = try db.walkInOrigin(studentId: id) {
            detail.addedByHand = "\(origin.counselor ?? "a counselor no longer here"), \(CivilDate.today(now: origin.addedAt).iso)"
        }
        try withAudit(db, AuditEntry(.viewedProfile, counselorId: viewer?.id, studentId: student.id, subject: "profile")) {
            if json {
                try printJSON(detail)
            } else {
                print(detail.text, terminator: "")
            }
        }
    }
}

func printJSON<T: Encodable>(_ value: T) throws {
    print(try jsonText(value), terminator: "")
}

/// JSON as every command prints it (see `JSONOutput`).
func jsonText<T: Encodable>(_ value: T) throws -> String {
    try JSONOutput.text(value)
}
