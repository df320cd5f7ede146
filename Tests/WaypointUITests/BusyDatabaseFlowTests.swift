import Foundation
import GRDB
import TerminalKit
import WaypointCore
import WaypointStore
import XCTest
@testable import WaypointEffects
@testable import WaypointUI

/// Issue 12, item 4: a note saved while another program holds the write lock (a long import)
/// is kept in memory, the footer says so, and it is saved once the lock is released; before,
/// Ctrl-S showed "SQLite error 5: database is locked" and the draft was never stored.
final class BusyDatabaseFlowTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-busy-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A demo district loaded through the screen and a student's profile open, with the
    /// screen's patience (a shorter try, so the test does not wait a second).
    private func startOnADemoProfile(_ path: String, clock: @escaping () -> Date) throws -> (App, AppDatabase, InMemoryBackend) {
        let size = Size(width: 120, height: 30)
        let backend = InMemoryBackend(size: size)
        let database = try AppDatabase.open(path: path, patience: BusyPatience(perTry: 0.01, overall: 0))
        let runner = EffectRunner(database: database, demoSize: (students: 20, counselors: 1, seed: 7))
        let app = App(state: AppState(size: size), terminal: Terminal(backend: backend), runner: runner)
        runner.clock = clock
        app.start()
        app.handleSettled(.key(.char("d")))
        app.handleSettled(.key(.enter))
        return (app, database, backend)
    }

    /// Another program (an import) takes the write lock and keeps it until ROLLBACK.
    private func holdWriteLock(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true   // the lock outlives one access, as an import's does
        let importer = try DatabaseQueue(path: path, configuration: configuration)
        try importer.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        return importer
    }

    func testANoteSavedWhileAnotherProgramWritesIsKeptAndSavedWhenTheLockIsReleased() throws {
        let path = folder.appendingPathComponent("waypoint.sqlite").path
        var clock = Date()
        let (app, database, backend) = try startOnADemoProfile(path, clock: { clock })
        let studentId = try XCTUnwrap(app.state.profile?.studentId)
        let before = try database.sessions(studentId: studentId, viewerId: app.state.userId).count
        app.handleSettled(.key(.char("n")))
        XCTAssertNotNil(app.state.editor)
        for character in "Talked about the FAFSA" { app.handleSettled(.key(.char(character))) }

        // Another program (an import) takes the write lock and keeps it.
        let importer = try holdWriteLock(path)
        clock += 1
        app.send(.tick(clock))
        app.handleSettled(.key(.ctrl("s")))
        app.render()
        XCTAssertNotNil(app.state.editor, "the editor stays open with the note")
        XCTAssertTrue(backend.text.contains("Another program is writing to the database"), backend.text)
        XCTAssertFalse(backend.text.contains("SQLite"), backend.text)
        XCTAssertEqual(try database.sessions(studentId: studentId, viewerId: app.state.userId).count, before)

        // Typed meanwhile: saved too, since the save is rebuilt from the editor at each try.
        for character in " and the SAT" { app.handleSettled(.key(.char(character))) }
        clock += AppState.busyRetryInterval
        app.send(.tick(clock))
        XCTAssertNotNil(app.state.editor, "still busy: still kept")
        XCTAssertTrue(app.state.isWaitingForDatabase)

        try importer.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        clock += AppState.busyRetryInterval
        app.send(.tick(clock))
        XCTAssertNil(app.state.editor, "saved and closed once the lock is released")
        XCTAssertFalse(app.state.isWaitingForDatabase)
        let sessions = try database.sessions(studentId: studentId, viewerId: app.state.userId)
        XCTAssertEqual(sessions.count, before + 1)
        XCTAssertTrue(sessions.contains { $0.session.note == "Talked about the FAFSA and the SAT" },
                      "the text typed while waiting is in the saved note")
        XCTAssertEqual(try database.drafts(counselorId: try XCTUnwrap(app.state.userId)).count, 0,
                       "the waiting draft does not come back after the save")
    }

    /// A draft the database could not take is kept and stored at the next try, not marked
    /// stored and forgotten (before, 0 drafts were stored even after the import ended).
    func testADraftTheDatabaseCouldNotTakeIsStoredOnceItIsFree() {
        var state = AppState(size: Size(width: 120, height: 30), caseloadOwnerId: 1)
        let draft = Effect.saveDraft(authorId: 1, studentId: 5, sessionId: nil,
                                     payload: DraftPayload(kind: "college", participants: [.student], topics: "", note: "A",
                                                           followUps: [], isConfidential: false, startedAt: Date(timeIntervalSince1970: 0)))
        let start = Date(timeIntervalSince1970: 1_000_000)
        state.now = start
        XCTAssertEqual(reduce(&state, .databaseBusy(draft)), [])
        XCTAssertEqual(state.status?.text, AppState.waitingForDatabase)
        XCTAssertEqual(reduce(&state, .tick(start.addingTimeInterval(0.5))), [], "not before the retry interval")
        XCTAssertEqual(reduce(&state, .tick(start.addingTimeInterval(AppState.busyRetryInterval))), [draft])
        XCTAssertEqual(reduce(&state, .databaseBusy(draft)), [], "busy again: kept again")
        XCTAssertEqual(reduce(&state, .terminate), [draft], "quitting tries it once more")
    }

    /// Issue 12, item 4, the rest: what waits in memory is also on disk at once, beside the
    /// database, so a kill -9 while the lock is held loses nothing; the next load of drafts
    /// takes it into the database and offers it back.
    func testANoteWaitingForABusyDatabaseIsOnDiskAndSurvivesAKill() throws {
        let path = folder.appendingPathComponent("waypoint.sqlite").path
        var clock = Date()
        let (app, database, _) = try startOnADemoProfile(path, clock: { clock })
        let studentId = try XCTUnwrap(app.state.profile?.studentId)
        let userId = try XCTUnwrap(app.state.userId)
        app.handleSettled(.key(.char("n")))
        for character in "Talked about the FAFSA" { app.handleSettled(.key(.char(character))) }

        let importer = try holdWriteLock(path)
        app.handleSettled(.key(.ctrl("s")))
        XCTAssertTrue(app.state.isWaitingForDatabase)
        let aside = try XCTUnwrap(database.draftsAside)
        let file = aside.path(of: DraftsAside.Key(counselorId: userId, studentId: studentId, sessionId: nil))
        XCTAssertEqual(aside.leftovers(), [file], "the note is on disk the moment the database refused it")
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: aside.folder)[.posixPermissions] as? NSNumber)?.intValue, 0o700)
        XCTAssertTrue(try String(contentsOfFile: file, encoding: .utf8).contains("Talked about the FAFSA"))

        // Typed while waiting, before the next try is due: on disk at the next tick, without a try.
        for character in " and the SAT" { app.handleSettled(.key(.char(character))) }
        clock += 0.6
        XCTAssertLessThan(clock, try XCTUnwrap(app.state.nextBusyRetry), "no try is due yet")
        app.send(.tick(clock))
        XCTAssertTrue(try String(contentsOfFile: file, encoding: .utf8).contains("Talked about the FAFSA and the SAT"))

        // kill -9: the screen and its memory are gone; then the import ends.
        try importer.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        XCTAssertEqual(try database.drafts(counselorId: userId).count, 0, "the draft never reached the database")
        let restarted = EffectRunner(database: try AppDatabase.open(path: path, patience: .screen))
        let found = restarted.run(.loadDrafts(authorId: userId))
        guard case .draftsFound(let drafts)? = found.first else { return XCTFail("no drafts: \(found)") }
        XCTAssertEqual(drafts.map(\.payload.note), ["Talked about the FAFSA and the SAT"])
        XCTAssertEqual(drafts.map(\.studentId), [studentId])
        XCTAssertEqual(aside.leftovers(), [], "taken into the database, the file goes")
        XCTAssertEqual(try database.drafts(counselorId: userId).count, 1)

        var state = AppState(size: Size(width: 120, height: 30), caseloadOwnerId: userId)
        _ = reduce(&state, .draftsFound(drafts))
        guard case .resumeDraft? = state.overlay else { return XCTFail("no offer to resume: \(String(describing: state.overlay))") }
    }

    /// Once the database takes the waiting draft, the copy on disk goes.
    func testTheCopyOnDiskGoesOnceTheDatabaseTakesTheDraft() throws {
        let path = folder.appendingPathComponent("waypoint.sqlite").path
        let database = try AppDatabase.open(path: path, patience: BusyPatience(perTry: 0.01, overall: 0))
        let runner = EffectRunner(database: database, demoSize: (students: 5, counselors: 1, seed: 7))
        XCTAssertEqual(runner.run(.loadDemoDistrict).count, 1)
        let studentId = try XCTUnwrap(try database.caseload(counselorId: 1).first?.student.id)
        let draft = Effect.saveDraft(authorId: 1, studentId: studentId, sessionId: nil,
                                     payload: DraftPayload(kind: "college", participants: [.student], topics: "", note: "A",
                                                           followUps: [], isConfidential: false, startedAt: Date(timeIntervalSince1970: 0)))
        let importer = try holdWriteLock(path)
        var clock = Date(timeIntervalSince1970: 1_800_000_000)
        runner.clock = { clock }
        XCTAssertEqual(runner.run(draft), [.databaseBusy(draft)])
        let aside = try XCTUnwrap(database.draftsAside)
        XCTAssertEqual(aside.leftovers().count, 1)
        try importer.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        // The rest of the same batch does not wait its own second for the lock: it is kept
        // at once (here, though the lock just went, it did not even try the database).
        clock += 0.1
        XCTAssertEqual(runner.run(draft), [.databaseBusy(draft)])
        XCTAssertEqual(try database.drafts(counselorId: 1).count, 0)
        XCTAssertEqual(aside.leftovers().count, 1)
        clock += AppState.busyRetryInterval
        XCTAssertEqual(runner.run(draft), [])
        XCTAssertEqual(aside.leftovers(), [])
        XCTAssertEqual(try database.drafts(counselorId: 1).count, 1)
    }

    /// While waiting, each new draft is kept on disk at the tick it is made, not only at the next try.
    func testWhileWaitingANewDraftIsKeptOnDiskAtOnce() {
        var state = AppState(size: Size(width: 120, height: 30), caseloadOwnerId: 1)
        let payload = DraftPayload(kind: "college", participants: [.student], topics: "", note: "A",
                                   followUps: [], isConfidential: false, startedAt: Date(timeIntervalSince1970: 0))
        let start = Date(timeIntervalSince1970: 1_000_000)
        state.now = start
        _ = reduce(&state, .databaseBusy(.saveDraft(authorId: 1, studentId: 5, sessionId: nil, payload: payload)))
        var newer = payload
        newer.note = "AB"
        state.now = start.addingTimeInterval(0.5)
        XCTAssertEqual(state.writesForTick([.saveDraft(authorId: 1, studentId: 5, sessionId: nil, payload: newer)]),
                       [.keepDraftAside(authorId: 1, studentId: 5, sessionId: nil, payload: newer)])
        XCTAssertEqual(state.waitingWrites, [.saveDraft(authorId: 1, studentId: 5, sessionId: nil, payload: newer)],
                       "and it still waits for the database")
    }

    /// The audit trail loses nothing behind a busy database either: a profile opened while
    /// another program holds the lock is recorded on disk at once, with the moment it was
    /// opened, and taken into the trail at the next start after a kill -9.
    func testAViewRecordedWhileTheDatabaseIsBusyIsKeptOnDiskAndTakenInAfterAKill() throws {
        let path = folder.appendingPathComponent("waypoint.sqlite").path
        var clock = Date()
        let (app, database, _) = try startOnADemoProfile(path, clock: { clock })
        let studentId = try XCTUnwrap(app.state.profile?.studentId)
        app.handleSettled(.key(.char("q")))
        XCTAssertNil(app.state.profile)

        let importer = try holdWriteLock(path)
        clock += 5
        let openedAt = clock
        app.handleSettled(.key(.enter))
        XCTAssertEqual(app.state.profile?.studentId, studentId, "reading works while the lock is held")
        XCTAssertFalse(app.state.isWaitingForDatabase, "nothing the counselor typed waits: the footer stays quiet")
        let aside = try XCTUnwrap(database.draftsAside)
        let files = aside.leftovers()
        XCTAssertEqual(files.count, 1, "the view is on disk the moment the database refused it: \(files)")
        XCTAssertTrue(files.allSatisfy { ($0 as NSString).lastPathComponent.hasPrefix("audit-") })
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: files[0])[.posixPermissions] as? NSNumber)?.intValue, 0o600)

        // kill -9 while the lock is held; then the import ends and Waypoint starts again.
        try importer.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        let views = { try database.auditEvents(AuditQuery(studentId: studentId)).filter { $0.action == .viewedProfile } }
        XCTAssertEqual(try views().count, 1, "only the first opening reached the database")
        clock += 60
        let restarted = EffectRunner(database: try AppDatabase.open(path: path, patience: .screen))
        restarted.clock = { clock }
        _ = restarted.run(.loadStartup)
        let recorded = try views()
        XCTAssertEqual(recorded.count, 2, "the kept view is in the trail")
        XCTAssertEqual(recorded.map { $0.at.timeIntervalSince1970.rounded() }.max(), openedAt.timeIntervalSince1970.rounded(),
                       "recorded with the moment the profile was opened, not the restart")
        XCTAssertEqual(aside.leftovers(), [], "taken into the trail, the file goes")
    }

    /// Without a kill, the kept view goes into the trail once the lock is released, at the
    /// runner's next try (once a second at most).
    func testAViewKeptAsideIsTakenInOnceTheLockIsReleased() throws {
        let path = folder.appendingPathComponent("waypoint.sqlite").path
        var clock = Date()
        let (app, database, _) = try startOnADemoProfile(path, clock: { clock })
        let studentId = try XCTUnwrap(app.state.profile?.studentId)
        app.handleSettled(.key(.char("q")))
        let importer = try holdWriteLock(path)
        clock += 5
        app.handleSettled(.key(.enter))
        let aside = try XCTUnwrap(database.draftsAside)
        XCTAssertEqual(aside.leftovers().count, 1)

        try importer.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        clock += AppState.busyRetryInterval
        XCTAssertFalse(app.checkForOutsideChanges())
        XCTAssertEqual(aside.leftovers(), [], "taken in at the next try")
        let views = try database.auditEvents(AuditQuery(studentId: studentId)).filter { $0.action == .viewedProfile }
        XCTAssertEqual(views.count, 2)
    }
}
