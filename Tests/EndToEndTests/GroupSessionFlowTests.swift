import Foundation
import XCTest

/// Issue 15, item 3 from outside: one group session for three students, recorded once on
/// screen (and with the CLI), shows in each of the three students' histories.
final class GroupSessionFlowTests: XCTestCase {
    /// The first `count` students of counselor 1's caseload: local ID and name.
    private func students(_ binary: URL, _ database: String, count: Int) throws -> [(id: String, name: String)] {
        let list = try runProcess(binary, ["student", "list", "--db", database, "--json", "--counselor", "1"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]], list.stderr)
        XCTAssertGreaterThanOrEqual(rows.count, count)
        return try rows.prefix(count).map { row in
            (try XCTUnwrap(row["localId"] as? String), try XCTUnwrap(row["givenName"] as? String))
        }
    }

    private func sessions(_ binary: URL, _ database: String, of localId: String) throws -> [[String: Any]] {
        let list = try runProcess(binary, ["session", "list", localId, "--db", database, "--json", "--as", "1"])
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]], list.stderr)
    }

    func testRecordOneGroupSessionForThreeStudentsAndSeeItInEachHistory() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "30"]).status, 0)
        let three = try students(binary, database, count: 3)

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.waitFor(text: "Caseload of")
        try tmux.type("m")
        try tmux.waitFor(text: "Group session: tick each student")
        for (index, student) in three.enumerated() {
            // Each search starts empty in the picker; the one match is the student typed.
            try tmux.type("/")
            try tmux.type(student.id)
            try tmux.waitFor("\(student.id) found alone") { screen in
                screen.contains("Search: \(student.id)") && screen.contains("1 match")
                    && screen.components(separatedBy: student.id).count > 2
            }
            try tmux.press("Enter")
            try tmux.type(" ")
            try tmux.waitFor(text: "Group session, \(index + 1) chosen")
        }
        try tmux.press("Enter")
        try tmux.waitFor(text: "Group session · 3 students")
        let note = "Study skills group: planners and the week ahead."
        try tmux.type(note)
        try tmux.waitFor(text: "planners and the week ahead")
        try tmux.press("C-s")
        try tmux.waitFor(text: "Group session saved")

        for student in three {
            // Back on the plain caseload with no search left over, so "1 match" is this search's.
            try tmux.waitFor("the caseload without a search") { screen in
                screen.contains("Caseload of") && !screen.contains("match") && !screen.contains("Group session:")
            }
            try tmux.openProfile(localId: student.id)
            try tmux.waitFor("\(student.name)'s history with the group session") { screen in
                screen.contains(student.id) && screen.contains("[group of 3] Study skills group")
            }
            try tmux.type("q")
            try tmux.waitFor(text: "Filter: ")
            try tmux.press("Escape")
        }
        try tmux.waitFor("the caseload without a search") { screen in
            screen.contains("Caseload of") && !screen.contains("match")
        }
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")

        // One session, the same in each history; its minutes are one session's.
        var ids: Set<Int> = []
        for student in three {
            let group = try XCTUnwrap(try sessions(binary, database, of: student.id).first { ($0["note"] as? String) == note })
            XCTAssertEqual(group["studentCount"] as? Int, 3)
            ids.insert(try XCTUnwrap(group["id"] as? Int))
        }
        XCTAssertEqual(ids.count, 1)
    }

    func testTheCommandLineRecordsAGroupSessionOnceForEachStudent() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "10"]).status, 0)
        let three = try students(binary, database, count: 3)
        let result = try runProcess(binary, ["session", "add", "--db", database, "--as", "1", "--kind", "classroom",
                                             "--minutes", "50", "--note", "Lesson: what a transcript is",
                                             "--student", three[0].id, "--student", three[1].id, "--student", three[2].id])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("with a group of 3: "), result.stdout)
        var ids: Set<Int> = []
        for student in three {
            let lesson = try XCTUnwrap(try sessions(binary, database, of: student.id)
                .first { ($0["note"] as? String) == "Lesson: what a transcript is" }, student.id)
            XCTAssertEqual(lesson["kind"] as? String, "classroom")
            XCTAssertEqual(lesson["durationMinutes"] as? Int, 50)
            XCTAssertEqual(lesson["studentCount"] as? Int, 3)
            ids.insert(try XCTUnwrap(lesson["id"] as? Int))
        }
        XCTAssertEqual(ids.count, 1, "one session, in three histories")
        let id = String(try XCTUnwrap(ids.first))
        let shown = try runProcess(binary, ["session", "show", id, "--db", database, "--as", "1"])
        XCTAssertTrue(shown.stdout.contains("Group of 3: "), shown.stdout)
        let list = try runProcess(binary, ["session", "list", three[2].id, "--db", database, "--as", "1"])
        XCTAssertTrue(list.stdout.contains("[group of 3] Lesson: what a transcript"), list.stdout)

        // The positional form and --student together: the positional student is the first.
        let mixed = try runProcess(binary, ["session", "add", three[1].id, "--db", database, "--as", "1", "--kind", "group",
                                            "--note", "Lunch group", "--student", three[2].id])
        XCTAssertEqual(mixed.status, 0, mixed.stderr)
        XCTAssertTrue(mixed.stdout.contains("with a group of 2: "), mixed.stdout)
    }

    /// Bad input: one sentence naming what is wrong, exit status 1, nothing written.
    func testTheCommandLineRefusesAGroupNamingAStudentTwiceOrNone() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "10"]).status, 0)
        let two = try students(binary, database, count: 2)
        let before = try sessions(binary, database, of: two[0].id).count
        let base = ["session", "add", "--db", database, "--as", "1", "--kind", "group", "--note", "A group"]
        let twice = try runProcess(binary, base + ["--student", two[0].id, "--student", two[1].id, "--student", two[0].id.lowercased()])
        XCTAssertEqual(twice.status, 1)
        XCTAssertTrue(twice.stderr.contains("(\(two[0].id)) is named twice (as \"\(two[0].id.lowercased())\"); name each student once"),
                      twice.stderr)
        let none = try runProcess(binary, base)
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.stderr.contains("no student given"), none.stderr)
        let unknown = try runProcess(binary, base + ["--student", two[0].id, "--student", "NOPE-1"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no student with ID \"NOPE-1\""), unknown.stderr)
        XCTAssertEqual(try sessions(binary, database, of: two[0].id).count, before, "nothing was written")
    }
}
