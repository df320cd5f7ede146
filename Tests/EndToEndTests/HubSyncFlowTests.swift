import Foundation
import HubTestSupport
import WaypointHub
import XCTest

/// Two counselors' workstations, each the real binary in its own tmux at 80x24 on its own
/// SQLite file, and one real hub (PostgreSQL): what A records reaches B, who covers A's
/// student, with a sync; a milestone both change before syncing is refused to the second
/// to sync, who sees theirs and yours in words, decides, and then both agree.
final class HubSyncFlowTests: XCTestCase {
    private var hub: TestHub?

    override func tearDown() async throws {
        try await hub?.drop()
    }

    /// One workstation: its database, its own home (who is at the keyboard), its window.
    private struct Station {
        let database: String
        let window: Tmux
        let name: String
    }

    func testACoveringCounselorSeesASyncedSessionAndMilestoneAndResolvesARefusedOfflineEdit() async throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let hub = try await HubCluster.shared().makeDatabase()
        self.hub = hub
        let roster = try HubRoster(tag: token())
        defer { try? FileManager.default.removeItem(at: roster.url) }

        // The district: a hub with the roster, a login for each counselor, and B (Jo Doe)
        // covering A's (Maria Smith's) student U1, Ana Lopez, local ID 1001.
        func administrator(_ arguments: [String]) throws {
            let result = try runProcess(binary, arguments + ["--url", hub.address.description],
                                        environment: ["PGPASSFILE": "/nonexistent", "PGPASSWORD": hub.cluster.password,
                                                      "WAYPOINT_HUB_URL": ""])
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            if result.status != 0 { throw TmuxError("waypoint \(arguments.joined(separator: " ")) failed: \(result.stderr)") }
        }
        try administrator(["hub", "init"])
        try administrator(["hub", "import", "oneroster", roster.url.path])
        let passwordFile = scratch.path("hub-password")
        try Data("a long password\n".utf8).write(to: URL(fileURLWithPath: passwordFile))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile)
        for (counselor, given, family) in [(roster.a, "Maria", "Smith"), (roster.b, "Jo", "Doe")] {
            try administrator(["hub", "counselor", "add", "--sourced-id", counselor, "--given", given, "--family", family,
                               "--password-file", passwordFile])
        }
        try administrator(["hub", "caseload", "share", "--student", "U1", "--with", roster.b, "--by", roster.a])
        // And A covers B's U3 (Cy Ng): each start's sync then shows on the caseload, the
        // covered student joining it when that sync is over.
        try administrator(["hub", "caseload", "share", "--student", "U3", "--with", roster.a, "--by", roster.b])

        // Each workstation imports the roster, joins as its counselor, and starts the screen.
        func station(_ counselor: String, _ name: String, _ file: String) throws -> Station {
            let database = scratch.path("\(file).sqlite")
            let home = scratch.path("home-\(file)")
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            XCTAssertEqual(try runProcess(binary, ["import", "oneroster", roster.url.path, "--db", database]).status, 0)
            let url = hub.address(as: HubCounselors.roleName(for: counselor)).description
            let joined = try runProcess(binary, ["sync", "join", "--db", database, "--url", url, "--as", counselor,
                                                 "--password-file", passwordFile],
                                        environment: ["PGPASSFILE": "/nonexistent", "WAYPOINT_HUB_URL": ""])
            XCTAssertEqual(joined.status, 0, joined.stderr)
            let window = try Tmux(width: 80, height: 24, environment: ["HOME": home, "PGPASSFILE": "/nonexistent",
                                                                       "WAYPOINT_HUB_URL": ""])
            try window.launchWaypoint(binary, database: database, arguments: "--counselor \(counselor)")
            try window.waitFor(text: "Working as \(name).")
            return Station(database: database, window: window, name: name)
        }
        let a = try station(roster.a, "Maria Smith", "a")
        let b = try station(roster.b, "Jo Doe", "b")
        try a.window.waitFor(text: "Ng, Cy")
        try b.window.waitFor(text: "Lopez, Ana")

        // A records a session with Ana and moves her PSAT milestone, then syncs.
        let note = "Talked about the FAFSA with Ana"
        try a.window.openProfile(localId: "1001")
        try a.window.type("n")
        try a.window.waitFor(text: "New session")
        try a.window.type(note)
        try a.window.press("C-s")
        try a.window.waitFor(text: "Session saved.")
        try a.window.openMilestoneForm(titled: "PSAT")
        try a.window.saveMilestoneForm(status: "i", evidence: "Registered for October")
        try a.window.waitFor(text: "PSAT: in progress.")
        try a.window.backToCaseload(of: a.name)
        try a.window.syncNow()

        // B, covering, syncs and finds both on Ana's profile and plan.
        try b.window.syncNow()
        try b.window.openProfile(localId: "1001")
        try b.window.waitFor(text: note)
        try b.window.openMilestoneForm(titled: "PSAT")
        var form = try b.window.waitFor(text: "Registered for October")
        XCTAssertTrue(form.contains("‹ in progress ›"), form)

        // Both change the milestone before syncing again; A syncs first, so B's is refused.
        try b.window.saveMilestoneForm(status: "w", evidence: "Took the SAT instead")
        try b.window.waitFor(text: "PSAT: waived.")
        try a.window.openProfile(localId: "1001")
        try a.window.openMilestoneForm(titled: "PSAT")
        try a.window.saveMilestoneForm(status: "d", evidence: "Scored 1210")
        try a.window.waitFor(text: "PSAT: done.")
        try a.window.backToCaseload(of: a.name)
        try a.window.syncNow()
        try b.window.backToCaseload(of: b.name)
        try b.window.syncNow(saying: "Synced; the hub refused 1 change — R shows it.")

        // B sees theirs and yours in words, and keeps B's.
        try b.window.type("R")
        let refused = try b.window.waitFor(text: "Yours (not saved at the hub)")
        XCTAssertTrue(refused.contains("Milestone “psat” of Ana Lopez (U1)"), refused)
        // At 80x24, theirs beside yours field by field, the fields that differ first: the
        // status and the evidence are both in view.
        func row(_ field: String) -> String? {
            refused.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix(field + " ") }
        }
        let status = try XCTUnwrap(row("status"), refused)
        XCTAssertEqual(status.split(separator: " ").map(String.init), ["status", "done", "waived"], refused)
        let evidence = try XCTUnwrap(row("evidence"), refused)
        let theirs = try XCTUnwrap(evidence.range(of: "Scored 1210"), evidence), yours = try XCTUnwrap(evidence.range(of: "Took the SAT"), evidence)
        XCTAssertLessThan(theirs.lowerBound, yours.lowerBound, "theirs, then yours: \(evidence)")
        try b.window.type("m")
        try b.window.waitFor(text: "Synced with the hub.")
        try b.window.waitFor(text: "Nothing refused")

        // A syncs and now shows B's; both workstations hold the same milestone.
        try a.window.syncNow()
        try a.window.openProfile(localId: "1001")
        try a.window.openMilestoneForm(titled: "PSAT")
        form = try a.window.waitFor(text: "Took the SAT instead")
        XCTAssertTrue(form.contains("‹ waived ›"), form)
        let milestone = "SELECT status || ' ' || evidence FROM milestone_status WHERE milestoneId = 'psat' "
            + "AND studentId = (SELECT id FROM student WHERE localId = '1001')"
        let sqlite = URL(fileURLWithPath: "/usr/bin/sqlite3")
        for station in [a, b] {
            XCTAssertEqual(try runProcess(sqlite, [station.database, milestone]).stdout, "waived Took the SAT instead\n", station.name)
        }
        for station in [a, b] {
            try station.window.press("C-c")
            try station.window.waitFor(text: "WAYPOINT-EXIT=0")
        }
    }
}

private extension Tmux {
    /// S on the caseload, then the footer's word that this very sync ended. Any key clears
    /// the footer's message, so `g` (first row) first clears a word an earlier sync left.
    func syncNow(saying done: String = "Synced with the hub.", file: StaticString = #filePath, line: UInt = #line) throws {
        try type("g")
        try waitFor("the caseload without a sync's word", file: file, line: line) {
            $0.contains("Caseload of") && !$0.contains("Synced") && !$0.contains("Syncing")
        }
        try type("S")
        try waitFor(text: done, file: file, line: line)
    }

    /// From the plan, back through the profile to the caseload, its search cleared.
    func backToCaseload(of name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try press("Escape")
        try waitFor(text: "Sessions (", file: file, line: line)
        try press("Escape")
        try waitFor(text: "Caseload of \(name)", file: file, line: line)
        try press("Escape")
        try waitFor("the search cleared", file: file, line: line) { !$0.contains("Filter:") }
    }
}
