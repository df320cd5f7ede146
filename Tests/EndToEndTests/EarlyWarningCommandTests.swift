import Foundation
import XCTest

/// The early-warning tier from the command line: `student show` and `export caseload` say
/// what the profile and the caseload's Tier column say, and "no data" is never tier 1.
final class EarlyWarningCommandTests: XCTestCase {
    func testShowAndExportGiveTheProfilesTierAndReasons() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "200"]).status, 0)

        let csv = try runProcess(binary, ["export", "caseload", "--db", db])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.split(separator: "\r\n").map(String.init)
        XCTAssertTrue(lines.first?.hasSuffix(",lastContact,tier,tierReasons") == true, lines.first ?? "")

        let export = try runProcess(binary, ["export", "caseload", "--db", db, "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 200)
        XCTAssertTrue(rows.allSatisfy { ($0["tier"] as? Int).map { (1...3).contains($0) } == true }, "the demo gives every student ABCs")
        let atRisk = try XCTUnwrap(rows.first { $0["tier"] as? Int == 3 }, "the demo has tier 3 students")
        let id = try XCTUnwrap(atRisk["localId"] as? String)
        let reasons = try XCTUnwrap(atRisk["tierReasons"] as? [String])
        XCTAssertFalse(reasons.isEmpty)
        let csvRow = try XCTUnwrap(lines.first { $0.hasPrefix("\(id),") })
        XCTAssertTrue(csvRow.contains(",3,"), csvRow)

        let json = try runProcess(binary, ["student", "show", id, "--db", db, "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let detail = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(detail["tier"] as? Int, 3)
        XCTAssertEqual(detail["tierReasons"] as? [String], reasons, "the same reasons as the export")
        let term = try XCTUnwrap(detail["tierTerm"] as? String)
        XCTAssertTrue((detail["abcs"] as? String)?.hasPrefix("ABCs \(term): attendance ") == true, "\(detail)")

        let text = try runProcess(binary, ["student", "show", id, "--db", db])
        XCTAssertTrue(text.stdout.contains("\nABCs \(term): attendance "), text.stdout)
        XCTAssertTrue(text.stdout.contains("\nTier 3: " + reasons.joined(separator: "; ") + "\n"), text.stdout)
    }

    func testAStudentWithoutABCDataHasNoTierAndSaysSo() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        let roster = scratch.path("roster")
        try RosterFixture.write(to: roster, usersCSV: "sourcedId,enabledUser,orgSourcedIds,role,username,givenName,familyName,identifier,grades\n"
            + "U1,true,S1,student,ana,Ana,Lopez,1001,09\nC1,true,S1,counselor,msmith,Maria,Smith,,\n")
        XCTAssertEqual(try runProcess(binary, ["import", "oneroster", roster, "--db", db]).status, 0)

        let text = try runProcess(binary, ["student", "show", "1001", "--db", db])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("\nABCs: no attendance, behavior or grade data yet\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("\nNo tier: no attendance, behavior or grade data\n"), text.stdout)
        XCTAssertFalse(text.stdout.contains("Tier 1"), text.stdout)

        let json = try runProcess(binary, ["student", "show", "1001", "--db", db, "--json"])
        let detail = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertNil(detail["tier"], "no data is no tier, never 1")
        XCTAssertEqual(detail["tierReasons"] as? [String], ["no attendance, behavior or grade data"])

        let csv = try runProcess(binary, ["export", "caseload", "--db", db])
        let row = try XCTUnwrap(csv.stdout.split(separator: "\r\n").map(String.init).first { $0.hasPrefix("1001,") })
        XCTAssertTrue(row.hasSuffix(",,no attendance, behavior or grade data") || row.hasSuffix(",,\"no attendance, behavior or grade data\""), row)
    }
}
