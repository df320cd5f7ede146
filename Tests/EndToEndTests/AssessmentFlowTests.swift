import Foundation
import XCTest

/// Issue 16, item 3 from outside: test results imported with the CLI (all or nothing, once),
/// typed by hand from a paper report, and seen on the profile and the plan, where they
/// complete the PSAT milestone.
final class AssessmentFlowTests: XCTestCase {
    private let users = "sourcedId,enabledUser,orgSourcedIds,role,username,givenName,familyName,identifier,grades\n"
        + "C1,true,S1,counselor,msmith,Maria,Smith,,\nU1,true,S1,student,ana,Ana,Lopez,1001,10\n"
        + "U2,true,S1,student,ben,Ben,Okafor,1002,11\n"

    /// A day shortly before today, so no sitting is in the future whenever the test runs.
    private func daysAgo(_ days: Int) -> String {
        let date = Date().addingTimeInterval(-Double(days) * 86_400)
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    private func district(_ scratch: Scratch) throws -> String {
        let database = scratch.path("waypoint.sqlite")
        let roster = scratch.path("roster")
        try RosterFixture.write(to: roster, usersCSV: users, extra: ["caseloads.csv": "counselor,student\nmsmith,U1\nmsmith,U2\n"])
        let imported = try runProcess(try waypointBinary(), ["import", "oneroster", roster, "--db", database])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        return database
    }

    func testImportedAndTypedResultsShowOnTheProfileAndCompleteThePSAT() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = try district(scratch)
        let file = scratch.path("tests.csv")
        let psatDay = daysAgo(30), satDay = daysAgo(20)
        try """
            localId,test,date,total,erw,math
            1001,psat,\(psatDay),1140,560,580
            1002,sat,\(satDay),1250,620,630

            """.write(toFile: file, atomically: true, encoding: .utf8)

        let dry = try runProcess(binary, ["import", "assessments", file, "--dry-run", "--db", database])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertEqual(dry.stdout, "Dry run: nothing was written. The import would change:\nTest results: 2 added, 0 updated, 0 unchanged\n")
        let first = try runProcess(binary, ["import", "assessments", file, "--db", database])
        XCTAssertEqual(first.stdout, "Imported \(file):\nTest results: 2 added, 0 updated, 0 unchanged\n", first.stderr)
        let again = try runProcess(binary, ["import", "assessments", file, "--db", database])
        XCTAssertTrue(again.stdout.contains("Test results: 0 added, 0 updated, 2 unchanged"), again.stdout)

        // A bad file: every bad cell named, the escape shown escaped, nothing written.
        let bad = scratch.path("bad.csv")
        try "localId,test,date,total,erw\n1001,sat,\(satDay),1300,650\n1001,sat,\(satDay),1700,\n9999,act,\(satDay),30,\n1001,psat,\(psatDay),1100,\u{1B}[2J\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try runProcess(binary, ["import", "assessments", bad, "--db", database])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("bad.csv:3:4: total \"1700\": expected SAT total from 400 to 1600"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("bad.csv:4:1: localId \"9999\": expected the local ID of a student in the database"),
                      refused.stderr)
        XCTAssertTrue(refused.stderr.contains("bad.csv:5:5: erw \"\\u{1B}[2J\""), refused.stderr)
        XCTAssertFalse(refused.stderr.contains("\u{1B}"), "no escape reaches the terminal")
        XCTAssertTrue(refused.stderr.contains("errors in \(bad); nothing was imported"), refused.stderr)
        let list = try runProcess(binary, ["assessment", "list", "1001", "--json", "--db", database])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertFalse(list.stdout.contains("\"sat\""), "the good row of a bad file is not recorded either:\n\(list.stdout)")
        XCTAssertTrue(list.stdout.contains("\"total\" : 1140") || list.stdout.contains("\"total\": 1140"), list.stdout)

        // A score typed from a paper report; a bad one names its option and writes nothing.
        let wrong = try runProcess(binary, ["assessment", "add", "1001", "--test", "act", "--date", satDay, "--total", "37",
                                            "--db", database, "--as", "1"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.contains("--total \"37\": expected ACT composite from 1 to 36; nothing was recorded"), wrong.stderr)
        let typed = try runProcess(binary, ["assessment", "add", "1001", "--test", "ap-biology", "--date", satDay, "--total", "4",
                                            "--db", database, "--as", "1"])
        XCTAssertEqual(typed.stdout, "Added AP Biology 4 on \(satDay) for Ana Lopez (1001).\n", typed.stderr)

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.openProfile(localId: "1001")
        try tmux.waitFor(text: "Tests: PSAT 1140 · AP Bio 4")
        // `t`: a score from a paper report, typed on the profile (the date is today's).
        try tmux.type("t")
        try tmux.waitFor(text: "Add a test result")
        try tmux.press("Right")
        try tmux.waitFor(text: "‹ SAT ›")
        try tmux.press("Tab")
        try tmux.press("Tab")
        try tmux.type("1300")
        try tmux.press("Tab")
        try tmux.type("erw=650 math=650")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Tests: PSAT 1140 · SAT 1300 · AP Bio 4")
        try tmux.type("p")
        try tmux.waitFor(text: "Plan · Ana")
        try tmux.type("2")
        // The grade-10 PSAT reads as done from the result, on the day of the sitting.
        let milestones = try tmux.waitFor("the PSAT done from its result") {
            $0.contains("PSAT") && $0.contains("done \(psatDay)") && $0.contains("PSAT/NMSQT")
        }
        XCTAssertFalse(milestones.contains("overdue since"), milestones)
        try tmux.type("3")
        try tmux.waitFor(text: "Tests: PSAT 1140 · SAT 1300 · AP Bio 4")
        try tmux.type("q")
        try tmux.waitFor(text: "Sessions (")
        try tmux.type("q")
        try tmux.waitFor(text: "Caseload of")
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")
    }
}
