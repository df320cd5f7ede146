import Foundation
import GRDB
import XCTest

/// A roster and a note that carry terminal control sequences, bidi overrides, zero-width
/// characters and a 10,000-character name, shown on every screen that draws them: none of
/// it may act on the terminal, and the frame must keep its shape.
final class HostileInputTests: XCTestCase {
    static let osc = "Ttl\u{1B}]0;PWNED-TITLE\u{07}\u{1B}]2;PWNED-TWO\u{1B}\\"
    static let clipboardAndLink = "Clip\u{1B}]52;c;UFdORUQ=\u{07}\u{1B}]8;;http://evil.example/\u{1B}\\Lnk\u{1B}]8;;\u{1B}\\"
    static let csi = "Csi\u{1B}[2J\u{1B}[H\u{1B}[10;10H\u{1B}[41;37mRed\u{1B}[?1049h\u{1B}[?25l"
    static let controls = "Ctl\u{07}\u{08}\u{08}\u{0B}\u{0C}\u{7F}\u{9B}2J\u{9D}0;C1\u{9C}\u{85}"
    static let bidi = "Bidi\u{202E}txet\u{2066}\u{2067}\u{2068}\u{202D}x"
    static let invisible = "Zero\u{200B}\u{2060}\u{FEFF}\u{2028}\u{2029}Width"
    static let long = "Long" + String(repeating: "W", count: 9_996)

    /// A OneRoster 1.2 bundle with one counselor and four students whose names hold all of
    /// it (`hostile`), or plain names in the same places.
    private func writeRoster(to folder: String, hostile: Bool) throws {
        func pick(_ text: String, _ plain: String) -> String { hostile ? text : plain }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let orgs: String = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
            + "S1,active,2025-01-01,\(pick(Self.csi, "Plain")) High,school,,\n"
        var users: String = "sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,identifier,grades\n"
        users += "U1,active,2025-01-01,true,u1,\(pick(Self.osc, "A")),\(pick(Self.clipboardAndLink, "B")),9001,09\n"
        users += "U2,active,2025-01-01,true,u2,\(pick(Self.csi, "C")),\(pick(Self.controls, "D")),9002,10\n"
        users += "U3,active,2025-01-01,true,u3,\(pick(Self.bidi, "E")),\(pick(Self.invisible, "F")),9003,11\n"
        users += "U4,active,2025-01-01,true,u4,Ana,\(pick(Self.long, "G")),9004,12\n"
        users += "C1,active,2025-01-01,true,c1,Maria,Smith\(pick(Self.osc, "")),,\n"
        var roles: String = "sourcedId,status,dateLastModified,userSourcedId,roleType,role,orgSourcedId\n"
        for index in 1...4 { roles += "R\(index),active,2025-01-01,U\(index),primary,student,S1\n" }
        roles += "R9,active,2025-01-01,C1,primary,counselor,S1\n"
        let files: [String: String] = [
            "manifest.csv": "propertyName,value\noneroster.version,1.2\nfile.orgs,bulk\nfile.users,bulk\nfile.roles,bulk\n",
            "orgs.csv": orgs, "users.csv": users, "roles.csv": roles,
        ]
        for (name, text) in files { try text.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8) }
    }

    /// Puts the hostile names into the database, as an older Waypoint's import (or another
    /// tool on the file) could have: an import refuses them since issue 12, and the screen
    /// must stay safe for data already there.
    private func storeHostileNames(in database: String) throws {
        let queue = try DatabaseQueue(path: database)
        try queue.write { db in
            try db.execute(sql: "UPDATE school SET name = ? WHERE sourcedId = 'S1'", arguments: [Self.csi + " High"])
            for (id, given, family) in [("9001", Self.osc, Self.clipboardAndLink), ("9002", Self.csi, Self.controls),
                                        ("9003", Self.bidi, Self.invisible), ("9004", "Ana", Self.long)] {
                try db.execute(sql: "UPDATE student SET givenName = ?, familyName = ? WHERE localId = ?", arguments: [given, family, id])
            }
            try db.execute(sql: "UPDATE counselor SET familyName = ? WHERE sourcedId = 'C1'", arguments: ["Smith" + Self.osc])
        }
    }

    func testControlSequencesInNamesAndNotesNeverReachTheTerminal() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("w.sqlite")
        try writeRoster(to: scratch.path("hostile"), hostile: true)
        let refused = try runProcess(binary, ["import", "oneroster", scratch.path("hostile"), "--db", database])
        XCTAssertNotEqual(refused.status, 0, "an import refuses control characters in names")
        XCTAssertTrue(refused.stderr.contains(#"orgs.csv:2:4: name "Csi\u{1B}[2J"#), refused.stderr)
        XCTAssertNil(Self.foreignEscape(in: refused.stderr + refused.stdout), refused.stderr.debugDescription)
        try writeRoster(to: scratch.path("roster"), hostile: false)
        let imported = try runProcess(binary, ["import", "oneroster", scratch.path("roster"), "--db", database])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        try storeHostileNames(in: database)
        let added = try runProcess(binary, ["session", "add", "9001", "--db", database, "--kind", "personal", "--note", "Plain."])
        XCTAssertEqual(added.status, 0, added.stderr)
        // The command line prints data too: nothing of it may reach a terminal as control.
        XCTAssertNil(Self.foreignEscape(in: added.stdout), added.stdout.debugDescription)
        let listed = try runProcess(binary, ["student", "list", "--db", database])
        XCTAssertNil(Self.foreignEscape(in: listed.stdout), listed.stdout.debugDescription)
        // A note cannot be typed with them either; one stored before is shown safely.
        let note = [Self.osc, Self.clipboardAndLink, Self.csi, Self.controls, Self.bidi, Self.invisible].joined(separator: "\n")
            + "\nEnd of note."
        try note.write(toFile: scratch.path("note.txt"), atomically: true, encoding: .utf8)
        let typed = try runProcess(binary, ["session", "add", "9001", "--db", database, "--kind", "personal",
                                            "--note-file", scratch.path("note.txt")])
        XCTAssertNotEqual(typed.status, 0)
        XCTAssertTrue(typed.stderr.contains("the note: expected text without control characters (found U+001B at character 4)"),
                      typed.stderr)
        try DatabaseQueue(path: database).write { db in
            try db.execute(sql: """
                INSERT INTO session_note (sessionId, version, text, authorId, createdAt)
                SELECT sessionId, 2, ?, authorId, createdAt FROM session_note WHERE version = 1
                """, arguments: [note])
        }

        let tmux = try Tmux(width: 80, height: 24, environment: ["HOME": scratch.url.path])
        try tmux.waitFor("a shell prompt") { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        let title = try tmux.paneTitle()
        try tmux.launchWaypoint(binary, database: database)
        try tmux.waitFor(text: "Caseload of")
        try assertIntact(tmux, title: title, titleRow: "Caseload of", showing: ["Ttl\u{FFFD}]0;PWNED-TITLE", "Csi\u{FFFD}[2J"], footer: "Open")

        try tmux.openProfile(localId: "9001")
        try assertIntact(tmux, title: title, titleRow: "· 9001", showing: ["Ttl\u{FFFD}]0;PWNED-TITLE\u{FFFD}\u{FFFD}]2;PWNED-TWO"], footer: "Plan")
        try tmux.press("Enter")
        try tmux.waitFor(text: "End of note.")
        try assertIntact(tmux, title: title, titleRow: "· 9001", showing: ["Clip\u{FFFD}]52;c;UFdORUQ=\u{FFFD}\u{FFFD}]8;;http://evil.example/",
                                                       "Csi\u{FFFD}[2J\u{FFFD}[H\u{FFFD}[10;10H\u{FFFD}[41;37mRed",
                                                       "Bidi\u{FFFD}txet\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}x",
                                                       "Zero\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}Width",
                                                       "Ctl\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}2J"], footer: nil)
        try tmux.press("Escape")
        try tmux.waitFor("the reader closed") { !$0.contains("End of note.") }
        try tmux.type("q")

        for (id, expected) in [("9002", "Csi\u{FFFD}[2J\u{FFFD}[H\u{FFFD}[10;10H\u{FFFD}[41;37mRed\u{FFFD}[?1049h\u{FFFD}[?25l Ctl"
                                    + String(repeating: "\u{FFFD}", count: 7) + "2J\u{FFFD}0;C1\u{FFFD}\u{FFFD}"),
                               ("9003", "Bidi\u{FFFD}txet\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}x Zero\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}Width"),
                               ("9004", "Ana LongWWWW")] {
            try tmux.waitFor(text: "Caseload of")
            try tmux.press("Escape")
            try tmux.waitFor("the filter cleared") { !$0.contains("Filter:") }
            try tmux.openProfile(localId: id)
            try assertIntact(tmux, title: title, titleRow: "· \(id)", showing: [expected], footer: "Plan")
            try tmux.type("q")
        }
        try tmux.type("q")
        try tmux.waitFor(text: "WAYPOINT-EXIT=0")
        XCTAssertEqual(try tmux.paneTitle(), title)
    }

    /// The screen has its 24 rows of at most 80 columns with the footer last, shows the
    /// neutralized text, holds no escape sequence but the colours tmux reports for its own
    /// cells, rang no bell, and the pane title is what it was.
    /// `titleRow`: text of the screen's title bar, found on the first row when nothing moved
    /// (a long hostile name may leave no room there for the word "Waypoint").
    private func assertIntact(_ tmux: Tmux, title: String, titleRow: String, showing texts: [String], footer: String?,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let screen = try tmux.waitFor("\(texts)", file: file, line: line) { screen in texts.allSatisfy(screen.contains) }
        let rows = screen.components(separatedBy: "\n").dropLast()
        XCTAssertEqual(rows.count, 24, screen, file: file, line: line)
        for row in rows {
            XCTAssertLessThanOrEqual(row.unicodeScalars.count, 80, "a row wider than the window: \(row)", file: file, line: line)
        }
        XCTAssertTrue(rows.first?.contains(titleRow) == true, "the title row moved:\n\(screen)", file: file, line: line)
        if let footer {
            XCTAssertTrue(rows.last?.contains(footer) == true, "the footer is not on the last row:\n\(screen)", file: file, line: line)
        }
        let styled = try tmux.command(["capture-pane", "-e", "-p", "-t", "0"])
        XCTAssertNil(Self.foreignEscape(in: styled), styled.debugDescription, file: file, line: line)
        XCTAssertFalse(styled.contains("PWNED") && !styled.contains("\u{FFFD}]0;PWNED"), file: file, line: line)
        XCTAssertEqual(try tmux.paneTitle(), title, "a name set the window title", file: file, line: line)
        XCTAssertEqual(try tmux.command(["display-message", "-p", "-t", "0", "#{window_bell_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines), "0", "a name rang the bell", file: file, line: line)
    }

    /// The first escape sequence in `text` that is not a colour or attribute (SGR) change,
    /// or a C1 control, if any.
    static func foreignEscape(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let value = scalars[index].value
            if (0x80...0x9F).contains(value) { return "C1 U+\(String(value, radix: 16))" }
            guard value == 0x1B else {
                index += 1
                continue
            }
            var end = index + 1
            guard end < scalars.count, scalars[end] == "[" else {
                return String(String.UnicodeScalarView(scalars[index..<min(index + 8, scalars.count)]))
            }
            end += 1
            while end < scalars.count, "0123456789;:".unicodeScalars.contains(scalars[end]) { end += 1 }
            guard end < scalars.count, scalars[end] == "m" else {
                return String(String.UnicodeScalarView(scalars[index..<min(end + 1, scalars.count)]))
            }
            index = end + 1
        }
        return nil
    }
}

extension Tmux {
    /// The pane's title, which OSC 0 and OSC 2 would set.
    func paneTitle() throws -> String {
        try command(["display-message", "-p", "-t", "0", "#{pane_title}"])
    }
}
