import Foundation
import GRDB
import XCTest

/// Issue 12, item 4: imports commit in chunks; the real binary killed (SIGKILL, through
/// `WAYPOINT_TEST_KILL_AT`) between two of them leaves a database that `doctor` reports and
/// `doctor --fix` or the next import finishes: complete, nothing duplicated, idempotent.
final class ImportKillTests: XCTestCase {
    private let killed: Int32 = 128 + SIGKILL

    func testARosterAndAnABCImportKilledBetweenChunksAreFinishedLaterWithNothingTwice() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let bundle = scratch.path("roster"), db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--oneroster", bundle, "--students", "120"]).status, 0)
        func run(_ arguments: [String], killAt point: String? = nil) throws -> ProcessResult {
            var environment = ["WAYPOINT_TEST_CHUNK_ROWS": "40"]
            environment["WAYPOINT_TEST_KILL_AT"] = point
            return try runProcess(binary, arguments + ["--db", db], environment: environment)
        }

        let stopped = try run(["import", "oneroster", bundle], killAt: "oneroster-chunk-committed")
        XCTAssertEqual(stopped.status, killed, stopped.stderr)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM student"), 39, "the first chunk: the schools and 39 students")
        let doctor = try run(["doctor"])
        XCTAssertTrue(doctor.stdout.contains("WARNING  The OneRoster import of \(bundle)"), doctor.stdout)
        XCTAssertTrue(doctor.stdout.contains("stopped after 40 of"), doctor.stdout)
        let fixed = try run(["doctor", "--fix"])
        XCTAssertTrue(fixed.stdout.contains("FIXED    Finished the OneRoster import of \(bundle) that had stopped part-way."),
                      fixed.stdout)
        XCTAssertTrue(fixed.stdout.contains("OK       no import stopped part-way"), fixed.stdout)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM student"), 120)
        let caseloads = try count(db, "SELECT count(*) FROM caseload")
        XCTAssertEqual(caseloads, 120)
        let again = try run(["import", "oneroster", bundle])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("total: 0 added, 0 updated, 0 deactivated"), again.stdout)

        let attendance = URL(fileURLWithPath: bundle).appendingPathComponent("abc-attendance.csv").path
        let rows = try String(contentsOfFile: attendance, encoding: .utf8).split(whereSeparator: \.isNewline).count - 1
        XCTAssertGreaterThan(rows, 80, "more than two chunks")
        let cut = try run(["import", "abc", attendance], killAt: "abc-applying-chunk-committed")
        XCTAssertEqual(cut.status, killed, cut.stderr)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM abc_attendance"), 40)
        let rerun = try run(["import", "abc", attendance])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(rerun.stdout.contains("Finished the ABC import of \(attendance) that had stopped part-way."), rerun.stdout)
        XCTAssertTrue(rerun.stdout.contains("attendance: 0 added, 0 updated, \(rows) unchanged"), rerun.stdout)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM abc_attendance"), rows)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM (SELECT DISTINCT studentId, term FROM abc_attendance)"), rows)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM import_batch WHERE state <> 'done'"), 0)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM import_abc_attendance"), 0)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM audit_event WHERE action IN ('importedRoster', 'importedABC')"), 4,
                       "one row per import, finished or not")
    }

    private func count(_ path: String, _ sql: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: sql) ?? 0 }
    }
}
