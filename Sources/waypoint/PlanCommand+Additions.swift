import ArgumentParser
import Foundation
import WaypointCore
import WaypointStore

struct PlanAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add work-based learning, college credit, a certification or competency evidence.",
        subcommands: [PlanAddWBLCommand.self, PlanAddCreditCommand.self, PlanAddCertificationCommand.self, PlanAddEvidenceCommand.self])
}

struct PlanAddWBLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wbl", abstract: "Add work-based learning.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption
    @Argument(help: "The student's local ID.") var studentId: String
    @Option(help: "The kind of work-based learning.") var kind: WorkBasedLearningKind
    @Option(help: "The organization.") var organization: String
    @Option(help: "Hours (0 to 5000).") var hours: String
    @Option(help: "Start date.") var start: String?
    @Option(help: "End date.") var end: String?

    func validate() throws { try checkTyped(organization, as: .title, "--organization") }

    func run() throws {
        let wblKind = kind
        guard !organization.trimmingCharacters(in: .whitespaces).isEmpty else { throw CLIError("--organization is empty") }
        let item = WorkBasedLearning(studentId: 0, kind: wblKind, organization: organization,
                                     hours: try parseNumber(hours, field: "--hours", rule: FieldRules.workBasedLearningHours),
                                     startDate: try DateOptions.day(start, option: "--start"), endDate: try DateOptions.day(end, option: "--end"))
        if let s = item.startDate, let e = item.endDate, e < s { throw CLIError("--end is before --start") }
        let db = try database.open()
        var stored = item
        stored.studentId = try db.student(matching: studentId).id!
        say("Added work-based learning \(try db.addWorkBasedLearning(stored, by: acting.resolveIfKnown(in: db)?.id)).")
    }
}

struct PlanAddCreditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "credit", abstract: "Add early college credit.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption
    @Argument(help: "The student's local ID.") var studentId: String
    @Option(help: "The college course.") var course: String
    @Option(help: "The college or university.") var institution: String
    @Option(help: "College credits (0.5 to 60).") var credits: String

    func validate() throws {
        try checkTyped(course, as: .title, "--course")
        try checkTyped(institution, as: .name, "--institution")
    }

    func run() throws {
        guard !course.trimmingCharacters(in: .whitespaces).isEmpty else { throw CLIError("--course is empty") }
        guard !institution.trimmingCharacters(in: .whitespaces).isEmpty else { throw CLIError("--institution is empty") }
        let value = try parseNumber(credits, field: "--credits", rule: FieldRules.collegeCredits)
        let db = try database.open()
        let student = try db.student(matching: studentId)
        say("Added college credit \(try db.addCollegeCredit(CollegeCredit(studentId: student.id!, course: course, institution: institution, credits: value), by: acting.resolveIfKnown(in: db)?.id)).")
    }
}

struct PlanAddCertificationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "certification", abstract: "Add an industry certification.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption
    @Argument(help: "The student's local ID.") var studentId: String
    @Option(help: "The certification.") var name: String
    @Option(help: "Who issues it.") var issuer: String = ""
    @Option(help: "Whether it is earned yet.") var status: CertificationStatus = .inProgress
    @Option(help: "Date earned or started.") var date: String?

    func validate() throws {
        try checkTyped(name, as: .title, "--name")
        try checkTyped(issuer, as: .name, "--issuer")
    }

    func run() throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw CLIError("--name is empty") }
        let certStatus = status
        let when = try DateOptions.day(date, option: "--date")
        let db = try database.open()
        let student = try db.student(matching: studentId)
        say("Added certification \(try db.addCertification(Certification(studentId: student.id!, name: name, issuer: issuer, status: certStatus, date: when), by: acting.resolveIfKnown(in: db)?.id)).")
    }
}

struct PlanAddEvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evidence", abstract: "Add competency evidence.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption
    @Argument(help: "The student's local ID.") var studentId: String
    @Option(help: "The competency id (see the competencies catalog).") var competency: String
    @Option(help: "The artifact or reflection.") var artifact: String
    @Option(help: "Date (default: today).") var date: String?

    func validate() throws { try checkTyped(artifact, as: .title, "--artifact") }

    func run() throws {
        let catalogs = loadCatalogs()
        _ = try accepted(competency, as: "--competency", from: catalogs.competencies.competencies.map { ($0.id, $0.id) })
        guard !artifact.trimmingCharacters(in: .whitespaces).isEmpty else { throw CLIError("--artifact is empty") }
        let when = try DateOptions.day(date, option: "--date") ?? CivilDate.today()
        let db = try database.open()
        let student = try db.student(matching: studentId)
        say("Added evidence \(try db.addEvidence(CompetencyEvidence(studentId: student.id!, competencyId: competency, artifact: artifact, date: when), by: acting.resolveIfKnown(in: db)?.id)).")
    }
}
