import Foundation
import HubTestSupport
@testable import WaypointHub
@testable import WaypointSync
import XCTest

/// How many statements (round trips) a sync sends, counted on the connection: a push was one
/// per change, and a first pull walked the district's whole change log. Counts, never times.
final class HubSyncRoundTripTests: XCTestCase {
    private var district: HubDistrict!
    private var stations: [HubWorkstation] = []

    override func setUp() async throws {
        district = try await HubDistrict.make()
    }

    override func tearDown() async throws {
        for station in stations { await station.close() }
        try await district?.drop()
    }

    private final class Counted: @unchecked Sendable {
        let lock = NSLock()
        var settled: Int?
    }

    func testAPushBatchIsOneStatementAndAFirstPullFetchesItsStudentsOnce() async throws {
        let onA = try await district.workstation(district.roster.a)
        stations.append(onA)
        for number in 0..<20 { try onA.recordSession(number % 2 == 0 ? "U1" : "U2", note: "Note \(number)") }
        let queued = try onA.database.pendingChangeCount()
        XCTAssertGreaterThanOrEqual(queued, 60, "a session, its topic, its note and an audit row each")

        let connection = onA.link.connection
        let counted = Counted()
        var engine = onA.engine()
        engine.reached = { step in
            if case .settled = step { counted.lock.withLock { counted.settled = connection.statementsSent } }
        }
        let before = connection.statementsSent
        let report = try await engine.sync()
        XCTAssertEqual(report.pushed, queued)
        let pushing = try XCTUnwrap(counted.lock.withLock { counted.settled }) - before
        XCTAssertEqual(pushing, 3, "the schema and protocol check, then the \(queued) changes as one batch")

        // A second workstation of the same counselor starts from checkpoint 0: it reads its
        // scope (U1, U2) and fetches both students in one statement, and never the log's
        // record rows.
        let second = try await district.workstation(district.roster.a)
        stations.append(second)
        let start = second.link.connection.statementsSent
        let first = try await second.sync()
        XCTAssertEqual(first.studentsEntered, 2)
        XCTAssertEqual(first.pulled, 0, "no record change from the log: the fetches bring every record")
        XCTAssertEqual(try second.notes("U1").sorted(), (0..<10).map { "Note \($0 * 2)" }.sorted())
        XCTAssertEqual(try second.notes("U2").count, 10)
        XCTAssertEqual(second.link.connection.statementsSent - start,
                       2 + 4 + 1, "check (2), the first pull in one snapshot (BEGIN, scope, head, COMMIT), one fetch for its scope")
        let idle = try await second.sync()
        XCTAssertEqual(idle.pulled, 0)
        XCTAssertEqual(try second.notes("U2").count, 10)
    }
}
