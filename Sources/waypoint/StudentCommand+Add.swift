import ArgumentParser
import Foundation
import WaypointCore
import WaypointStore

/// `waypoint student add`: a walk-in student, typed in by hand before any roster brings them
/// (`WalkIn` holds the rules, the same as the caseload's `N` form).
struct StudentAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a walk-in student by hand (not from the roster) to your caseload.",
        discussion: """
            The student is marked "not from the roster" until a roster import brings the same
            local ID (users.csv `identifier`, or its sourcedId when that is empty): that import
            merges them, keeping every session, note, plan, follow-up, contact and intervention
            recorded here. Without --local-id a placeholder (walk-in-1, …) stands in, which no
            import can match. A workstation joined to a hub refuses: students come from the hub.

            Example:
              waypoint student add --given-name Ana --family-name López --grade 9 \\
                --school "Riverside High School" --local-id 100234 --birth-date 2011-04-30
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Option(help: "Given name.") var givenName: String
    @Option(help: "Family name.") var familyName: String
    @Option(help: ArgumentHelp("Grade: PK, K or 1 to 13.", valueName: "grade")) var grade: String
    @Option(help: ArgumentHelp("The school: its name, roster sourcedId or ID (default: the only school).", valueName: "school"))
    var school: String?
    @Option(help: ArgumentHelp("The school's local ID for the student, if known.", valueName: "id")) var localId: String?
    @Option(help: ArgumentHelp("Date of birth, YYYY-MM-DD (optional).", valueName: "date")) var birthDate: String?

    @Flag(help: "JSON for scripts.")
    var json = false

    func run() throws {
        let db = try database.openToRecord()
        let counselor = try acting.resolve(in: db)
        let schoolId = try resolveSchool(in: db)
        let values: [WalkIn.Field: String] = [.givenName: givenName, .familyName: familyName, .grade: grade,
                                              .localId: localId ?? "", .birthDate: birthDate ?? ""]
        let options: [WalkIn.Field: String] = [.givenName: "--given-name", .familyName: "--family-name", .grade: "--grade",
                                               .localId: "--local-id", .birthDate: "--birth-date"]
        for field in WalkIn.Field.allCases where field != .school {
            if let expected = WalkIn.problem(field, values[field] ?? "") {
                throw CLIError("\(options[field]!): expected \(expected); nothing was added")
            }
        }
        let walkIn = try NewWalkIn.parse(values, schoolId: schoolId).get()
        let student = try db.addWalkIn(walkIn, by: counselor.id!, at: Date())
        if json {
            try printJSON(StudentDetail(student: student, school: try db.school(id: schoolId)?.name ?? "",
                                        counselors: [counselor.displayName], abc: ABCBatch(), rules: loadEarlyWarningRules()))
            return
        }
        say("Added \(student.printableName) (\(student.localId)), grade \(student.grade), to \(counselor.displayName)'s caseload, "
            + "\(WalkIn.mark): " + (WalkIn.isPlaceholder(student.localId)
                ? "no roster import can match a placeholder ID, so add the school's local ID when it is given."
                : "the roster import that brings local ID \(student.localId) merges them."))
    }

    /// `--school` by ID, sourcedId or name (case and accents aside); without it, the only school.
    private func resolveSchool(in db: AppDatabase) throws -> Int64 {
        let schools = try db.allSchools()
        guard let school else {
            if schools.count == 1, let id = schools[0].id { return id }
            let names = schools.map(\.name).joined(separator: "; ")
            throw CLIError(schools.isEmpty ? "this database has no school yet: import a roster first; nothing was added"
                : "--school is required: this database has \(schools.count) schools (\(names)); nothing was added")
        }
        let typed = school.trimmingCharacters(in: .whitespaces)
        let found = schools.first { $0.id.map(String.init) == typed || $0.sourcedId == typed }
            ?? schools.first { SearchText.fold($0.name) == SearchText.fold(typed) }
        guard let id = found?.id else {
            throw CLIError("--school \(typed): no such school; expected one of: "
                + schools.map(\.name).joined(separator: "; ") + "; nothing was added")
        }
        return id
    }
}
