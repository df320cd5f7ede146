import Foundation
import WaypointCore

/// Reads a OneRoster 1.1 or 1.2 CSV folder into a `RosterBundle`, validating all of it
/// first: any error and there is no bundle, only the list of errors.
public enum RosterReader {
    /// Where caseloads come from.
    public enum CaseloadSource: Equatable, Sendable {
        /// Each counselor gets the students of the orgs where they hold the counselor role.
        case roles
        /// A caseloads.csv (`counselor,student`), at this path.
        case file(URL)
        /// Class enrollments: a counselor enrolled in a class (as its teacher, say of an
        /// advisory or homeroom section) gets the students enrolled in that class.
        case enrollments
    }

    public struct Result: Sendable {
        public var bundle: RosterBundle
        /// One per deviation accepted under `lenient`, and per thing that could not be checked.
        public var warnings: [RosterIssue]
        /// Who the roster has that is not imported (teachers, unlinked family).
        public var skipped = RosterSkipped()
    }

    /// - Parameter caseloads: nil takes caseloads.csv from the folder when there is one, else roles.
    /// - Parameter shouldStop: asked before each file; true ends the reading with a
    ///   `RosterImportError` whose `stopped` is true (a counselor cancelled the import).
    public static func read(_ directory: URL, lenient: Bool = false, caseloads: CaseloadSource? = nil,
                            shouldStop: @escaping () -> Bool = { false }) throws(RosterImportError) -> Result {
        let issues = RosterIssues(lenient: lenient, shouldStop: shouldStop)
        let read = readBundle(directory, caseloads: caseloads, issues: issues)
        if issues.stopped { throw RosterImportError(errors: [], truncated: false, stopped: true) }
        guard let (bundle, skipped) = read, issues.errors.isEmpty else {
            throw RosterImportError(errors: issues.errors, truncated: issues.truncated)
        }
        return Result(bundle: bundle, warnings: issues.warnings, skipped: skipped)
    }

    private static func readBundle(_ directory: URL, caseloads: CaseloadSource?,
                                   issues: RosterIssues) -> (RosterBundle, RosterSkipped)? {
        guard let manifest = RosterManifest.read(directory, issues: issues) else { return nil }
        let version = manifest.version

        func table(_ file: String, _ columns: RosterColumns) -> RosterTable? {
            guard manifest.mode(file) != .absent, !issues.stopRequested() else { return nil }
            let url = directory.appendingPathComponent("\(file).csv")
            guard FileManager.default.fileExists(atPath: url.path) else {
                issues.error(RosterIssue(file: "manifest.csv", line: 1, column: 2, field: "file.\(file)",
                                         value: manifest.mode(file).rawValue, expected: "\(file).csv in the folder"))
                return nil
            }
            return RosterCSVFile.read(url, issues: issues).flatMap { RosterTable($0, columns, issues: issues) }
        }

        var references = RosterReferences()
        let orgsTable = table("orgs", .orgs(version))
        let orgs = orgsTable.map { RosterOrg.read($0, mode: manifest.mode("orgs"), issues: issues) } ?? []
        references.register("orgs", mode: manifest.mode("orgs"), ids: Set(orgs.map(\.sourcedId)))
        if let orgsTable { RosterOrg.checkParents(orgsTable, references: &references, issues: issues) }

        let sessionsTable = table("academicSessions", .academicSessions(version))
        let sessions = sessionsTable.map {
            RosterClassFiles.checkSessions($0, mode: manifest.mode("academicSessions"), issues: issues)
        } ?? []
        references.register("academicSessions", mode: manifest.mode("academicSessions"), ids: sessions)
        if let sessionsTable { RosterClassFiles.checkSessionParents(sessionsTable, references: &references, issues: issues) }

        let courses = table("courses", .courses(version)).map {
            RosterClassFiles.checkCourses($0, mode: manifest.mode("courses"), references: &references, issues: issues)
        } ?? []
        references.register("courses", mode: manifest.mode("courses"), ids: Set(courses.map(\.sourcedId)))
        let classes = table("classes", .classes(version)).map {
            RosterClassFiles.checkClasses($0, mode: manifest.mode("classes"), references: &references, issues: issues)
        } ?? []
        references.register("classes", mode: manifest.mode("classes"), ids: classes)

        let usersTable = table("users", .users(version))
        var users = usersTable.map {
            RosterUser.read($0, mode: manifest.mode("users"), version: version, issues: issues)
        } ?? []
        references.register("users", mode: manifest.mode("users"), ids: Set(users.map(\.sourcedId)))
        for user in users {
            for org in RosterValues.list(user.record["orgSourcedIds"]) + [user.record["primaryOrgSourcedId"]] {
                let column = user.record.has("orgSourcedIds") && org != user.record["primaryOrgSourcedId"]
                    ? "orgSourcedIds" : "primaryOrgSourcedId"
                references.check(user.record, column, value: org, in: "orgs", issues: issues)
            }
        }
        if version == .v1_2, let rolesTable = table("roles", .roles) {
            RosterUser.applyRoles(rolesTable, mode: manifest.mode("roles"), to: &users, references: &references,
                                  issues: issues)
        }
        let enrollments = table("enrollments", .enrollments(version))
        if let enrollments {
            RosterClassFiles.checkEnrollments(enrollments, mode: manifest.mode("enrollments"), references: &references,
                                              issues: issues)
        }
        let demographicsTable = table("demographics", .demographics(version))
        let demographics = demographicsTable.map {
            RosterDemographicsFile.read($0, mode: manifest.mode("demographics"), references: &references, issues: issues)
        } ?? [:]
        let contacts = RosterContacts.read(users, languages: RosterContacts.languages(demographicsTable, issues: issues),
                                           references: &references, issues: issues)

        let students = RosterPeople.students(users, orgs: orgs, demographics: demographics, issues: issues)
        let counselors = RosterPeople.counselors(users)
        let pairs: [RosterCaseload]
        let source = caseloads ?? (FileManager.default.fileExists(atPath: directory.appendingPathComponent("caseloads.csv").path)
            ? .file(directory.appendingPathComponent("caseloads.csv")) : .roles)
        switch source {
        case .roles:
            pairs = RosterPeople.caseloadsByRole(users, students: students)
        case .enrollments:
            if let enrollments {
                pairs = RosterClassFiles.caseloads(from: enrollments, counselors: Set(counselors.map(\.sourcedId)),
                                                   students: Set(students.map(\.sourcedId)))
            } else {
                issues.error(RosterIssue(file: "manifest.csv", line: 1, column: 2, field: "file.enrollments", value: "absent",
                                         expected: "an enrollments.csv, since caseloads come from enrollments"))
                pairs = []
            }
        case .file(let url):
            if let csv = RosterCSVFile.read(url, issues: issues), let table = RosterTable(csv, .caseloads, issues: issues) {
                pairs = RosterCaseloadsFile.read(table, counselors: counselors, students: Set(students.map(\.sourcedId)),
                                                 issues: issues)
            } else {
                pairs = []
            }
        }
        let schoolIds = Set(students.map(\.schoolSourcedId))
        let schools = orgs.filter { $0.type == "school" || schoolIds.contains($0.sourcedId) }
            .map { RosterSchool(sourcedId: $0.sourcedId, name: $0.name, parentSourcedId: $0.parentSourcedId) }
        let bundle = RosterBundle(version: version.rawValue, orgsMode: manifest.mode("orgs"), usersMode: manifest.mode("users"),
                                  demographicsMode: manifest.mode("demographics"), schools: schools, students: students,
                                  counselors: counselors, caseloads: pairs, contacts: contacts,
                                  courses: courses, coursesMode: manifest.mode("courses"))
        return (bundle, RosterSkipped.count(users, contacts: contacts))
    }
}
