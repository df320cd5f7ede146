import Foundation
import XCTest

/// The lock screen in a real terminal: identity confirmed once, the idle lock, a wrong and a
/// right passphrase, and the counselor remembered on the next start.
final class LockFlowTests: XCTestCase {
    func testIdleLockHidesStudentsAndTheRightPassphraseReturnsToTheSamePlace() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "40", "--counselors", "1"]).status, 0)
        let set = try runProcess(binary, ["passphrase", "set", "--db", database],
                                 environment: ["WAYPOINT_PASSPHRASE": "tulip garden 42"])
        XCTAssertEqual(set.status, 0, set.stderr)
        let localId = try firstLocalId(binary, database)
        let show = try runProcess(binary, ["student", "show", localId, "--db", database, "--json"])
        let student = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let familyName = try XCTUnwrap(student["familyName"] as? String)

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path, "WAYPOINT_IDLE_LOCK": "5s"])
        try tmux.launchWaypoint(binary, database: database)
        // The only counselor is chosen, but they have a passphrase: it is asked for first.
        var screen = try tmux.waitFor(text: "Confirm it is you")
        XCTAssertFalse(screen.contains(familyName), "no student before the passphrase:\n\(screen)")
        try tmux.type("tulip garden 42")
        try tmux.press("Enter")
        try tmux.openProfile(localId: localId)
        try tmux.waitFor(text: familyName)

        screen = try tmux.waitFor(text: "Locked after 5 seconds")
        XCTAssertFalse(screen.contains(familyName), "the locked screen shows no student:\n\(screen)")
        XCTAssertFalse(screen.contains(localId), "the locked screen shows no student ID:\n\(screen)")

        try tmux.type("tulip garden 41")
        try tmux.press("Enter")
        screen = try tmux.waitFor(text: "Wrong passphrase.")
        XCTAssertFalse(screen.contains(familyName))
        try tmux.type("tulip garden 42")
        try tmux.press("Enter")
        screen = try tmux.waitFor(text: "Sessions (")
        XCTAssertTrue(screen.contains(familyName), "back on the same profile:\n\(screen)")

        // Locked in the middle of a note: the note is kept, even if the next thing is Ctrl-C.
        try tmux.type("n")
        try tmux.waitFor(text: "New session")
        try tmux.type("Half a thought about the FAFSA")
        try tmux.waitFor(text: "Half a thought about the FAFSA")
        try tmux.press("C-l")
        screen = try tmux.waitFor(text: "The note you were writing is kept as a draft.")
        XCTAssertFalse(screen.contains("Half a thought"), "the note is not on the locked screen:\n\(screen)")
        try tmux.press("C-c")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")

        // Quitting at the lock screen and starting again does not get around it: the remembered
        // counselor is asked again, and nothing is shown meanwhile.
        try tmux.launchWaypoint(binary, database: database)
        screen = try tmux.waitFor(text: "Confirm it is you")
        XCTAssertFalse(screen.contains(familyName), screen)
        XCTAssertFalse(screen.contains("Tab Someone else"), "one counselor: nobody else to choose")
        try tmux.type("tulip garden 42")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Unsaved draft")
        try tmux.type("r")
        try tmux.waitFor(text: "Half a thought about the FAFSA")
        try tmux.press("Escape")
        try tmux.waitFor(text: "Discard")
        try tmux.type("y")
        try tmux.waitFor(text: "Sessions (")
        try tmux.type("q")
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")
    }

    /// The walk-past of issue 12: at the start-up lock for a counselor with a passphrase,
    /// Tab to one without and Enter. Nothing opens: no student on screen, config.json as it was.
    func testTabToACounselorWithoutAPassphraseAtTheStartUpLockGetsNothing() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "40", "--counselors", "2"]).status, 0)
        let right = try secretFile(scratch, "right", "tulip garden 42")
        let set = try runProcess(binary, ["passphrase", "set", "--db", database, "--as", "1", "--passphrase-file", right])
        XCTAssertEqual(set.status, 0, set.stderr)
        // Counselor 2's students: what a walk-past would show.
        var familyNames: [String] = []
        let list = try runProcess(binary, ["student", "list", "--db", database, "--counselor", "2", "--json"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let students = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        familyNames = students.compactMap { $0["familyName"] as? String }
        XCTAssertFalse(familyNames.isEmpty)

        // This workstation remembers counselor 1 for this database.
        let configFolder = scratch.path("config")
        try FileManager.default.createDirectory(atPath: configFolder, withIntermediateDirectories: true)
        let config = configFolder + "/config.json"
        let remembered = Data(#"{"counselors": {"\#(database)": 1}}"#.utf8)
        try remembered.write(to: URL(fileURLWithPath: config))

        let tmux = try Tmux(width: 100, height: 30, environment: ["HOME": scratch.url.path, "WAYPOINT_CONFIG_DIR": configFolder])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.waitFor(text: "This counselor protects their notes with a passphrase")
        try tmux.press("Tab")
        // The store has answered for counselor 2: the screen says they have none, and does not
        // claim they protect their notes.
        var screen = try tmux.waitFor(text: "This counselor has no passphrase yet")
        XCTAssertFalse(screen.contains("protects their notes"), screen)
        try tmux.press("Enter")
        screen = try tmux.waitFor(text: "has no passphrase yet. A district admin gives a")
        XCTAssertTrue(screen.contains("Confirm it is you"), screen)
        for name in familyNames {
            XCTAssertFalse(screen.contains(name), "no student of counselor 2 on screen (\(name)):\n\(screen)")
        }
        try tmux.press("C-c")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: config)), remembered, "config.json is unchanged")
    }

    func testABrokenConfigurationStopsWithItsNameAndTheKey() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "20"]).status, 0)
        let config = scratch.path("config/config.json")
        try FileManager.default.createDirectory(atPath: scratch.path("config"), withIntermediateDirectories: true)
        try #"{"idleLock": "never"}"#.write(toFile: config, atomically: true, encoding: .utf8)
        let tmux = try Tmux(width: 220, height: 24, environment: ["HOME": scratch.url.path, "WAYPOINT_CONFIG_DIR": scratch.path("config")])
        try tmux.launchWaypoint(binary, database: database)
        let screen = try tmux.waitFor(text: "WAYPOINT-EXIT=1")
        XCTAssertTrue(screen.contains(config), screen)
        XCTAssertTrue(screen.contains("\"idleLock\": expected \"off\""), screen)
    }
}
