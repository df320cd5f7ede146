import Foundation
import XCTest

/// The real binary in a real terminal (tmux), driven as a counselor would.
final class TerminalFlowTests: XCTestCase {
    func testFirstRunDemoBrowseSearchResizeHelpQuit() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("data/waypoint.sqlite")
        let tmux = try Tmux(width: 100, height: 30, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)

        try tmux.waitFor(text: "Welcome to Waypoint")
        try tmux.type("d")
        // Loading the whole demo district is this suite's longest wait (about 50 s of a
        // debug build on a machine at load 5): it gets its own deadline, not the default.
        try tmux.waitFor(text: "Who are you?", seconds: Tmux.defaultDeadline * 4)
        // The frame may still be reaching the terminal: wait for its footer too.
        var screen = try tmux.waitFor(text: "Demo district loaded")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Caseload of")

        try tmux.type("jjj")
        try tmux.press("PageDown")
        try tmux.type("/")
        try tmux.waitFor(text: "Search:")
        try tmux.type("ngu")
        screen = try tmux.waitFor("rows narrowed to Nguyễn") { screen in
            let rows = screen.split(separator: "\n").dropFirst(3).filter { $0.contains(" S1") }
            return screen.contains("Search: ngu") && !rows.isEmpty && rows.allSatisfy { $0.contains("Nguy") }
        }
        try tmux.press("Enter")
        try tmux.waitFor(text: "Filter: ngu")

        try tmux.resize(width: 80, height: 24)
        screen = try tmux.waitFor("a redraw at 80 columns") { screen in
            screen.contains("Filter: ngu") && screen.split(separator: "\n").count <= 24
        }
        try tmux.resize(width: 60, height: 20)
        try tmux.waitFor(text: "needs a window of at least 80x24")
        try tmux.resize(width: 120, height: 40)
        try tmux.waitFor(text: "Filter: ngu")

        try tmux.type("?")
        try tmux.waitFor(text: "Help · Caseload")
        try tmux.type("q")
        try tmux.waitFor("help closed") { !$0.contains("Help · Caseload") && $0.contains("Filter: ngu") }
        try tmux.press("Escape")
        try tmux.waitFor("filter cleared") { !$0.contains("Filter:") && $0.contains("Caseload of") }
        try tmux.type("q")
        screen = try tmux.waitFor(text: "WAYPOINT-EXIT=0")
        XCTAssertFalse(screen.contains("Caseload of"), "the terminal is given back clean:\n\(screen)")
    }

    func testTerminationSignalGivesTheTerminalBack() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "50"]).status, 0)
        let tmux = try Tmux(environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database, arguments: "--counselor 1")
        try tmux.waitFor(text: "Caseload of")
        let pid = try tmux.command(["display-message", "-p", "-t", "0", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // The shell's child is waypoint; SIGTERM it as a logout or shutdown would.
        XCTAssertEqual(try runProcess(URL(fileURLWithPath: "/usr/bin/pkill"), ["-TERM", "-P", pid, "-x", "waypoint"]).status, 0)
        let screen = try tmux.waitFor(text: "WAYPOINT-EXIT=")
        XCTAssertFalse(screen.contains("Caseload of"), screen)
    }

    func testControlKeyCQuitsAtOnce() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        let tmux = try Tmux(environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.waitFor(text: "Welcome to Waypoint")
        try tmux.press("C-c")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")
    }
}

/// The loop the product exists for: find a student, open the profile, write a session
/// while talking, save, and find it again after a restart; and a crash mid-note.
final class SessionFlowTests: XCTestCase {
    private func demoDatabase(_ scratch: Scratch, binary: URL) throws -> (path: String, familyName: String, localId: String) {
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "60"]).status, 0)
        let list = try runProcess(binary, ["student", "list", "--db", database, "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        // A Latin-script family name, so three typed letters find it.
        let row = try XCTUnwrap(rows.first { ($0["familyName"] as? String)?.unicodeScalars.allSatisfy { $0.value < 0x250 } == true })
        return (database, try XCTUnwrap(row["familyName"] as? String), try XCTUnwrap(row["localId"] as? String))
    }

    func testRecordASessionAndSeeItAfterARestart() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let (database, _, localId) = try demoDatabase(scratch, binary: binary)
        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.openProfile(localId: localId)

        try tmux.type("n")
        try tmux.waitFor(text: "New session")
        try tmux.type("Café with Nguyễn and 王伟 📐: FAFSA steps.")
        try tmux.press("Enter")
        try tmux.type("Second line, with a question?")
        try tmux.press("Tab")
        try tmux.type("fri: Bring tax documents")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Bring tax documents")
        try tmux.press("C-s")
        try tmux.waitFor(text: "Session saved.")
        var screen = try tmux.waitFor(text: "Café with Nguyễn and 王伟")
        XCTAssertTrue(screen.contains("Open follow-ups (1)"), screen)

        try tmux.type("q")
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")
        try tmux.launchWaypoint(binary, database: database)
        try tmux.openProfile(localId: localId)
        screen = try tmux.waitFor(text: "Café with Nguyễn and 王伟")
        XCTAssertTrue(screen.contains("Bring tax documents"), screen)

        let json = try runProcess(binary, ["session", "list", localId, "--db", database, "--json"])
        XCTAssertTrue(json.stdout.contains("Café with Nguyễn and 王伟 📐: FAFSA steps.\\nSecond line, with a question?"), json.stdout)
    }

    func testAKilledProcessLosesAtMostTheLastSecondOfTheNote() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let (database, _, localId) = try demoDatabase(scratch, binary: binary)
        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.openProfile(localId: localId)
        try tmux.type("n")
        try tmux.waitFor(text: "New session")
        try tmux.type("Typed before the power cut, every word of it.")
        try tmux.waitFor(text: "every word of it.")

        // Wait (with a deadline) until the draft is in the database, as it must be within a second.
        let sqlite = URL(fileURLWithPath: "/usr/bin/sqlite3")
        let deadline = Date().addingTimeInterval(3)
        var stored = ""
        while Date() < deadline {
            stored = try runProcess(sqlite, [database, "SELECT payload FROM session_draft"]).stdout
            if stored.contains("every word of it.") { break }
            usleep(50_000)
        }
        XCTAssertTrue(stored.contains("every word of it."), "no draft within the deadline: \(stored)")

        try tmux.killWaypoint()
        try tmux.launchWaypoint(binary, database: database)
        try tmux.waitFor(text: "Unsaved draft")
        try tmux.type("r")
        let screen = try tmux.waitFor(text: "Typed before the power cut, every word of it.")
        XCTAssertTrue(screen.contains("New session"), screen)
    }
}

/// Keeping a plan current during a session, and handing the family a printed copy.
final class PlanFlowTests: XCTestCase {
    func testChangeThePlanThenExportIt() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "60"]).status, 0)
        let list = try runProcess(binary, ["student", "list", "--db", database, "--grade", "10", "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let localId = try XCTUnwrap(rows.first?["localId"] as? String)

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database, in: scratch.url.path)
        try tmux.openProfile(localId: localId)
        try tmux.type("p")
        try tmux.waitFor(text: "Graduation check")

        // A pathway change, with its reason.
        try tmux.type("p")
        try tmux.waitFor(text: "Change pathway")
        try tmux.type("i")
        try tmux.waitFor(text: "Information Technology")
        try tmux.press("Tab")
        try tmux.type("Loved the coding elective")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Pathway changed to Information Technology")

        // Add a course and watch the check count it; then move it a year later in one key.
        try tmux.press("Tab")
        try tmux.press("Tab")
        let before = try tmux.waitFor(text: "Total:")
        let totalBefore = before.split(separator: "\n").first { $0.contains("Total:") }.map(String.init) ?? ""
        try tmux.type("a")
        try tmux.waitFor(text: "Add a course to grade")
        try tmux.type("Marine Biology")
        try tmux.press("Tab")
        try tmux.type("s")
        try tmux.waitFor(text: "‹ Science ›")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Added Marine Biology")
        let after = try tmux.waitFor("the check to count the new course") { screen in
            let line = screen.split(separator: "\n").first { $0.contains("Total:") }.map(String.init) ?? ""
            return !line.isEmpty && line != totalBefore
        }
        XCTAssertTrue(after.contains("Marine Biology"), after)
        try tmux.type(">")
        try tmux.waitFor(text: "Moved Marine Biology to grade")

        // Mark the first milestone done through its form.
        try tmux.press("Tab")
        try tmux.waitFor(text: "Milestones ·")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Evidence")
        while try !tmux.screen().contains("‹ done ›") { try tmux.press("Right") }
        try tmux.press("Tab")
        try tmux.press("Tab")
        try tmux.type("Completed in advisory")
        try tmux.press("Enter")
        try tmux.waitFor(text: ": done.")

        // x asks the family's language (English here: the demo family gives none a file speaks, or English); Enter saves.
        try tmux.type("x")
        try tmux.waitFor(text: "The family's plan in")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Plan written to")
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix("plan-\(localId)") }
        XCTAssertEqual(files.count, 1, "\(files)")
        let html = try String(contentsOfFile: scratch.path(try XCTUnwrap(files.first)), encoding: .utf8)
        XCTAssertTrue(html.contains("Marine Biology"), html)
        XCTAssertTrue(html.contains("Pathway: Information Technology"), html)
        XCTAssertFalse(html.contains("Loved the coding elective"), "the reason for a pathway change is the counselor's, not the family's")
        XCTAssertTrue(html.contains("Completed in advisory"), html)
        let attributes = try FileManager.default.attributesOfItem(atPath: scratch.path(files[0]))
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)

        try tmux.type("q")
        try tmux.type("q")
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")

        // Each step is in the audit trail, newest first, with what changed.
        let audit = try runProcess(binary, ["audit", "--db", database, "--student", localId, "--json"])
        let events = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(events.compactMap { $0["action"] as? String },
                       ["exported", "changedPlan", "changedPlan", "changedPlan", "changedPlan", "viewedProfile"], audit.stdout)
        let details = events.compactMap { $0["detail"] as? String }
        XCTAssertTrue(details[0].hasPrefix("html (en) to ") && details[0].contains("plan-\(localId)"), details[0])
        XCTAssertTrue(details[1].contains("evidence: ") && details[1].contains("Completed in advisory"), details[1])
        XCTAssertTrue(details[2].hasPrefix("year: "), details[2])
        XCTAssertTrue(details[3].hasPrefix("added (") && details[3].contains("title: Marine Biology"), details[3])
        XCTAssertTrue(details[4].hasPrefix("pathwayId: ") && details[4].contains(" -> "), details[4])
    }
}

/// First run on a real roster: `i` on the welcome screen imports a OneRoster folder.
final class ImportFlowTests: XCTestCase {
    func testImportARosterFromTheWelcomeScreen() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let roster = scratch.path("roster")
        XCTAssertEqual(try runProcess(binary, ["demo", "--oneroster", roster, "--students", "120"]).status, 0)
        let tmux = try Tmux(width: 100, height: 30, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: scratch.path("w.sqlite"))
        try tmux.waitFor(text: "Welcome to Waypoint")
        try tmux.type("i")
        try tmux.waitFor(text: "Import a OneRoster roster")
        try tmux.type(scratch.path("nowhere"))
        try tmux.press("Enter")
        try tmux.waitFor(text: "nothing imported")
        try tmux.type("i")
        try tmux.waitFor(text: "Import a OneRoster roster")
        try tmux.type(roster)
        try tmux.press("Enter")
        try tmux.waitFor(text: "Imported")
        try tmux.waitFor(text: "120 students")
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")

        let audit = try runProcess(binary, ["audit", "--db", scratch.path("w.sqlite"), "--json"])
        let events = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        // After the import the first counselor chosen on the database is recorded too.
        XCTAssertEqual(events.compactMap { $0["action"] as? String }, ["chosenAtFirstStart", "importedRoster"],
                       "the refused folder left no row")
        let imported = events.last
        XCTAssertEqual(imported?["subject"] as? String, roster)
        XCTAssertTrue((imported?["detail"] as? String)?.contains("students: 120 added") == true, audit.stdout)
    }
}

/// The early-warning loop: new ABC data changes a student's tier (with its reason), an
/// intervention is added, and the report moves.
final class EarlyWarningFlowTests: XCTestCase {
    private func helpedShare(_ binary: URL, _ db: String) throws -> Double? {
        let json = try runProcess(binary, ["report", "tiers", "--db", db, "--json", "--min-group", "1"]).stdout
        let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        let all = rows?.first { $0["group"] as? String == "All" }
        return (all?["values"] as? [String: Any])?["Tier 2-3 helped (%)"] as? Double
    }

    func testImportedAbsencesRaiseTheTierAndAnInterventionMovesTheReport() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "40", "--counselors", "1"]).status, 0)
        let id = try firstLocalId(binary, db)

        // A new term in which the student missed half the days.
        let file = scratch.path("attendance.csv")
        try "localId,term,startDate,endDate,daysEnrolled,daysPresent\n\(id),2027-WI,2027-01-04,2027-03-12,40,20\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try runProcess(binary, ["import", "abc", file, "--db", db])
        XCTAssertEqual(imported.status, 0, imported.stderr)

        let tmux = try Tmux(width: 100, height: 30, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: db)
        try tmux.openProfile(localId: id)
        let profile = try tmux.waitFor(text: "attendance 50% in 2027-WI")
        XCTAssertTrue(profile.contains("Tier 3") || profile.contains("Tier 2"), profile)
        XCTAssertTrue(profile.contains("Interventions: none active"), profile)
        try tmux.type("q")
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")

        let before = try helpedShare(binary, db)
        let added = try runProcess(binary, ["intervention", "add", id, "--db", db, "--kind", "attendance-plan",
                                            "--goal", "Attend every day this month", "--per-week", "1", "--minutes", "20"])
        XCTAssertEqual(added.status, 0, added.stderr)
        let after = try helpedShare(binary, db)
        XCTAssertNotNil(after)
        XCTAssertGreaterThan(after ?? 0, before ?? 0, "the report moves")
    }
}
