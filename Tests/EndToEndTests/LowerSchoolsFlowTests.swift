import Foundation
import XCTest

/// Issue 16, done when "a middle-school counselor can use Waypoint for grades 6-8 and an
/// elementary counselor for K-5": the demo's middle- and elementary-school counselors open
/// their caseloads and a student's plan at 80x24, judged by their own grades.
final class LowerSchoolsFlowTests: XCTestCase {
    func testTheMiddleAndElementaryCounselorsSeeTheirOwnGrades() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        // 300 high-school students: one high school, then the middle school's counselor (2)
        // and the elementary school's (3).
        let made = try runProcess(binary, ["demo", "--db", database, "--students", "300"])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(made.stdout.contains("360 students, 3 counselors, 3 schools"), made.stdout)
        let eighth = try firstLocalId(binary, database, ["--counselor", "2", "--grade", "8"])
        let second = try firstLocalId(binary, database, ["--counselor", "3", "--grade", "2"])

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database, arguments: "--counselor 2")
        try tmux.waitFor("the middle school's caseload") { $0.contains("Caseload of") && $0.contains("Middle School") }
        try tmux.openProfile(localId: eighth)
        try tmux.type("p")
        var screen = try tmux.waitFor("an eighth grader's plan: grades 6 to 8, no credit check") { screen in
            screen.contains("Grade 6") && screen.contains("[Grade 8]") && screen.contains("English 8")
        }
        XCTAssertFalse(screen.contains("Grade 9"), screen)
        XCTAssertFalse(screen.contains("short") || screen.contains("on track"), "no high-school credits below grade 9:\n\(screen)")
        try tmux.type("2")
        screen = try tmux.waitFor(text: "Pathway chosen")
        XCTAssertFalse(screen.contains("FAFSA"), screen)
        try tmux.quitFromPlan()

        try tmux.launchWaypoint(binary, database: database, arguments: "--counselor 3")
        try tmux.waitFor("the elementary school's caseload") { $0.contains("Caseload of") && $0.contains("Elementary School") }
        try tmux.openProfile(localId: second)
        try tmux.type("p")
        screen = try tmux.waitFor(text: "1 Courses")
        XCTAssertFalse(screen.contains("short") || screen.contains("Grade 6"), "no course years in elementary school:\n\(screen)")
        try tmux.type("2")
        screen = try tmux.waitFor(text: "Milestones · Awareness")
        XCTAssertTrue(screen.contains("Career day or career"), screen)
        XCTAssertTrue(screen.contains("All about me"), screen)
        XCTAssertFalse(screen.contains("Interest inventory"), "the middle school's band is later:\n\(screen)")
        try tmux.quitFromPlan()
    }
}
