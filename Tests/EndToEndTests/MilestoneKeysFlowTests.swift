import Foundation
import XCTest

/// Issue 15, item 8: from a profile, a milestone is marked done in three keys (`m`, Space,
/// Space), at 80x24, and the day it was done is on screen and in the family's plan.
final class MilestoneKeysFlowTests: XCTestCase {
    func testAMilestoneIsDoneInThreeKeysFromTheProfile() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "60"]).status, 0)
        let (localId, title) = try studentWithANotStartedNextMilestone(binary, database)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        let today = formatter.string(from: Date())

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database, arguments: "--counselor 1")
        try tmux.openProfile(localId: localId)
        try tmux.type("m")
        // The plan, on its milestones (and not yet changed).
        try tmux.waitFor("the milestones") { $0.contains("Milestones ·") && $0.contains(title) && !$0.contains("\(title): ") }
        try tmux.type(" ")
        // The footer names the milestone Space moved: the one `m` selected.
        try tmux.waitFor(text: "\(title): in progress.")
        try tmux.type(" ")
        let screen = try tmux.waitFor(text: "\(title): done \(today).")
        XCTAssertTrue(screen.contains("done \(today)"), screen)
        try tmux.quitFromPlan()

        let plan = try runProcess(binary, ["plan", "show", localId, "--db", database, "--as", "1"])
        XCTAssertTrue(plan.stdout.contains(": \(title): done on \(today)"), "the family's plan says when:\n\(plan.stdout)\(plan.stderr)")
    }

    /// A caseload student (counselor 1) whose next milestone is not started: the longest way to done.
    private func studentWithANotStartedNextMilestone(_ binary: URL, _ database: String) throws -> (String, String) {
        let export = try runProcess(binary, ["export", "caseload", "--db", database, "--counselor", "1", "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]], export.stderr)
        for row in rows {
            guard let localId = row["localId"] as? String, let title = row["nextMilestone"] as? String else { continue }
            let shown = try runProcess(binary, ["plan", "show", localId, "--db", database, "--format", "json"])
            let plan = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            let milestones = plan["milestones"] as? [[String: Any]] ?? []
            if milestones.contains(where: { $0["title"] as? String == title && $0["status"] as? String == "not started" }) {
                return (localId, title)
            }
        }
        throw XCTSkip("no student of the demo has a not-started next milestone today")
    }
}
