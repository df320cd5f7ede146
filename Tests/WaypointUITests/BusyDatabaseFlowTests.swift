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

    func testANoteSavedWhileAnotherProgramWritesIsKeptAndSavedWhenTheLockIsReleased() throws {
        let path = folder.appendingPathComponent("waypoint.sqlite").path
        let size = Size(width: 120, height: 30)
        let backend = InMemoryBackend(size: size)
        // The screen's patience, with a shorter try so the test does not wait a second.
        let database = try AppDatabase.open(path: path, patience: BusyPatience(perTry: 0.01, overall: 0))
        let runner = EffectRunner(database: database, demoSize: (students: 20, counselors: 1, seed: 7))
        let app = App(state: AppState(size: size), terminal: Terminal(backend: backend), runner: runner)
        var clock = Date()
        runner.clock = { clock }
        app.start()
        app.handle(.key(.char("d")))
        app.handle(.key(.enter))
        let studentId = try XCTUnwrap(app.state.profile?.studentId)
        let before = try database.sessions(studentId: studentId, viewerId: app.state.userId).count
        app.handle(.key(.char("n")))
        XCTAssertNotNil(app.state.editor)
        for character in "Talked about the FAFSA" { app.handle(.key(.char(character))) }

        // Another program (an import) takes the write lock and keeps it.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true   // the lock outlives one access, as an import's does
        let importer = try DatabaseQueue(path: path, configuration: configuration)
        try importer.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        clock += 1
        app.send(.tick(clock))
        app.handle(.key(.ctrl("s")))
        app.render()
        XCTAssertNotNil(app.state.editor, "the editor stays open with the note")
        XCTAssertTrue(backend.text.contains("Another program is writing to the database"), backend.text)
        XCTAssertFalse(backend.text.contains("SQLite"), backend.text)
        XCTAssertEqual(try database.sessions(studentId: studentId, viewerId: app.state.userId).count, before)

        // Typed meanwhile: saved too, since the save is rebuilt from the editor at each try.
        for character in " and the SAT" { app.handle(.key(.char(character))) }
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
        var state = AppState(size: Size(width: 120, height: 30), counselorId: 1)
        let draft = Effect.saveDraft(counselorId: 1, studentId: 5, sessionId: nil,
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
}
