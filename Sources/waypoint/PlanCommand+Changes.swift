import ArgumentParser
import Foundation
import WaypointCore
import WaypointStore

/// Checks a typed value against a catalog or enum and names the accepted values when it is not one.
func accepted<T>(_ value: String, as field: String, from choices: [(String, T)]) throws -> T {
    if let match = choices.first(where: { $0.0 == value }) { return match.1 }
    throw CLIError("unknown \(field) \"\(value)\"; expected one of: " + choices.map(\.0).joined(separator: ", "))
}

/// A number option checked by its rule (`FieldRules`), as the plan forms check it.
func parseNumber(_ text: String, field: String, rule: NumberRule) throws -> Double {
    switch rule.parse(text) {
    case .success(let value): return value
    case .failure(let problem): throw CLIError("\(field): \(problem)")
    }
}

struct PlanCourseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course", abstract: "Add, move or remove a course, or take its imported mark.",
        subcommands: [PlanCourseAddCommand.self, PlanCourseMoveCommand.self, PlanCourseRemoveCommand.self,
                      PlanCourseTakeImportedCommand.self])
}

struct PlanCourseAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a course to a year of the plan: a catalog course by --code, or any course by --title.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption
    @Argument(help: "The student's local ID.") var studentId: String
    @Option(help: "The plan year (grade), e.g. 10.") var year: String
    @Option(help: "A course code of the catalog (`waypoint course list`): its title, subject, credits and level.")
    var code: String?
    @Option(help: "The course title (without --code: a free-text course, unless the catalog has that title).")
    var title: String?
    @Option(help: "The subject area (english, math, science, …); with --code, the catalog's unless given.")
    var subject: String?
    @Option(help: "Credits (0.25 to 10; default the catalog's, else 1).") var credits: String?
    @Option(help: "The course level (default the catalog's, else standard).") var level: CourseLevel?
    @Option(help: "Where the course stands.") var status: CourseStatus = .planned
    @Option(help: "The mark earned (completed courses only).") var mark: String?
    @Option(help: "The term (Fall, Spring, Year).") var term: String?

    func validate() throws {
        try checkTyped(title, as: .title, "--title")
        try checkTyped(code, as: .identifier, "--code")
        try checkTyped(mark, as: .identifier, "--mark")
        try checkTyped(term, as: .title, "--term")
        if code != nil, title != nil { throw ValidationError("give --code (a catalog course) or --title, not both") }
        if code == nil, title == nil { throw ValidationError("give --code (a catalog course) or --title and --subject") }
    }

    func run() throws {
        let db = try database.open()
        let catalogs = try db.catalogsWithRosterCourses(loadCatalogs())
        let student = try db.student(matching: studentId)
        let years = PlanYears.courseYears(PlanYears.years(for: try db.school(id: student.schoolId), student: student.grade))
        guard !years.isEmpty else { throw CLIError("\(student.printableName)'s plan has no course years: courses are planned from grade \(PlanYears.courseGrades.lowerBound)") }
        let grade = try accepted(year, as: "--year", from: years.map { ($0.description, $0) })
        // A catalog course by code, or the catalog course a typed title is (as the form completes it).
        let catalogCourse: CatalogCourse?
        if let code {
            guard let found = catalogs.courses.course(code: code) else {
                throw CLIError("--code: no course \"\(code)\" in the catalog; `waypoint course list` shows the codes")
            }
            catalogCourse = found
        } else {
            catalogCourse = title.flatMap { catalogs.courses.course(named: $0) }
        }
        // A typed title is kept as typed ("Algebra 1" stays so, and is still the catalog's Algebra I).
        let courseTitle = title ?? catalogCourse?.title ?? ""
        guard !courseTitle.trimmingCharacters(in: .whitespaces).isEmpty else { throw CLIError("--title is empty") }
        guard let courseSubject = subject ?? catalogCourse?.subject else {
            throw CLIError("--subject is required for a course not in the catalog")
        }
        _ = try accepted(courseSubject, as: "--subject", from: catalogs.requirementSets.subjectAreas.map { ($0.id, $0.id) })
        let courseStatus = status
        if mark != nil, courseStatus != .completed { throw CLIError("--mark is only for a completed course (--status completed)") }
        if let mark, let problem = PlannedCourse.markProblem(mark) { throw CLIError("--mark: \(problem)") }
        let courseCredits = try credits.map { try parseNumber($0, field: "--credits", rule: FieldRules.courseCredits) }
            ?? catalogCourse?.credits ?? 1
        let plan = try db.plan(studentId: student.id!)
        let course = try db.addCourse(PlannedCourse(studentId: student.id!, year: grade, title: courseTitle, subject: courseSubject,
                                                    credits: courseCredits, level: level ?? catalogCourse?.level ?? .standard,
                                                    term: term, status: courseStatus, gradeEarned: mark),
                                      by: acting.resolveIfKnown(in: db)?.id)
        let kind = catalogCourse.map { "catalog course \($0.code)" } ?? "free text: not in the course catalog"
        say("Added course \(course.id!) \(courseTitle) to grade \(grade) of \(student.printableName)'s plan (\(kind)).")
        if let catalogCourse, let warning = catalogs.courses.prerequisiteWarning(of: catalogCourse, year: grade, in: plan.courses) {
            warn("Warning: \(warning).")
        }
    }
}

struct PlanCourseMoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "move", abstract: "Move a course to another year.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption
    @Argument(help: "The course ID (from `waypoint plan show … --format json` or the add message).") var courseId: Int64
    @Option(help: "The plan year (grade) to move it to.") var year: String

    func run() throws {
        let db = try database.open()
        guard let course = try db.course(id: courseId), let student = try db.student(id: course.studentId) else {
            throw CLIError("no course with ID \(courseId)")
        }
        let years = PlanYears.courseYears(PlanYears.years(for: try db.school(id: student.schoolId), student: student.grade))
        guard !years.isEmpty else { throw CLIError("\(student.printableName)'s plan has no course years: courses are planned from grade \(PlanYears.courseGrades.lowerBound)") }
        let grade = try accepted(year, as: "--year", from: years.map { ($0.description, $0) })
        do {
            try db.moveCourse(id: courseId, toYear: grade, by: acting.resolveIfKnown(in: db)?.id)
        } catch StoreError.courseNotFound {
            throw CLIError("no course with ID \(courseId)")
        }
        say("Moved course \(courseId) to grade \(grade).")
    }
}

struct PlanCourseRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a course from the plan.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption
    @Argument(help: "The course ID.") var courseId: Int64

    func run() throws {
        let db = try database.open()
        do {
            try db.removeCourse(id: courseId, by: acting.resolveIfKnown(in: db)?.id)
        } catch StoreError.courseNotFound {
            throw CLIError("no course with ID \(courseId)")
        }
        say("Removed course \(courseId).")
    }
}

/// `i` on the plan screen: the district's mark and credits over the counselor's entry.
struct PlanCourseTakeImportedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "take-imported",
        abstract: "Replace a course's mark and credits with the imported ones that differ from them (import conflicts).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption
    @Argument(help: "The course ID.") var courseId: Int64

    func run() throws {
        let db = try database.open()
        let took: Bool
        do {
            took = try db.takeImportedMark(courseId: courseId, by: acting.resolveIfKnown(in: db)?.id)
        } catch StoreError.courseNotFound {
            throw CLIError("no course with ID \(courseId)")
        }
        say(took ? "Course \(courseId) now has the imported mark and credits."
                 : "Course \(courseId): no imported mark differs from it; nothing changed.")
    }
}

struct PlanPathwayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pathway", abstract: "Set the pathway (the change is kept in the history).",
        subcommands: [PlanPathwaySetCommand.self])
}

struct PlanPathwaySetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a student's pathway.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption
    @Argument(help: "The student's local ID.") var studentId: String
    @Argument(help: "The pathway id (see the pathways catalog).") var pathway: String
    @Option(help: "Why the pathway changes (kept in the history).") var reason: String

    func validate() throws { try checkTyped(reason, as: .title, "--reason") }

    func run() throws {
        let catalogs = loadCatalogs()
        _ = try accepted(pathway, as: "pathway", from: catalogs.pathways.pathways.map { ($0.id, $0.id) })
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw CLIError("--reason is empty") }
        let db = try database.open()
        let counselor = try acting.resolve(in: db)
        let student = try db.student(matching: studentId)
        try db.setPathway(studentId: student.id!, to: pathway, reason: reason, by: counselor.id!)
        say("\(student.printableName)'s pathway is \(catalogs.pathways.title(of: pathway)).")
    }
}

struct PlanMilestoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestone", abstract: "Record where a student stands on a milestone.",
        subcommands: [PlanMilestoneSetCommand.self])
}

struct PlanMilestoneSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a milestone's status, due date and evidence.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption
    @Argument(help: "The student's local ID.") var studentId: String
    @Argument(help: "The milestone id (see the milestones catalog), e.g. fafsa.") var milestone: String
    @Option(help: "Where the milestone stands.") var status: MilestoneStatus
    @Option(help: "Due date: YYYY-MM-DD, +2w, fri.") var due: String?
    @Option(help: "Evidence (what shows it is done).") var evidence: String?

    func validate() throws { try checkTyped(evidence, as: .title, "--evidence") }

    func run() throws {
        let catalogs = loadCatalogs()
        _ = try accepted(milestone, as: "milestone", from: catalogs.milestones.milestones.map { ($0.id, $0.id) })
        let milestoneStatus = status
        let dueDate = try DateOptions.day(due, option: "--due")
        let db = try database.open()
        let student = try db.student(matching: studentId)
        let existing = try db.plan(studentId: student.id!).milestones.first { $0.milestoneId == milestone }
        try db.setMilestone(MilestoneRecord(studentId: student.id!, milestoneId: milestone, status: milestoneStatus,
                                            dueDate: dueDate ?? existing?.dueDate, evidence: evidence ?? existing?.evidence),
                            today: CivilDate.today(), by: acting.resolveIfKnown(in: db)?.id)
        say("\(catalogs.milestones.title(of: milestone)) for \(student.printableName): \(milestoneStatus.title).")
    }
}

struct PlanGoalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "goal", abstract: "Set the postsecondary goal, career interests and requirement set.",
        subcommands: [PlanGoalSetCommand.self])
}

struct PlanGoalSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a student's goals.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption
    @Argument(help: "The student's local ID.") var studentId: String
    @Option(help: "The postsecondary goal.") var goal: PostsecondaryGoal?
    @Option(name: .customLong("interest"), help: "A career interest; repeat for several (replaces the list).") var interests: [String] = []
    @Option(help: "The graduation requirement set id.") var requirementSet: String?

    func validate() throws { try checkTyped(interests, as: .title, "--interest") }

    func run() throws {
        let catalogs = loadCatalogs()
        let db = try database.open()
        let student = try db.student(matching: studentId)
        var goals = try db.plan(studentId: student.id!).goals
        if let goal { goals.postsecondary = goal }
        if !interests.isEmpty { goals.careerInterests = interests }
        if let requirementSet {
            goals.requirementSetId = try accepted(requirementSet, as: "--requirement-set",
                                                  from: catalogs.requirementSets.sets.map { ($0.id, $0.id) })
        }
        try db.setGoals(studentId: student.id!, goals, by: acting.resolveIfKnown(in: db)?.id)
        say("Goals saved for \(student.printableName): \(goals.postsecondary.title).")
    }
}
