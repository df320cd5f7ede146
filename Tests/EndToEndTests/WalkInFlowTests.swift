import Foundation
import XCTest

/// Issue 15, item 4 from outside: a walk-in student added on screen, a session recorded for
/// them, then the roster that brings them imported with the CLI: one student, history kept.
final class WalkInFlowTests: XCTestCase {
    private let header = "sourcedId,enabledUser,orgSourcedIds,role,username,givenName,familyName,identifier,grades\n"
    private let counselorAndBen = "C1,true,S1,counselor,msmith,Maria,Smith,,\nU1,true,S1,student,ben,Ben,Okafor,1001,09\n"

    func testAWalkInAddedOnScreenIsMergedByTheRosterThatBringsThem() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        let before = scratch.path("before"), after = scratch.path("after")
        try RosterFixture.write(to: before, usersCSV: header + counselorAndBen, extra: ["caseloads.csv": "counselor,student\nmsmith,U1\n"])
        // The next roster brings her, under a fuller name than the one typed at the desk.
        try RosterFixture.write(to: after, usersCSV: header + counselorAndBen + "U2,true,S1,student,ana,Ana Sofía,López,2002,09\n",
                                extra: ["caseloads.csv": "counselor,student\nmsmith,U1\nmsmith,U2\n"])
        let first = try runProcess(binary, ["import", "oneroster", before, "--db", database])
        XCTAssertEqual(first.status, 0, first.stderr)

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.waitFor(text: "Caseload of Maria Smith")
        try tmux.type("N")
        try tmux.waitFor(text: "New walk-in student (not from the roster)")
        try tmux.type("Ana")
        try tmux.press("Tab")
        try tmux.type("Lopez")
        try tmux.press("Tab")
        try tmux.type("9")
        try tmux.press("Tab")
        try tmux.press("Tab")
        try tmux.type("2002")
        try tmux.waitFor(text: "2002")
        try tmux.press("Enter")
        // Her profile opens, marked.
        try tmux.waitFor(text: "not from the roster: added by hand")
        try tmux.type("n")
        try tmux.waitFor(text: "New session")
        let note = "First day at Lakeside; schedule set with the registrar."
        try tmux.type(note)
        try tmux.waitFor(text: "schedule set with the registrar")
        try tmux.press("C-s")
        try tmux.waitFor(text: "Session saved.")
        try tmux.waitFor(text: "First day at Lakeside")
        try tmux.type("q")
        try tmux.waitFor("the caseload with the walk-in row") { $0.contains("Lopez, Ana (walk-in)") && $0.contains("Okafor, Ben") }
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")

        let dry = try runProcess(binary, ["import", "oneroster", after, "--db", database, "--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("students added by hand: 1 merged"), dry.stdout)
        let imported = try runProcess(binary, ["import", "oneroster", after, "--db", database])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stdout.contains("students: 0 added"), imported.stdout)
        XCTAssertTrue(imported.stdout.contains("students added by hand: 1 merged with the roster's record, everything recorded kept"),
                      imported.stdout)
        XCTAssertTrue(imported.stdout.contains("2002: typed as Ana Lopez, the roster says Ana Sofía López"), imported.stdout)

        // One student with local ID 2002, now from the roster, her session kept.
        let list = try runProcess(binary, ["student", "list", "--db", database, "--json"])
        let students = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]], list.stderr)
        let ana = students.filter { $0["localId"] as? String == "2002" }
        XCTAssertEqual(ana.count, 1, list.stdout)
        XCTAssertEqual(ana.first?["sourcedId"] as? String, "U2")
        XCTAssertEqual(ana.first?["fromRoster"] as? Bool, true)
        let sessions = try runProcess(binary, ["session", "list", "2002", "--db", database, "--json", "--as", "C1"])
        XCTAssertTrue(sessions.stdout.contains(note), sessions.stdout + sessions.stderr)

        // Importing again changes nothing.
        let again = try runProcess(binary, ["import", "oneroster", after, "--db", database])
        XCTAssertTrue(again.stdout.contains("total: 0 added, 0 updated, 0 deactivated"), again.stdout)
        XCTAssertFalse(again.stdout.contains("added by hand"), again.stdout)
    }
}
