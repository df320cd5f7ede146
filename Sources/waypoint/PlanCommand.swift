import ArgumentParser
import Foundation
import Interchange
import TerminalKit
import WaypointCore
import WaypointEffects
import WaypointStore

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show, export and change a student's multi-year plan.",
        subcommands: [PlanShowCommand.self, PlanPrintCommand.self, PlanLanguagesCommand.self, PlanCourseCommand.self, PlanPathwayCommand.self, PlanMilestoneCommand.self,
                      PlanGoalCommand.self, PlanAddCommand.self])
}

struct PlanShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "The plan in plain language, for a family meeting (no session notes, ever).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The student's local ID or roster sourcedId.")
    var studentId: String

    @Option(help: "The format to write.")
    var format: PlanFormat = .text

    @Option(help: ArgumentHelp("Write to this new file (0600; an existing file is refused) instead of standard output.",
                               valueName: "file"))
    var output: String?

    @OptionGroup var language: PlanLanguageOption

    func run() throws {
        let planFormat = format
        if let output { try refuseExistingOutput(output) }
        let db = try database.openToRecord()
        let viewer = try acting.resolveIfKnown(in: db)
        let student = try db.student(matching: studentId)
        let catalogs = loadCatalogs()
        let words = try language.resolve(for: student, db: db, catalogs: catalogs)
        let rendered = try planDocument(student, db: db, catalogs: catalogs, today: CivilDate.today(), language: words)
            .rendered(as: planFormat)
        if let output {
            try sendExport(rendered, to: output, db: db, AuditEntry(.exported, counselorId: viewer?.id, studentId: student.id,
                                                                    subject: "plan", detail: "\(planFormat.rawValue) (\(words.id))"))
        } else {
            try withAudit(db, AuditEntry(.viewedPlan, counselorId: viewer?.id, studentId: student.id, subject: "plan")) {
                // Each format is already safe to print (see `PlanDocument.rendered(as:)`).
                print(rendered, terminator: "")
            }
        }
    }
}

/// The language of the family's plan, from exactly one place.
struct PlanLanguageOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The language the plan is written in: a code or name (en, es, Spanish, Español…), or `home` for the family's home language (English when no language file speaks it). `waypoint plan languages` lists them.",
        valueName: "language"))
    var language: String = "en"

    func resolve(for student: Student, db: AppDatabase, catalogs: Catalogs) throws -> PlanLanguage {
        let languages = catalogs.planLanguages
        if language == "home" {
            return languages.language(forHomeLanguages: try homeLanguages(studentId: student.id!, db: db)) ?? languages.english
        }
        guard let found = languages.language(forHomeLanguage: language) else {
            let known = languages.languages.map { "\($0.id) (\($0.englishName))" }.joined(separator: ", ")
            throw CLIError("The plan has no language \"\(language)\"; it can be written in \(known). "
                           + "A district adds one with a \(PlanLanguage.fileName(of: "CODE")) file in its catalogs folder (docs/CATALOGS.md).")
        }
        return found
    }
}

struct PlanPrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print", abstract: "Send the family's plan to the default printer (`lp`), as plain text.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The student's local ID or roster sourcedId.")
    var studentId: String

    @OptionGroup var language: PlanLanguageOption

    func run() throws {
        let db = try database.openToRecord()
        let viewer = try acting.resolveIfKnown(in: db)
        let student = try db.student(matching: studentId)
        let catalogs = loadCatalogs()
        let words = try language.resolve(for: student, db: db, catalogs: catalogs)
        let text = try planDocument(student, db: db, catalogs: catalogs, today: CivilDate.today(), language: words).rendered(as: .text)
        let sentTo: String
        do {
            sentTo = try PlanPrinter.print(text, title: "Plan \(student.localId)") { printer in
                try db.recordAudit(AuditEntry(.exported, counselorId: viewer?.id, studentId: student.id, subject: "plan",
                                              detail: "printed on \(printer) (\(words.id))"))
            }
        } catch let refused as PlanPrinter.Refused {
            throw CLIError(refused.description)
        }
        warn("Sent the plan of \(student.localId) (\(words.englishName)) to the printer \(sentTo).")
    }
}

struct PlanLanguagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "languages",
        abstract: "The languages the family's plan can be written in, and what each still lacks (falls back to English).")

    @Flag(help: "List every missing translation by its key, not only how many.")
    var missing = false

    func run() throws {
        let catalogs = loadCatalogs()
        let languages = catalogs.planLanguages
        var lines: [String] = []
        for language in languages.languages {
            let lacking = languages.missing(in: language, catalogs: catalogs)
            let name = language.name == language.englishName ? language.name : "\(language.name) (\(language.englishName))"
            let state = language.id == languages.english.id ? "the base every other language falls back to"
                : lacking.isEmpty ? "complete" : "\(lacking.count) missing, shown in English"
            lines.append("\(language.id)  \(name): \(state) · \(language.file)")
            if missing { lines += lacking.map { "    \($0)" } }
        }
        lines.forEach(say)
    }
}
