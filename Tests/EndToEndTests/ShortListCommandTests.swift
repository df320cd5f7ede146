import Foundation
import XCTest

/// `waypoint attention` and `waypoint todo`: the screen's short lists on the command line,
/// in the same order and with the same rules.
final class ShortListCommandTests: XCTestCase {
    private func json(_ result: ProcessResult) throws -> Any {
        XCTAssertEqual(result.status, 0, result.stderr)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func testAttentionIsMostUrgentFirstAndCountsWhatWaits() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "120"]).status, 0)

        let list = try XCTUnwrap(try json(runProcess(binary, ["attention", "--db", database, "--as", "1", "--json"])) as? [String: Any])
        let students = try XCTUnwrap(list["students"] as? [[String: Any]])
        let waiting = try XCTUnwrap(list["waiting"] as? Int)
        XCTAssertFalse(students.isEmpty)
        XCTAssertTrue(students.allSatisfy { $0["thisWeek"] as? Bool == true }, "only this week's unless --all")
        // Tier, then days overdue, then days unseen (never seen longest).
        let keys = students.map { ($0["tier"] as? Int ?? 0, $0["daysOverdue"] as? Int ?? 0, $0["daysUnseen"] as? Int ?? Int.max) }
        for (a, b) in zip(keys, keys.dropFirst()) {
            XCTAssertTrue(a.0 > b.0 || (a.0 == b.0 && (a.1 > b.1 || (a.1 == b.1 && a.2 >= b.2))), "\(a) before \(b)")
        }
        let all = try XCTUnwrap(try json(runProcess(binary, ["attention", "--db", database, "--as", "1", "--all", "--json"])) as? [String: Any])
        XCTAssertEqual((all["students"] as? [[String: Any]])?.count, students.count + waiting)

        let text = try runProcess(binary, ["attention", "--db", database, "--as", "1"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("Why"), "the reason first:\n\(text.stdout)")
        XCTAssertTrue(text.stdout.contains("\(students.count) students to act on this week; \(waiting) more only not seen in 30+ days: --all lists them."),
                      text.stdout)
    }

    /// A roster just imported: nobody has been seen, so nobody is listed for that, and the
    /// output says why.
    func testANewRosterIsNotFlaggedForNotBeingSeen() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let bundle = scratch.path("bundle")
        XCTAssertEqual(try runProcess(binary, ["demo", "--oneroster", bundle, "--students", "40"]).status, 0)
        let database = scratch.path("waypoint.sqlite")
        let imported = try runProcess(binary, ["import", "oneroster", bundle, "--db", database])
        XCTAssertEqual(imported.status, 0, imported.stderr)

        let list = try XCTUnwrap(try json(runProcess(binary, ["attention", "--db", database, "--as", "1", "--all", "--json"])) as? [String: Any])
        XCTAssertEqual(list["nobodySeenYet"] as? Bool, true)
        let reasons = (list["students"] as? [[String: Any]] ?? []).flatMap { $0["reasons"] as? [String] ?? [] }
        XCTAssertFalse(reasons.contains { $0.contains("seen") }, "\(reasons)")
        let text = try runProcess(binary, ["attention", "--db", database, "--as", "1"])
        XCTAssertTrue(text.stdout.contains("Nobody here has been seen yet, so “not seen” is left out"), text.stdout)
    }

    func testTodoPutsOverdueFollowUpsFirstAndMilestonesLast() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "120"]).status, 0)
        let student = try firstLocalId(binary, database, ["--counselor", "1"])
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        let lastWeek = formatter.string(from: Date().addingTimeInterval(-7 * 86_400))
        let add = try runProcess(binary, ["session", "add", student, "--db", database, "--as", "1", "--kind", "college",
                                          "--note", "Schedule", "--follow-up", "\(lastWeek):Call home", "--follow-up", "+3d:Check in"])
        XCTAssertEqual(add.status, 0, add.stderr)

        let items = try XCTUnwrap(try json(runProcess(binary, ["todo", "--db", database, "--as", "1", "--json"])) as? [[String: Any]])
        let texts = items.map { $0["text"] as? String ?? "" }
        let late = try XCTUnwrap(texts.firstIndex(of: "Call home")), soon = try XCTUnwrap(texts.firstIndex(of: "Check in"))
        XCTAssertLessThan(late, soon)
        XCTAssertEqual(items[late]["overdue"] as? Bool, true)
        // Overdue follow-ups, then the rest of the follow-ups, then this year's overdue milestones.
        let ranks = items.map { item -> Int in
            item["kind"] as? String == "milestone" ? 2 : (item["overdue"] as? Bool == true ? 0 : 1)
        }
        XCTAssertEqual(ranks, ranks.sorted(), "\(items)")
        let followUps = try XCTUnwrap(try json(runProcess(binary, ["todo", "--db", database, "--as", "1", "--follow-ups", "--json"])) as? [[String: Any]])
        XCTAssertEqual(followUps.count, ranks.filter { $0 < 2 }.count)
        // Dated promises: follow-ups, and the deadlines of open college applications (issue 16, item 4).
        XCTAssertTrue(followUps.allSatisfy { ["follow-up", "college-deadline"].contains($0["kind"] as? String ?? "") }, "\(followUps)")
        let milestones = try XCTUnwrap(try json(runProcess(binary, ["todo", "--db", database, "--as", "1", "--milestones", "--json"])) as? [[String: Any]])
        XCTAssertEqual(milestones.count, ranks.filter { $0 == 2 }.count)

        let text = try runProcess(binary, ["todo", "--db", database, "--as", "1", "--follow-ups"])
        let lines = text.stdout.split(separator: "\n")
        XCTAssertTrue(lines.first?.hasPrefix("Day") == true, text.stdout)
        XCTAssertTrue(lines.dropFirst().first?.hasPrefix("Overdue") == true, "grouped by day, overdue first:\n\(text.stdout)")
        XCTAssertTrue(lines.contains { $0.contains("in 3 days") && $0.contains("Check in") }, text.stdout)
    }
}
