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
        subcommands: [PlanShowCommand.self, PlanCourseCommand.self, PlanPathwayCommand.self, PlanMilestoneCommand.self,
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

    func run() throws {
        let planFormat = format
        if let output { try refuseExistingOutput(output) }
        let db = try database.openToRecord()
        let viewer = try acting.resolveIfKnown(in: db)
        let student = try db.student(matching: studentId)
        let rendered = try planDocument(student, db: db, catalogs: loadCatalogs(), today: CivilDate.today()).rendered(as: planFormat)
        if let output {
            try sendExport(rendered, to: output, db: db, AuditEntry(.exported, counselorId: viewer?.id, studentId: student.id,
                                                                    subject: "plan", detail: planFormat.rawValue))
        } else {
            try withAudit(db, AuditEntry(.viewedPlan, counselorId: viewer?.id, studentId: student.id, subject: "plan")) {
                // Each format is already safe to print (see `PlanDocument.rendered(as:)`).
                print(rendered, terminator: "")
            }
        }
    }
}
