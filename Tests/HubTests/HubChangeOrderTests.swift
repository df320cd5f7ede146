import HubTestSupport
import Foundation
@testable import WaypointHub
import XCTest

/// The change log's seq order is commit order: a pull `WHERE seq > checkpoint` never skips a
/// change that committed late. Two writers whose transactions interleave, and a reader.
final class HubChangeOrderTests: XCTestCase {
    private var hub: TestHub!

    override func setUp() async throws {
        hub = try await HubCluster.shared().makeDatabase().initialized()
    }

    override func tearDown() async throws {
        try await hub?.drop()
    }

    private func committedSeqs(_ reader: HubConnection) async throws -> [String] {
        try await reader.strings("SELECT seq || ' ' || row_key FROM waypoint.change_log WHERE table_name = 'school' ORDER BY seq")
    }

    func testASecondWriterDrawsItsSeqOnlyAfterTheFirstCommits() async throws {
        let first = try await hub.connect()
        let second = try await hub.connect()
        let reader = try await hub.connect()
        let secondPid = try await second.int("SELECT pg_backend_pid()")

        try await first.exec("BEGIN")
        try await first.exec("INSERT INTO waypoint.school (sourced_id, name) VALUES ('T1', 'First')")
        try await second.exec("BEGIN")
        let secondWrite = Task { try await second.exec("INSERT INTO waypoint.school (sourced_id, name) VALUES ('T2', 'Second')") }

        // The second writer waits on the change log's lock, not past it.
        try await waitUntil("the second writer waits for the lock") {
            try await reader.strings("SELECT coalesce(wait_event_type, '') FROM pg_stat_activity WHERE pid = \(secondPid)") == ["Lock"]
        }
        let value1 = try await committedSeqs(reader)
        XCTAssertEqual(value1, [], "nothing is committed yet")

        try await first.exec("COMMIT")
        try await secondWrite.value
        let afterFirst = try await committedSeqs(reader)
        XCTAssertEqual(afterFirst.count, 1)
        XCTAssertTrue(afterFirst[0].hasSuffix(" T1"), "\(afterFirst)")

        try await second.exec("COMMIT")
        let both = try await committedSeqs(reader)
        XCTAssertEqual(both.map { $0.split(separator: " ")[1] }, ["T1", "T2"], "seq order is commit order")
        let seqs = both.compactMap { Int($0.split(separator: " ")[0]) }
        XCTAssertEqual(seqs[1], seqs[0] + 1, "no gap a reader could have stepped over")
        for connection in [first, second, reader] { await connection.close() }
    }

    func testAWriterThatBeganFirstButWritesLastGetsTheLaterSeq() async throws {
        let early = try await hub.connect()
        let late = try await hub.connect()
        let reader = try await hub.connect()
        try await early.exec("BEGIN")
        _ = try await early.int("SELECT count(*) FROM waypoint.school")
        try await late.exec("BEGIN")
        try await late.exec("INSERT INTO waypoint.school (sourced_id, name) VALUES ('L', 'Late starter')")
        try await late.exec("COMMIT")
        let checkpoint = try await reader.int("SELECT max(seq) FROM waypoint.change_log")
        try await early.exec("INSERT INTO waypoint.school (sourced_id, name) VALUES ('E', 'Early starter')")
        try await early.exec("COMMIT")
        let value2 = try await reader.strings("SELECT row_key FROM waypoint.change_log WHERE seq > \(checkpoint)")
        XCTAssertEqual(value2, ["E"],
                       "a pull from the checkpoint finds the early transaction's change")
        for connection in [early, late, reader] { await connection.close() }
    }

    /// Polls for a state with a deadline: a wait that looks for what it needs, not a pause.
    private func waitUntil(_ what: String, deadline seconds: Double = 30,
                           _ condition: () async throws -> Bool) async throws {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        XCTFail("timed out waiting until \(what)")
        throw HubTestFailure("timed out waiting until \(what)")
    }
}
