import Foundation
import XCTest

/// Issue 15, item 1 from outside: a guardian added with the CLI shows on the profile at
/// 80x24, and a phone call with that guardian, the student not present, is logged from
/// the profile and read back with the guardian named.
final class FamilyContactFlowTests: XCTestCase {
    func testLogAPhoneCallWithANamedGuardianWithoutTheStudent() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "30"]).status, 0)
        let localId = try firstLocalId(binary, database)
        let added = try runProcess(binary, ["contact", "add", localId, "--db", database, "--given-name", "Rosa",
                                            "--family-name", "Testguardian", "--relationship", "guardian",
                                            "--phone", "555-0123", "--language", "Spanish"])
        XCTAssertEqual(added.status, 0, added.stderr)
        let contacts = try runProcess(binary, ["contact", "list", localId, "--db", database, "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contacts.stdout.utf8)) as? [[String: Any]])
        let rosaId = try XCTUnwrap(rows.first { $0["name"] as? String == "Rosa Testguardian" }?["id"] as? Int)

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.openProfile(localId: localId)
        try tmux.waitFor(text: "Rosa Testguardian (guardian) 555-0123")

        // f: a phone call, the parent or guardian taking part, the first contact named.
        try tmux.type("f")
        try tmux.waitFor("the call form with its Family row") { screen in
            screen.contains("New session") && screen.contains("‹ Phone call ›") && screen.contains("Family")
        }
        // Name Rosa (listed last) alone: un-name the first contact, move to the last, name her.
        try tmux.press("BTab")
        try tmux.press("BTab")
        try tmux.type(" ")
        for _ in 0..<3 { try tmux.press("Right") }
        try tmux.type(" ")
        try tmux.waitFor(text: "[x] Rosa Testguardian")
        try tmux.press("Tab")
        try tmux.press("Tab")
        let note = "Called Rosa about the schedule change; she will visit Friday."
        try tmux.type(note)
        try tmux.waitFor(text: "she will visit Friday")
        try tmux.press("C-s")
        try tmux.waitFor(text: "Session saved.")
        try tmux.waitFor(text: "Called Rosa about the schedule")
        try tmux.type("q")
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")

        let list = try runProcess(binary, ["session", "list", localId, "--db", database, "--json", "--as", "1"])
        let sessions = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]],
                                     list.stderr)
        let call = try XCTUnwrap(sessions.first { ($0["note"] as? String) == note }, list.stdout)
        XCTAssertEqual(call["kind"] as? String, "phone-call")
        XCTAssertEqual(call["participants"] as? [String], ["parent-guardian"], "the student was not there")
        let shown = try runProcess(binary, ["session", "show", String(try XCTUnwrap(call["id"] as? Int)), "--db", database,
                                            "--json", "--as", "1"])
        let session = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any], shown.stderr)
        XCTAssertEqual(session["contactIds"] as? [Int], [rosaId])
    }

    /// Bad input on the command line: one sentence naming the option, exit status 1, nothing written.
    func testContactCommandsRefuseBadValuesAndWriteNothing() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "10"]).status, 0)
        let localId = try firstLocalId(binary, database)
        let before = try runProcess(binary, ["contact", "list", localId, "--db", database, "--json"]).stdout
        let cases: [([String], String)] = [
            (["--given-name", "Rosa", "--family-name", "López", "--phone", "call me"],
             "Error: --phone: expected a phone number: digits, spaces, + ( ) - . and an extension such as x12; nothing was changed"),
            (["--given-name", "Ro\u{1B}]0;pwned\u{07}sa", "--family-name", "López"],
             "Error: --given-name: expected text without control characters (found U+001B at character 3); nothing was changed"),
            (["--given-name", "Rosa", "--family-name", "López", "--email", String(repeating: "a", count: 300) + "@example.org"],
             "Error: --email: expected at most 255 characters (found 312); nothing was changed"),
            (["--family-name", "López"], "Error: --given-name is required to add a contact"),
        ]
        for (options, message) in cases {
            let result = try runProcess(binary, ["contact", "add", localId, "--db", database] + options)
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertEqual(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines), message)
        }
        let edit = try runProcess(binary, ["contact", "edit", "99999", "--db", database, "--phone", "555-0100"])
        XCTAssertEqual(edit.stderr.trimmingCharacters(in: .whitespacesAndNewlines), "Error: No family contact with id 99999.")
        XCTAssertEqual(try runProcess(binary, ["contact", "list", localId, "--db", database, "--json"]).stdout, before)
    }
}
