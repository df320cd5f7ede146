import ArgumentParser
import Foundation
import Interchange
import WaypointCore
import WaypointStore

struct AssessmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assessment",
        abstract: "A student's test results (PSAT, SAT, ACT, AP, ASVAB, state tests): list, add, remove.",
        discussion: """
            Results usually come from the district's file (`waypoint import assessments FILE`);
            `add` is for a score typed from a paper report. The tests, their score ranges and
            sub-scores are the catalog's (assessments.json, docs/CATALOGS.md).
            """,
        subcommands: [AssessmentListCommand.self, AssessmentAddCommand.self, AssessmentRemoveCommand.self])
}

struct AssessmentListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "A student's test results, newest first.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The student's local ID or roster sourcedId.")
    var studentId: String

    @Flag(help: "JSON for scripts.")
    var json = false

    func run() throws {
        let db = try database.open()
        let student = try db.student(matching: studentId)
        let results = try db.assessmentResults(studentId: student.id!)
        let catalog = loadCatalogs().assessments
        if json {
            try printJSON(results.map { AssessmentJSON($0, catalog: catalog) })
            return
        }
        guard !results.isEmpty else {
            say("No test results for \(student.printableName) (\(student.localId)); `waypoint import assessments FILE` "
                + "or `waypoint assessment add \(student.localId) --test sat --date YYYY-MM-DD --total N` adds one.")
            return
        }
        print(TextTable.render(header: ["Date", "Test", "Score", "From"], rows: results.map { result in
            [result.date.iso, catalog.title(of: result.testId), result.scoreText(catalog),
             result.source == .hand ? "by hand" : "import"]
        }), terminator: "")
    }
}

struct AssessmentAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Record a test result by hand (a score from a paper report).",
        discussion: """
            The same student, test and date is one result: adding it again corrects its scores.
            Example:
              waypoint assessment add S100234 --test sat --date 2026-10-04 --total 1250 \\
                --score erw=620 --score math=630
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The student's local ID or roster sourcedId.")
    var studentId: String

    @Option(help: "The test's id in the catalog, e.g. psat, sat, act, ap-biology, asvab.")
    var test: String

    @Option(help: "The date the test was taken (YYYY-MM-DD).")
    var date: String

    @Option(help: "The total (SAT total, ACT composite, AP score, ASVAB AFQT percentile…).")
    var total: String

    @Option(name: .customLong("score"), help: ArgumentHelp("A sub-score as ID=VALUE (e.g. math=630); repeat for each.",
                                                           valueName: "id=value"))
    var scores: [String] = []

    func run() throws {
        let catalog = loadCatalogs().assessments
        let today = CivilDate.today()
        let result = try checkedResult(catalog: catalog, today: today)
        let db = try database.open()
        let student = try db.student(matching: studentId)
        var recorded = result
        recorded.studentId = student.id!
        let summary = try db.recordAssessments([recorded], by: acting.resolveIfKnown(in: db)?.id,
                                               source: "assessment \(result.testId) \(result.date.iso)")
        let what = "\(catalog.title(of: result.testId)) \(result.scoreText(catalog)) on \(result.date.iso)"
        let verb = summary.added > 0 ? "Added" : summary.updated > 0 ? "Corrected" : "Already recorded:"
        say("\(verb) \(what) for \(student.printableName) (\(student.localId)).")
    }

    /// The result the options describe, checked by the catalog's one rule (`AssessmentEntry`):
    /// a bad value names its option and nothing is written.
    func checkedResult(catalog: AssessmentCatalog, today: CivilDate) throws -> AssessmentResult {
        switch AssessmentEntry.check(studentId: 0, testId: test, date: date, total: total, scores: scores,
                                     catalog: catalog, today: today) {
        case .success(let result):
            return result
        case .failure(let problem):
            let option = switch problem.field {
            case "test": "--test \"\(RosterIssue.shown(test))\""
            case "date": "--date \"\(RosterIssue.shown(date))\""
            case "total": "--total \"\(RosterIssue.shown(total))\""
            case "scores": "--score"
            default: "--score \(RosterIssue.shown(problem.field))"
            }
            throw CLIError("\(option): expected \(problem.expected); nothing was recorded")
        }
    }
}

struct AssessmentRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove one test result (typed against the wrong student or date).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The student's local ID or roster sourcedId.")
    var studentId: String

    @Option(help: "The test's id in the catalog.")
    var test: String

    @Option(help: "The date the test was taken (YYYY-MM-DD).")
    var date: String

    func run() throws {
        guard let day = CivilDate(iso: date), day.iso == date else {
            throw CLIError("--date \"\(RosterIssue.shown(date))\": expected a date as YYYY-MM-DD; nothing was removed")
        }
        let db = try database.open()
        let student = try db.student(matching: studentId)
        guard try db.removeAssessment(studentId: student.id!, testId: test, date: day, by: acting.resolveIfKnown(in: db)?.id) else {
            throw CLIError("\(student.printableName) (\(student.localId)) has no \(RosterIssue.shown(test)) result of \(date); "
                + "`waypoint assessment list \(student.localId)` shows theirs")
        }
        say("Removed the \(loadCatalogs().assessments.title(of: test)) result of \(date) for \(student.printableName) (\(student.localId)).")
    }
}

struct AssessmentJSON: Encodable {
    var test: String
    var title: String
    var date: String
    var total: Int
    var scores: [String: Int]
    var source: String

    init(_ result: AssessmentResult, catalog: AssessmentCatalog) {
        test = result.testId
        title = catalog.title(of: result.testId)
        date = result.date.iso
        total = result.total
        scores = result.scores
        source = result.source.rawValue
    }
}
