import Foundation
import GRDB
import PropertyBased
import SyncTestSupport
import Testing
@testable import WaypointCore
@testable import WaypointStore
@testable import WaypointSync
import WaypointSyncTesting

/// Three workstations and a hub (its rules in memory), as a property: for any plan of work
/// `RandomWork` draws (sessions, some confidential, amendments with follow-ups, milestone
/// moves, planned courses added, moved and removed, goals, follow-ups and closings, caseload
/// moves at the hub) done while some are offline, synced in any order, after everyone syncs
/// twice: each workstation holds exactly what the hub holds for every student it may see
/// (confidential records: their author's only, sealed at the hub), holds nothing of students
/// who moved away, every note and follow-up written anywhere is at the hub or kept among that
/// workstation's refused changes, and every change the hub refused is still listed there.
///
/// On failure the library prints the plan and its seed; `WAYPOINT_SYNC_SEED=<seed> swift
/// test --filter SyncConvergenceTests` replays that one plan.
@Suite struct SyncConvergenceTests {
    @Test func randomOfflineWorkConvergesAndLosesNothing() async throws {
        try await ConvergenceProperty.check(count: 12, environment: "WAYPOINT_SYNC_SEED",
                                            plans: RandomWork.plans(stations: 3, steps: 20...60)) { plan in
            try await run(plan)
        }
    }

    private func run(_ plan: WorkPlan) async throws {
        let district = try SyncFixture.make(students: 12, counselors: 3, seed: UInt64(plan.steps.count + 1))
        let stations = try (0..<3).map { try district.workstation($0) }
        // Two students everyone covers, so edits meet.
        let shared = Array(district.caseloads[stations[0].sourcedId]!.prefix(2))
        for station in stations.dropFirst() {
            for student in shared { await district.hub.share(student, with: station.sourcedId) }
        }
        var scope: [Int: [String]] = [:]
        for (index, station) in stations.enumerated() {
            scope[index] = Array(Set(district.caseloads[station.sourcedId]! + shared)).sorted()
            try await SyncSealer.prepare(database: station.database, hub: station.link, passphrase: "passphrase of station \(index)",
                                         cost: .forTesting)
        }
        var written: [Written] = []
        var movedAway: [(station: Int, student: String)] = []
        var refusals = 0
        func sync(_ station: Workstation) async throws {
            do {
                refusals += try await station.sync().refused
            } catch is HubUnreachable {
                // Offline: the work waits in the outbox.
            }
        }

        for (number, step) in plan.steps.enumerated() {
            let station = stations[step.station]
            // Every student of this counselor may have moved away.
            guard let students = scope[step.station], !students.isEmpty else { continue }
            let student = students[step.student % students.count]
            switch step.kind {
            case .offline:
                station.link.reachable.toggle()
            case .sync:
                try await sync(station)
            case .caseloadMove:
                // At the hub, to another counselor; the students everyone covers stay.
                let movable = students.filter { !shared.contains($0) }
                guard !movable.isEmpty else { break }
                let moving = movable[step.detail % movable.count]
                let to = (step.station + 1 + step.detail % 2) % 3
                await district.hub.move(moving, from: station.sourcedId, to: stations[to].sourcedId)
                scope[step.station]!.removeAll { $0 == moving }
                scope[to] = (scope[to]! + [moving]).sorted()
                movedAway.append((step.station, moving))
            default:
                written += try RandomWork.perform(step, on: station.database, by: station.counselorId,
                                                  studentId: try station.studentId(student), label: "step \(number)")
            }
        }
        for station in stations { station.link.reachable = true }
        for round in plan.rounds { for index in round { try await sync(stations[index]) } }

        var compared = 0
        for (index, station) in stations.enumerated() {
            #expect(try station.database.pendingChangeCount() == 0, "workstation \(index) still has changes waiting")
            for student in scope[index]! {
                compared += try await expectHolds(station, whatTheHubHoldsFor: student)
            }
        }
        #expect(compared > 0, "the comparison saw records")
        for (index, student) in movedAway where !scope[index]!.contains(student) {
            let sessions = try stations[index].database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM advising_session WHERE studentId = (SELECT id FROM student WHERE sourcedId = ?)",
                                 arguments: [student])
            }
            #expect(sessions == 0, "\(student) moved away from workstation \(index) but is still there")
        }

        // Reported, never lost: each refusal is still listed for its counselor (nobody decided).
        let refused = try stations.flatMap { try $0.database.refusedChanges().map(\.mine) }
        #expect(refused.count == refusals, "the hub refused \(refusals) changes; \(refused.count) are listed")
        let atHub = await district.hub.records.values.flatMap(\.values).map(\.payload)
        let everything = await district.hub.everything()
        let sealedAtHub = await district.hub.records.flatMap { table, records in
            records.map { uid, record in HubChange(seq: 0, table: table, uid: uid, op: .insert, version: record.version, payload: record.payload) }
        }
        for item in written {
            let kept = refused.contains { $0.contains(item.text) }
            if item.isConfidential {
                #expect(!everything.contains(item.text), "\"\(item.text)\" reached the hub in clear")
                let station = stations[item.station]
                let here = try station.database.read { db in
                    try Bool.fetchOne(db, sql: """
                        SELECT EXISTS (SELECT 1 FROM session_note WHERE text = ?) OR EXISTS (SELECT 1 FROM follow_up WHERE text = ?)
                        """, arguments: [item.text, item.text]) ?? false
                }
                // A student who moved away leaves the author's workstation; the hub keeps it sealed.
                let open = try #require(try Sealer(database: station.database)).open
                let sealed = sealedAtHub.contains { open($0)?.payload.contains(item.text) == true }
                #expect(here || sealed || kept, "\"\(item.text)\" was lost")
            } else {
                #expect(atHub.contains { $0.contains(item.text) } || kept, "\"\(item.text)\" never reached the hub and was not kept")
            }
        }
    }

    /// The workstation's rows of `student` in every synced table (but the audit trail, which
    /// goes up only) are exactly the hub's records, value for value.
    @discardableResult
    private func expectHolds(_ station: Workstation, whatTheHubHoldsFor student: String) async throws -> Int {
        var compared = 0
        let hubRecords = await station.link.hub.records
        let open = try Sealer(database: station.database)?.open
        for table in SyncTable.all where table.name != "audit_event" {
            // What this counselor may see: another author's confidential records never come.
            let theirs = (hubRecords[table.name] ?? [:])
                .filter { $0.value.student == student && ($0.value.privateTo ?? station.sourcedId) == station.sourcedId }
            let mine = try station.database.read { db in
                try SyncRows.payloads(db, table: table.name, student: student).compactMapValues { SyncPayload($0)?.values }
            }
            compared += mine.count
            #expect(Set(mine.keys) == Set(theirs.keys), "\(table.name) rows of \(student) on \(station.sourcedId)")
            // A sealed record is compared by what it holds, opened with its author's key.
            for (uid, record) in theirs {
                let payload = record.sealed
                    ? open?(HubChange(seq: 0, table: table.name, uid: uid, op: .update, version: record.version, payload: record.payload))?.payload
                    : record.payload
                #expect(mine[uid] == SyncPayload(payload)?.values, "\(table.name) \(uid) on \(station.sourcedId)")
            }
        }
        return compared
    }
}
