import Foundation
import TerminalKit
import WaypointCore
import WaypointStore
import XCTest
@testable import WaypointEffects
@testable import WaypointUI

final class LockTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    private func typePassphrase(_ text: String, into state: inout AppState) {
        for character in text {
            guard let action = KeyRouter.action(for: .char(character), in: state) else { return XCTFail("\(character) is unbound") }
            _ = reduce(&state, action)
        }
    }

    /// A caseload with the editor open on a half-written note: the worst moment to walk away.
    private func writingState() -> AppState {
        var state = ProfileTests.state()
        _ = reduce(&state, .activity(start))
        _ = reduce(&state, .tick(start))
        _ = reduce(&state, .command(.profile(.newSession)))
        _ = reduce(&state, .editorDraftLoaded(studentId: 1, sessionId: nil, draft: nil, knownTopics: []))
        for character in "Talked about" { _ = reduce(&state, .edit(.char(character))) }
        return state
    }

    func testTheScreenLocksAfterTheIdleTimeAndStoresTheDraftFirst() {
        var state = writingState()
        state.idleLock = .after(600)
        _ = reduce(&state, .activity(start))
        _ = reduce(&state, .tick(start.addingTimeInterval(599)))
        XCTAssertNil(state.lock)
        // The last words, typed after the draft was last stored.
        _ = reduce(&state, .edit(.char("!")))
        let effects = reduce(&state, .tick(start.addingTimeInterval(600)))
        XCTAssertEqual(state.lock?.reason, .idle)
        XCTAssertTrue(effects.contains { if case .saveDraft = $0 { true } else { false } }, "the draft is stored before the lock")
        XCTAssertTrue(effects.contains(.probePassphrase(counselorId: 1)))
        XCTAssertEqual(state.editor?.note.text, "Talked about!", "the note waits under the lock")
    }

    func testAKeyRestartsTheIdleClock() {
        var state = Fixtures.caseloadState()
        state.idleLock = .after(60)
        _ = reduce(&state, .activity(start))
        _ = reduce(&state, .activity(start.addingTimeInterval(50)))
        _ = reduce(&state, .tick(start.addingTimeInterval(100)))
        XCTAssertNil(state.lock)
        _ = reduce(&state, .tick(start.addingTimeInterval(111)))
        XCTAssertNotNil(state.lock)
    }

    func testAnIdleLockTurnedOffNeverLocks() {
        var state = Fixtures.caseloadState()
        state.idleLock = .off
        _ = reduce(&state, .activity(start))
        _ = reduce(&state, .tick(start.addingTimeInterval(86_400)))
        XCTAssertNil(state.lock)
    }

    func testCtrlLLocksAtOnceEvenWhileTyping() {
        var state = writingState()
        XCTAssertEqual(KeyRouter.action(for: .ctrl("l"), in: state), .command(.lock(.lockNow)))
        _ = reduce(&state, .command(.lock(.lockNow)))
        XCTAssertEqual(state.lock?.reason, .manual)
        XCTAssertEqual(Keymaps.context(for: state), .lock)
        XCTAssertEqual(KeyRouter.action(for: .char("q"), in: state), .edit(.char("q")), "q is part of a passphrase, not quit")
    }

    func testTheLockedScreenShowsNoStudentData() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.openStudent)))
        state.status = StatusMessage("Resumed your unsaved draft for Minh Anh Nguyễn.")
        _ = reduce(&state, .command(.lock(.lockNow)))
        _ = reduce(&state, .passphraseProbed(counselorId: 1, isSet: true))
        typePassphrase("secret", into: &state)
        let screen = render(state)
        for (family, given, _) in Fixtures.names {
            XCTAssertFalse(screen.text.contains(family), "\(family) is on the locked screen")
            XCTAssertFalse(screen.text.contains(given), "\(given) is on the locked screen")
        }
        XCTAssertFalse(screen.text.contains("S1000"), "no student IDs")
        XCTAssertFalse(screen.text.contains("secret"), "the passphrase is never drawn")
        assertScreen(screen, matches: "lock-80x24")
    }

    func testAWrongPassphraseIsRefusedAndTheRightOneReturnsToTheSamePlace() {
        var state = writingState()
        let before = state
        _ = reduce(&state, .command(.lock(.lockNow)))
        typePassphrase("wrong guess", into: &state)
        XCTAssertEqual(reduce(&state, .command(.lock(.unlock))), [.checkPassphrase(counselorId: 1, passphrase: "wrong guess")])
        XCTAssertEqual(state.lock?.passphrase.text, "", "the typed passphrase leaves the state at once")
        _ = reduce(&state, .passphraseChecked(counselorId: 1, result: .wrong()))
        XCTAssertEqual(state.lock?.error, "Wrong passphrase.")
        XCTAssertTrue(render(state).text.contains("Wrong passphrase."))

        typePassphrase("correct horse", into: &state)
        _ = reduce(&state, .command(.lock(.unlock)))
        XCTAssertEqual(reduce(&state, .passphraseChecked(counselorId: 1, result: .correct)), [])
        XCTAssertNil(state.lock)
        XCTAssertEqual(state.screens, before.screens)
        XCTAssertEqual(state.editor?.note.text, "Talked about")
        XCTAssertEqual(state.userId, 1)
    }

    /// The wait is the store's (kept in the database); the screen says it plainly and Tab
    /// to someone else does not lift it: every try still goes to the store, which refuses unseen.
    func testAWaitEarnedByWrongPassphrasesIsShownAndTabDoesNotLiftIt() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .tick(start))
        _ = reduce(&state, .command(.lock(.lockNow)))
        typePassphrase("guess", into: &state)
        _ = reduce(&state, .command(.lock(.unlock)))
        XCTAssertEqual(reduce(&state, .passphraseChecked(counselorId: 1, result: .wrong(wait: 30))), [])
        XCTAssertEqual(state.lock?.error, "Wrong passphrase. Too many wrong passphrases for Ana Rivera: try again in 30 s.")
        _ = reduce(&state, .command(.lock(.nextLockCounselor)))
        _ = reduce(&state, .command(.lock(.nextLockCounselor)))
        XCTAssertEqual(state.lock?.counselorId, 1)
        typePassphrase("guess", into: &state)
        XCTAssertEqual(reduce(&state, .command(.lock(.unlock))), [.checkPassphrase(counselorId: 1, passphrase: "guess")],
                       "the store, not the screen, decides: a restart must not forget the wait")
        _ = reduce(&state, .passphraseChecked(counselorId: 1, result: .mustWait(90)))
        XCTAssertEqual(state.lock?.error, "Too many wrong passphrases for Ana Rivera: try again in 2 min.")
        XCTAssertTrue(render(state).text.contains("try again in 2 min"))
        XCTAssertNotNil(state.lock)
    }

    func testAnotherCounselorTakesOverWithTheirPassphrase() {
        var state = writingState()
        _ = reduce(&state, .command(.lock(.lockNow)))
        _ = reduce(&state, .command(.lock(.nextLockCounselor)))
        XCTAssertEqual(state.lock?.counselorId, 2)
        XCTAssertTrue(render(state).text.contains("Marcus Okafor"))
        typePassphrase("marcus passphrase", into: &state)
        _ = reduce(&state, .command(.lock(.unlock)))
        let effects = reduce(&state, .passphraseChecked(counselorId: 2, result: .correct))
        XCTAssertNil(state.lock)
        XCTAssertEqual(state.userId, 2)
        XCTAssertEqual(state.caseloadOwnerId, 2)
        XCTAssertEqual(state.screens, [.caseload], "Ana's open student and note are closed")
        XCTAssertNil(state.editor)
        XCTAssertTrue(effects.contains(.rememberUser(counselorId: 2)))
        XCTAssertTrue(effects.contains(.recordSecurityEvent(.tookOver, counselorId: 2, detail: "from Ana Rivera")), "\(effects)")
        XCTAssertTrue(effects.contains(.loadDrafts(authorId: 2)))
    }

    func testSomeoneWithoutAPassphraseCannotTakeOver() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.lock(.lockNow)))
        _ = reduce(&state, .command(.lock(.nextLockCounselor)))
        _ = reduce(&state, .command(.lock(.unlock)))
        _ = reduce(&state, .passphraseChecked(counselorId: 2, result: .noneSet()))
        XCTAssertNotNil(state.lock)
        XCTAssertEqual(state.userId, 1)
        XCTAssertTrue(state.lock?.error?.contains("waypoint passphrase set --as 2") == true)
    }

    func testACounselorWithoutAPassphraseUnlocksWithEnter() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.lock(.lockNow)))
        _ = reduce(&state, .passphraseProbed(counselorId: 1, isSet: false))
        XCTAssertTrue(render(state).text.contains("no passphrase set: Enter opens"))
        _ = reduce(&state, .command(.lock(.unlock)))
        _ = reduce(&state, .passphraseChecked(counselorId: 1, result: .noneSet()))
        XCTAssertNil(state.lock)
    }

    func testChoosingACounselorWithAPassphraseAsksForItBeforeShowingStudents() {
        var state = AppState(size: Size(width: 80, height: 24))
        _ = reduce(&state, .started(counselors: Fixtures.counselors, isEmpty: false))
        _ = reduce(&state, .command(.caseload(.chooseCounselor)))
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: Fixtures.entries()))
        _ = reduce(&state, .passphraseProbed(counselorId: 1, isSet: true))
        XCTAssertEqual(state.lock?.reason, .confirmIdentity)
        XCTAssertNil(state.userId)
        XCTAssertFalse(render(state).text.contains("Nguyễn"))
        typePassphrase("ana passphrase", into: &state)
        _ = reduce(&state, .command(.lock(.unlock)))
        let effects = reduce(&state, .passphraseChecked(counselorId: 1, result: .correct))
        XCTAssertEqual(state.userId, 1)
        XCTAssertEqual(effects, [.rememberUser(counselorId: 1), .loadDrafts(authorId: 1)])
        XCTAssertTrue(render(state).text.contains("Nguyễn"))
    }

    /// The walk-past: the start-up lock for Ana (remembered, with a passphrase), Tab to
    /// Marcus, who has none, Enter. Nothing opens and nobody new is remembered.
    func testTabToACounselorWithoutAPassphraseAtStartUpGetsNothing() {
        var state = AppState(size: Size(width: 80, height: 24), caseloadOwnerId: 1)
        state.userId = 1
        _ = reduce(&state, .started(counselors: Fixtures.counselors, isEmpty: false))
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: Fixtures.entries()))
        _ = reduce(&state, .passphraseProbed(counselorId: 1, isSet: true, mayChoose: true))
        XCTAssertEqual(reduce(&state, .command(.lock(.nextLockCounselor))), [.probePassphrase(counselorId: 2)])
        _ = reduce(&state, .passphraseProbed(counselorId: 2, isSet: false, mayChoose: false))
        let screen = render(state).text
        XCTAssertFalse(screen.contains("protects their notes with a passphrase"), "the screen does not lie about Marcus:\n\(screen)")
        XCTAssertFalse(screen.contains("Enter opens"), screen)
        XCTAssertEqual(reduce(&state, .command(.lock(.unlock))), [.checkPassphrase(counselorId: 2, passphrase: "")])
        let effects = reduce(&state, .passphraseChecked(counselorId: 2, result: .noneSet(mayChoose: false)))
        XCTAssertEqual(effects, [], "no caseload, no config.json, no drafts")
        XCTAssertEqual(state.lock?.reason, .confirmIdentity)
        XCTAssertEqual(state.lock?.counselorId, 2)
        XCTAssertFalse(state.userConfirmed)
        XCTAssertTrue(state.lock?.error?.contains("Marcus Okafor has no passphrase yet") == true, state.lock?.error ?? "")
        XCTAssertFalse(render(state).text.contains("Nguyễn"), "no student behind the lock")
    }

    func testTheFirstChoiceOnADatabaseIsTakenAtItsWordAndALaterOneIsNot() {
        for (mayChoose, opens) in [(true, true), (false, false)] {
            var state = AppState(size: Size(width: 80, height: 24))
            _ = reduce(&state, .started(counselors: Fixtures.counselors, isEmpty: false))
            _ = reduce(&state, .command(.caseload(.chooseCounselor)))
            _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: Fixtures.entries()))
            let effects = reduce(&state, .passphraseProbed(counselorId: 1, isSet: false, mayChoose: mayChoose))
            XCTAssertEqual(state.lock == nil, opens, "mayChoose \(mayChoose)")
            XCTAssertEqual(effects.contains(.rememberUser(counselorId: 1)), opens)
            XCTAssertEqual(render(state).text.contains("Nguyễn"), opens)
            if !opens {
                XCTAssertTrue(render(state).text.contains("Ana Rivera has no passphrase yet."), render(state).text)
            }
        }
    }

    /// The whole loop with a real database and a verifier, as the executable wires it.
    func testTheLoopLocksAndUnlocksWithAVerifier() throws {
        let database = try AppDatabase.inMemory()
        try database.loadDemoDistrict(DemoDistrict.generate(students: 60, counselors: 1, seed: 3))
        let backend = InMemoryBackend(size: Size(width: 80, height: 24))
        let runner = EffectRunner(database: database)
        try database.setPassphraseHash("hash:correct horse", for: 1)
        runner.passphrases = PassphraseVerifier(matches: { typed, stored in stored == "hash:" + typed })
        var remembered: [Int64] = []
        runner.rememberUser = { remembered.append($0) }
        let app = App(state: AppState(size: Size(width: 80, height: 24)), terminal: Terminal(backend: backend), runner: runner)
        app.start()
        XCTAssertTrue(backend.text.contains("Confirm it is you"), backend.text)
        for character in "correct horse" { app.handleSettled(.key(.char(character))) }
        app.handleSettled(.key(.enter))
        app.render()
        XCTAssertTrue(backend.text.contains("Caseload of"), backend.text)
        XCTAssertEqual(remembered.count, 1)

        app.handleSettled(.key(.ctrl("l")))
        app.render()
        XCTAssertTrue(backend.text.contains("Locked"))
        for character in "nope" { app.handleSettled(.key(.char(character))) }
        app.handleSettled(.key(.enter))
        app.render()
        XCTAssertTrue(backend.text.contains("Wrong passphrase."))
        for character in "correct horse" { app.handleSettled(.key(.char(character))) }
        app.handleSettled(.key(.enter))
        app.render()
        XCTAssertTrue(backend.text.contains("Caseload of"), backend.text)
    }

    /// As the executable wires it, with a real store: a start remembered as Ana, Tab to a
    /// counselor with no passphrase, Enter: still locked, nothing remembered. Then wrong
    /// tries for Ana are counted in the database, so a new start (a new App) still waits.
    func testTheStoreKeepsTheWalkPastShutAndTheWaitAcrossARestart() throws {
        let database = try AppDatabase.inMemory()
        let district = DemoDistrict.generate(students: 60, counselors: 3, seed: 3)
        try database.loadDemoDistrict(district)
        try database.setPassphraseHash("hash:ana secret", for: 1)
        try database.recordChoice(of: 1)
        let names = district.students.map(\.familyName)
        let clock = TestClock(start)
        func launch() -> (App, InMemoryBackend, Remembered) {
            let backend = InMemoryBackend(size: Size(width: 80, height: 24))
            let runner = EffectRunner(database: database)
            runner.passphrases = PassphraseVerifier(matches: { typed, stored in stored == "hash:" + typed })
            runner.clock = { clock.now }
            let remembered = Remembered()
            runner.rememberUser = { remembered.ids.append($0) }
            var state = AppState(size: Size(width: 80, height: 24), caseloadOwnerId: 1)
            state.userId = 1
            state.counselors = try! database.allCounselors()
            let app = App(state: state, terminal: Terminal(backend: backend), runner: runner)
            app.start()
            return (app, backend, remembered)
        }
        var (app, backend, remembered) = launch()
        XCTAssertTrue(backend.text.contains("Confirm it is you"), backend.text)
        app.handleSettled(.key(.tab))
        app.handleSettled(.key(.enter))
        app.render()
        XCTAssertTrue(backend.text.contains("has no passphrase yet"), backend.text)
        XCTAssertFalse(names.contains { backend.text.contains($0) }, backend.text)
        XCTAssertEqual(remembered.ids, [])

        app.handleSettled(.key(.tab))
        app.handleSettled(.key(.tab))
        for attempt in 1...PassphraseDelay.freeTries + 1 {
            for character in "guess \(attempt)" { app.handleSettled(.key(.char(character))) }
            app.handleSettled(.key(.enter))
        }
        app.render()
        XCTAssertTrue(backend.text.contains("try again in 30 s"), backend.text)

        (app, backend, remembered) = launch()
        for character in "ana secret" { app.handleSettled(.key(.char(character))) }
        app.handleSettled(.key(.enter))
        app.render()
        XCTAssertTrue(backend.text.contains("Too many wrong passphrases for"), "a restart keeps the wait: \(backend.text)")
        clock.now = start.addingTimeInterval(30)
        for character in "ana secret" { app.handleSettled(.key(.char(character))) }
        app.handleSettled(.key(.enter))
        app.render()
        XCTAssertTrue(backend.text.contains("Caseload of"), backend.text)
        XCTAssertEqual(remembered.ids, [1])
        XCTAssertEqual(try database.auditEvents().filter { $0.action == .wrongPassphrase }.count, PassphraseDelay.freeTries + 1)
    }
}

private final class TestClock: @unchecked Sendable {
    var now: Date
    init(_ now: Date) { self.now = now }
}

private final class Remembered {
    var ids: [Int64] = []
}
