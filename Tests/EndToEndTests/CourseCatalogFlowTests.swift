import Foundation
import XCTest

/// Issue 16, item 1: a course added from the catalog on screen (type, → completes, Enter),
/// and the same catalog from the shell (`course list`, `plan course add --code`).
final class CourseCatalogFlowTests: XCTestCase {
    func testACourseIsAddedFromTheCatalogOnScreenAndFromTheShell() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "60"]).status, 0)
        let list = try runProcess(binary, ["student", "list", "--db", database, "--grade", "11", "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let localId = try XCTUnwrap(rows.first?["localId"] as? String)

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database, in: scratch.url.path)
        try tmux.openProfile(localId: localId)
        try tmux.type("p")
        try tmux.waitFor(text: "Graduation check")
        try tmux.type("a")
        try tmux.waitFor(text: "Add a course to grade")
        try tmux.type("chem")
        // The completion shows before it is taken: the rest of the title and the course.
        let offered = try tmux.waitFor(text: "→ SCI-1020 Chemistry · Science · 1 cr")
        XCTAssertTrue(offered.contains("chemistry"), "the typed letters and the rest of the title: \(offered)")
        try tmux.press("Right")
        try tmux.waitFor("the form filled from the catalog") { $0.contains("‹ Science ›") && $0.contains("Catalog course SCI-1020") }
        try tmux.press("Enter")
        try tmux.waitFor(text: "Added Chemistry to grade")
        try tmux.quitFromPlan()

        let plan = try runProcess(binary, ["plan", "show", localId, "--db", database, "--format", "json"])
        XCTAssertEqual(plan.status, 0, plan.stderr)
        XCTAssertTrue(plan.stdout.contains("\"Chemistry\""), plan.stdout)

        let courses = try runProcess(binary, ["course", "list", "--db", database, "--subject", "science", "--json"])
        XCTAssertEqual(courses.status, 0, courses.stderr)
        let listed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(courses.stdout.utf8)) as? [[String: Any]])
        XCTAssertTrue(listed.contains { $0["code"] as? String == "SCI-1020" && $0["title"] as? String == "Chemistry" })
        XCTAssertTrue(listed.allSatisfy { $0["subject"] as? String == "science" })

        let added = try runProcess(binary, ["plan", "course", "add", localId, "--db", database, "--year", "12", "--code", "mth-3010"])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertTrue(added.stdout.contains("AP Calculus AB to grade 12") && added.stdout.contains("(catalog course MTH-3010)."), added.stdout)
        let unknown = try runProcess(binary, ["plan", "course", "add", localId, "--db", database, "--year", "12", "--code", "NOPE-1"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("--code: no course \"NOPE-1\" in the catalog"), unknown.stderr)
        let noSubject = try runProcess(binary, ["plan", "course", "add", localId, "--db", database, "--year", "12", "--title", "Yearbook"])
        XCTAssertNotEqual(noSubject.status, 0)
        XCTAssertTrue(noSubject.stderr.contains("--subject is required for a course not in the catalog"), noSubject.stderr)
        let free = try runProcess(binary, ["plan", "course", "add", localId, "--db", database, "--year", "12", "--title", "Yearbook",
                                           "--subject", "elective"])
        XCTAssertEqual(free.status, 0, free.stderr)
        XCTAssertTrue(free.stdout.contains("Yearbook to grade 12") && free.stdout.contains("(free text: not in the course catalog)."), free.stdout)
    }
}
