import Foundation
import GRDB
import HubTestSupport
import ProcessKit
@testable import WaypointCore
@testable import WaypointHub
@testable import WaypointStore
@testable import WaypointSync
import XCTest

/// `kill -9` of a workstation's `waypoint sync` in the middle of a push and of a pull, at
/// several points (docs/SYNC.md, "Failure"): the real binary, its SQLite file, the real hub.
/// Small batches and pages (WAYPOINT_SYNC_PUSH_BATCH, WAYPOINT_SYNC_PULL_PAGE) give many
/// points; the process stops at each one until told to go on, so each kill lands exactly
/// where the test says, however busy the machine.
final class HubSyncKillTests: XCTestCase {
    private var district: HubDistrict!
    private var stations: [HubWorkstation] = []
    private var folder: URL!

    override func setUp() async throws {
        district = try await HubDistrict.make()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("synckill-\(token())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() async throws {
        for station in stations { await station.close() }
        try await district?.drop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A workstation in a file that `waypoint sync` can open.
    private func workstation(_ counselor: String) async throws -> HubWorkstation {
        let station = try await district.workstation(counselor, path: folder.appendingPathComponent("\(counselor).sqlite").path)
        stations.append(station)
        return station
    }

    private func password(_ station: HubWorkstation) throws -> String {
        try XCTUnwrap(district.logins[station.sourcedId]).password
    }

    private func path(_ station: HubWorkstation) -> String { folder.appendingPathComponent("\(station.sourcedId).sqlite").path }

    /// `waypoint sync` stopped at `step` and killed there.
    private func killSync(_ station: HubWorkstation, at step: String, _ environment: [String: String]) throws {
        let sync = try SteppedSync(database: path(station), password: try password(station), environment: environment)
        try sync.stop(at: step)
        let ended = sync.kill()
        XCTAssertEqual(ended.signal, SIGKILL, "killed at \(step), not ended by itself: \(sync.err)")
    }

    /// `waypoint sync --json` run to its end, as the counselor would run it next.
    private func syncToTheEnd(_ station: HubWorkstation, _ environment: [String: String]) throws -> SyncReport {
        var all = environment
        all.merge(["PGPASSFILE": "/nonexistent", "PGPASSWORD": try password(station), "WAYPOINT_HUB_URL": ""]) { $1 }
        let result = try ProcessKit.run(try HubBinary.path(), ["sync", "--db", path(station), "--json"], environment: all, timeout: 120)
        let err = String(decoding: result.stderr, as: UTF8.self)
        XCTAssertEqual(result.status, 0, err)
        return try JSONDecoder().decode(SyncReport.self, from: result.stdout)
    }

    private func hubInt(_ sql: String) async throws -> Int { try await district.admin { try await $0.int(sql) } }

    private func assertSameRecords(_ station: HubWorkstation, _ students: [String], file: StaticString = #filePath,
                                   line: UInt = #line) async throws {
        let hub = try await district.hub.connect()
        let all = try await station.records(of: students, at: hub)
        await hub.close()
        XCTAssertGreaterThan(all.map(\.theirs.count).reduce(0, +), 0, "the comparison saw records", file: file, line: line)
        for records in all {
            XCTAssertEqual(records.mine, records.theirs, "\(records.table) rows of \(records.student) on \(station.sourcedId)",
                           file: file, line: line)
        }
    }

    func testAWorkstationKilledAtSeveralPointsOfAPushResendsAndTheHubKeepsEveryChangeOnce() async throws {
        let onA = try await workstation(district.roster.a)
        for index in 1...12 {
            try onA.recordSession(index.isMultiple(of: 2) ? "U1" : "U2", note: "Pushed through kills \(index)")
        }
        try onA.setMilestone("U1", "fafsa", .inProgress)
        let queued = try onA.database.pendingChangeCount()
        let batch = 4
        XCTAssertGreaterThan(queued, 6 * batch, "enough for several batches")
        let small = ["WAYPOINT_SYNC_PUSH_BATCH": "\(batch)"]
        let applied = "SELECT count(*) FROM waypoint.applied_change WHERE counselor = '\(onA.sourcedId)'"

        // The hub committed batch 2; the workstation never heard its answer.
        try killSync(onA, at: "hub-applied 2", small)
        XCTAssertEqual(try onA.database.pendingChangeCount(), queued - batch, "batch 1 settled; batch 2 still waits here")
        let afterFirst = try await hubInt(applied)
        XCTAssertEqual(afterFirst, 2 * batch)
        // The same batch again: the hub answers it from applied_change and applies nothing.
        try killSync(onA, at: "settled 1", small)
        XCTAssertEqual(try onA.database.pendingChangeCount(), queued - 2 * batch)
        let afterResend = try await hubInt(applied)
        XCTAssertEqual(afterResend, 2 * batch, "the resent batch was not applied twice")
        try killSync(onA, at: "hub-applied 1", small)
        XCTAssertEqual(try onA.database.pendingChangeCount(), queued - 2 * batch)
        try killSync(onA, at: "settled 3", small)
        XCTAssertEqual(try onA.database.pendingChangeCount(), queued - 5 * batch)
        let afterFourth = try await hubInt(applied)
        XCTAssertEqual(afterFourth, 5 * batch)

        let report = try syncToTheEnd(onA, small)
        XCTAssertEqual(report.refused, 0)
        XCTAssertEqual(try onA.database.pendingChangeCount(), 0, "nothing queued was lost or left")
        let total = try await hubInt(applied)
        XCTAssertEqual(total, queued, "every queued change reached the hub exactly once")
        let sessions = try await hubInt("SELECT count(*) FROM waypoint.synced_record WHERE table_name = 'advising_session'")
        XCTAssertEqual(sessions, 12)
        let notes = try await hubInt("""
            SELECT count(DISTINCT payload ->> 'text') FROM waypoint.synced_record
            WHERE table_name = 'session_note' AND payload ->> 'text' LIKE 'Pushed through kills %'
            """)
        XCTAssertEqual(notes, 12, "each note once")
        let versions = try await hubInt("SELECT count(*) FROM waypoint.synced_record WHERE version <> 1 AND table_name <> 'milestone_status'")
        XCTAssertEqual(versions, 0, "no record was written twice")
        try await assertSameRecords(onA, ["U1", "U2"])
    }

    func testAWorkstationKilledAtSeveralPointsOfAPullResumesAtItsCheckpointAndSkipsNothing() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        // B covers A's students, then A writes a lot about them.
        for student in ["U1", "U2"] {
            _ = try await district.admin { try await HubCounselors.share(student: student, with: b, by: a, on: $0) }
        }
        let onA = try await district.workstation(a)
        stations.append(onA)
        // B's first sync comes first: a first pull is one page (its scope, then each student
        // fetched whole), so the pages killed below are those of a later pull, from the log.
        let onB = try await workstation(b)
        try await onB.sync()
        for index in 1...15 {
            try onA.recordSession(index.isMultiple(of: 2) ? "U1" : "U2", note: "Pulled through kills \(index)")
        }
        try onA.setMilestone("U2", "fafsa", .done)
        try await onA.sync()

        let small = ["WAYPOINT_SYNC_PULL_PAGE": "5"]
        var checkpoints: [Int64] = []
        for step in ["page-applied 2", "page-received 1", "page-applied 3", "page-received 2", "page-applied 4"] {
            let before = try onB.database.syncState().checkpoint
            try killSync(onB, at: step, small)
            let checkpoint = try onB.database.syncState().checkpoint
            if step.hasPrefix("page-received 1") {
                XCTAssertEqual(checkpoint, before, "a page received but not kept moves nothing")
            } else {
                XCTAssertGreaterThan(checkpoint, before, "\(step): the pages kept moved the checkpoint")
            }
            try await assertNothingSkipped(onB, upTo: checkpoint, students: ["U1", "U2"])
            checkpoints.append(checkpoint)
        }
        XCTAssertEqual(checkpoints, checkpoints.sorted(), "the checkpoint never went back")

        let report = try syncToTheEnd(onB, small)
        XCTAssertEqual(report.refused, 0)
        let rest = try await onB.link.pull(after: try onB.database.syncState().checkpoint, limit: 1)
        XCTAssertTrue(rest.changes.isEmpty && !rest.hasMore, "nothing left at the hub to pull: \(rest)")
        let sessions = try onB.database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM advising_session
                WHERE studentId IN (SELECT id FROM student WHERE sourcedId IN ('U1', 'U2'))
                """)!
        }
        XCTAssertEqual(sessions, 15)
        try await assertSameRecords(onB, ["U1", "U2"])
    }

    /// Every session of `students` the hub logged at or before `checkpoint` is on the
    /// workstation: a checkpoint kept never passes a change not kept with it.
    private func assertNothingSkipped(_ station: HubWorkstation, upTo checkpoint: Int64, students: [String]) async throws {
        let list = students.map { "'\($0)'" }.joined(separator: ", ")
        let logged = Set(try await district.admin { try await $0.strings("""
            SELECT row_key FROM waypoint.change_log
            WHERE table_name = 'advising_session' AND seq <= \(checkpoint) AND student_sourced_id IN (\(list))
            """) })
        let here = Set(try station.database.read { db in
            try String.fetchAll(db, sql: "SELECT uid FROM sync_key WHERE tableName = 'advising_session'")
        })
        XCTAssertTrue(logged.isSubset(of: here), "at checkpoint \(checkpoint) missing: \(logged.subtracting(here))")
    }
}
