import Foundation
import GRDB
import HubTestSupport
import SyncTestSupport
@testable import WaypointCore
@testable import WaypointHub
@testable import WaypointStore
@testable import WaypointSync
import XCTest

/// Two workstations and a PostgreSQL hub (a smaller twin of SyncConvergenceTests, which runs
/// against the rules in memory): random sessions, milestone moves, follow-ups and closings
/// on students both cover, random sync orders; after everyone syncs twice, each workstation
/// holds exactly what the hub holds for every student it may see, and every session
/// written anywhere is at the hub. The seed is printed; WAYPOINT_HUB_SYNC_SEED replays one.
final class HubSyncConvergenceTests: XCTestCase {
    func testRandomOfflineWorkConvergesOverPostgreSQL() async throws {
        let seed = ProcessInfo.processInfo.environment["WAYPOINT_HUB_SYNC_SEED"].flatMap(UInt64.init)
            ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("HubSyncConvergenceTests seed \(seed) (replay: WAYPOINT_HUB_SYNC_SEED=\(seed) swift test --filter HubSyncConvergenceTests)")
        let district = try await HubDistrict.make()
        var stations: [HubWorkstation] = []
        do {
            try await run(seed: seed, district: district, stations: &stations)
        } catch {
            XCTFail("seed \(seed): \(error)")
        }
        for station in stations { await station.close() }
        try await district.drop()
    }

    private func run(seed: UInt64, district: HubDistrict, stations: inout [HubWorkstation]) async throws {
        var random = SplitMix64(seed: seed)
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let (a, b) = (district.roster.a, district.roster.b)
        // U1 and U3 are covered by both, so edits meet.
        try await district.admin { hub in
            _ = try await HubCounselors.share(student: "U1", with: b, by: a, on: hub)
            _ = try await HubCounselors.share(student: "U3", with: a, by: b, on: hub)
        }
        stations = [try await district.workstation(a), try await district.workstation(b)]
        let scope = [["U1", "U2", "U3"], ["U1", "U3", "U4"]]
        var notes: [String] = []

        for step in 0..<40 {
            let index = pick(2)
            let station = stations[index]
            let student = scope[index][pick(3)]
            let local = try station.studentId(student)
            let kind = pick(RandomWork.kinds + 1)
            switch kind {
            case ..<RandomWork.kinds:
                if let note = try RandomWork.perform(kind, on: station.database, by: station.counselorId, studentId: local,
                                                     label: "seed \(seed) step \(step)", pick: pick) {
                    notes.append(note)
                }
            default:
                try await station.sync()
            }
        }
        for _ in 0..<2 { for station in stations { try await station.sync() } }

        let hub = try await district.hub.connect()
        defer { Task { await hub.close() } }
        var compared = 0
        for (index, station) in stations.enumerated() {
            XCTAssertEqual(try station.database.pendingChangeCount(), 0, "seed \(seed): workstation \(index) still has changes waiting")
            for records in try await station.records(of: scope[index], at: hub) {
                compared += records.theirs.count
                XCTAssertEqual(records.mine, records.theirs,
                               "seed \(seed): \(records.table) rows of \(records.student) on \(station.sourcedId)")
            }
        }
        XCTAssertGreaterThan(compared, 0, "seed \(seed): the comparison saw records")
        let atHub = try await hub.strings("SELECT payload ->> 'text' FROM waypoint.synced_record WHERE table_name = 'session_note'")
        for note in notes {
            XCTAssertTrue(atHub.contains(note), "seed \(seed): \"\(note)\" never reached the hub")
        }
    }
}
