import ArgumentParser
import Foundation
import WaypointCore
import WaypointHub
import WaypointStore
import WaypointSync

/// `waypoint sync ...`: a counselor's workstation and the district hub (docs/SYNC.md).
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync this database with the district hub: join it, sync now, see the status and refused changes.",
        discussion: """
            `waypoint sync` alone pushes the changes waiting here, then pulls what changed at the hub. The hub's
            password is never given on the command line: PGPASSWORD, the --password-file kept at join (mode 600),
            or ~/.pgpass (host:port:database:user:password), as with PostgreSQL's own tools.
            """,
        subcommands: [SyncNowCommand.self, SyncJoinCommand.self, SyncStatusCommand.self, SyncRefusedCommand.self],
        defaultSubcommand: SyncNowCommand.self)
}

struct SyncNowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "now",
        abstract: "Push the changes waiting here, then pull what changed at the hub (the default).")

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("password-file"), help: ArgumentHelp(
        "Read the hub password from the first line of this file (mode 600), instead of the one named at join.",
        valueName: "file"))
    var passwordFile: String?

    @Flag(help: "Print what the sync did as JSON (pushed, refused, pulled, studentsEntered, checkpoint).")
    var json = false

    func run() throws {
        let db = try database.open()
        let state = try db.syncState()
        guard state.isJoined else { throw CLIError(SyncError.notJoined.description) }
        var sync = WorkstationSync(database: db, opener: PostgresHubOpener(passwordFile: passwordFile))
        sync.adjust = SyncFaultHooks(environment: ProcessInfo.processInfo.environment)?.adjust
        let progress = SyncProgressLine()
        let outcome = sync.runWaiting(progress: { progress.show($0) })
        progress.finish()
        switch outcome {
        case .synced(let report):
            if json { try printJSON(report) } else { say(SyncCommand.sentence(report, hub: state.hubUrl ?? "")) }
        case .unreachable(let sentence), .failed(let sentence):
            throw CLIError(sentence)
        }
    }
}

extension SyncCommand {
    /// "Synced with postgres://…: sent 3 changes, received 12; 1 refused (…)."
    static func sentence(_ report: SyncReport, hub: String) -> String {
        var text = "Synced with \(hub): sent \(counted(report.pushed, "change")), received \(report.pulled)"
        if report.studentsEntered > 0 { text += "; \(counted(report.studentsEntered, "student")) joined your scope" }
        if report.refused > 0 { text += "; \(report.refused) refused by the hub: see `waypoint sync refused`" }
        return text + "."
    }
}

/// For the fault tests only (docs/SYNC.md, "Failure"): read from the environment so that no
/// counselor meets them in `--help`, and the defaults stay the engine's.
/// - WAYPOINT_SYNC_PUSH_BATCH, WAYPOINT_SYNC_PULL_PAGE: smaller batches and pages, so that a
///   short outbox or log still gives a test several points to kill the process at;
/// - WAYPOINT_SYNC_STEPS=pause: at each ``SyncStep`` print "sync step: <step>" on stderr and
///   wait for a line on stdin (end of input: go on), so a test can kill the process exactly
///   there instead of guessing a time.
struct SyncFaultHooks {
    var pushBatch: Int?
    var pullPage: Int?
    var pause: Bool

    init?(environment: [String: String]) {
        func positive(_ name: String) -> Int? { environment[name].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } }
        pushBatch = positive("WAYPOINT_SYNC_PUSH_BATCH")
        pullPage = positive("WAYPOINT_SYNC_PULL_PAGE")
        pause = environment["WAYPOINT_SYNC_STEPS"] == "pause"
        if pushBatch == nil, pullPage == nil, !pause { return nil }
    }

    var adjust: @Sendable (inout SyncEngine) -> Void {
        let hooks = self
        return { engine in
            if let batch = hooks.pushBatch { engine.pushBatch = batch }
            if let page = hooks.pullPage { engine.pullPage = page }
            if hooks.pause {
                engine.reached = { step in
                    FileHandle.standardError.write(Data("sync step: \(step)\n".utf8))
                    _ = readLine()
                }
            }
        }
    }
}

/// "Pulling from the hub: 12,000 changes" on stderr while a long sync runs (a terminal only).
final class SyncProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var line: ProgressLine?

    func show(_ progress: SyncProgress) {
        let label = switch progress {
        case .pushing(let done, let waiting): "Sending to the hub: \(done.grouped) sent, \(waiting.grouped) waiting"
        case .pulling(let changes): "Receiving from the hub: \(changes.grouped) changes"
        }
        lock.withLock {
            line = ProgressLine(label)
            line?.show()
        }
    }

    func finish() { lock.withLock { line?.finish() } }
}

struct SyncJoinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Join this database to the district hub as one counselor; from then on its changes are kept to sync.",
        discussion: """
            The database must hold the district's roster (every student and counselor with a sourcedId): a demo
            database or students typed in by hand cannot join; start a new database and import the roster.
            The hub is checked first (address, password, version); if it cannot be reached, nothing changes.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The hub: postgres://USER@HOST:PORT/DATABASE, USER being your own hub login.",
                               valueName: "url"))
    var url: String

    @Option(name: .customLong("password-file"), help: ArgumentHelp(
        "A file (mode 600) whose first line is your hub password; kept by name so later syncs find it.",
        valueName: "file"))
    var passwordFile: String?

    @OptionGroup var acting: ActingCounselorOption

    /// Caught only to refuse it: a password on the command line is visible to every user in ps.
    @Option(name: .customLong("password"), help: .hidden)
    var password: String?

    func validate() throws {
        if password != nil { throw CLIError(HubError.passwordOnCommandLine("--password").description) }
    }

    func run() throws {
        let db = try database.open()
        let (counselor, passphrase) = try acting.resolveWithPassphrase(in: db)
        guard let counselorId = counselor.id, counselor.sourcedId != nil else {
            throw CLIError("\(counselor.displayName) has no district ID (sourcedId), so the hub cannot know them: "
                + "join with a database that holds the district's roster; nothing was changed.")
        }
        if let passwordFile, passwordFile.hasPrefix("/") == false {
            throw CLIError("--password-file \(passwordFile): give the full path (it is kept for later syncs, which may "
                + "run from another folder); nothing was changed.")
        }
        let wasJoined = try db.syncState().isJoined
        // The hub first: a wrong address or password is found now, with nothing changed here.
        // Then the join, and the counselor's sealing key opened with their passphrase (made
        // and kept at the hub on their first join anywhere); if the key cannot be opened,
        // the join is undone, so a failed join changes nothing.
        let (url, passwordFile) = (url, passwordFile)
        let opener = PostgresHubOpener()
        let readiness: SealingReadiness = try blocking {
            do {
                let link = try await opener.open(url: url, passwordFile: passwordFile)
                do {
                    try await link.checkCompatible(workstationProtocol: SyncProtocol.version)
                    try db.joinHub(url: url, counselorId: counselorId)
                    try db.setHubPasswordFile(passwordFile)
                    do {
                        let readiness = try await SyncSealer.prepare(database: db, hub: link, passphrase: passphrase)
                        await opener.close(link)
                        return readiness
                    } catch {
                        if !wasJoined { try? db.leaveHub() }
                        throw error
                    }
                } catch {
                    await opener.close(link)
                    throw error
                }
            } catch let unreachable as HubUnreachable {
                throw CLIError("\(unreachable) Nothing was changed; join when the hub can be reached.")
            } catch let error as StoreError {
                throw CLIError(error.description)
            } catch let error as SyncSealerError {
                throw CLIError(error.description)
            }
        }
        let joined = "This database is joined to \(url) as \(counselor.displayName)."
        say(joined + " `waypoint sync` syncs now; the screen syncs by itself every few minutes.")
        switch readiness {
        case .ready:
            say("Confidential notes sync sealed with your own key: only your workstations can read them.")
        case .noPassphrase:
            say("You have no passphrase, so your confidential notes stay on this workstation. Set one "
                + "(`waypoint passphrase set`) and run `waypoint sync join` again to sync them sealed.")
        }
    }
}

struct SyncStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Which hub this database is joined to, as whom, the last sync, changes waiting and refused, the last error.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print the status as JSON.")
    var json = false

    func run() throws {
        let db = try database.openForReading()
        let status = try db.syncStatus()
        if json { return try printJSON(StatusJSON(status)) }
        guard status.isJoined, let hub = status.hubUrl else {
            say("This database is not joined to a hub; it works alone. `waypoint sync join --url URL --as COUNSELOR` joins one.")
            return
        }
        let last = status.lastSyncAt.map { "\(SyncStatus.ago($0, now: Date())) (\(ISO8601DateFormatter().string(from: $0)))" } ?? "never"
        say("""
            Hub:               \(hub)
            Syncing as:        \(status.counselor ?? "unknown")
            Last sync:         \(last)
            Changes waiting:   \(status.waiting.grouped)
            Refused changes:   \(status.refused.grouped)\(status.refused > 0 ? " (`waypoint sync refused` lists them)" : "")
            Last error:        \(status.lastError ?? "none")
            """)
        if status.confidentialKeptHere > 0 {
            say("Kept here:         \(status.confidentialKeptHere.grouped) changes of confidential sessions: this workstation "
                + "has no key to seal them (set a passphrase, then `waypoint sync join` again)")
        }
        if status.sealedHeld > 0 {
            say("Held sealed:       \(status.sealedHeld.grouped) confidential records that arrived without your key")
        }
    }
}

/// `sync status --json`: times as ISO 8601 text, as every command prints them.
private struct StatusJSON: Encodable {
    var hubUrl: String?
    var counselor: String?
    var lastSyncAt: String?
    var waiting: Int
    var refused: Int
    var lastError: String?
    var confidentialKeptHere: Int
    var sealedHeld: Int

    init(_ status: SyncStatus) {
        hubUrl = status.hubUrl
        counselor = status.counselor
        lastSyncAt = status.lastSyncAt.map { ISO8601DateFormatter().string(from: $0) }
        waiting = status.waiting
        refused = status.refused
        lastError = status.lastError
        confidentialKeptHere = status.confidentialKeptHere
        sealedHeld = status.sealedHeld
    }
}
