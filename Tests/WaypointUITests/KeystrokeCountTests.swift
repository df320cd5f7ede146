import Foundation
import TerminalKit
import WaypointCore
import WaypointStore
import XCTest
@testable import WaypointEffects
@testable import WaypointUI

/// The keystroke counts the README promises, driven through the whole loop (keys, reducer,
/// effects on a real database, rendering) at 80x24. Text typed into a field (a name, the
/// note) is not counted; every other key is.
final class KeystrokeCountTests: XCTestCase {
    static let now = ISO8601DateFormatter().date(from: "2026-12-03T15:00:00Z")!

    private var app: App!
    private var database: AppDatabase!
    private var backend: InMemoryBackend!
    private var keys = 0

    override func setUpWithError() throws {
        database = try AppDatabase.inMemory()
        backend = InMemoryBackend(size: Size(width: 80, height: 24))
        let runner = EffectRunner(database: database, demoSize: (students: 120, counselors: 2, seed: 7), clock: { Self.now })
        app = App(state: AppState(size: Size(width: 80, height: 24)), terminal: Terminal(backend: backend), runner: runner)
        app.start()
        // The demo district, and the first counselor as the one at the keyboard.
        app.handleSettled(.key(.char("d")))
        app.handleSettled(.key(.enter))
        XCTAssertEqual(app.state.screen, .caseload)
        keys = 0
    }

    /// Keys a counselor presses to get somewhere: counted.
    private func press(_ pressed: Key...) {
        for key in pressed {
            keys += 1
            app.handleSettled(.key(key))
        }
        app.render()
    }

    /// Text typed into the focused field: not counted.
    private func type(_ text: String) {
        for character in text { app.handleSettled(.key(.char(character))) }
        app.render()
    }

    private var today: CivilDate { CivilDate.today(now: Self.now, timeZone: app.state.timeZone) }

    /// A caseload student whose family name no other student there shares, so typing it
    /// names them.
    private func namedStudent(where condition: (CaseloadEntry) -> Bool = { _ in true }) throws -> Student {
        let rows = Array(app.state.caseload.rows)
        let counts = Dictionary(grouping: rows) { SearchText.fold($0.student.familyName) }
        let entry = try XCTUnwrap(rows.first { counts[SearchText.fold($0.student.familyName)]?.count == 1 && condition($0) })
        return entry.student
    }

    private func openProfile(of student: Student) {
        press(.char("/"))
        type(student.familyName)
        press(.enter, .enter)
    }

    func testCaseloadToANamedProfileInThreeKeys() throws {
        let student = try namedStudent()
        openProfile(of: student)
        XCTAssertEqual(app.state.screen, .profile)
        XCTAssertEqual(app.state.profile?.studentId, student.id)
        XCTAssertTrue(backend.text.contains(student.displayName), backend.text)
        XCTAssertLessThanOrEqual(keys, 3)
    }

    func testASessionWithANoteAndAFollowUpInThreeKeys() throws {
        let student = try namedStudent()
        openProfile(of: student)
        keys = 0
        press(.char("n"))
        type("Talked through the spring schedule.")
        press(.tab)
        type("fri: call home about the schedule")
        press(.ctrl("s"))
        XCTAssertEqual(app.state.screen, .profile, backend.text)
        let sessions = try database.sessions(studentId: student.id!, viewerId: app.state.userId)
        XCTAssertEqual(sessions.first?.session.note, "Talked through the spring schedule.")
        let followUps = try database.followUps(studentId: student.id!, viewerId: app.state.userId)
        XCTAssertEqual(followUps.map(\.text), ["call home about the schedule"])
        XCTAssertLessThanOrEqual(keys, 3)
    }

    func testAMilestoneDoneFromTheProfileInThreeKeys() throws {
        // A student whose next milestone is not started yet: the longest way to done.
        let database = self.database!
        let student = try namedStudent { entry in
            guard let id = entry.student.id, let next = entry.plan?.nextMilestone,
                  let plan = try? database.plan(studentId: id) else { return false }
            return plan.milestones.first { $0.milestoneId == next.id }?.status ?? .notStarted == .notStarted
        }
        let next = try XCTUnwrap(app.state.caseload.rows.first { $0.student.id == student.id }?.plan?.nextMilestone)
        openProfile(of: student)
        keys = 0
        press(.char("m"), .char(" "), .char(" "))
        let record = try XCTUnwrap(database.plan(studentId: student.id!).milestones.first { $0.milestoneId == next.id })
        XCTAssertEqual(record.status, .done)
        XCTAssertEqual(record.completedDate, today)
        XCTAssertTrue(backend.text.contains("done \(today.iso)"), "the done date is on screen: \(backend.text)")
        XCTAssertLessThanOrEqual(keys, 3)
    }
}
