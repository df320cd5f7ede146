import ArgumentParser
import Foundation
import Interchange
import WaypointCore
import WaypointStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import data from the district's systems.",
        subcommands: [ImportOneRosterCommand.self, ImportABCCommand.self, ImportTranscriptCommand.self,
                      ImportAssessmentsCommand.self])
}

/// Applies the rest of an import that stopped part-way (see ``AppDatabase/importRoster``), and says so.
private func finishInterruptedImports(_ db: AppDatabase) throws {
    do {
        for sentence in try db.finishInterruptedImports() { say(sentence) }
    } catch let error as StoreError {
        throw CLIError(error.description)
    }
}

/// An import's failure in a sentence: nothing was imported, unless it stopped part-way.
private func importFailure(_ error: StoreError) -> String {
    if case .storageStoppedPartWay = error { return error.description }
    return "\(error.description) Nothing was imported."
}

/// `waypoint import oneroster DIR`: validates the whole bundle, then applies it in short
/// chunks, or writes nothing and lists every error (file:line:column) on stderr.
struct ImportOneRosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oneroster",
        abstract: "Import a OneRoster 1.1 or 1.2 CSV folder (students, schools, counselors, caseloads).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: ArgumentHelp("The folder holding manifest.csv and the roster files.", valueName: "dir"))
    var directory: String

    @Flag(help: "Show what would be added, updated and deactivated; write nothing.")
    var dryRun = false

    @OptionGroup var reading: RosterReadingOptions

    func run() throws {
        InterruptNotice.install()
        // A dry run writes nothing, so it needs a database to compare with: it never makes one.
        let existing = dryRun ? try database.openExisting(missing: "a dry run creates nothing and needs a database to "
            + "compare with: run the import without --dry-run to create it, or give --db another path") : nil
        let (result, started) = try reading.read(directory)
        let db = try existing ?? database.open()
        try finishInterruptedImports(db)
        let summary: RosterImportSummary
        do {
            if !dryRun { InterruptNotice.set(InterruptNotice.partWay) }
            let line = ProgressLine(dryRun ? "Checking" : "Applying")
            summary = try db.importRoster(result.bundle, dryRun: dryRun, by: acting.resolveIfKnown(in: db)?.id,
                                          source: directory) { done, total in line.update(done: done, total: total) }
            line.finish()
        } catch let error as StoreError {
            throw CLIError(importFailure(error))
        }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        say(dryRun ? "Dry run: nothing was written. The import would change:" : "Imported \(directory) in \(seconds) s:")
        say(summary.description)
        if let skipped = result.skipped.sentence { say(skipped) }
    }
}

/// `waypoint import abc FILE`: one attendance, behavior or course-marks CSV (the layout is
/// told by its header) for students already in the database. Validated in full first, then
/// applied in short chunks, or nothing written and every error (file:line:column) on stderr.
struct ImportABCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abc",
        abstract: "Import attendance, behavior incidents or course marks from one CSV file.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: ArgumentHelp("An attendance, behavior or course-marks CSV file (docs/IMPORTING.md has the layouts).",
                                 valueName: "file"))
    var file: String

    @Flag(help: "Show what would be added, updated and left unchanged; write nothing.")
    var dryRun = false

    func run() throws {
        InterruptNotice.install()
        // Attendance, behavior and marks belong to students already imported: no database, no file made.
        let db = try database.openExisting(missing: "attendance, behavior and marks are for students already in the "
            + "database; import the roster first (`waypoint import oneroster DIR`)")
        // First: an interrupted roster import may add the students this file names.
        try finishInterruptedImports(db)
        let batch = try readABC(file, students: db.abcStudentKeys())
        let summary: ABCImportSummary
        var placed: MarkPlacementSummary?
        do {
            if !dryRun { InterruptNotice.set(InterruptNotice.partWay) }
            let counselorId = try acting.resolveIfKnown(in: db)?.id
            summary = try db.importABC(batch, dryRun: dryRun, by: counselorId, source: file)
            // Course marks also land in the plans, where the graduation check counts them.
            if !batch.marks.isEmpty {
                placed = try db.placeMarks(batch.marks.map(ImportedMark.init), subjectAreas: loadCatalogs().requirementSets.subjectAreas,
                                           today: CivilDate.today(), dryRun: dryRun, by: counselorId)
            }
        } catch let error as StoreError {
            throw CLIError(importFailure(error))
        }
        say(dryRun ? "Dry run: nothing was written. The import would change:" : "Imported \(file):")
        say(summary.description)
        for line in placed?.lines ?? [] { say(line) }
    }
}

/// `waypoint import transcript FILE`: final marks (one row per student, term and course,
/// with credits) for students already in the database, placed in their plans as completed
/// or failed courses. Validated in full first; any error and nothing is written.
struct ImportTranscriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcript",
        abstract: "Import final course marks and credits into the students' plans from one CSV file.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: ArgumentHelp("A transcript CSV file (docs/IMPORTING.md has the layout).", valueName: "file"))
    var file: String

    @Flag(help: "Show what would be added, completed and left unchanged; write nothing.")
    var dryRun = false

    func run() throws {
        InterruptNotice.install()
        let db = try database.openExisting(missing: "marks are for students already in the database; import the "
            + "roster first (`waypoint import oneroster DIR`)")
        try finishInterruptedImports(db)
        let students = try db.abcStudentKeys()
        let marks = try readChecked(file) { () throws(RosterImportError) in
            try TranscriptReader.read(URL(fileURLWithPath: file), students: students)
        }
        let placed: MarkPlacementSummary
        do {
            if !dryRun { InterruptNotice.set(InterruptNotice.partWay) }
            let counselorId = try acting.resolveIfKnown(in: db)?.id
            placed = try db.placeMarks(marks, subjectAreas: loadCatalogs().requirementSets.subjectAreas,
                                       today: CivilDate.today(), dryRun: dryRun, by: counselorId)
            if !dryRun {
                try db.recordAudit(AuditEntry(.importedABC, counselorId: counselorId, subject: file,
                                              detail: "transcript, \(counted(marks.count, "mark")); " + placed.lines.joined(separator: "; ")))
            }
        } catch let error as StoreError {
            throw CLIError(importFailure(error))
        }
        say(dryRun ? "Dry run: nothing was written. The import would change:" : "Imported \(file):")
        for line in placed.lines { say(line) }
    }
}

/// `waypoint import assessments FILE`: test results (one row per student and test sitting,
/// with the date, the total and sub-scores) for students already in the database. Validated
/// in full first against the assessment catalog; any error and nothing is written. The same
/// student, test and date is one result: importing a file again changes nothing.
struct ImportAssessmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assessments",
        abstract: "Import test results (PSAT, SAT, ACT, AP, ASVAB, state tests) from one CSV file.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: ArgumentHelp("A test-results CSV file (docs/IMPORTING.md has the layout).", valueName: "file"))
    var file: String

    @Flag(help: "Show what would be added, updated and left unchanged; write nothing.")
    var dryRun = false

    func run() throws {
        let db = try database.openExisting(missing: "test results are for students already in the database; import the "
            + "roster first (`waypoint import oneroster DIR`)")
        let students = try db.abcStudentKeys()
        let catalog = loadCatalogs().assessments
        let results = try readChecked(file) { () throws(RosterImportError) in
            try AssessmentReader.read(URL(fileURLWithPath: file), students: students, catalog: catalog, today: CivilDate.today())
        }
        let summary: AssessmentImportSummary
        do {
            summary = try db.recordAssessments(results, dryRun: dryRun, by: acting.resolveIfKnown(in: db)?.id, source: file)
        } catch let error as StoreError {
            throw CLIError(importFailure(error))
        }
        say(dryRun ? "Dry run: nothing was written. The import would change:" : "Imported \(file):")
        say(summary.line)
    }
}

/// How a OneRoster folder is read and checked, for the workstation's import and the hub's.
struct RosterReadingOptions: ParsableArguments {
    @Flag(help: "Accept recoverable deviations (a misnamed column, a space for T in a date, a short row) with a warning each.")
    var lenient = false

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Caseloads from `roles` (counselor roles in roles.csv), `enrollments` (the students of classes a counselor is enrolled in) or `file F` (a caseloads.csv; default: DIR/caseloads.csv when present, else roles).",
        valueName: "roles|enrollments|file F"))
    var counselorFrom: [String] = []

    func validate() throws {
        switch counselorFrom.first {
        case nil: break
        case "roles" where counselorFrom.count == 1, "enrollments" where counselorFrom.count == 1: break
        case "file" where counselorFrom.count == 2: break
        default:
            throw ValidationError("--counselor-from must be `roles`, `enrollments` or `file PATH`, not \"\(counselorFrom.joined(separator: " "))\"")
        }
    }

    /// The validated bundle and when reading began. Warnings go to stderr; errors (each at
    /// file:line:column) too, and then a CLIError saying nothing was imported.
    func read(_ directory: String) throws -> (RosterReader.Result, started: Date) {
        let source: RosterReader.CaseloadSource? = switch counselorFrom.first {
        case "roles": .roles
        case "enrollments": .enrollments
        case "file": .file(URL(fileURLWithPath: counselorFrom[1]))
        default: nil
        }
        let result: RosterReader.Result
        let reading = ProgressLine("Reading and checking \(directory)…")
        reading.show()
        do {
            result = try RosterReader.read(URL(fileURLWithPath: directory), lenient: lenient, caseloads: source)
            reading.finish()
            TestHook.reached("oneroster-checked")
        } catch {
            reading.finish()
            warn(error.description)
            throw CLIError("\(counted(error.errors.count, "error")) in \(directory)\(error.truncated ? " (first \(error.errors.count) shown)" : ""); nothing was imported")
        }
        for warning in result.warnings {
            warn("warning: \(warning)")
        }
        return (result, reading.started)
    }
}

/// Reads and checks one ABC file, for the workstation's import and the hub's: errors (each at
/// file:line:column) to stderr, then a CLIError saying nothing was imported.
func readABC(_ file: String, students: ABCStudentKeys) throws -> ABCBatch {
    try readChecked(file) { () throws(RosterImportError) in try ABCReader.read(URL(fileURLWithPath: file), students: students) }
}

/// Runs a file's reader: its errors (each at file:line:column) to stderr, then a CLIError
/// saying nothing was imported.
func readChecked<Result>(_ file: String, _ read: () throws(RosterImportError) -> Result) throws -> Result {
    do {
        return try read()
    } catch {
        warn(error.description)
        throw CLIError("\(counted(error.errors.count, "error")) in \(file)\(error.truncated ? " (first \(error.errors.count) shown)" : ""); nothing was imported")
    }
}
