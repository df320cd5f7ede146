import ArgumentParser
import Foundation
import Interchange
import TerminalKit
import WaypointCore
import WaypointHub
import WaypointStore

/// `waypoint report coverage|milestone|tiers|applications`: the numbers leaders review, grouped and
/// disaggregated, with small groups suppressed. `waypoint report time`: one counselor's
/// minutes by session kind and week.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Coverage, milestones, early-warning tiers and college applications, by group, with small groups suppressed; a counselor's time.",
        discussion: """
            Examples:
              waypoint report coverage --days 30 --by counselor
              waypoint report milestone fafsa --grade 12 --by race
              waypoint report tiers --by el --csv
              waypoint report applications --by school --json
              waypoint report time --counselor T-001 --weeks 8 --csv
              waypoint report coverage --by school --hub postgres://wp_lead@hub.district.org/waypoint

            With --hub, the report covers the whole district: every counselor's students and
            sessions as the hub holds them, read as a lead (who sees no names and no notes).

            `applications` counts seniors (or --grade) who sent a college application, how many
            each sent, and of those who applied, who was admitted somewhere, waitlisted only, and
            enrolled.

            `time` sums the minutes of the sessions a counselor recorded, by session kind and by
            week (weeks start on Monday), for the ASCA national model's "how time is spent";
            sessions recorded without minutes are counted and named. It reports on --counselor,
            else on the counselor this command acts as ($WAYPOINT_COUNSELOR, or the only one).
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "coverage, milestone, tiers, applications or time.")
    var name: String

    @Argument(help: "For `milestone`: the milestone id (e.g. fafsa).")
    var milestone: String?

    @Option(help: "Group by this.")
    var by: ReportGrouping = .counselor

    @Option(help: "For `coverage`: seen within this many days.")
    var days = 30

    @Option(help: "Only this grade.")
    var grade: String?

    @Option(help: ArgumentHelp("Only this counselor's caseload (ID, sourcedId or email; with --hub, the sourcedId).", valueName: "id"))
    var counselor: String?

    @Option(help: ArgumentHelp("Report over the whole district on this hub, as a lead: postgres://USER@HOST:PORT/DATABASE.",
                               valueName: "url"))
    var hub: String?

    @Option(name: .customLong("hub-password-file"), help: ArgumentHelp(
        "With --hub: read the lead's password from the first line of this file (mode 600); else PGPASSWORD, else the passfile.",
        valueName: "file"))
    var hubPasswordFile: String?

    @Option(help: "For `time`: how many weeks, the last one holding --to.")
    var weeks = 8

    @Option(help: ArgumentHelp("For `time`: a day in the last week (YYYY-MM-DD, default today).", valueName: "date"))
    var to: String?

    @Option(help: "Groups smaller than this are suppressed.")
    var minGroup = 10

    @Flag var format: OutputFormat = .text

    func run() throws {
        let grouping = by
        guard (1...3650).contains(days) else { throw CLIError("--days must be between 1 and 3650, not \(days)") }
        guard (1...1000).contains(minGroup) else { throw CLIError("--min-group must be between 1 and 1000, not \(minGroup)") }
        let gradeFilter = try grade.map { text -> Grade in
            guard let value = Grade(text) else { throw CLIError("--grade must be PK, K or 1 to 13, not \"\(text)\"") }
            return value
        }
        let catalogs = loadCatalogs()
        if name == "time" { return try runTimeReport(catalogs: catalogs) }
        if name == "applications", hub != nil {
            throw CLIError("report applications reads this workstation's database; college applications do not reach the hub yet")
        }
        let students = try reportStudents(catalogs: catalogs)
        let report: Report
        switch name {
        case "coverage":
            let scope = gradeFilter.map { g in students.filter { $0.student.grade == g } } ?? students
            report = Reports.coverage(scope, by: grouping, days: days, now: Date(), minimumGroup: minGroup)
        case "milestone":
            guard let milestone else { throw CLIError("report milestone needs a milestone id, e.g. `waypoint report milestone fafsa`") }
            let item = try accepted(milestone, as: "milestone", from: catalogs.milestones.milestones.map { ($0.id, $0) })
            report = Reports.milestone(students, id: item.id, title: item.title, grade: gradeFilter, by: grouping, minimumGroup: minGroup,
                                       applies: item.applies(to:))
        case "applications":
            report = Reports.applications(students, grade: gradeFilter ?? Grade(rawValue: 12), by: grouping, minimumGroup: minGroup)
        case "tiers":
            let scope = gradeFilter.map { g in students.filter { $0.student.grade == g } } ?? students
            report = Reports.tiers(scope, by: grouping, minimumGroup: minGroup)
        default:
            throw CLIError("unknown report \"\(name)\"; expected one of: coverage, milestone, tiers, applications, time")
        }
        print(ReportOutput.render(report, format: format, minimumGroup: minGroup), terminator: "")
    }

    /// `report time`: minutes by kind and week. The CSV holds the table only; the sessions
    /// without minutes are named on standard error, so the file stays one table.
    private func runTimeReport(catalogs: Catalogs) throws {
        guard hub == nil else { throw CLIError("report time reads this workstation's database; --hub is not supported for it yet") }
        guard (1...53).contains(weeks) else { throw CLIError("--weeks must be between 1 and 53, not \(weeks)") }
        let lastDay = try DateOptions.day(to, option: "--to") ?? CivilDate.today()
        let db = try database.openForReading()
        let counselor = try counselor.map { try db.counselor(matching: $0) } ?? ActingCounselorOption.parse([]).identify(in: db)
        guard let counselorId = counselor.id else { throw CLIError("the counselor has no ID in this database") }
        let report = try db.timeReport(counselorId: counselorId, weeks: weeks, endingWith: lastDay,
                                       kinds: catalogs.sessionKinds, timeZone: .current)
        print(TimeReportOutput.render(report, format: format), terminator: "")
        if format != .text, !report.unmeasured.isEmpty {
            FileHandle.standardError.write(Data(Sanitizer.sanitizeKeepingLines(report.unmeasuredSentence + "\n").utf8))
        }
    }

    /// The students the report counts: this database's, or with --hub the district's.
    private func reportStudents(catalogs: Catalogs) throws -> [ReportStudent] {
        guard let hub else {
            if hubPasswordFile != nil { throw CLIError("--hub-password-file needs --hub URL") }
            let db = try database.openForReading()
            let counselorId = try counselor.map { try db.counselor(matching: $0).id } ?? nil
            return try db.reportStudents(counselorId: counselorId, catalogs: catalogs)
        }
        let address: HubAddress
        do { address = try HubAddress(parsing: hub) } catch { throw CLIError(error.description) }
        let counselor = self.counselor
        return try withHub(address, passwordFile: hubPasswordFile) { hub throws(HubError) in
            try await hub.checkSchema()
            return try await HubReports.students(on: hub, counselor: counselor, catalogs: catalogs)
        }
    }
}

/// A report as text, CSV or JSON. Suppressed values are written as "*", and the reason is
/// stated, so nobody mistakes a hidden number for zero.
enum ReportOutput {
    static func render(_ report: Report, format: OutputFormat, minimumGroup: Int) -> String {
        let header = [report.groupTitle, "Students"] + report.measures
        func cells(_ row: Report.Row) -> [String] {
            [row.group, row.isSuppressed ? "*" : String(row.count)]
                + row.values.map { value in row.isSuppressed ? "*" : value.map { String(format: "%.1f", $0) } ?? "" }
        }
        let rows = report.rows.map(cells) + [cells(report.total)]
        let note = report.rows.contains(where: \.isSuppressed)
            ? Suppression.legend(minimumGroup: minimumGroup) + "\n" : ""
        switch format {
        case .csv:
            return CSVText.document(header: header, rows: rows)
        case .json:
            struct JSONRow: Encodable { var group: String; var students: Int?; var values: [String: Double?]; var suppressed: Bool }
            let items = (report.rows + [report.total]).map { row in
                JSONRow(group: row.group, students: row.isSuppressed ? nil : row.count,
                        values: Dictionary(uniqueKeysWithValues: zip(report.measures, row.values)), suppressed: row.isSuppressed)
            }
            return (try? jsonText(items)) ?? "[]\n"
        case .text:
            return report.title + "\n\n" + TextTable.render(header: header, rows: rows) + (note.isEmpty ? "" : "\n" + note)
        }
    }
}

/// The time report as text, CSV or JSON: the same table (`TimeReport.table`) in each.
enum TimeReportOutput {
    static func render(_ report: TimeReport, format: OutputFormat) -> String {
        let (header, rows) = report.table
        switch format {
        case .csv:
            return CSVText.document(header: header, rows: rows)
        case .json:
            struct JSONRow: Encodable { var kind: String; var minutesByWeek: [String: Int]; var total: Int; var sessions: Int; var withoutMinutes: Int }
            struct JSONUnmeasured: Encodable { var sessionId: Int64; var date: String; var student: String; var kind: String }
            struct JSONReport: Encodable { var counselor: String; var weeks: [String]; var kinds: [JSONRow]; var totalMinutes: Int; var withoutMinutes: [JSONUnmeasured] }
            let weeks = report.weeks.map(\.iso)
            let kinds = report.rows.map { row in
                JSONRow(kind: row.kind, minutesByWeek: Dictionary(uniqueKeysWithValues: zip(weeks, row.minutes)), total: row.total,
                        sessions: row.sessions, withoutMinutes: row.withoutMinutes)
            }
            let unmeasured = report.unmeasured.map { JSONUnmeasured(sessionId: $0.sessionId, date: $0.day.iso, student: $0.studentName, kind: $0.kindTitle) }
            return (try? jsonText(JSONReport(counselor: report.counselorName, weeks: weeks, kinds: kinds, totalMinutes: report.total,
                                             withoutMinutes: unmeasured))) ?? "{}\n"
        case .text:
            let title = "Minutes by session kind for \(report.counselorName), \(report.weeks.count) weeks from Monday "
                + "\(report.weeks.first?.iso ?? "")\n\n"
            let body = report.rows.isEmpty ? "No sessions recorded in these weeks.\n" : TextTable.render(header: header, rows: rows)
            return title + body + (report.unmeasured.isEmpty ? "" : "\n" + report.unmeasuredSentence + "\n")
        }
    }
}
