import TerminalKit
import WaypointCore
import WaypointStore
import XCTest
@testable import WaypointEffects
@testable import WaypointUI

/// The whole loop — keys, reducer, effects against a real in-memory database, rendering
/// into the in-memory backend — as a counselor would drive it.
final class AppFlowTests: XCTestCase {
    private func makeApp(size: Size = Size(width: 80, height: 24), caseloadOwnerId: Int64? = nil) throws -> (App, InMemoryBackend) {
        let database = try AppDatabase.inMemory()
        let backend = InMemoryBackend(size: size)
        let runner = EffectRunner(database: database, demoSize: (students: 120, counselors: 2, seed: 7))
        let app = App(state: AppState(size: size, caseloadOwnerId: caseloadOwnerId), terminal: Terminal(backend: backend), runner: runner)
        return (app, backend)
    }

    private func press(_ app: App, _ backend: InMemoryBackend, _ keys: [Key]) {
        for key in keys { app.handleSettled(.key(key)) }
        app.render()
    }

    func testFirstRunLoadsTheDemoAndBrowsesTheCaseload() throws {
        let (app, backend) = try makeApp()
        app.start()
        XCTAssertTrue(backend.text.contains("Welcome to Waypoint"))

        press(app, backend, [.char("d")])
        XCTAssertTrue(backend.text.contains("Who are you?"), backend.text)
        XCTAssertTrue(backend.text.contains("Demo district loaded: 120 students, 2 counselors."), backend.text)
        XCTAssertTrue(app.state.caseload.rows.isEmpty, "no students before someone is chosen")
        XCTAssertFalse(backend.text.contains("All students in the district"), backend.text)
        press(app, backend, [.escape])
        XCTAssertTrue(backend.text.contains("choose who you are first"), backend.text)
        press(app, backend, [.enter])
        XCTAssertTrue(backend.screen.line(0).contains("Caseload of"), backend.text)
        let caseloadSize = app.state.caseload.rows.count
        XCTAssertGreaterThan(caseloadSize, 40)

        press(app, backend, [.char("j"), .char("j"), .pageDown])
        XCTAssertEqual(app.state.caseload.table.selected, 2 + app.state.caseloadVisibleRows - 1)
    }

    func testSearchNarrowsOnEveryKeystrokeAndEscRestores() throws {
        let (app, backend) = try makeApp()
        app.start()
        press(app, backend, [.char("d"), .enter, .char("c"), .char("G"), .enter])
        let everyone = app.state.caseload.rows.count
        XCTAssertNil(app.state.caseloadOwnerId, "the picker's last row is the whole district")

        let target = app.state.caseload.rows[17].student
        let prefix = String(SearchText.fold(target.familyName).prefix(3))
        press(app, backend, [.char("/")] + prefix.map { Key.char($0) })
        XCTAssertTrue(app.state.caseload.rows.contains { $0.student.id == target.id })
        XCTAssertLessThan(app.state.caseload.rows.count, everyone)
        XCTAssertTrue(backend.text.contains("Search: \(prefix)"))

        press(app, backend, [.enter])
        XCTAssertTrue(backend.text.contains("Filter: \(prefix)"))
        press(app, backend, [.escape])
        XCTAssertEqual(app.state.caseload.rows.count, everyone)
    }

    /// A search on a caseload that finds nobody there, but finds students elsewhere in the
    /// district, says so and offers the district: `c` then Enter keeps the search (issue 15).
    func testASearchThatFindsNobodyOnTheCaseloadOffersTheDistrict() throws {
        let database = try AppDatabase.inMemory()
        let backend = InMemoryBackend(size: Size(width: 80, height: 24))
        let runner = EffectRunner(database: database, demoSize: (students: 120, counselors: 2, seed: 7))
        let app = App(state: AppState(size: Size(width: 80, height: 24)), terminal: Terminal(backend: backend), runner: runner)
        app.start()
        press(app, backend, [.char("d"), .enter])
        let owner = try XCTUnwrap(app.state.caseloadOwnerId)
        let mine = Set(try database.caseload(counselorId: owner).compactMap(\.student.id))
        let other = try XCTUnwrap(try database.caseload(counselorId: nil).first { !mine.contains($0.student.id!) }).student
        press(app, backend, [.char("/")] + other.localId.map { Key.char($0) } + [.enter])
        XCTAssertTrue(app.state.caseload.rows.isEmpty)
        XCTAssertTrue(backend.text.contains("No student on this caseload matches “\(other.localId)”; 1 in the district: c, Enter."),
                      backend.text)
        press(app, backend, [.char("c"), .enter])
        XCTAssertNil(app.state.caseloadOwnerId, "c preselects the whole district")
        XCTAssertEqual(app.state.caseload.query, other.localId, "the search is kept")
        XCTAssertEqual(app.state.caseload.rows.map(\.student.id), [other.id])

        // A search that finds nobody anywhere says only that.
        press(app, backend, [.char("c"), .up, .up, .enter, .char("/"), .char("Q"), .char("Q"), .char("Z"), .char("X"), .enter])
        XCTAssertEqual(app.state.caseloadOwnerId, owner)
        XCTAssertTrue(backend.text.contains("No student matches “QQZX”."), backend.text)
    }

    func testResizeToTooSmallAndBack() throws {
        let (app, backend) = try makeApp()
        app.start()
        backend.resize(to: Size(width: 60, height: 20))
        app.handleSettled(.resize(Size(width: 60, height: 20)))
        app.render()
        XCTAssertTrue(backend.text.contains("needs a window of at least 80x24"))
        backend.resize(to: Size(width: 100, height: 30))
        app.handleSettled(.resize(Size(width: 100, height: 30)))
        app.render()
        XCTAssertTrue(backend.text.contains("Welcome to Waypoint"))
    }

    func testQuitFromTheTopScreenEndsTheLoop() throws {
        let (app, backend) = try makeApp()
        backend.enqueue(keys: [.char("?"), .char("q"), .char("q")])
        app.run()
        XCTAssertTrue(app.state.shouldQuit)
    }

    func testATerminationRequestEndsTheLoop() throws {
        let (app, _) = try makeApp()
        app.run(terminationRequested: { true })
        XCTAssertTrue(app.state.shouldQuit)
    }
}
