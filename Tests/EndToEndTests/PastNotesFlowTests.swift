import Foundation
import XCTest

/// Issue 15 item 6 from outside: while a note is being typed, the student's earlier notes
/// are opened at 80x24, a word is found in them, and the note is then saved exactly as typed.
final class PastNotesFlowTests: XCTestCase {
    func testFindAWordInPastNotesWhileTypingThenSaveTheNoteIntact() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "30"]).status, 0)
        let localId = try firstLocalId(binary, database)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let yesterday = formatter.string(from: Date().addingTimeInterval(-86_400))
        let earlier = try runProcess(binary, ["session", "add", localId, "--db", database, "--as", "1", "--kind", "academic",
                                              "--minutes", "20", "--at", yesterday,
                                              "--note", "Talked about the marimba audition and the scholarship deadline."])
        XCTAssertEqual(earlier.status, 0, earlier.stderr)

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.openProfile(localId: localId)
        try tmux.type("n")
        try tmux.waitFor("the session editor, its footer offering the past notes") { screen in
            screen.contains("New session") && screen.contains("Past notes")
        }
        try tmux.type("Plan: follow up on the ")
        try tmux.waitFor(text: "Plan: follow up on the")

        try tmux.press("C-p")
        try tmux.waitFor("the past notes over the editor, with their find line") { screen in
            screen.contains("Past notes ·") && screen.contains("Find:") && screen.contains("scholarship deadline")
        }
        try tmux.type("marimba")
        try tmux.waitFor("the word found once") { screen in
            screen.contains("Find: marimba") && screen.contains("1 of 1")
        }
        try tmux.press("Escape")
        try tmux.waitFor("the word cleared, the pane still open") { screen in
            screen.contains("Past notes ·") && !screen.contains("Find: marimba")
        }
        try tmux.press("Escape")
        try tmux.waitFor("the editor again, the note as typed") { screen in
            !screen.contains("Past notes ·") && screen.contains("Plan: follow up on the") && screen.contains("New session")
        }
        try tmux.type("audition.")
        try tmux.waitFor(text: "Plan: follow up on the audition.")
        try tmux.press("C-s")
        try tmux.waitFor(text: "Session saved.")
        try tmux.type("q")
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")

        let list = try runProcess(binary, ["session", "list", localId, "--db", database, "--json", "--as", "1"])
        let sessions = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]], list.stderr)
        let notes = sessions.compactMap { $0["note"] as? String }
        XCTAssertTrue(notes.contains("Plan: follow up on the audition."), "saved intact: \(notes)")
        XCTAssertTrue(notes.contains("Talked about the marimba audition and the scholarship deadline."), "the earlier one unchanged")
    }
}
