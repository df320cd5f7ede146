import Foundation
import XCTest

/// Issue 16, item 2 from outside: a transcript imported with the CLI lands in the plan, so
/// the graduation check shows the credits earned; a bad file is refused with its place.
final class TranscriptFlowTests: XCTestCase {
    private let users = "sourcedId,enabledUser,orgSourcedIds,role,username,givenName,familyName,identifier,grades\n"
        + "C1,true,S1,counselor,msmith,Maria,Smith,,\nU1,true,S1,student,ana,Ana,Lopez,1001,10\n"

    /// Ana is in grade 10 today; her grade-9 year is the school year before this one (which
    /// begins in August), written as the district does: fall, spring, and a year-long course.
    private var schoolYearStart: Int {
        let now = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        return (now.month ?? 1) >= 8 ? now.year! : now.year! - 1
    }

    private func transcript() -> String {
        let start = schoolYearStart
        let fall = "\(start - 1)-FA", spring = "\(start)-SP"
        return """
            localId,term,course,title,subject,mark,credits
            1001,\(fall),ENG9,English 9,English,B,0.5
            1001,\(spring),ENG9,English 9,English,A,0.5
            1001,\(fall),Biology,,Science,B,0.5
            1001,\(spring),Biology,,Science,F,0.5
            1001,\(start - 1)-YR,Algebra I,,Mathematics,C+,1

            """
    }

    private func district(_ scratch: Scratch) throws -> String {
        let database = scratch.path("waypoint.sqlite")
        let roster = scratch.path("roster")
        try RosterFixture.write(to: roster, usersCSV: users, extra: ["caseloads.csv": "counselor,student\nmsmith,U1\n"])
        let imported = try runProcess(try waypointBinary(), ["import", "oneroster", roster, "--db", database])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        return database
    }

    func testImportTranscriptPlacesMarksOnceAndRefusesABadFile() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = try district(scratch)
        let file = scratch.path("transcript.csv")
        try transcript().write(toFile: file, atomically: true, encoding: .utf8)

        // The counselor had typed Algebra I with another mark: theirs is kept, the conflict listed.
        let added = try runProcess(binary, ["plan", "course", "add", "1001", "--year", "9", "--title", "Algebra 1", "--subject", "math",
                                            "--status", "completed", "--mark", "A", "--db", database, "--as", "1"])
        XCTAssertEqual(added.status, 0, added.stderr)
        let courseId = try XCTUnwrap(added.stdout.split(separator: " ").dropFirst(2).first.map(String.init))
        let conflict = "Ana Lopez (1001), Algebra 1 \(schoolYearStart - 1)-YR: plan says A, 1 cr; transcript says C+, 1 cr"

        let dry = try runProcess(binary, ["import", "transcript", file, "--dry-run", "--db", database])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("Dry run: nothing was written"), dry.stdout)
        XCTAssertTrue(dry.stdout.contains("Plans: 4 courses added as completed"), dry.stdout)
        let first = try runProcess(binary, ["import", "transcript", file, "--db", database])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("Plans: 4 courses added as completed, 0 planned courses completed or corrected, 0 unchanged"),
                      first.stdout)
        XCTAssertTrue(first.stdout.contains("1 course differs from the counselor's entry") && first.stdout.contains(conflict), first.stdout)
        let again = try runProcess(binary, ["import", "transcript", file, "--db", database])
        XCTAssertTrue(again.stdout.contains("Plans: 0 courses added as completed, 0 planned courses completed or corrected, 4 unchanged"),
                      again.stdout)
        XCTAssertTrue(again.stdout.contains(conflict), "a re-import still shows it:\n\(again.stdout)")
        let took = try runProcess(binary, ["plan", "course", "take-imported", courseId, "--db", database, "--as", "1"])
        XCTAssertEqual(took.stdout, "Course \(courseId) now has the imported mark and credits.\n", took.stderr)
        let settled = try runProcess(binary, ["import", "transcript", file, "--db", database])
        XCTAssertTrue(settled.stdout.contains("5 unchanged") && !settled.stdout.contains("differ"), settled.stdout)
        let plan = try runProcess(binary, ["plan", "show", "1001", "--db", database, "--as", "1"])
        XCTAssertTrue(plan.stdout.contains("2.5 of 24 earned"), plan.stdout + plan.stderr)

        let bad = scratch.path("bad.csv")
        try "localId,term,course,mark,credits\n1001,2025-FA,Chemistry,B,0.5\n1001,2025-FA,Physics,B,half\n9999,2025-FA,Art,A,1\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try runProcess(binary, ["import", "transcript", bad, "--db", database])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("bad.csv:3:5: credits \"half\": expected a number from 0.25 to 10"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("bad.csv:4:1: localId \"9999\": expected the local ID of a student in the database"),
                      refused.stderr)
        XCTAssertTrue(refused.stderr.contains("2 errors in \(bad); nothing was imported"), refused.stderr)
        let unchanged = try runProcess(binary, ["plan", "show", "1001", "--db", database, "--as", "1"])
        XCTAssertFalse(unchanged.stdout.contains("Chemistry"), "the good row of a bad file is not placed either")
    }

    func testAnImportedTranscriptShowsAsEarnedCreditsOnThePlan() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = try district(scratch)
        let file = scratch.path("transcript.csv")
        try transcript().write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try runProcess(binary, ["import", "transcript", file, "--db", database])
        XCTAssertEqual(imported.status, 0, imported.stderr)

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.openProfile(localId: "1001")
        try tmux.type("p")
        // Grade 10 (this year) opens first; the check counts grade 9's passing marks.
        try tmux.waitFor(text: "Total: 2.5 of 24 earned")
        try tmux.type("h")
        try tmux.waitFor("grade 9's imported courses") { $0.contains("[Grade 9]") && $0.contains("English 9") && $0.contains("Algebra I") }
        let screen = try tmux.waitFor(text: "* From the transcript")
        XCTAssertTrue(screen.contains("Biology"), screen)
        try tmux.type("q")
        try tmux.waitFor(text: "Sessions (")
        try tmux.type("q")
        try tmux.waitFor(text: "Caseload of")
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")
    }
}
