import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// Sync with the hub on screen: the footer's line, the background sync at start, when due
/// and on a key (never while one runs), and the refused-changes screen.
final class SyncScreenTests: XCTestCase {
    let start = Date(timeIntervalSince1970: 1_796_000_000)

    private func joined(_ state: inout AppState, waiting: Int = 0, refused: Int = 0, lastError: String? = nil) -> [Effect] {
        reduce(&state, .syncStatusLoaded(SyncStatus(hubUrl: "postgres://c_ana@hub.example:5432/district", counselor: "Ana Rivera (c-1)",
                                                    lastSyncAt: start.addingTimeInterval(-120), waiting: waiting,
                                                    refused: refused, lastError: lastError)))
    }

    /// Wide enough for the footer's longest wording beside the caseload's keys.
    private func state(size: Size = Size(width: 140, height: 30)) -> AppState {
        var state = Fixtures.caseloadState(size: size)
        _ = reduce(&state, .tick(start))
        return state
    }

    /// The main loop's clock moving on with the counselor at the keys (so the idle lock stays off).
    private func later(_ state: inout AppState, _ seconds: TimeInterval) -> [Effect] {
        let time = state.now.addingTimeInterval(seconds)
        _ = reduce(&state, .activity(time))
        return reduce(&state, .tick(time))
    }

    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    private func footer(_ state: AppState) -> String {
        render(state).text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
    }

    func testStandaloneWaypointShowsNothingAboutSyncAndItsKeysSaySo() {
        var state = state()
        XCTAssertEqual(reduce(&state, .syncStatusLoaded(SyncStatus(hubUrl: nil))), [], "not joined: no sync starts")
        XCTAssertFalse(footer(state).contains("sync"), footer(state))
        XCTAssertEqual(later(&state, 3600), [])
        XCTAssertEqual(KeyRouter.action(for: .char("S"), in: state),
                       .unavailable("Sync with the hub now: this database is not joined to a hub (waypoint sync join)"))
    }

    func testAJoinedWorkstationSyncsAtStartWhenDueAndOnAKeyButNeverTwiceAtOnce() {
        var state = state()
        XCTAssertEqual(joined(&state, waiting: 3), [.syncNow], "at start")
        XCTAssertTrue(state.sync.isRunning)
        XCTAssertEqual(KeyRouter.action(for: .char("S"), in: state), .unavailable("Sync with the hub now: a sync is under way"))
        XCTAssertTrue(footer(state).contains("syncing… · synced 2 min ago · 3 changes waiting"), footer(state))
        XCTAssertEqual(later(&state, SyncScreenState.standardInterval + 1), [], "due, but one is under way")

        let synced = SyncStatus(hubUrl: "postgres://c_ana@hub.example:5432/district", lastSyncAt: state.now)
        XCTAssertEqual(reduce(&state, .syncFinished(synced, failure: nil, changedHere: false)), [])
        XCTAssertFalse(state.sync.isRunning)
        XCTAssertTrue(footer(state).contains("synced just now"), footer(state))
        XCTAssertEqual(later(&state, 60), [], "not due yet")
        XCTAssertEqual(later(&state, SyncScreenState.standardInterval), [.syncNow], "due")
        _ = reduce(&state, .syncFinished(synced, failure: nil, changedHere: false))
        XCTAssertEqual(KeyRouter.action(for: .char("S"), in: state), .command(.sync(.syncNow)))
        XCTAssertEqual(reduce(&state, .command(.sync(.syncNow))), [.syncNow], "on the key")
    }

    /// At 80x24 the caseload's keys leave no room for the footer's sync line, so a sync the
    /// counselor asked for with S says itself in the footer's message: under way, then done
    /// (with what was refused). A sync that starts by itself stays quiet.
    func testSAt80x24SaysTheSyncIsUnderWayAndThenThatItSynced() {
        var state = state(size: Size(width: 80, height: 24))
        _ = joined(&state)
        let synced = SyncStatus(hubUrl: "postgres://c_ana@hub.example:5432/district", lastSyncAt: state.now)
        _ = reduce(&state, .syncFinished(synced, failure: nil, changedHere: false))
        XCTAssertNil(state.status, "the sync at start says nothing")
        XCTAssertFalse(footer(state).contains("ynced"), footer(state))

        XCTAssertEqual(reduce(&state, .command(.sync(.syncNow))), [.syncNow])
        XCTAssertTrue(footer(state).hasSuffix("Syncing with the hub…"), footer(state))
        _ = reduce(&state, .syncFinished(synced, failure: nil, changedHere: false))
        XCTAssertTrue(footer(state).hasSuffix("Synced with the hub."), footer(state))

        _ = reduce(&state, .command(.sync(.syncNow)))
        var refused = synced
        refused.refused = 1
        _ = reduce(&state, .syncFinished(refused, failure: nil, changedHere: true))
        XCTAssertTrue(footer(state).hasSuffix("Synced; the hub refused 1 change — R shows it."), footer(state))

        state.status = nil
        XCTAssertEqual(later(&state, SyncScreenState.standardInterval + 1), [.syncNow], "due")
        XCTAssertNil(state.status, "a sync that starts by itself says nothing")
        _ = reduce(&state, .syncFinished(synced, failure: nil, changedHere: false))
        XCTAssertNil(state.status)

        // Keeping mine sends it at once: the decision's sentence stays, then the sync's end is said.
        let kept = "Milestone “psat” of Lopez, Ana (1001): yours goes to the hub over its version at the next sync."
        XCTAssertTrue(reduce(&state, .refusedResolved(kept, .keepMine)).contains(.syncNow))
        XCTAssertEqual(state.status, StatusMessage(kept))
        _ = reduce(&state, .syncFinished(synced, failure: nil, changedHere: false))
        XCTAssertEqual(state.status, StatusMessage("Synced with the hub."))
    }

    func testAnUnreachableHubIsTheFooterLineNotAnErrorAndChangesHereAreReloaded() {
        var state = state()
        _ = joined(&state)
        let sentence = SyncStatus.unreachable(place: "hub.example:5432", waiting: 2)
        let offline = SyncStatus(hubUrl: "postgres://c_ana@hub.example:5432/district", lastSyncAt: start.addingTimeInterval(-120),
                                 waiting: 2, lastError: sentence)
        XCTAssertEqual(reduce(&state, .syncFinished(offline, failure: sentence, changedHere: false)), [])
        XCTAssertNil(state.status, "no error message for being offline: the line says it")
        XCTAssertTrue(footer(state).contains("hub unreachable — working offline · 2 changes waiting"), footer(state))

        // A sync that brought rows reloads what is shown.
        let effects = reduce(&state, .syncFinished(SyncStatus(hubUrl: offline.hubUrl, lastSyncAt: state.now), failure: nil,
                                                    changedHere: true))
        XCTAssertTrue(effects.contains { if case .loadCaseload = $0 { true } else { false } }, "\(effects)")

        let failure = "The hub at hub.example:5432 refused the password for c_ana."
        _ = reduce(&state, .syncFinished(SyncStatus(hubUrl: offline.hubUrl, lastError: failure), failure: failure, changedHere: false))
        XCTAssertEqual(state.status, StatusMessage(failure, isError: true), "any other failure says why, once")
    }

    /// A planned course both changed: of its eight fields the two that differ sort last by
    /// name, so listed in name order they fall below what 80x24 shows.
    static let courseFields = [
        RefusedField(name: "year", theirs: "11", mine: "12"),
        RefusedField(name: "status", theirs: "planned", mine: "in-progress"),
        RefusedField(name: "credits", theirs: "1.0", mine: "1.0"),
        RefusedField(name: "grade earned", theirs: "—", mine: "—"),
        RefusedField(name: "level", theirs: "honors", mine: "honors"),
        RefusedField(name: "subject", theirs: "science", mine: "science"),
        RefusedField(name: "term", theirs: "full-year", mine: "full-year"),
        RefusedField(name: "title", theirs: "Chemistry", mine: "Chemistry"),
    ]

    /// The lock screen's passphrase also opens the sealing key this workstation lacks: asked
    /// for once the lock has opened for that counselor, never while it is shut or for someone
    /// else; once open, a sync starts so confidential work that waited goes out sealed.
    func testUnlockingOpensTheSealingKeyAndThenSyncs() {
        var state = state()
        _ = joined(&state)
        _ = reduce(&state, .syncFinished(state.sync.status, failure: nil, changedHere: false))
        let user = try? XCTUnwrap(state.userId)
        guard let user else { return XCTFail("someone is at the keyboard") }
        _ = reduce(&state, .command(.lock(.lockNow)))
        XCTAssertNotNil(state.lock)
        XCTAssertEqual(reduce(&state, .sealingKeyWaits(counselorId: user, passphrase: "p")), [], "not while the lock is shut")
        _ = reduce(&state, .passphraseChecked(counselorId: user, result: .correct))
        XCTAssertNil(state.lock)
        XCTAssertEqual(reduce(&state, .sealingKeyWaits(counselorId: user, passphrase: "p")),
                       [.openSealingKey(counselorId: user, passphrase: "p")])
        XCTAssertEqual(reduce(&state, .sealingKeyWaits(counselorId: user + 1, passphrase: "q")), [], "not for someone else")

        let opened = reduce(&state, .sealingKeyOpened(failure: nil))
        XCTAssertTrue(opened.contains(.syncNow), "\(opened)")
        XCTAssertEqual(state.status, StatusMessage("Your key for confidential notes is open: they sync sealed."))
        let failure = "Your key for confidential notes was not opened: Cannot reach the hub at hub.example:5432 (timeout)."
        XCTAssertFalse(reduce(&state, .sealingKeyOpened(failure: failure)).contains(.syncNow))
        XCTAssertEqual(state.status, StatusMessage(failure, isError: true))
    }

    private func refusedRows() -> [RefusedChangeSummary] {
        [
            RefusedChangeSummary(id: 4, what: "Planned course", student: "Lopez, Ana (s-17)",
                                 reason: "It was changed at the hub (by a colleague, or on another computer) since you last synced.",
                                 canKeepMine: true, mine: Self.courseFields.map { "\($0.name): \($0.mine!)" },
                                 theirs: Self.courseFields.map { "\($0.name): \($0.theirs!)" }, refusedAt: start,
                                 fields: Self.courseFields),
            RefusedChangeSummary(id: 5, what: "Follow-up", student: "Okafor, Ben (s-22)",
                                 reason: "The hub does not let you change it (not a student of yours now, or not in your name).",
                                 canKeepMine: false, mine: ["due date: 2026-12-10", "status: open", "text: Call home"],
                                 theirs: [], refusedAt: start,
                                 fields: [RefusedField(name: "due date", theirs: nil, mine: "2026-12-10"),
                                          RefusedField(name: "status", theirs: nil, mine: "open"),
                                          RefusedField(name: "text", theirs: nil, mine: "Call home")]),
            RefusedChangeSummary(id: 6, what: "Session note", student: "Lopez, Ana (s-17)",
                                 reason: "The hub does not let you change it (not a student of yours now, or not in your name).",
                                 canKeepMine: false, mine: [], theirs: [], refusedAt: start, isConfidential: true, isWithheld: true),
        ]
    }

    /// At 80x24 the fields that differ come first, theirs beside yours, so the counselor
    /// reads the conflict without scrolling; the fields both hold alike follow.
    func testAt80x24TheFieldsThatDifferAreListedFirstTheirsBesideYours() {
        let state = onRefusedScreen(size: Size(width: 80, height: 24))
        let lines = render(state).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try? XCTUnwrap(lines.firstIndex { $0.contains("Theirs (at the hub, shown here)") && $0.contains("Yours") })
        guard let header else { return XCTFail(lines.joined(separator: "\n")) }
        let rows = lines[(header + 1)...].prefix(3).map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(rows.first, ["year", "11", "12"], lines.joined(separator: "\n"))
        XCTAssertEqual(rows.dropFirst().first, ["status", "planned", "in-progress"], lines.joined(separator: "\n"))
        XCTAssertEqual(rows.dropFirst(2).first?.first, "credits", "then the fields both hold alike")
    }

    /// Another counselor at the keyboard (took over at the lock screen) sees that a
    /// confidential change exists, not what it holds.
    func testAConfidentialRefusedChangeShowsItsContentToItsAuthorOnly() {
        var state = onRefusedScreen(size: Size(width: 80, height: 24))
        state.moveRefusedSelection(by: 2)
        let text = render(state).text
        XCTAssertTrue(text.contains("Its content is confidential: only Ana Rivera (c-1) sees it"), text)
        XCTAssertFalse(text.contains("Yours (not saved"), text)
        XCTAssertEqual(KeyRouter.action(for: .char("t"), in: state),
                       .unavailable("Take theirs (drop mine): it is confidential: its author decides on it, working here as themselves"))
    }

    private func onRefusedScreen(size: Size) -> AppState {
        var state = state(size: size)
        _ = joined(&state, refused: 3)
        _ = reduce(&state, .syncFinished(state.sync.status, failure: nil, changedHere: false))
        XCTAssertEqual(KeyRouter.action(for: .char("R"), in: state), .command(.sync(.openRefused)))
        XCTAssertEqual(reduce(&state, .command(.sync(.openRefused))), [.loadRefusedChanges(token: 1, viewerId: 1)])
        _ = reduce(&state, .refusedChangesLoaded(token: 1, rows: refusedRows()))
        return state
    }

    func testTheRefusedScreenDecidesEachChangeAndSaysWhatItCannotDo() {
        var state = onRefusedScreen(size: Size(width: 80, height: 24))
        XCTAssertTrue(footer(state).contains("q/Esc Back    synced 2 min ago · 3 refused"),
                      "at 80 columns, the wording that fits beside the keys: \(footer(state))")
        XCTAssertTrue(footer(state).contains("m Keep mine"), footer(state))
        XCTAssertEqual(KeyRouter.action(for: .char("m"), in: state), .command(.sync(.keepMine)))
        XCTAssertEqual(reduce(&state, .command(.sync(.keepMine))), [.resolveRefused(id: 4, .keepMine, userId: 1)])
        let effects = reduce(&state, .refusedResolved("Milestone “fafsa” of Lopez, Ana (s-17): yours goes to the hub over its version at the next sync.", .keepMine))
        XCTAssertEqual(effects, [.loadRefusedChanges(token: 2, viewerId: 1), .loadSyncStatus, .syncNow], "a kept change goes out at once")
        _ = reduce(&state, .refusedChangesLoaded(token: 2, rows: Array(refusedRows().dropFirst())))
        XCTAssertEqual(KeyRouter.action(for: .char("m"), in: state),
                       .unavailable("Keep mine (send it again over the hub's): the hub refuses this change whoever sends it; take theirs to clear it"))
        XCTAssertEqual(reduce(&state, .command(.sync(.takeTheirs))), [.resolveRefused(id: 5, .takeTheirs, userId: 1)])
        XCTAssertEqual(reduce(&state, .command(.global(.back))).count, 1, "back to a fresh caseload")
        XCTAssertEqual(state.screen, .caseload)
        XCTAssertNil(state.refused)
    }

    func testRefusedChangesSnapshots() {
        assertScreen(render(onRefusedScreen(size: Size(width: 80, height: 24))), matches: "refused-changes-80x24")
        assertScreen(render(onRefusedScreen(size: Size(width: 120, height: 40))), matches: "refused-changes-120x40")
        var state = state(size: Size(width: 80, height: 24))
        _ = joined(&state, waiting: 3, refused: 2)
        assertScreen(render(state), matches: "caseload-sync-status-80x24")
        _ = reduce(&state, .resized(Size(width: 120, height: 40)))
        assertScreen(render(state), matches: "caseload-sync-status-120x40")
    }
}
