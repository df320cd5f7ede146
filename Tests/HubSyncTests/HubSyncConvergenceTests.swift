import Foundation
import GRDB
import HubTestSupport
import PropertyBased
import SyncTestSupport
import Testing
@testable import WaypointCore
@testable import WaypointHub
@testable import WaypointStore
@testable import WaypointSync

/// The convergence property of SyncConvergenceTests over a real PostgreSQL hub: three
/// workstations (counselor A on two machines, B on one), random work from `RandomWork`
/// (sessions, some confidential, amendments with follow-ups, milestone moves, planned
/// courses, goals, follow-ups, caseload moves by the district), some offline, random sync
/// orders; after everyone syncs twice each workstation holds, record for record, what the
/// hub lets its counselor read (sealed records opened with their key), every note and
/// follow-up is at the hub or kept among the refused changes, and every refusal is listed.
/// A few plans only (each is a fresh hub database), and no shrinking, to keep CI time sane.
/// On failure the library prints the plan and its seed; `WAYPOINT_HUB_SYNC_SEED=<seed>`
/// replays it.
@Suite struct HubSyncConvergenceTests {
    @Test(.shrinking(false)) func randomOfflineWorkConvergesOverPostgreSQL() async throws {
        try await ConvergenceProperty.check(count: 3, environment: "WAYPOINT_HUB_SYNC_SEED",
                                            plans: RandomWork.plans(stations: 3, steps: 15...35)) { plan in
            let district = try await HubDistrict.make()
            var stations: [HubWorkstation] = []
            do {
                try await run(plan, district: district, stations: &stations)
            } catch {
                Issue.record("\(error)")
            }
            for station in stations { await station.close() }
            try await district.drop()
        }
    }

    private func run(_ plan: WorkPlan, district: HubDistrict, stations: inout [HubWorkstation]) async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        // U1 and U3 are covered by both, so edits meet; U2 and U4 may move.
        try await district.admin { hub in
            _ = try await HubCounselors.share(student: "U1", with: b, by: a, on: hub)
            _ = try await HubCounselors.share(student: "U3", with: a, by: b, on: hub)
        }
        let counselors = [a, a, b]
        for counselor in counselors { stations.append(try await district.workstation(counselor)) }
        for (index, station) in stations.enumerated() {
            try await SyncSealer.prepare(database: station.database, hub: station.link,
                                         passphrase: "passphrase of \(counselors[index])", cost: .forTesting)
        }
        var scope = [a: ["U1", "U2", "U3"], b: ["U1", "U3", "U4"]]
        let shared: Set = ["U1", "U3"]
        var offline: Set<Int> = []
        var written: [Written] = []
        var refusals = 0
        func sync(_ index: Int) async throws {
            // Offline: the work waits in the outbox.
            guard !offline.contains(index) else { return }
            refusals += try await stations[index].sync().refused
        }

        for (number, step) in plan.steps.enumerated() {
            let station = stations[step.station]
            let students = scope[station.sourcedId]!
            guard !students.isEmpty else { continue }
            let student = students[step.student % students.count]
            switch step.kind {
            case .offline:
                if offline.remove(step.station) == nil { offline.insert(step.station) }
            case .sync:
                try await sync(step.station)
            case .caseloadMove:
                // The district moves one of this counselor's own students to the other.
                guard let moving = students.filter({ !shared.contains($0) }).first else { break }
                let to = station.sourcedId == a ? b : a
                try await district.admin { hub in
                    try await hub.exec("""
                        DELETE FROM waypoint.caseload WHERE counselor_sourced_id = '\(station.sourcedId)' AND student_sourced_id = '\(moving)'
                        """)
                    _ = try await HubCounselors.assign(student: moving, to: to, on: hub)
                }
                scope[station.sourcedId]!.removeAll { $0 == moving }
                scope[to]!.append(moving)
            default:
                written += try RandomWork.perform(step, on: station.database, by: station.counselorId,
                                                  studentId: try station.studentId(student), label: "step \(number)")
            }
        }
        offline = []
        for round in plan.rounds { for index in round { try await sync(index) } }

        var compared = 0
        for (index, station) in stations.enumerated() {
            #expect(try station.database.pendingChangeCount() == 0, "workstation \(index) still has changes waiting")
            for student in scope[station.sourcedId]! {
                let theirs = try await readable(student, by: station)
                let mine = try station.database.read { db in try Self.local(db, student: student) }
                compared += theirs.count
                #expect(mine.keys.sorted() == theirs.keys.sorted(), "records of \(student) on workstation \(index)")
                for (key, record) in theirs {
                    #expect(mine[key] == record, "\(key) on workstation \(index)")
                }
            }
        }
        #expect(compared > 0, "the comparison saw records")

        let refused = try stations.flatMap { try $0.database.refusedChanges().map(\.mine) }
        #expect(refused.count >= refusals, "the hub refused \(refusals) changes; \(refused.count) are listed")
        let admin = try await district.hub.connect()
        let rows = try await admin.query("""
            SELECT table_name, uid, version, payload::text FROM waypoint.synced_record WHERE table_name <> 'audit_event'
            """)
        await admin.close()
        let stored = try rows.map { row in
            let (table, uid, version, payload) = try row.decode((String, String, Int64, String).self)
            return HubChange(seq: 0, table: table, uid: uid, op: .update, version: version, payload: payload)
        }
        let atHub = stored.compactMap(\.payload)
        for item in written {
            let kept = refused.contains { $0.contains(item.text) }
            if item.isConfidential {
                #expect(!atHub.contains { $0.contains(item.text) }, "\"\(item.text)\" reached the hub in clear")
                // Its author's workstations open it (the same counselor's other machine too).
                let author = stations[item.station].sourcedId
                let opened = try await stations.filter { $0.sourcedId == author }.asyncContains { station in
                    try await readable(nil, by: station).values.contains { $0.values.contains(.text(item.text)) }
                }
                // A student who moved to another counselor leaves the author's workstations and
                // their scope at the hub; the hub keeps the note sealed with the author's key
                // (it comes back if the student does), as the model property says.
                let open = try #require(try Sealer(database: stations[item.station].database)).open
                let sealed = stored.contains { open($0)?.payload.contains(item.text) == true }
                #expect(opened || sealed || kept, "\"\(item.text)\" was lost")
            } else {
                #expect(atHub.contains { $0.contains(item.text) } || kept, "\"\(item.text)\" never reached the hub and was not kept")
            }
        }
    }

    /// What the hub lets `station`'s counselor read of `student` (every student when nil),
    /// through their own role (row-level security decides), sealed records opened with the
    /// workstation's key; by "table/uid". The audit trail goes up only, and is left out.
    private func readable(_ student: String?, by station: HubWorkstation) async throws -> [String: [String: SyncPayload.Value]] {
        let open = try Sealer(database: station.database)?.open
        let rows = try await station.link.connection.query("""
            SELECT table_name, uid, version, payload::text FROM waypoint.synced_record
            WHERE table_name <> 'audit_event' AND (\(student)::text IS NULL OR student = \(student))
            """)
        var result: [String: [String: SyncPayload.Value]] = [:]
        for row in rows {
            let (table, uid, version, payload) = try row.decode((String, String, Int64, String).self)
            let change = HubChange(seq: 0, table: table, uid: uid, op: .update, version: version, payload: payload)
            let clear = SyncSealing.isSealedShape(Set(SyncPayload(payload)?.values.keys.map { $0 } ?? [])) ? open?(change)?.payload : payload
            result["\(table)/\(uid)"] = SyncPayload(clear)?.values
        }
        return result
    }

    /// The workstation's records of `student`, by "table/uid", as payloads carry them.
    private static func local(_ db: Database, student: String) throws -> [String: [String: SyncPayload.Value]] {
        var result: [String: [String: SyncPayload.Value]] = [:]
        for table in SyncTable.all where table.name != "audit_event" {
            for (uid, payload) in try SyncRows.payloads(db, table: table.name, student: student) {
                result["\(table.name)/\(uid)"] = SyncPayload(payload)?.values
            }
        }
        return result
    }
}

extension Sequence {
    fileprivate func asyncContains(_ predicate: (Element) async throws -> Bool) async rethrows -> Bool {
        for element in self where try await predicate(element) { return true }
        return false
    }
}
