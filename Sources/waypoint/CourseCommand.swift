import ArgumentParser
import Foundation
import WaypointCore
import WaypointStore

/// `waypoint course`: the course catalog (courses.json and the roster's courses).
struct CourseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course", abstract: "The course catalog the plan's course form completes from.",
        subcommands: [CourseListCommand.self])
}

struct CourseListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "The catalog's courses: courses.json (built in or the district's) and the roster's courses.csv.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only the courses of this subject area (english, math, …).")
    var subject: String?

    @Flag(help: "JSON for scripts.")
    var json = false

    struct CourseJSON: Encodable {
        var code: String
        var title: String
        var subject: String
        var subjectTitle: String
        var credits: Double
        var level: String
        var grades: [Int]
        var prerequisites: [String]
        var source: String
    }

    func run() throws {
        let db = try database.open()
        let catalogs = try db.catalogsWithRosterCourses(loadCatalogs())
        if let subject {
            _ = try accepted(subject, as: "--subject", from: catalogs.requirementSets.subjectAreas.map { ($0.id, $0.id) })
        }
        let courses = catalogs.courses.courses(inSubject: subject)
        if json {
            try printJSON(courses.map {
                CourseJSON(code: $0.code, title: $0.title, subject: $0.subject,
                           subjectTitle: catalogs.requirementSets.title(ofSubject: $0.subject), credits: $0.credits,
                           level: $0.level.rawValue, grades: $0.grades.map(\.rawValue), prerequisites: $0.prerequisites,
                           source: $0.source.rawValue)
            })
            return
        }
        guard !courses.isEmpty else {
            say("No courses in the catalog" + (subject.map { " for \($0)" } ?? "") + ".")
            return
        }
        print(TextTable.render(header: ["Code", "Title", "Subject", "Cr", "Level", "Grades", "Prerequisites", "From"],
                               rows: courses.map { course in
            [course.code, course.title, catalogs.requirementSets.title(ofSubject: course.subject),
             CreditFormat.text(course.credits), course.level.title,
             course.grades.map(\.description).joined(separator: ","), course.prerequisites.joined(separator: ", "),
             course.source == .roster ? "roster" : "catalog"]
        }), terminator: "")
    }
}
