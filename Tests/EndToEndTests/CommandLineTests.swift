import Foundation
import XCTest

/// The CLI forms: what scripts and district staff run.
final class CommandLineTests: XCTestCase {
    func testDemoThenListAndShow() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("district/waypoint.sqlite")

        let demo = try runProcess(binary, ["demo", "--db", database, "--students", "600", "--counselors", "2"])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        XCTAssertTrue(demo.stdout.contains("600 students, 2 counselors"), demo.stdout)

        let attributes = try FileManager.default.attributesOfItem(atPath: database)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: scratch.path("district"))
        XCTAssertEqual((folder[.posixPermissions] as? NSNumber)?.intValue, 0o700)

        let list = try runProcess(binary, ["student", "list", "--db", database, "--counselor", "1", "--json"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let rows = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        let other = try runProcess(binary, ["student", "list", "--db", database, "--counselor", "2", "--json"])
        let otherRows = try JSONSerialization.jsonObject(with: Data(other.stdout.utf8)) as? [[String: Any]]
        XCTAssertEqual((rows?.count ?? 0) + (otherRows?.count ?? 0), 600, "two counselors split 600 students")
        XCTAssertTrue((240...360).contains(rows?.count ?? 0), "caseloads are split by family name, about evenly")
        let firstId = try XCTUnwrap(rows?.first?["localId"] as? String)

        let grade = try runProcess(binary, ["student", "list", "--db", database, "--grade", "9", "--csv"])
        XCTAssertEqual(grade.status, 0, grade.stderr)
        let lines = grade.stdout.split(separator: "\r\n")
        XCTAssertEqual(lines.first, "localId,sourcedId,familyName,givenName,preferredName,grade,school")
        XCTAssertTrue(lines.dropFirst().allSatisfy { $0.contains(",9,") }, grade.stdout)

        let show = try runProcess(binary, ["student", "show", firstId, "--db", database, "--json"])
        XCTAssertEqual(show.status, 0, show.stderr)
        let detail = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(detail?["localId"] as? String, firstId)

        let text = try runProcess(binary, ["student", "show", firstId, "--db", database])
        XCTAssertTrue(text.stdout.contains("Local ID"), text.stdout)
    }

    func testMistakesAreExplainedOnStandardErrorWithAFailingStatus() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "30"]).status, 0)

        let cases: [([String], String)] = [
            (["student", "show", "NOPE", "--db", database], "no student with ID \"NOPE\""),
            (["student", "list", "--db", database, "--grade", "fifteen"], "--grade must be PK, K or 1 to 13"),
            (["student", "list", "--db", database, "--counselor", "zz"], "no counselor matches \"zz\""),
            (["demo", "--db", database], "already has students"),
            (["demo", "--db", scratch.path("other.sqlite"), "--students", "0"], "--students must be between 1 and 500000"),
            (["student", "list", "--db", database, "--bogus"], "Unknown option '--bogus'"),
            (["--db", database], "needs a terminal"),
        ]
        for (arguments, message) in cases {
            let result = try runProcess(binary, arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments) should fail")
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): expected \(message) in:\n\(result.stderr)")
            XCTAssertTrue(result.stdout.isEmpty, "\(arguments) printed to stdout: \(result.stdout)")
        }
    }

    func testADatabaseInAnUnwritablePlaceIsReportedByPath() throws {
        let binary = try waypointBinary()
        let result = try runProcess(binary, ["student", "list", "--db", "/proc/waypoint/nowhere.sqlite"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("/proc/waypoint/nowhere.sqlite"), result.stderr)
    }

    func testKeysPrintsTheReference() throws {
        let result = try runProcess(try waypointBinary(), ["keys"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("### Caseload"))
    }
}
