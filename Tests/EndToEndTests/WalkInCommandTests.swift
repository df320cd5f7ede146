import Foundation
import XCTest

/// `waypoint student add` (a walk-in), how every student command marks them, bad input
/// refused with nothing written, and a real OneRoster sample merging a hand-added student.
final class WalkInCommandTests: XCTestCase {
    private let header = "sourcedId,enabledUser,orgSourcedIds,role,username,givenName,familyName,identifier,grades\n"

    /// A database with Lakeside High, counselor Maria Smith (C1) and Ana Lopez (1001).
    private func rosterDatabase(_ scratch: Scratch, _ binary: URL) throws -> String {
        let database = scratch.path("waypoint.sqlite")
        let roster = scratch.path("roster")
        try RosterFixture.write(to: roster, usersCSV: header + "C1,true,S1,counselor,msmith,Maria,Smith,,\n"
            + "U1,true,S1,student,ana,Ana,Lopez,1001,09\n", extra: ["caseloads.csv": "counselor,student\nmsmith,U1\n"])
        let imported = try runProcess(binary, ["import", "oneroster", roster, "--db", database])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        return database
    }

    private func json(_ result: ProcessResult) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func testStudentAddPutsAWalkInOnTheCaseloadMarkedEverywhere() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = try rosterDatabase(scratch, binary)
        let added = try runProcess(binary, ["student", "add", "--db", database, "--as", "C1", "--given-name", "Marco",
                                            "--family-name", "Díaz", "--grade", "10", "--local-id", "2002",
                                            "--birth-date", "2010-02-14"])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(added.stdout + added.stderr,
                       "Added Marco Díaz (2002), grade 10, to Maria Smith's caseload, not from the roster: "
                           + "the roster import that brings local ID 2002 merges them.\n")

        let list = try runProcess(binary, ["student", "list", "--db", database, "--counselor", "C1"])
        XCTAssertTrue(list.stdout.contains("Díaz, Marco (walk-in)"), list.stdout)
        XCTAssertFalse(list.stdout.contains("Lopez, Ana (walk-in)"), list.stdout)
        let rows = try XCTUnwrap(try json(try runProcess(binary, ["student", "list", "--db", database, "--json"])) as? [[String: Any]])
        XCTAssertEqual(rows.first { $0["localId"] as? String == "2002" }?["fromRoster"] as? Bool, false)
        XCTAssertEqual(rows.first { $0["localId"] as? String == "1001" }?["fromRoster"] as? Bool, true)
        let csv = try runProcess(binary, ["student", "list", "--db", database, "--csv"]).stdout
        XCTAssertTrue(csv.contains("2002,,Díaz,Marco,,10,Lakeside High,no\r\n"), csv)

        let shown = try runProcess(binary, ["student", "show", "2002", "--db", database, "--as", "C1"])
        XCTAssertTrue(shown.stdout.contains("Roster ID                   none: not from the roster (added by hand)\n"), shown.stdout)
        XCTAssertTrue(shown.stdout.contains("Added by hand               Maria Smith, "), shown.stdout)
        XCTAssertTrue(shown.stdout.contains("Birth date                  2010-02-14\n"), shown.stdout)
        let detail = try XCTUnwrap(try json(try runProcess(binary, ["student", "show", "2002", "--db", database, "--json", "--as", "C1"]))
            as? [String: Any])
        XCTAssertEqual(detail["fromRoster"] as? Bool, false)
        XCTAssertEqual(detail["counselors"] as? [String], ["Maria Smith"])

        // Without a local ID, a placeholder the roster cannot match, and the sentence says so.
        let placeholder = try runProcess(binary, ["student", "add", "--db", database, "--as", "C1", "--given-name", "Lena",
                                                  "--family-name", "Berg", "--grade", "K", "--json"])
        XCTAssertEqual(placeholder.status, 0, placeholder.stderr)
        let lena = try XCTUnwrap(try json(placeholder) as? [String: Any])
        XCTAssertEqual(lena["localId"] as? String, "walk-in-1")
        XCTAssertEqual(lena["fromRoster"] as? Bool, false)
    }

    func testBadInputIsOneSentenceAndAddsNothing() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = try rosterDatabase(scratch, binary)
        let base = ["student", "add", "--db", database, "--as", "C1", "--given-name", "Marco", "--family-name", "Díaz"]
        let cases: [([String], String)] = [
            (["--grade", "ninth"], "Error: --grade: expected a grade: PK, K or 1 to 13; nothing was added\n"),
            (["--grade", "9", "--birth-date", "14/02/2010"],
             "Error: --birth-date: expected a date as YYYY-MM-DD, e.g. 2011-04-30; nothing was added\n"),
            (["--grade", "9", "--school", "Hogwarts"], "Error: --school Hogwarts: no such school; expected one of: Lakeside High; nothing was added\n"),
            (["--grade", "9", "--local-id", "1001"],
             "Error: Local ID 1001 already belongs to Ana Lopez: open that student instead, or check the ID; nothing was added.\n"),
            (["--grade", "9", "--local-id", "walk-in-7"],
             "Error: --local-id: expected the school's own ID (\"walk-in-…\" is kept for students without one); nothing was added\n"),
        ]
        for (options, message) in cases {
            let result = try runProcess(binary, base + options)
            XCTAssertEqual(result.status, 1, "\(options)")
            XCTAssertEqual(result.stderr, message, "\(options)")
        }
        let rows = try XCTUnwrap(try json(try runProcess(binary, ["student", "list", "--db", database, "--json"])) as? [[String: Any]])
        XCTAssertEqual(rows.count, 1)
    }

    /// A real sample (catalyst's minimal set) with Mary Jones left out, then the whole file:
    /// her local ID is her sourcedId (the file gives no identifier), and she is merged.
    func testARealRosterMergesTheStudentAddedByHand() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/data/oneroster/catalyst-Test_minimal_data_set")
        guard FileManager.default.fileExists(atPath: sample.path) else { throw XCTSkip("\(sample.path) is absent") }
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        let full = scratch.path("full"), without = scratch.path("without")
        for folder in [full, without] {
            try FileManager.default.copyItem(atPath: sample.path, toPath: folder)
        }
        // A counselor to add her (the sample has teachers only), in both copies alike.
        let users = try String(contentsOfFile: "\(full)/users.csv", encoding: .utf8)
        let school = "org-sch-222-456"
        // The sample's lines end in CRLF, one Character in Swift: split on any line break.
        let lines = users.split(whereSeparator: \.isNewline)
        let columns = lines[0].split(separator: ",", omittingEmptySubsequences: false).count
        var counselor = Array(repeating: "", count: columns)
        (counselor[0], counselor[3], counselor[4], counselor[5], counselor[6], counselor[8], counselor[9]) =
            ("usr-c1", "TRUE", school, "counselor", "dana", "Dana", "Whitfield")
        let withCounselor = lines.map(String.init) + [counselor.joined(separator: ",")]
        try (withCounselor.joined(separator: "\n") + "\n").write(toFile: "\(full)/users.csv", atomically: true, encoding: .utf8)
        try (withCounselor.filter { !$0.hasPrefix("usr-222-66778899,") }.joined(separator: "\n") + "\n")
            .write(toFile: "\(without)/users.csv", atomically: true, encoding: .utf8)

        let first = try runProcess(binary, ["import", "oneroster", without, "--db", database])
        XCTAssertEqual(first.status, 0, first.stderr)
        let added = try runProcess(binary, ["student", "add", "--db", database, "--as", "usr-c1", "--given-name", "Mary",
                                            "--family-name", "Jones", "--grade", "9", "--local-id", "usr-222-66778899"])
        XCTAssertEqual(added.status, 0, added.stderr)
        let session = try runProcess(binary, ["session", "add", "usr-222-66778899", "--db", database, "--as", "usr-c1",
                                              "--kind", "academic", "--note", "New student; met her mother.",
                                              "--follow-up", "2030-01-15:Meet her mother again"])
        XCTAssertEqual(session.status, 0, session.stderr)

        let merged = try runProcess(binary, ["import", "oneroster", full, "--db", database])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertTrue(merged.stdout.contains("students added by hand: 1 merged"), merged.stdout)
        let shown = try XCTUnwrap(try json(try runProcess(binary, ["student", "show", "usr-222-66778899", "--db", database,
                                                                   "--json", "--as", "usr-c1"])) as? [String: Any])
        XCTAssertEqual(shown["sourcedId"] as? String, "usr-222-66778899")
        XCTAssertEqual(shown["fromRoster"] as? Bool, true)
        let sessions = try runProcess(binary, ["session", "list", "usr-222-66778899", "--db", database, "--json", "--as", "usr-c1"])
        XCTAssertTrue(sessions.stdout.contains("New student; met her mother."), sessions.stdout + sessions.stderr)
        let followUps = try runProcess(binary, ["followup", "list", "--db", database, "--as", "usr-c1"])
        XCTAssertTrue(followUps.stdout.contains("Meet her mother again"), followUps.stdout + followUps.stderr)
    }
}
