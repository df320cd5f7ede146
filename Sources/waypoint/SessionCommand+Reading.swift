import ArgumentParser
import Foundation
import TerminalKit
import WaypointCore
import WaypointStore

struct SessionListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "A student's sessions, newest first.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The student's local ID or roster sourcedId.")
    var studentId: String

    @Flag(help: "Include archived sessions.")
    var archived = false

    @Flag(help: "JSON for scripts.")
    var json = false

    func run() throws {
        // To record: confirming who is asking records the try (a wrong passphrase is audited).
        let db = try database.openToRecord()
        let viewer = try acting.resolve(in: db)
        let student = try db.student(matching: studentId)
        let sessions = try db.sessions(studentId: student.id!, viewerId: viewer.id, includeArchived: archived)
        if json {
            try printJSON(sessions.map(SessionJSON.init))
            return
        }
        let catalogs = loadCatalogs()
        let rows = sessions.map { view -> [String] in
            let session = view.session
            return [String(view.id) + (session.isArchived ? " (archived)" : ""), SessionJSON.localTime(session.startedAt),
                    catalogs.sessionKinds.title(of: session.kind),
                    "\(session.durationMinutes) min", view.authorName,
                    (view.groupLine(names: false).map { "[\($0)] " } ?? "")
                        + (view.isRedacted ? "(confidential)" : (session.isConfidential ? "[confidential] " : "") + session.firstLine)]
        }
        print(TextTable.render(header: ["ID", "When", "Kind", "Length", "By", "Note"], rows: rows), terminator: "")
    }
}

struct SessionShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One session in full, with its note history.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The session ID (from `waypoint session list`).")
    var sessionId: Int64

    @Flag(help: "JSON for scripts.")
    var json = false

    func run() throws {
        let db = try database.openToRecord()
        let viewer = try acting.resolve(in: db)
        let view: SessionView
        do {
            view = try db.session(id: sessionId, viewerId: viewer.id)
        } catch StoreError.sessionNotFound {
            throw CLIError("no session with ID \(sessionId) (see `waypoint session list STUDENT_ID`)")
        }
        let history = view.isRedacted ? [] : try db.noteHistory(sessionId: sessionId, viewerId: viewer.id)
        let action: AuditAction = view.session.isConfidential && !view.isRedacted ? .viewedConfidentialNote : .viewedSession
        try db.recordAudit(AuditEntry(action, counselorId: viewer.id, studentId: view.session.studentId,
                                      subject: "session \(sessionId)"))
        if json {
            var output = SessionJSON(view)
            output.contactIds = view.isRedacted ? nil : view.session.contactIds
            output.history = history.map { .init(version: $0.version, text: $0.text, authorId: $0.authorId,
                                                  createdAt: SessionJSON.isoTime($0.createdAt)) }
            try printJSON(output)
            return
        }
        let catalogs = loadCatalogs()
        let session = view.session
        var text = """
            Session \(view.id) · \(catalogs.sessionKinds.title(of: session.kind)) · \(SessionJSON.localTime(session.startedAt)) · \(session.durationMinutes) min
            By \(view.authorName)\(session.isConfidential ? " · confidential" : "")\(session.isArchived ? " · archived" : "")

            """
        if let group = view.groupLine(names: true) { text += group.prefix(1).uppercased() + group.dropFirst() + "\n" }
        if view.isRedacted {
            text += "The note is confidential to its author.\n"
        } else {
            text += "With: \(session.participants.map(\.title).joined(separator: ", "))\n"
            let named = try session.contactIds.map { try db.contact(id: $0).label }
            if !named.isEmpty { text += "Family: \(named.joined(separator: ", "))\n" }
            if !session.topics.isEmpty { text += "Topics: \(session.topics.joined(separator: ", "))\n" }
            text += "\n\(session.note)\n"
            if history.count > 1 {
                let names = try Dictionary(db.allCounselors().map { ($0.id ?? 0, $0.displayName) }) { first, _ in first }
                text += "\nHistory:\n" + history.map {
                    "  v\($0.version)  \(SessionJSON.localTime($0.createdAt))  \(names[$0.authorId] ?? "counselor \($0.authorId)")\n"
                }.joined()
            }
        }
        print(Sanitizer.sanitizeKeepingLines(text), terminator: "")
    }
}

struct SessionAmendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amend", abstract: "Amend a session: a new version of the note; earlier versions are kept.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The session ID.")
    var sessionId: Int64

    @OptionGroup var noteOptions: NoteOptions

    @Option(help: ArgumentHelp("Refuse if the note was amended after this version (the vN `session show` lists).",
                               valueName: "version"))
    var ifVersion: Int?

    func run() throws {
        let note = try noteOptions.read()
        let db = try database.open()
        let author = try acting.resolve(in: db)
        let current = try db.session(id: sessionId, viewerId: author.id)
        guard !current.isRedacted else { throw CLIError(StoreError.confidentialToAuthor(sessionId: sessionId).description) }
        let session = current.session
        do {
            try db.amendSession(id: sessionId, note: note, kind: session.kind, topics: session.topics,
                                participants: session.participants, durationMinutes: session.durationMinutes,
                                isConfidential: session.isConfidential, by: author.id!,
                                loadedNoteVersion: ifVersion ?? session.noteVersion)
        } catch let error as StoreError {
            // Both versions are shown; note text is data, never terminal control.
            throw CLIError(Sanitizer.sanitizeKeepingLines(error.description))
        }
        say("Amended session \(sessionId).")
    }
}

struct SessionArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Archive a session: it leaves the lists but is never erased.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: "The session ID.")
    var sessionId: Int64

    func run() throws {
        let db = try database.open()
        let counselor = try acting.resolve(in: db)
        try db.archiveSession(id: sessionId, by: counselor.id!)
        say("Archived session \(sessionId); `waypoint session list --archived` still shows it.")
    }
}

/// A session as scripts read it. Confidential content is absent, not blank, when redacted.
struct SessionJSON: Encodable {
    struct Version: Encodable {
        var version: Int
        var text: String
        var authorId: Int64
        var createdAt: String
    }

    var id: Int64
    var studentId: Int64
    var authorId: Int64
    var author: String
    var startedAt: String
    var durationMinutes: Int
    var kind: String
    var participants: [String]?
    /// How many students the session was with (more than 1: a group session).
    var studentCount: Int
    /// A group session's students (ids, the session's own first); absent when redacted or alone.
    var studentIds: [Int64]?
    /// The family contacts named as taking part (`waypoint contact list`); only in `session show`.
    var contactIds: [Int64]?
    var topics: [String]?
    var note: String?
    var confidential: Bool
    var archived: Bool
    var redacted: Bool
    var history: [Version]?

    init(_ view: SessionView) {
        let session = view.session
        id = view.id
        studentId = session.studentId
        authorId = session.authorId
        author = view.authorName
        startedAt = SessionJSON.isoTime(session.startedAt)
        durationMinutes = session.durationMinutes
        kind = session.kind
        participants = view.isRedacted ? nil : session.participants.map(\.rawValue)
        studentCount = view.studentCount
        studentIds = view.isRedacted || !view.isGroup ? nil : session.studentIds
        topics = view.isRedacted ? nil : session.topics
        note = view.isRedacted ? nil : session.note
        confidential = session.isConfidential
        archived = session.isArchived
        redacted = view.isRedacted
    }

    static func isoTime(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    static func localTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
