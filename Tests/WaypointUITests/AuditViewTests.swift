import Foundation
import TerminalKit
import WaypointCore
import WaypointStore
import XCTest
@testable import WaypointEffects
@testable import WaypointUI

/// What the screen records as viewed: a profile once per opening (not on every reload), and
/// a confidential note when its author opens it in the reader.
final class AuditViewTests: XCTestCase {
    func testOpeningAProfileRecordsOneViewHoweverOftenItReloads() throws {
        let database = try AppDatabase.inMemory(actor: AuditActor("counselor-login"))
        let size = Size(width: 100, height: 30)
        let runner = EffectRunner(database: database, demoSize: (students: 60, counselors: 2, seed: 7))
        let app = App(state: AppState(size: size), terminal: Terminal(backend: InMemoryBackend(size: size)), runner: runner)
        app.start()
        for key: Key in [.char("d"), .enter] { app.handleSettled(.key(key)) }
        let counselor = try XCTUnwrap(app.state.userId)
        // The first counselor chosen on the database is recorded (they were taken at their word).
        XCTAssertEqual(try database.auditEvents().map(\.action), [.chosenAtFirstStart, .loadedDemo])

        app.handleSettled(.key(.enter))
        let studentId = try XCTUnwrap(app.state.profile?.studentId)
        XCTAssertNotNil(app.state.profile?.data, "the profile loaded")
        // The plan and back, and a panel switch: the profile reloads, the view is not recorded again.
        for key: Key in [.char("p"), .escape, .tab, .tab] { app.handleSettled(.key(key)) }
        XCTAssertEqual(app.state.screen, .profile)
        XCTAssertGreaterThan(app.state.profile?.requestToken ?? 0, 1, "the profile was reloaded")

        let views = try database.auditEvents().filter { $0.action == .viewedProfile }
        XCTAssertEqual(views.count, 1)
        XCTAssertEqual(views.first?.studentId, studentId)
        XCTAssertEqual(views.first?.counselorId, counselor)
        XCTAssertEqual(views.first?.actor, "counselor-login")

        for key: Key in [.escape, .enter] { app.handleSettled(.key(key)) }
        XCTAssertEqual(try database.auditEvents().filter { $0.action == .viewedProfile }.count, 2, "a second opening is a second view")
    }

    func testReadingYourOwnConfidentialNoteIsRecordedAndOthersAreNot() {
        var state = ProfileTests.state()
        var data = ProfileTests.data()
        var own = data.sessions[0].session
        own.isConfidential = true
        data.sessions[0] = SessionView(session: own, authorName: "Ana Rivera", viewerId: 1)
        _ = reduce(&state, .profileLoaded(token: state.profile!.requestToken, data: data))

        XCTAssertEqual(reduce(&state, .command(.profile(.viewSession))),
                       [.recordView(.viewedConfidentialNote, studentId: 1, subject: "session 2", userId: 1)])
        XCTAssertEqual(state.overlay, .session(id: 2, scroll: 0))
        _ = reduce(&state, .command(.global(.back)))
        _ = reduce(&state, .command(.list(.moveDown)))
        XCTAssertEqual(reduce(&state, .command(.profile(.viewSession))), [], "a colleague's confidential note is not shown, so not viewed")
    }

    func testReadingAnOrdinarySessionIsCoveredByTheProfileView() {
        var state = ProfileTests.state()
        XCTAssertEqual(reduce(&state, .command(.profile(.viewSession))), [])
        XCTAssertEqual(state.overlay, .session(id: 2, scroll: 0))
    }
}
