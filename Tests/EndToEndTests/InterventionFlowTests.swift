import Foundation
import XCTest

/// Issue 15, item 5 from outside: an intervention with a weekly measure is started on the
/// profile at 80x24, two progress notes with values are added, and the profile shows the
/// dosage delivered against planned and the measures as a sparkline; the command line
/// reads back what the screen wrote.
final class InterventionFlowTests: XCTestCase {
    func testStartAnInterventionWithAWeeklyMeasureAndNoteItTwiceOnScreen() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "30"]).status, 0)
        // A student with nothing under way, so `u` goes straight to the new one's note.
        let busy = try runProcess(binary, ["intervention", "list", "--db", database, "--json"])
        let active = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(busy.stdout.utf8)) as? [[String: Any]], busy.stderr)
            .compactMap { $0["studentLocalId"] as? String }
        let list = try runProcess(binary, ["student", "list", "--db", database, "--json"])
        let students = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]], list.stderr)
        let localId = try XCTUnwrap(students.compactMap { $0["localId"] as? String }.first { !active.contains($0) })

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.openProfile(localId: localId)
        try tmux.waitFor(text: "Interventions: none active")

        // i: what (tutoring, first), goal, tier (typing 2 picks it), area, start, minutes, sessions a week, weeks, owner, measure.
        try tmux.type("i")
        try tmux.waitFor(text: "Start an intervention")
        try tmux.press("Tab")
        try tmux.type("Pass Algebra I")
        try tmux.press("Tab")
        try tmux.type("2")
        for _ in 0..<5 { try tmux.press("Tab") }
        try tmux.type("8")
        try tmux.press("Tab")
        try tmux.type("Sam Ortiz (tutor)")
        try tmux.press("Tab")
        try tmux.type("quiz score %")
        try tmux.waitFor("the filled-in form") { $0.contains("quiz score %") && $0.contains("Sam Ortiz (tutor)") }
        try tmux.press("Enter")
        try tmux.waitFor(text: "Intervention: Tutoring (high-dosage) · tier 2 · academic · Sam Ortiz (tutor)")
        try tmux.waitFor(text: "Dosage 0 of 16 sessions, 0 of 480 min · quiz score % not measured yet")

        try addNote(tmux, sessions: "2", value: "58", text: "Week 1 quiz")
        try tmux.waitFor(text: "Dosage 2 of 16 sessions, 60 of 480 min · quiz score % 58 ▅")
        try addNote(tmux, sessions: "2", value: "72", text: "Week 2 quiz")
        try tmux.waitFor(text: "Dosage 4 of 16 sessions, 120 of 480 min · quiz score % 72 ▁█")
        try tmux.type("q")
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")

        let shown = try runProcess(binary, ["intervention", "list", localId, "--db", database, "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [[String: Any]], shown.stderr)
        let started = try XCTUnwrap(rows.first, shown.stdout)
        XCTAssertEqual(started["owner"] as? String, "Sam Ortiz (tutor)")
        XCTAssertEqual(started["tier"] as? Int, 2)
        XCTAssertEqual(started["measure"] as? String, "quiz score %")
        XCTAssertEqual(started["delivered"] as? String, "4 of 16 sessions, 120 of 480 min")
        XCTAssertEqual((started["notes"] as? [[String: Any]])?.compactMap { $0["value"] as? Double }, [58, 72])
    }

    /// `u`, then the sessions held, the value and the note; waits for the form to close.
    private func addNote(_ tmux: Tmux, sessions: String, value: String, text: String) throws {
        try tmux.type("u")
        try tmux.waitFor(text: "Progress note · Tutoring")
        try tmux.press("Tab")
        try tmux.type(sessions)
        try tmux.press("Tab")
        try tmux.type(value)
        try tmux.press("Tab")
        try tmux.type(text)
        try tmux.waitFor(text: text)
        try tmux.press("Enter")
        try tmux.waitFor("the note saved and the form closed") { screen in
            screen.contains("Progress note added to Tutoring") && !screen.contains("Progress note · Tutoring")
        }
    }
}
