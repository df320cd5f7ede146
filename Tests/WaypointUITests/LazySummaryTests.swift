import TerminalKit
import WaypointCore
import WaypointStore
import XCTest
@testable import WaypointEffects
@testable import WaypointUI

/// A district opens without summarizing every plan and tier: rows on screen are summarized
/// as they come into view, a sort or view that compares them all waits for all of them, and
/// a row not summarized yet never shows a plan or tier it does not have.
final class LazySummaryTests: XCTestCase {
    /// The demo district of 300 high-school students (360 with the middle and elementary schools), opened as "All students in the district" on a
    /// 30-line screen, with summaries on demand above 200 rows; `eager` is the same district
    /// (the same seed) in another database, summarized in full at load as a caseload is.
    private func openDistrict() throws -> (app: App, screen: InMemoryBackend, eager: App, eagerScreen: InMemoryBackend) {
        let (app, screen) = try openDistrict(summarizeOnDemandAbove: 200)
        let (eager, eagerScreen) = try openDistrict(summarizeOnDemandAbove: .max)
        return (app, screen, eager, eagerScreen)
    }

    private func openDistrict(summarizeOnDemandAbove limit: Int) throws -> (App, InMemoryBackend) {
        let backend = InMemoryBackend(size: Size(width: 130, height: 30))
        let runner = EffectRunner(database: try AppDatabase.inMemory(), demoSize: (students: 300, counselors: 2, seed: 5))
        runner.summarizeOnDemandAbove = limit
        let app = App(state: AppState(size: backend.size(), caseloadOwnerId: nil), terminal: Terminal(backend: backend), runner: runner)
        app.start()
        for key in [Key.char("d"), .enter, .char("c"), .end, .enter] { app.handleSettled(.key(key)) }
        XCTAssertNil(app.state.caseloadOwnerId)
        // 300 high-school students, and 30 each in the middle and elementary schools.
        XCTAssertEqual(app.state.caseload.rows.count, 360)
        return (app, backend)
    }

    /// A counselor's caseload of a few hundred starts the same way (issue 17: summarizing
    /// all of it before the first frame was half of start-up): the first frame is the one
    /// summarizing everything would draw, and the rest is summarized as it comes into view.
    func testACaseloadOpensWithTheFrameSummarizingItAllWouldDraw() throws {
        func start(eager: Bool) throws -> (App, InMemoryBackend) {
            let backend = InMemoryBackend(size: Size(width: 130, height: 30))
            let runner = EffectRunner(database: try AppDatabase.inMemory(), demoSize: (students: 300, counselors: 1, seed: 5))
            if eager { runner.summarizeOnDemandAbove = .max }
            let app = App(state: AppState(size: backend.size(), caseloadOwnerId: 1), terminal: Terminal(backend: backend),
                          runner: runner)
            app.start()
            app.handleSettled(.key(.char("d")))
            app.render()
            return (app, backend)
        }
        let (app, screen) = try start(eager: false)
        let (eager, eagerScreen) = try start(eager: true)
        XCTAssertEqual(app.state.caseloadOwnerId, 1)
        XCTAssertEqual(app.state.caseload.rows.count, 300)
        XCTAssertTrue(app.state.caseload.summariesOnDemand, "the default runner summarizes a 300-student caseload on demand")
        XCTAssertLessThan(app.state.caseload.summaries.count, 300)
        assertSameLines(screen, eagerScreen)
        XCTAssertTrue(screen.text.contains("Caseload of"), String(screen.text.prefix(300)).debugDescription)
        // Once that frame is drawn, the rest is summarized before the next key: typing a
        // search finds every summary at hand.
        app.afterFrame()
        XCTAssertEqual(app.state.caseload.summaries.count, 300)
        XCTAssertFalse(app.state.caseload.restWaitsForAFrame)
        app.handleSettled(.key(.end))
        eager.handle(.key(.end))
        app.render()
        eager.render()
        assertSameLines(screen, eagerScreen)
    }

    /// The two screens line by line, naming the first line that differs.
    private func assertSameLines(_ screen: InMemoryBackend, _ other: InMemoryBackend, line: UInt = #line) {
        let lines = screen.text.split(separator: "\n", omittingEmptySubsequences: false)
        let others = other.text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, others.count, line: line)
        for (index, (mine, theirs)) in zip(lines, others).enumerated() where mine != theirs {
            XCTFail("line \(index): \(mine.debugDescription) against \(theirs.debugDescription)", line: line)
            return
        }
    }

    func testOnlyTheRowsAroundTheScreenAreSummarizedAtFirst() throws {
        let (app, _, eager, _) = try openDistrict()
        let caseload = app.state.caseload
        XCTAssertTrue(caseload.summariesOnDemand)
        XCTAssertFalse(eager.state.caseload.summariesOnDemand)
        let onScreen = caseload.rows.prefix(app.state.caseloadVisibleRows)
        XCTAssertTrue(onScreen.allSatisfy { caseload.summaries[$0.id] != nil })
        XCTAssertLessThan(caseload.summaries.count, 360, "the district is not summarized at open")
        // What is known is what the store says: the same as summarizing at load.
        let eagerRows = Dictionary(uniqueKeysWithValues: eager.state.caseload.rows.map { ($0.id, $0) })
        for entry in onScreen {
            XCTAssertEqual(caseload.summaries[entry.id], CaseloadSummary(try XCTUnwrap(eagerRows[entry.id])))
        }
    }

    func testARowNotSummarizedShowsBlanksNotADash() throws {
        let (app, _, _, _) = try openDistrict()
        let last = try XCTUnwrap(app.state.caseload.rows.last)
        XCTAssertNil(app.state.caseload.summary(of: last))
        for column in 4...7 {
            XCTAssertEqual(CaseloadView.cellText(last, summary: nil, column: column, now: Date(), timeZone: .current), "",
                           "column \(column) of a student not summarized yet")
        }
        XCTAssertEqual(CaseloadView.cellText(last, summary: nil, column: 0, now: Date(), timeZone: .current),
                       last.student.listName)
    }

    func testARowsSummaryAppearsWhenItScrollsIntoView() throws {
        let (app, screen, eager, eagerScreen) = try openDistrict()
        let last = try XCTUnwrap(app.state.caseload.rows.last)
        XCTAssertNil(app.state.caseload.summaries[last.id])
        app.handleSettled(.key(.end))
        let expected = try XCTUnwrap(eager.state.caseload.rows.first { $0.id == last.id })
        XCTAssertEqual(app.state.caseload.summaries[last.id], CaseloadSummary(expected))
        // The screen shows it: the frame drawn holds the same cells as the eager one.
        eager.handle(.key(.end))
        app.render()
        eager.render()
        XCTAssertEqual(screen.text, eagerScreen.text)
    }

    func testATierSortSummarizesEveryStudentFirst() throws {
        let (app, _, eager, _) = try openDistrict()
        for _ in 0..<3 { app.handleSettled(.key(.char("s"))) }
        for _ in 0..<3 { eager.handle(.key(.char("s"))) }
        XCTAssertEqual(app.state.caseload.sort, .tier)
        XCTAssertFalse(app.state.caseload.awaitingSummaries)
        XCTAssertEqual(app.state.caseload.summaries.count, 360)
        XCTAssertEqual(app.state.caseload.rows.map(\.id), eager.state.caseload.rows.map(\.id))
    }

    func testASavedViewOnPlansWaitsForEveryStudentRatherThanCountingUnknowns() throws {
        let (app, _, eager, _) = try openDistrict()
        for key in [Key.char("v"), .char("6")] {
            app.handleSettled(.key(key))
            eager.handle(.key(key))
        }
        XCTAssertEqual(app.state.caseload.rows.map(\.id), eager.state.caseload.rows.map(\.id))
        XCTAssertEqual(app.state.status, eager.state.status)
    }

    func testTheReducerWaitsForSummariesInsteadOfSortingOnUnknowns() {
        var state = Fixtures.caseloadState(rows: 30)
        let loaded = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: Fixtures.entries(count: 200),
                                                    summariesOnDemand: true, summaryGeneration: 1))
        guard case .summarizeStudents(let window)? = loaded.last else { return XCTFail("\(loaded)") }
        XCTAssertLessThan(window.count, 200, "the rows on screen and a page around them")
        func tier(_ id: Int64) -> CaseloadSummary { CaseloadSummary(plan: nil, tier: Int(id % 3) + 1, hasActiveIntervention: false) }
        _ = reduce(&state, .studentsSummarized(Dictionary(uniqueKeysWithValues: window.keys.map { ($0, tier($0)) }), generation: 1))

        state.caseload.sort = .nextMilestone
        let effects = reduce(&state, .command(.caseload(.cycleSort)))
        XCTAssertEqual(state.caseload.sort, .tier)
        XCTAssertTrue(state.caseload.awaitingSummaries)
        XCTAssertEqual(state.caseload.rows, [], "no order is shown on tiers not known")
        guard case .summarizeStudents(let rest)? = effects.last else { return XCTFail("\(effects)") }
        XCTAssertEqual(rest.count, 200 - window.count, "every student not summarized yet, not only those on screen")
        XCTAssertEqual(reduce(&state, .tick(Date())), [], "asked once while the answer is under way")

        _ = reduce(&state, .studentsSummarized(Dictionary(uniqueKeysWithValues: rest.keys.map { ($0, tier($0)) }), generation: 1))
        XCTAssertFalse(state.caseload.awaitingSummaries)
        XCTAssertEqual(state.caseload.rows.count, 200)
        let shown = state.caseload.rows.compactMap { state.caseload.summaries[$0.id]?.tier }
        XCTAssertEqual(shown.count, 200)
        XCTAssertEqual(shown, shown.sorted(by: >))
    }

    func testSummariesOfAnOlderGenerationAreDropped() {
        var state = Fixtures.caseloadState(rows: 30)
        let rows = Fixtures.entries(count: 30)
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: rows,
                                           summariesOnDemand: true, summaryGeneration: 1))
        _ = reduce(&state, .studentsSummarized([rows[0].id: CaseloadSummary(plan: nil, tier: 3, hasActiveIntervention: false)],
                                               generation: 1))
        XCTAssertEqual(state.caseload.summaries[rows[0].id]?.tier, 3)
        // A plan changed (the runner forgot its summaries): the next load says so.
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: rows,
                                           summariesOnDemand: true, summaryGeneration: 2))
        XCTAssertNil(state.caseload.summaries[rows[0].id])
    }
}
