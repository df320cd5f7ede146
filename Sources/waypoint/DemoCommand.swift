import ArgumentParser
import Foundation
import Interchange
import WaypointCore
import WaypointStore

/// Fills an empty database with a fictional district, the same for the same seed.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load a fictional demo district into an empty database.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "How many high-school students (1 to 500000); from 300 on, a middle school and an elementary school come too, with a tenth as many each and a counselor of their own.")
    var students = 1200

    @Option(help: "How many high-school counselors (default: one per 300 students).")
    var counselors: Int?

    @Option(help: "Seed for the generator: the same seed gives the same district.")
    var seed: UInt64 = 2026

    @Option(help: ArgumentHelp("Write the district as a OneRoster 1.2 CSV bundle into this folder instead of loading it.",
                               valueName: "dir"))
    var oneroster: String?

    func validate() throws {
        guard (1...500_000).contains(students) else {
            throw ValidationError("--students must be between 1 and 500000, not \(students)")
        }
        if let counselors, !(1...students).contains(counselors) {
            throw ValidationError("--counselors must be between 1 and the number of students (\(students)), not \(counselors)")
        }
    }

    func run() throws {
        if let oneroster {
            if FileManager.default.fileExists(atPath: URL(fileURLWithPath: oneroster).appendingPathComponent("manifest.csv").path) {
                throw CLIError("\(oneroster) already holds a OneRoster bundle (manifest.csv); choose an empty folder")
            }
            let district = DemoDistrict.generate(students: students, counselors: counselors, seed: seed)
            let abc = DemoABC.generate(for: district.students, today: CivilDate.today(), seed: seed)
            // The years before the ABC files' three terms, so no course is in both files.
            let abcYears = MilestoneProgress.schoolYearStart(containing: CivilDate.today()) - 1
            let transcript = DemoPlans.transcript(
                DemoPlans.generate(for: district.students, catalogs: loadCatalogs(), today: CivilDate.today(), seed: seed),
                students: district.students, today: CivilDate.today()).marks
                .filter { (CourseMarks.schoolYearStart(ofTerm: $0.term) ?? abcYears) < abcYears }
            let summary = try OneRosterWriter.write(district, to: oneroster, abc: abc, transcript: transcript)
            say("Wrote a OneRoster 1.2 bundle to \(oneroster): \(counted(summary.students, "student")), "
                + "\(counted(summary.counselors, "counselor")), \(counted(summary.schools, "school")), with caseloads.csv, "
                + "abc-attendance.csv, abc-behavior.csv, abc-marks.csv for `waypoint import abc` and transcript.csv "
                + "(the years before) for `waypoint import transcript`.")
            return
        }
        let db = try database.open()
        if let demo = try db.unfinishedImports().first(where: { !$0.canFinish }) { throw CLIError(demo.description) }
        guard try db.isEmpty() else {
            throw CLIError("the database at \(database.resolvedPath) already has students; "
                + "the demo district only loads into an empty database (use --db to choose another file)")
        }
        let district = DemoDistrict.generate(students: students, counselors: counselors, seed: seed)
        let catalogs = loadCatalogs()
        let (plans, transcript) = DemoPlans.transcript(
            DemoPlans.generate(for: district.students, catalogs: catalogs, today: CivilDate.today(), seed: seed),
            students: district.students, today: CivilDate.today())
        let sessions = DemoSessions.generate(for: district.students, today: CivilDate.today(), seed: seed)
        let abc = DemoABC.generate(for: district.students, today: CivilDate.today(), seed: seed)
        let interventions = DemoInterventions.generate(for: district.students, abc: abc, rules: catalogs.earlyWarning,
                                                       today: CivilDate.today(), seed: seed)
        try db.loadDemoDistrict(district, plans: plans, sessions: sessions, abc: abc, interventions: interventions,
                                contacts: DemoContacts.generate(for: district.students, seed: seed),
                                colleges: DemoColleges.generate(for: district.students, today: CivilDate.today(), seed: seed),
                                transcript: transcript,
                                assessments: DemoAssessments.generate(for: district.students, catalog: catalogs.assessments,
                                                                      today: CivilDate.today(), seed: seed),
                                subjectAreas: catalogs.requirementSets.subjectAreas)
        say("Loaded the demo district into \(database.resolvedPath): "
            + "\(counted(district.students.count, "student")), \(counted(district.counselors.count, "counselor")), "
            + "\(counted(district.schools.count, "school")).")
    }
}
