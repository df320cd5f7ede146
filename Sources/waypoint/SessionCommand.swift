import ArgumentParser
import Foundation
import WaypointCatalogs
import WaypointCore
import WaypointStore

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Record, list, show, amend and archive advising sessions.",
        subcommands: [SessionAddCommand.self, SessionListCommand.self, SessionShowCommand.self,
                      SessionAmendCommand.self, SessionArchiveCommand.self])
}

/// The catalogs as the district configured them. A broken district file is reported on
/// standard error and the built-in catalog is used, so the counselor can still work.
func loadCatalogs() -> Catalogs {
    let load = loadCatalogsWithWarnings()
    for warning in load.warnings {
        warn("Warning: \(warning)")
    }
    return load.catalogs
}

/// The early-warning rules alone, for a command that needs nothing else (warned the same way).
func loadEarlyWarningRules() -> EarlyWarningRules {
    let load = CatalogLoader.loadEarlyWarning(configDirectory: configDirectory())
    for warning in load.warnings {
        warn("Warning: \(warning)")
    }
    return load.rules
}

private func configDirectory() -> String {
    DatabaseLocation.configDirectory(environment: ProcessInfo.processInfo.environment)
}

func loadCatalogsWithWarnings() -> CatalogLoad {
    CatalogLoader.load(configDirectory: configDirectory())
}

/// The note of a session, from exactly one place.
struct NoteOptions: ParsableArguments {
    @Option(help: "The note text.")
    var note: String?

    @Option(help: ArgumentHelp("Read the note from this file (- for standard input).", valueName: "file"))
    var noteFile: String?

    func read() throws -> String {
        let text: String
        switch (note, noteFile) {
        case (let note?, nil): text = note
        case (nil, "-"?): text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        case (nil, let path?):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read the note file \(path)")
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw CLIError("the note file \(path) is not UTF-8 text")
            }
            text = decoded
        case (nil, nil): throw CLIError("no note given; use --note TEXT or --note-file FILE (- for standard input)")
        case (_?, _?): throw CLIError("give the note once: --note or --note-file, not both")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CLIError("the note is empty; a session needs a note")
        }
        try checkTyped(text, as: .note, "the note")
        return text
    }
}

struct SessionAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record a session with a student, or one group session with several.",
        discussion: """
            Example:
              waypoint session add S100234 --kind college --minutes 20 \\
                --note "FAFSA walkthrough" --topic FAFSA \\
                --follow-up "fri:Bring tax documents"
            A group session or classroom lesson, one note for every student listed
            (each student's history shows it; its minutes count once):
              waypoint session add --student S100234 --student S100235 \\
                --student S100236 --kind group --minutes 45 --note "Study skills group"
            Follow-up dates: YYYY-MM-DD, +7d, +2w, today, tomorrow or a weekday (fri).
            A group session's follow-ups are for its first student.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The student's local ID or roster sourcedId (or give --student, once per student).")
    var studentId: String?

    @Option(name: .customLong("student"), help: ArgumentHelp(
        "A student of a group session, by local ID or sourcedId; repeat for each (the first is the session's own).",
        valueName: "id"))
    var groupStudents: [String] = []

    @Option(help: "The kind of session (see the session-kinds catalog: academic, college, career, …).")
    var kind: String

    @OptionGroup var noteOptions: NoteOptions

    @Argument(help: ArgumentHelp("- reads the note from standard input (same as --note-file -).", valueName: "-"))
    var stdinMarker: String?

    @Option(name: .customLong("topic"), help: "A topic; repeat for several.")
    var topics: [String] = []

    @Option(name: .customLong("participant"), help: "Who took part: student, parent-guardian, teacher, other; repeat for several (default: student).")
    var participants: [String] = []

    @Option(name: .customLong("follow-up"), help: ArgumentHelp("A follow-up as DATE:TEXT; repeat for several.", valueName: "date:text"))
    var followUps: [String] = []

    @Option(name: .customLong("contact"), help: ArgumentHelp(
        "A family contact who took part, by ID (`waypoint contact list STUDENT`); repeat for several. Implies --participant parent-guardian.",
        valueName: "id"))
    var contacts: [Int64] = []

    @Flag(help: "Only you will be able to read the note.")
    var confidential = false

    @Option(help: "How long it took, in minutes (0 to 1440).")
    var minutes = 0

    @Option(help: ArgumentHelp("When it started, \"YYYY-MM-DD HH:MM\" local time (default: now).", valueName: "time"))
    var at: String?

    /// Every student named, the positional one first, as typed. With only --student given,
    /// a lone `-` lands in the first argument's place: it is the note, not a student.
    var studentArguments: [String] { (studentId.map { $0 == "-" ? [] : [$0] } ?? []) + groupStudents }

    var readsNoteFromStandardInput: Bool { stdinMarker == "-" || studentId == "-" }

    func validate() throws {
        if studentArguments.isEmpty {
            throw ValidationError("no student given; name one (waypoint session add S100234 …), or each of a group with --student")
        }
        if let stdinMarker, stdinMarker != "-" {
            throw ValidationError("unexpected argument \"\(stdinMarker)\"; only - (read the note from standard input) may follow the student ID")
        }
        if let problem = FieldRules.sessionMinutes.problem(Double(minutes)) {
            throw ValidationError("--minutes: \(problem)")
        }
        try checkTyped(topics, as: .title, "--topic")
        try checkTyped(followUps, as: .title, "--follow-up")
    }

    func run() throws {
        let catalogs = loadCatalogs()
        guard catalogs.sessionKinds.kind(kind) != nil else {
            throw CLIError("unknown session kind \"\(kind)\"; expected one of: "
                + catalogs.sessionKinds.kinds.map(\.id).joined(separator: ", "))
        }
        var parsedParticipants = try participants.map { name in
            guard let participant = Participant(rawValue: name) else {
                throw CLIError("unknown participant \"\(name)\"; expected one of: "
                    + Participant.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return participant
        }
        if !contacts.isEmpty, !parsedParticipants.contains(.parentGuardian) {
            // Naming a parent says a parent took part; without --participant the student did not.
            parsedParticipants = (participants.isEmpty ? [] : parsedParticipants) + [.parentGuardian]
        }
        let today = CivilDate.today()
        let parsedFollowUps = try followUps.map { spec -> (dueDate: CivilDate?, text: String) in
            do {
                guard let (date, text) = try FollowUpDraft.parse(spec, today: today) else {
                    throw CLIError("--follow-up \"\(spec)\": expected DATE:TEXT, e.g. \"fri:Call home\"")
                }
                return (date, text)
            } catch let error as DueDate.ParseError {
                throw CLIError("--follow-up \"\(spec)\": \(error)")
            }
        }
        let startedAt = try at.map { try DateOptions.time($0, option: "--at") } ?? Date()
        guard startedAt <= Date().addingTimeInterval(10 * 60) else {
            throw CLIError("--at \"\(at ?? "")\" is in the future; a session is recorded after it starts")
        }
        for followUp in parsedFollowUps where (followUp.dueDate.map { $0 < today } ?? false) {
            warn("Warning: the follow-up \"\(followUp.text)\" is due \(followUp.dueDate!.iso), which has passed; it will show as overdue.")
        }
        var noteSource = noteOptions
        if readsNoteFromStandardInput {
            guard noteSource.note == nil, noteSource.noteFile == nil else {
                throw CLIError("give the note once: --note, --note-file or -, not several")
            }
            noteSource.noteFile = "-"
        }
        let note = try noteSource.read()

        let db = try database.open()
        let author = try acting.resolve(in: db)
        let students = try groupMembers(in: db)
        let student = students[0]
        let saved = try db.recordSession(
            AdvisingSession(studentId: student.id!, authorId: author.id!, startedAt: startedAt, durationMinutes: minutes,
                            kind: kind, participants: parsedParticipants.isEmpty ? [.student] : parsedParticipants,
                            topics: topics, isConfidential: confidential, note: note, contactIds: contacts,
                            otherStudentIds: students.dropFirst().map { $0.id! }),
            followUps: parsedFollowUps)
        let with = students.count == 1 ? "\(student.printableName) (\(student.localId))"
            : "a group of \(students.count): " + students.map { "\($0.printableName) (\($0.localId))" }.joined(separator: ", ")
        say("Recorded session \(saved.id!) with \(with)"
            + (parsedFollowUps.isEmpty ? "." : ", with \(parsedFollowUps.count) follow-up\(parsedFollowUps.count == 1 ? "" : "s")."))
    }

    /// The students named, each found; one named twice (by either ID) is refused, naming it.
    private func groupMembers(in db: AppDatabase) throws -> [Student] {
        var students: [Student] = []
        for argument in studentArguments {
            let student = try db.student(matching: argument)
            if let earlier = students.first(where: { $0.id == student.id }) {
                throw CLIError("\(student.printableName) (\(earlier.localId)) is named twice (as \"\(argument)\"); name each student once")
            }
            students.append(student)
        }
        return students
    }
}


