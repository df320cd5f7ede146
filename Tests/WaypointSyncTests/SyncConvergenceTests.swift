import Foundation
import GRDB
import SyncTestSupport
@testable import WaypointCore
@testable import WaypointStore
import XCTest
@testable import WaypointSync

/// Three workstations and a hub (its rules in memory): random sessions, milestone moves,
/// follow-ups and closings while some are offline, random sync orders; after everyone syncs
/// twice, each workstation holds exactly what the hub holds for every student it may see,
/// and every session written anywhere is at the hub. The seed is printed; set
/// WAYPOINT_SYNC_SEED to replay one.
final class SyncConvergenceTests: XCTestCase {
    func testRandomOfflineWorkConvergesAndLosesNothing() async throws {
        let seeds: [UInt64] = ProcessInfo.processInfo.environment["WAYPOINT_SYNC_SEED"].flatMap(UInt64.init).map { [$0] }
            ?? (0..<6).map { _ in UInt64.random(in: 1...UInt64(UInt32.max)) }
        for seed in seeds {
            print("SyncConvergenceTests seed \(seed) (replay: WAYPOINT_SYNC_SEED=\(seed) swift test --filter SyncConvergenceTests)")
            try await run(seed: seed)
        }
    }

    private func run(seed: UInt64) async throws {
        var random = SplitMix64(seed: seed)
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let district = try SyncFixture.make(students: 12, counselors: 3, seed: seed % 1000 + 1)
        let stations = try (0..<3).map { try district.workstation($0) }
        // Two students everyone covers, so edits meet.
        let shared = Array(district.caseloads[stations[0].sourcedId]!.prefix(2))
        for station in stations.dropFirst() {
            for student in shared { await district.hub.share(student, with: station.sourcedId) }
        }
        var scope: [Int: [String]] = [:]
        for (index, station) in stations.enumerated() {
            scope[index] = Array(Set(district.caseloads[station.sourcedId]! + shared)).sorted()
        }
        var notes: [String] = []

        for step in 0..<60 {
            let index = pick(3)
            let station = stations[index]
            let student = scope[index]![pick(scope[index]!.count)]
            let local = try station.studentId(student)
            let kind = pick(RandomWork.kinds + 2)
            switch kind {
            case ..<RandomWork.kinds:
                let label = "seed \(seed) step \(step)"
                if let note = try RandomWork.perform(kind, on: station.database, by: station.counselorId, studentId: local,
                                                     label: label, pick: pick) {
                    notes.append(note)
                }
            case RandomWork.kinds:
                station.link.reachable.toggle()
            default:
                do {
                    try await station.sync()
                } catch is ModelHubLink.Unreachable {
                    // Offline: the work waits in the outbox.
                }
            }
        }
        for station in stations { station.link.reachable = true }
        for _ in 0..<2 { for station in stations { try await station.sync() } }

        for (index, station) in stations.enumerated() {
            XCTAssertEqual(try station.database.pendingChangeCount(), 0, "seed \(seed): workstation \(index) still has changes waiting")
            for student in scope[index]! {
                try await assertHolds(station, whatTheHubHoldsFor: student, seed: seed)
            }
        }
        let atHub = await district.hub.records["session_note"]?.values.map(\.payload) ?? []
        for note in notes {
            XCTAssertTrue(atHub.contains { $0.contains(note) }, "seed \(seed): \"\(note)\" never reached the hub")
        }
    }

    /// The workstation's rows of `student` in every synced table (but the audit trail, which
    /// goes up only) are exactly the hub's records, value for value.
    private func assertHolds(_ station: Workstation, whatTheHubHoldsFor student: String, seed: UInt64) async throws {
        let hubRecords = await district(station).records
        for table in SyncTable.all where table.name != "audit_event" {
            let theirs = (hubRecords[table.name] ?? [:]).filter { $0.value.student == student }
            let mine = try station.database.read { db in try SyncRows.payloads(db, table: table.name, student: student).compactMapValues { SyncPayload($0)?.values } }
            XCTAssertEqual(Set(mine.keys), Set(theirs.keys), "seed \(seed): \(table.name) rows of \(student) on \(station.sourcedId)")
            for (uid, record) in theirs {
                XCTAssertEqual(mine[uid], SyncPayload(record.payload)?.values,
                               "seed \(seed): \(table.name) \(uid) on \(station.sourcedId)")
            }
        }
    }

    private func district(_ station: Workstation) -> ModelHub { station.link.hub }
}
