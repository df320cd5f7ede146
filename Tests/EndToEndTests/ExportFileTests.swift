import Foundation
import XCTest

/// `--output FILE` for exports and plans: a new owner-only file, never over an existing one,
/// and the audit trail names files (exports, backups, restores) by their absolute path.
final class ExportFileTests: XCTestCase {
    /// Runs waypoint in `folder`, so that relative paths are relative to it.
    private func run(in folder: String, _ binary: URL, _ arguments: [String]) throws -> ProcessResult {
        try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", #"cd "$0" && shift && exec "$@""#, folder, "-", binary.path]
            + arguments)
    }

    private func newestAuditRow(_ binary: URL, _ db: String) throws -> [String: Any] {
        let result = try runProcess(binary, ["audit", "--db", db, "--json", "--limit", "1"])
        return try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])?.first)
    }

    func testExportsGoToNewOwnerOnlyFilesNamedInTheTrail() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let folder = scratch.url.path
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20"]).status, 0)
        let saved = umask(0)
        defer { umask(saved) }

        let caseload = try run(in: folder, binary, ["export", "caseload", "--db", "w.sqlite", "--output", "caseload.csv"])
        XCTAssertEqual(caseload.status, 0, caseload.stderr)
        XCTAssertEqual(caseload.stdout, "", "the records go to the file only")
        XCTAssertEqual(try mode(scratch.path("caseload.csv")), 0o600, "not 0666 under umask 0")
        let written = try String(contentsOfFile: scratch.path("caseload.csv"), encoding: .utf8)
        XCTAssertTrue(written.hasPrefix("localId,familyName,"), written)
        var row = try newestAuditRow(binary, db)
        XCTAssertEqual(row["action"] as? String, "exported")
        XCTAssertEqual(row["detail"] as? String, "20 students, csv to \(scratch.path("caseload.csv"))")

        let sessions = try runProcess(binary, ["export", "sessions", "--db", db, "--since", "2000-01-01", "--json",
                                               "--output", scratch.path("sessions.json")])
        XCTAssertEqual(sessions.status, 0, sessions.stderr)
        XCTAssertEqual(try mode(scratch.path("sessions.json")), 0o600)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path("sessions.json")))))

        // An existing file is refused, unchanged, with no row: exports, plans and backups alike.
        let rows = try runProcess(binary, ["audit", "--db", db, "--json"]).stdout
        let id = try firstLocalId(binary, db)
        for arguments in [["export", "sessions", "--since", "2000-01-01", "--output", "caseload.csv"],
                          ["export", "caseload", "--json", "--output", "caseload.csv"],
                          ["plan", "show", id, "--format", "html", "--output", "caseload.csv"],
                          ["backup", "caseload.csv"]] {
            let refused = try run(in: folder, binary, arguments + ["--db", "w.sqlite"])
            XCTAssertEqual(refused.status, 1, "\(arguments)")
            XCTAssertEqual(refused.stderr, "Error: caseload.csv already exists; Waypoint does not overwrite files. Choose a new name.\n",
                           "\(arguments)")
            XCTAssertEqual(try String(contentsOfFile: scratch.path("caseload.csv"), encoding: .utf8), written, "\(arguments)")
        }
        XCTAssertEqual(try runProcess(binary, ["audit", "--db", db, "--json"]).stdout, rows)

        // A backup and a restore given as relative paths are recorded where they are.
        XCTAssertEqual(try run(in: folder, binary, ["backup", "b.sqlite", "--db", "w.sqlite"]).status, 0)
        row = try newestAuditRow(binary, db)
        XCTAssertEqual(row["action"] as? String, "backedUp")
        XCTAssertEqual(row["subject"] as? String, scratch.path("b.sqlite"))
        let restored = try run(in: folder, binary, ["restore", "b.sqlite", "--db", "w.sqlite"])
        XCTAssertEqual(restored.status, 0, restored.stderr)
        row = try newestAuditRow(binary, db)
        XCTAssertEqual(row["action"] as? String, "restored")
        XCTAssertEqual(row["subject"] as? String, scratch.path("b.sqlite"))
    }
}
