import Foundation
import GRDB
import WaypointStore
import XCTest

/// Two Waypoint windows on one database, as a counselor with two terminals open: each sees
/// the other's changes (and a command's) without a key pressed, and a save over a change
/// made in the other window is refused with both versions shown, nothing lost.
final class TwoWindowsTests: XCTestCase {
    private let sqlite = URL(fileURLWithPath: "/usr/bin/sqlite3")

    private func query(_ database: String, _ sql: String) throws -> String {
        try runProcess(sqlite, [database, sql]).stdout
    }

    /// Asks again (within `seconds`) until the answer satisfies `done`: a window writes just
    /// after its screen changes. Returns the last answer.
    private func query(_ database: String, _ sql: String, seconds: Double = 5, until done: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var answer = try query(database, sql)
        while Date() < deadline, !done(answer) {
            usleep(50_000)
            answer = try query(database, sql)
        }
        return answer
    }

    func testAChangeInOneWindowAppearsInTheOtherAndAConflictingSaveLosesNothing() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let (database, localId) = try demoWithOneStudent(scratch, binary)
        let windowA = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        let windowB = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        for window in [windowA, windowB] {
            try window.launchWaypoint(binary, database: database)
            try window.openProfile(localId: localId)
        }

        // A records a session; B, untouched, shows it.
        try windowA.type("n")
        try windowA.waitFor(text: "New session")
        try windowA.type("Seen in window A")
        try windowA.press("C-s")
        try windowA.waitFor(text: "Session saved.")
        try windowB.waitFor(text: "Seen in window A")

        // So does a command run meanwhile.
        let added = try runProcess(binary, ["session", "add", localId, "--db", database, "--kind", "college",
                                            "--note", "Logged from the command line"])
        XCTAssertEqual(added.status, 0, added.stderr)
        try windowB.waitFor(text: "Logged from the command line")
        try windowA.waitFor(text: "Logged from the command line")

        // Both open the window-A session to amend it (it is now the second newest).
        for window in [windowA, windowB] {
            try window.press("Down")
            try window.type("e")
            try window.waitFor(text: "Amend session")
            try window.waitFor(text: "Seen in window A")
        }
        try windowA.type(", amended in A")
        try windowA.press("C-s")
        try windowA.waitFor(text: "Session amended")
        try windowB.type(", amended in B")
        try windowB.press("C-s")
        var screen = try windowB.waitFor(text: "Changed in another window")
        XCTAssertTrue(screen.contains("Theirs (saved now)") && screen.contains("Seen in window A, amended in A"), screen)
        XCTAssertTrue(screen.contains("Yours (not saved)") && screen.contains("Seen in window A, amended in B"), screen)

        let notes = "SELECT text FROM session_note WHERE sessionId = (SELECT id FROM advising_session "
            + "WHERE id IN (SELECT sessionId FROM session_note WHERE text = 'Seen in window A')) ORDER BY version"
        XCTAssertEqual(try query(database, notes), "Seen in window A\nSeen in window A, amended in A\n", "A's amendment is intact")

        // Keeping theirs leaves B's text in its editor and in its draft.
        try windowB.press("Escape")
        screen = try windowB.waitFor(text: "Amend session")
        XCTAssertTrue(screen.contains("Seen in window A, amended in B"), screen)
        let draft = try query(database, "SELECT payload FROM session_draft") { $0.contains("amended in B") }
        XCTAssertTrue(draft.contains("amended in B"), "B's text is in its draft: \(draft)")

        // Saving again asks again; o puts B's text over A's, whose text stays in the history.
        try windowB.press("C-s")
        try windowB.waitFor(text: "Changed in another window")
        try windowB.type("o")
        try windowB.waitFor(text: "Session amended")
        try windowB.waitFor(text: "Sessions (")
        XCTAssertEqual(try query(database, notes),
                       "Seen in window A\nSeen in window A, amended in A\nSeen in window A, amended in B\n")
        XCTAssertEqual(try query(database, "SELECT count(*) FROM session_draft"), "0\n", "the draft went with the save")

        for window in [windowA, windowB] {
            try window.press("C-c")
            try window.waitFor(text: "WAYPOINT-EXIT=0")
        }
    }

    /// The milestone form of two windows: the second save is refused with both versions,
    /// named by the milestone's title and the student; Esc leaves the form open with what was
    /// typed, and Enter then saves it over theirs.
    func testARefusedMilestoneSaveKeepsTheFormAndItsTypedEvidence() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let (database, localId) = try demoWithOneStudent(scratch, binary)
        // PSAT is a milestone of college-bound (and undecided) students only (issue 16).
        let goal = try runProcess(binary, ["plan", "goal", "set", localId, "--goal", "4-year", "--db", database])
        XCTAssertEqual(goal.status, 0, goal.stderr)
        let windows = try [1, 2].map { _ in try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path]) }
        for window in windows {
            try window.launchWaypoint(binary, database: database)
            try window.openProfile(localId: localId)
            try window.openMilestoneForm(titled: "PSAT")
        }
        try windows[0].saveMilestoneForm(status: "i", evidence: "W1 evidence")
        try windows[0].waitFor(text: "PSAT: in progress.")
        try windows[1].saveMilestoneForm(status: "d", evidence: "W2 evidence")
        let modal = try windows[1].waitFor(text: "Changed in another window")
        XCTAssertTrue(modal.contains("PSAT for ") && modal.contains("(\(localId))"), modal)
        XCTAssertTrue(modal.contains("W1 evidence") && modal.contains("W2 evidence"), modal)

        try windows[1].press("Escape")
        let form = try windows[1].waitFor(text: "Enter saves yours over theirs")
        XCTAssertTrue(form.contains("W2 evidence") && form.contains("‹ done ›"), "the typed values are still there: \(form)")
        let stored = "SELECT status || ' ' || evidence FROM milestone_status WHERE milestoneId = 'psat' "
            + "AND studentId = (SELECT id FROM student WHERE localId = '\(localId)')"
        XCTAssertEqual(try query(database, stored), "in-progress W1 evidence\n", "theirs is intact until Enter")
        try windows[1].press("Enter")
        try windows[1].waitFor("the form to close") { !$0.contains("Esc cancels") }
        XCTAssertEqual(try query(database, stored) { $0 == "done W2 evidence\n" }, "done W2 evidence\n", "saved over theirs, not refused again")
        XCTAssertFalse(try windows[1].screen().contains("Changed in another window"))
        try windows[0].waitFor(text: "W2 evidence")

        for window in windows {
            try window.press("C-c")
            try window.waitFor(text: "WAYPOINT-EXIT=0")
        }
    }
}

/// A `waypoint` command run while a window holds the database open, in the middle of a save:
/// the command waits for the lock (the busy timeout) instead of failing, and the window sees
/// the command's commit.
final class CommandBesideAWindowTests: XCTestCase {
    func testACommandWaitsForAWindowsSaveAndTheWindowSeesItsCommit() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let (database, localId) = try demoWithOneStudent(scratch, binary)
        let window = try AppDatabase.open(path: database)
        let before = try window.dataVersion()

        // Another connection of this process holds the write lock for a second, as a long save would.
        let saving = try DatabasePool(path: database)
        let locked = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? saving.write { db in
                try db.execute(sql: "UPDATE school SET name = name")
                locked.signal()
                Thread.sleep(forTimeInterval: 1)
            }
            released.signal()
        }
        locked.wait()
        let start = Date()
        let added = try runProcess(binary, ["session", "add", localId, "--db", database, "--kind", "college",
                                            "--note", "Written while the window was saving"])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertGreaterThan(Date().timeIntervalSince(start), 0.5, "the command waited for the lock")
        released.wait()
        XCTAssertNotEqual(try window.dataVersion(), before, "the window notices the command's commit")
        let listed = try runProcess(binary, ["session", "list", localId, "--db", database])
        XCTAssertTrue(listed.stdout.contains("Written while the window was saving"), listed.stdout)
    }

    func testAnAmendmentOverANewerVersionPrintsBothAndChangesNothing() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let (database, localId) = try demoWithOneStudent(scratch, binary)
        let added = try runProcess(binary, ["session", "add", localId, "--db", database, "--kind", "college", "--note", "Original"])
        let sessionId = try XCTUnwrap(added.stdout.split(separator: " ").dropFirst(2).first.map(String.init), added.stdout)
        func amend(_ note: String) throws -> ProcessResult {
            try runProcess(binary, ["session", "amend", sessionId, "--db", database, "--note", note, "--if-version", "1"])
        }
        XCTAssertEqual(try amend("Amended elsewhere").status, 0)
        let stale = try amend("Amended over a stale copy")
        XCTAssertEqual(stale.status, 1)
        XCTAssertTrue(stale.stderr.contains("changed in another window or by a command since it was loaded; nothing was saved"), stale.stderr)
        XCTAssertTrue(stale.stderr.contains("The note of the "), stale.stderr)
        XCTAssertTrue(stale.stderr.contains("(\(localId)) was changed"), "the student by name and local ID: \(stale.stderr)")
        XCTAssertFalse(stale.stderr.contains("session \(sessionId) "), "no internal ids: \(stale.stderr)")
        XCTAssertTrue(stale.stderr.contains("Theirs (saved): Amended elsewhere"), stale.stderr)
        XCTAssertTrue(stale.stderr.contains("Yours (not saved): Amended over a stale copy"), stale.stderr)
        let shown = try runProcess(binary, ["session", "show", sessionId, "--db", database])
        XCTAssertTrue(shown.stdout.contains("Amended elsewhere"), shown.stdout)
        XCTAssertFalse(shown.stdout.contains("stale copy"), shown.stdout)
    }
}

/// A demo district in `scratch` and the local ID of its first student.
private func demoWithOneStudent(_ scratch: Scratch, _ binary: URL) throws -> (database: String, localId: String) {
    let database = scratch.path("waypoint.sqlite")
    XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "40"]).status, 0)
    return (database, try firstLocalId(binary, database))
}
