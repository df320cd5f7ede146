import Foundation
import XCTest

/// Issue 16, item 5: a senior's goal changed on the plan screen, and the milestones follow —
/// the military's ASVAB appears, the apprenticeship's untouched step is retired, and the FAFSA
/// already under way stays, marked as from an earlier goal, on screen and in the family's plan.
final class MilestoneGoalFlowTests: XCTestCase {
    func testChangingTheGoalOnScreenChangesTheMilestones() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "60"]).status, 0)
        let localId = try seniorHeadedForCollege(binary, database)
        // A known start: apprenticeship-bound, with the FAFSA begun (under an earlier goal).
        let goal = try runProcess(binary, ["plan", "goal", "set", localId, "--goal", "apprenticeship", "--db", database, "--as", "1"])
        XCTAssertEqual(goal.status, 0, goal.stderr)
        let fafsa = try runProcess(binary, ["plan", "milestone", "set", localId, "fafsa", "--status", "in-progress",
                                            "--evidence", "FSA ID made", "--db", database, "--as", "1"])
        XCTAssertEqual(fafsa.status, 0, fafsa.stderr)

        let tmux = try Tmux(width: 100, height: 40, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database, arguments: "--counselor 1")
        try tmux.openProfile(localId: localId)
        try tmux.type("p")
        try tmux.waitFor(text: "1 Courses")
        try tmux.type("2")
        try tmux.waitFor("the apprenticeship's milestones") { screen in
            screen.contains("Apprenticeship application") && screen.contains("FAFSA (earlier goal)") && !screen.contains("ASVAB")
        }
        try tmux.type("3")
        try tmux.waitFor(text: "After high school: Apprenticeship")
        // Space steps the goal: apprenticeship -> military.
        try tmux.type(" ")
        try tmux.waitFor(text: "After high school: Military")
        try tmux.type("2")
        let screen = try tmux.waitFor("the military's milestones") { screen in
            screen.contains("ASVAB") && screen.contains("Recruiter meeting") && !screen.contains("Apprenticeship application")
        }
        XCTAssertTrue(screen.contains("FAFSA (earlier goal)"), "the FAFSA under way is kept:\n\(screen)")
        try tmux.quitFromPlan()

        let shown = try runProcess(binary, ["plan", "show", localId, "--db", database, "--format", "json"])
        let plan = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any], shown.stderr)
        let milestones = plan["milestones"] as? [[String: Any]] ?? []
        let titles = milestones.compactMap { $0["title"] as? String }
        XCTAssertTrue(titles.contains("ASVAB"), "\(titles)")
        XCTAssertFalse(titles.contains("Apprenticeship application"), "\(titles)")
        let kept = milestones.first { $0["title"] as? String == "FAFSA (earlier goal)" }
        XCTAssertEqual(kept?["status"] as? String, "in progress")
        XCTAssertEqual(kept?["evidence"] as? String, "FSA ID made")
    }

    /// The caseload export leaves a middle schooler's credit status blank (no "onTrack": false,
    /// no "short 24 credits"), while a ninth grader with no courses is reported short.
    func testTheExportJudgesNoMiddleSchoolerOnCredits() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "20"]).status, 0)
        for (localId, grade) in [("7007", "7"), ("9009", "9")] {
            let added = try runProcess(binary, ["student", "add", "--db", database, "--given-name", "Test", "--family-name", "Grade\(grade)",
                                                "--grade", grade, "--local-id", localId])
            XCTAssertEqual(added.status, 0, added.stderr)
        }
        let export = try runProcess(binary, ["export", "caseload", "--db", database, "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]], export.stderr)
        let seventh = try XCTUnwrap(rows.first { $0["localId"] as? String == "7007" })
        let ninth = try XCTUnwrap(rows.first { $0["localId"] as? String == "9009" })
        XCTAssertNil(seventh["onTrack"], "\(seventh)")
        XCTAssertNil(seventh["shortfall"], "\(seventh)")
        XCTAssertEqual(ninth["onTrack"] as? Bool, false, "\(ninth)")
        XCTAssertTrue((ninth["shortfall"] as? String)?.hasPrefix("Short") ?? false, "\(ninth)")
    }

    /// A senior of counselor 1 whose demo goal is a 4-year college (so nothing was recorded
    /// on the apprenticeship's steps).
    private func seniorHeadedForCollege(_ binary: URL, _ database: String) throws -> String {
        let export = try runProcess(binary, ["export", "caseload", "--db", database, "--counselor", "1", "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]], export.stderr)
        for row in rows where row["grade"] as? String == "12" {
            guard let localId = row["localId"] as? String else { continue }
            let shown = try runProcess(binary, ["plan", "show", localId, "--db", database, "--format", "json"])
            let plan = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            if plan["postsecondaryGoal"] as? String == "4-year college" { return localId }
        }
        throw XCTSkip("no senior of counselor 1 in the demo is headed for a 4-year college")
    }
}
