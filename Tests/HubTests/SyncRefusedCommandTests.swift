import Foundation
import HubTestSupport
import ProcessKit
import WaypointCore
import WaypointStore
import XCTest

/// `waypoint sync refused` and a confidential record: its content (a confidential session's
/// topics, participants and notes, and its follow-ups) is printed only with its author's
/// passphrase, checked as every command checks it; without it the entry is listed with its
/// content withheld and a sentence saying how to see it. No hub is needed: the refusal is
/// written as a push's answer would write it.
extension HubCommandTests {
    func testARefusedConfidentialChangeIsShownOnlyWithItsAuthorsPassphrase() throws {
        let roster = try HubRoster(tag: token())
        let database = roster.url.appendingPathComponent("workstation.sqlite").path
        XCTAssertEqual(try waypoint(["import", "oneroster", roster.url.path, "--db", database]).status, 0)
        let store = try AppDatabase.open(path: database)
        let author = try XCTUnwrap(try store.allCounselors().first { $0.sourcedId == roster.a })
        try store.joinHub(url: "postgres://wp@127.0.0.1:1/district", counselorId: author.id!)
        let passphraseFile = roster.url.appendingPathComponent("passphrase").path
        try "the author's own words\n".write(toFile: passphraseFile, atomically: true, encoding: .utf8)
        let set = try waypoint(["passphrase", "set", "--db", database, "--as", roster.a, "--passphrase-file", passphraseFile])
        XCTAssertEqual(set.status, 0, set.err)
        let secret = "Marker-Quartz family matter"
        let added = try waypoint(["session", "add", "U1", "--db", database, "--as", roster.a, "--passphrase-file", passphraseFile,
                                  "--kind", "personal", "--note", secret, "--topic", "Quartz topic", "--confidential"])
        XCTAssertEqual(added.status, 0, added.err)
        // The hub refuses the session's note (as a push would record it).
        let note = try XCTUnwrap(try store.pendingChanges().first { $0.tableName == "session_note" })
        try store.settlePush([note], [.refused(.notPermitted, theirs: nil, detail: "not a student of this counselor")], now: Date())

        // No passphrase, and no terminal to ask it on: listed, its content withheld, and how to see it.
        let withheld = try waypoint(["sync", "refused", "--db", database])
        XCTAssertEqual(withheld.status, 0, withheld.err)
        XCTAssertTrue(withheld.out.contains("Session note of Ana Lopez (U1)"), withheld.out)
        XCTAssertTrue(withheld.out.contains("Its content is confidential, shown to its author only: give their passphrase"),
                      withheld.out)
        XCTAssertFalse(withheld.out.contains("Quartz"), withheld.out)
        let json = try waypoint(["sync", "refused", "--db", database, "--json"])
        XCTAssertTrue(json.out.contains("\"withheld\" : true"), json.out)
        XCTAssertFalse(json.out.contains("Quartz"), json.out)

        // A wrong passphrase: refused, nothing shown.
        let wrong = try waypointWithPassphrase(["sync", "refused", "--db", database], "someone guessing")
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.err.contains("wrong passphrase for Maria Smith"), wrong.err)
        XCTAssertFalse(wrong.out.contains("Quartz"), wrong.out)

        // The author's passphrase: theirs and mine in full.
        let shown = try waypoint(["sync", "refused", "--db", database, "--passphrase-file", passphraseFile])
        XCTAssertEqual(shown.status, 0, shown.err)
        XCTAssertTrue(shown.out.contains(secret), shown.out)

        // A decision is made in the author's name: without their passphrase, or with a wrong
        // one, it is refused and the refused change stays.
        let id = try XCTUnwrap(try store.refusedChanges().first?.id)
        let unnamed = try waypoint(["sync", "refused", "take-theirs", String(id), "--db", database])
        XCTAssertNotEqual(unnamed.status, 0)
        XCTAssertTrue(unnamed.err.contains("a passphrase is needed and there is no terminal to ask it on"), unnamed.err)
        let guessed = try waypointWithPassphrase(["sync", "refused", "keep-mine", String(id), "--db", database], "someone guessing")
        XCTAssertNotEqual(guessed.status, 0)
        XCTAssertTrue(guessed.err.contains("wrong passphrase for Maria Smith; nothing was decided"), guessed.err)
        XCTAssertEqual(try store.refusedChanges().map(\.id), [id], "nothing was decided")

        // Deciding writes an audit row, which goes to the hub in clear: the content stays out of it.
        let kept = try waypoint(["sync", "refused", "take-theirs", String(id), "--db", database, "--passphrase-file", passphraseFile])
        XCTAssertEqual(kept.status, 0, kept.err)
        XCTAssertFalse(kept.out.contains("Quartz"), kept.out)
        let audit = try store.auditEvents(AuditQuery()).map(\.detail).filter { $0.contains("refused by the hub") }
        XCTAssertEqual(audit.count, 1)
        XCTAssertFalse(audit.joined().contains("Quartz"), "\(audit)")
    }

    private func waypointWithPassphrase(_ arguments: [String], _ passphrase: String) throws -> (status: Int32, out: String, err: String) {
        let result = try ProcessKit.run(try binary(), arguments,
                                        environment: ["PGPASSFILE": "/nonexistent", "PGPASSWORD": "", "WAYPOINT_PASSPHRASE": passphrase],
                                        timeout: 120)
        return (result.status, String(decoding: result.stdout, as: UTF8.self), String(decoding: result.stderr, as: UTF8.self))
    }
}
