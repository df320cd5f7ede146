import ArgumentParser
import CursesBackend
import Foundation
import Interchange
import WaypointCore
import WaypointHub

/// `waypoint hub ...`: the district hub on PostgreSQL. Run by the district's administrator
/// with a role that owns the hub database (see docs/HUB.md).
struct HubCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "Set up the district hub (PostgreSQL): schema, counselors, caseloads, roster import.",
        discussion: """
            The hub is given as --url postgres://USER@HOST:PORT/DATABASE (or WAYPOINT_HUB_URL), never with a
            password in it. The password comes from PGPASSWORD, a file readable only by you, or ~/.pgpass
            (host:port:database:user:password), as with PostgreSQL's own tools.
            """,
        subcommands: [HubInitCommand.self, HubCounselorCommand.self, HubCaseloadCommand.self, HubImportCommand.self])
}

/// Where the hub is and how to log in to it.
struct HubOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The hub: postgres://USER@HOST:PORT/DATABASE (default: $WAYPOINT_HUB_URL).", valueName: "url"))
    var url: String?

    @Option(name: .customLong("admin-password-file"), help: ArgumentHelp(
        "Read the password of the URL's user from the first line of this file (mode 600); else PGPASSWORD, else the passfile.",
        valueName: "file"))
    var passwordFile: String?

    /// Caught only to refuse it: a password on the command line is visible to every user in ps.
    @Option(name: .customLong("password"), help: .hidden)
    var password: String?

    func validate() throws {
        if password != nil { throw CLIError(HubError.passwordOnCommandLine("--password").description) }
    }

    var address: HubAddress {
        get throws {
            guard let text = url ?? ProcessInfo.processInfo.environment["WAYPOINT_HUB_URL"] else {
                throw CLIError("No hub given: add --url postgres://USER@HOST:PORT/DATABASE (or set WAYPOINT_HUB_URL).")
            }
            do { return try HubAddress(parsing: text) } catch { throw CLIError(error.description) }
        }
    }

    /// Connects, runs `body`, and closes; every hub failure becomes its sentence.
    func withHub<T: Sendable>(_ body: @escaping @Sendable (HubConnection) async throws(HubError) -> T) throws -> T {
        try waypoint.withHub(try address, passwordFile: passwordFile, body)
    }
}

/// Connects to the hub as the address's user (the password from `passwordFile`, else
/// PGPASSWORD, else the passfile: never the command line), runs `body`, and closes; every
/// hub failure becomes its sentence.
func withHub<T: Sendable>(_ address: HubAddress, passwordFile: String?,
                          _ body: @escaping @Sendable (HubConnection) async throws(HubError) -> T) throws -> T {
    let credentials = HubCredentials(warn: { warn($0) })
    let password: String
    do { password = try credentials.password(for: address, passwordFile: passwordFile) } catch {
        throw CLIError(error.description)
    }
    return try blocking { () async throws -> T in
        let hub: HubConnection
        do {
            hub = try await HubConnection.connect(address, password: password)
        } catch let error as HubError {
            throw CLIError(error.description)
        }
        do {
            let value = try await body(hub)
            await hub.close()
            return value
        } catch {
            await hub.close()
            throw CLIError("\(error)")
        }
    }
}

/// Runs async work from a synchronous command (the root command is synchronous).
func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Written by the task, read after the semaphore: never at the same time.
private final class ResultBox<T>: @unchecked Sendable { var result: Result<T, any Error>? }

struct HubInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the hub schema in the database, or bring it up to date (safe to run again).")

    @OptionGroup var hub: HubOptions

    func run() throws {
        let outcome = try hub.withHub { hub throws(HubError) in try await HubMigrations.migrate(hub) }
        let place = try hub.address
        if outcome.applied.isEmpty {
            say("The hub \(place) is up to date (schema version \(outcome.version)); nothing was changed.")
        } else {
            say("The hub \(place) is at schema version \(outcome.version) (applied \(outcome.applied.joined(separator: ", "))).")
        }
    }
}

struct HubCounselorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counselor", abstract: "Counselors and their logins at the hub.",
        subcommands: [HubCounselorAddCommand.self])
}

struct HubCounselorAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a counselor (or give a roster counselor a login): a PostgreSQL login role of their own.",
        discussion: """
            The counselor's password comes from --password-file (its first line; mode 600) or is asked on the
            terminal, never from the command line. Run again to set a new password.
            """)

    @OptionGroup var hub: HubOptions

    @Option(help: ArgumentHelp("The counselor's OneRoster sourcedId.", valueName: "id"))
    var sourcedId: String

    @Option(help: ArgumentHelp("Given name.", valueName: "name"))
    var given: String

    @Option(help: ArgumentHelp("Family name.", valueName: "name"))
    var family: String

    @Option(help: ArgumentHelp("Email address.", valueName: "address"))
    var email: String?

    @Flag(help: "A lead counselor: may also read the district's reports (never note text).")
    var lead = false

    @Option(name: .customLong("password-file"), help: ArgumentHelp(
        "Read the counselor's new password from the first line of this file (mode 600).", valueName: "file"))
    var counselorPasswordFile: String?

    func run() throws {
        let password = try newPassword()
        let counselor = HubCounselors.NewCounselor(sourcedId: sourcedId, givenName: given, familyName: family,
                                                   email: email, isLead: lead)
        let id = sourcedId.trimmingCharacters(in: .whitespaces)
        let (role, stored) = try hub.withHub { hub throws(HubError) in
            let role = try await HubCounselors.add(counselor, password: password, on: hub)
            return (role, try await HubCounselors.name(of: id, on: hub))
        }
        let given = "\(self.given) \(family)"
        let name = stored ?? given
        if name != given {
            warn("The hub keeps the name it has for \(id), \(name); the names given (\(given)) were not used (the roster sets names).")
        }
        let address = try hub.address
        say("\(name) (\(id)) can log in to the hub as \(role): postgres://\(role)@\(address.place)/\(address.database)")
    }

    private func newPassword() throws -> String {
        if let counselorPasswordFile {
            do { return try HubCredentials.readPasswordFile(counselorPasswordFile) } catch { throw CLIError(error.description) }
        }
        guard let terminal = PassphraseTerminal() else {
            throw CLIError("The counselor's password is needed and there is no terminal to ask it on: "
                + "give --password-file FILE (its first line; mode 600).")
        }
        let answers = try terminal.ask(["Password for \(sourcedId) at the hub: ", "Again, to be sure: "])
        guard answers[0] == answers[1] else { throw CLIError("The two passwords differ; nothing was changed.") }
        return answers[0]
    }
}

struct HubCaseloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caseload", abstract: "Who sees which students at the hub.",
        subcommands: [HubCaseloadAssignCommand.self, HubCaseloadShareCommand.self])
}

struct HubCaseloadAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Put a student on a counselor's caseload.")

    @OptionGroup var hub: HubOptions
    @Option(help: ArgumentHelp("The counselor's sourcedId.", valueName: "id")) var counselor: String
    @Option(help: ArgumentHelp("The student's sourcedId.", valueName: "id")) var student: String

    func run() throws {
        let (counselor, student) = (counselor, student)
        let added = try hub.withHub { hub throws(HubError) in try await HubCounselors.assign(student: student, to: counselor, on: hub) }
        say(added ? "\(student) is now on \(counselor)'s caseload." : "\(student) was already on \(counselor)'s caseload; nothing changed.")
    }
}

struct HubCaseloadShareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share", abstract: "Let a colleague see a student (covering, a second opinion).")

    @OptionGroup var hub: HubOptions
    @Option(help: ArgumentHelp("The student's sourcedId.", valueName: "id")) var student: String
    @Option(name: .customLong("with"), help: ArgumentHelp("The colleague's sourcedId.", valueName: "id")) var colleague: String
    @Option(help: ArgumentHelp("The counselor sharing (the student's counselor).", valueName: "id")) var by: String

    func run() throws {
        let (student, colleague, by) = (student, colleague, by)
        try hub.withHub { hub throws(HubError) in
            try await HubCounselors.share(student: student, with: colleague, by: by, on: hub)
        }
        say("\(colleague) can now see \(student).")
    }
}

struct HubImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import the district's files into the hub, with the same checks as on a workstation.",
        subcommands: [HubImportOneRosterCommand.self, HubImportABCCommand.self])
}

struct HubImportOneRosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oneroster",
        abstract: "Import a OneRoster CSV folder into the hub: all of it or (on any error) none of it.")

    @OptionGroup var hub: HubOptions
    @Argument(help: ArgumentHelp("The folder holding manifest.csv and the roster files.", valueName: "dir"))
    var directory: String
    @OptionGroup var reading: RosterReadingOptions

    func run() throws {
        let (result, started) = try reading.read(directory)
        let (bundle, directory) = (result.bundle, directory)
        let summary = try hub.withHub { hub throws(HubError) in
            try await HubRosterImport.apply(bundle, source: directory, on: hub)
        }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        say("Imported \(directory) into the hub \(try hub.address.place) in \(seconds) s:")
        say(summary.description)
    }
}

struct HubImportABCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abc",
        abstract: "Import one attendance, behavior or course-marks CSV into the hub: all of it or none of it.")

    @OptionGroup var hub: HubOptions
    @Argument(help: ArgumentHelp("An attendance, behavior or course-marks CSV file.", valueName: "file"))
    var file: String

    func run() throws {
        let students = try hub.withHub { hub throws(HubError) in try await HubABCImport.students(on: hub) }
        let batch = try readABC(file, students: students.keys)
        let file = file
        let summary = try hub.withHub { hub throws(HubError) in
            try await HubABCImport.apply(batch, students: students, source: file, on: hub)
        }
        say("Imported \(file) into the hub \(try hub.address.place):")
        say(summary.description)
    }
}
