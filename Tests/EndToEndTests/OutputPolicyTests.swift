import Foundation
import XCTest

/// What the commands print of arguments and data: no raw control or invisible character
/// in any format (issue 12, item 8).
final class OutputPolicyTests: XCTestCase {
    private static let raw: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\u{202E}", "\u{200B}", "\u{9B}", "\u{7F}"]

    private func assertNoRawControl(_ result: ProcessResult, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            for scalar in Self.raw where text.unicodeScalars.contains(scalar) {
                XCTFail("\(label): raw U+\(String(scalar.value, radix: 16)) on \(stream): \(text.debugDescription)", file: file, line: line)
            }
        }
    }

    /// Found in the issue: `plan course add` echoed ESC and BEL from its arguments.
    func testPlanCourseAddEchoesNoRawControlAndJSONRoundTrips() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20"]).status, 0)
        let id = try firstLocalId(binary, db)
        let course = ["plan", "course", "add", id, "--db", db, "--year", "10", "--subject", "science", "--title"]

        // A title cannot hold ESC or BEL (`TextField`): refused, and the refusal echoes none.
        let hostile = try runProcess(binary, course + ["Chem\u{1B}]0;PWNED\u{07}\u{1B}[2J"])
        assertNoRawControl(hostile, "a title with ESC and BEL")
        XCTAssertNotEqual(hostile.status, 0)
        XCTAssertTrue(hostile.stderr.contains("--title: expected text without control characters (found U+001B at character 5)"),
                      hostile.stderr)

        let title = "Chem\u{202E}is\u{200B}try"
        let added = try runProcess(binary, course + [title])
        XCTAssertEqual(added.status, 0, added.stderr)
        assertNoRawControl(added, "a title with a bidi override")
        XCTAssertTrue(added.stdout.contains("Chem\u{FFFD}is\u{FFFD}try to grade 10"), added.stdout)

        let shown = try runProcess(binary, ["plan", "show", id, "--db", db, "--format", "json"])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        assertNoRawControl(shown, "plan show --format json")
        XCTAssertTrue(shown.stdout.contains("Chem\\u202eis\\u200btry"), shown.stdout)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let titles = (json["years"] as? [[String: Any]])?.flatMap { $0["courses"] as? [[String: Any]] ?? [] }
            .compactMap { $0["title"] as? String } ?? []
        XCTAssertTrue(titles.contains(title), "parsed back, the JSON gives the stored title exactly: \(titles)")

        for format in ["text", "markdown", "html"] {
            assertNoRawControl(try runProcess(binary, ["plan", "show", id, "--db", db, "--format", format]), format)
        }
        let audit = try runProcess(binary, ["audit", "--db", db, "--json"])
        assertNoRawControl(audit, "audit --json")
        XCTAssertTrue(audit.stdout.contains("\\u202e"), "the trail's subject names the course: \(audit.stdout)")
    }

    /// An argument the parser itself refuses is echoed in its message: sanitized too.
    func testAnArgumentErrorEchoesNoRawControl() throws {
        let binary = try waypointBinary()
        let result = try runProcess(binary, ["student", "list", "--grade", "1\u{1B}[2J\u{07}"])
        XCTAssertNotEqual(result.status, 0)
        assertNoRawControl(result, "a refused --grade")
    }
}
