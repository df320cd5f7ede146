import Foundation
import GRDB
@testable import WaypointCore
@testable import WaypointStore
import XCTest
@testable import WaypointSync
import WaypointSyncTesting

/// Three workstations and a hub (its rules in memory): random sessions (some confidential),
/// amendments, milestone moves, follow-ups and closings and caseload moves while some are
/// offline, random sync orders; after everyone syncs twice, each workstation holds exactly
/// what the hub holds for every student it may see (confidential records: their author's
/// only, sealed at the hub), holds nothing of students who moved away, and every note
/// written anywhere is at the hub or kept among that workstation's refused changes. The
/// seed is printed; set WAYPOINT_SYNC_SEED to replay one.
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
            try await SyncSealer.prepare(database: station.database, hub: station.link, passphrase: "passphrase of station \(index)",
                                         cost: .forTesting)
        }
        let today = CivilDate(year: 2026, month: 12, day: 3)
        var notes: [String] = []
        var confidentialNotes: [(station: Int, note: String)] = []
        var movedAway: [(station: Int, student: String)] = []
        let milestones = ["fafsa", "psat", "sat-act"]
        let statuses: [MilestoneStatus] = [.notStarted, .inProgress, .done, .waived]

        for step in 0..<60 {
            let index = pick(3)
            let station = stations[index]
            // Every student of this counselor may have moved away.
            guard !scope[index]!.isEmpty else { continue }
            let student = scope[index]![pick(scope[index]!.count)]
            let local = try station.studentId(student)
            switch pick(10) {
            case 0, 7:
                let confidential = pick(2) == 0
                let note = "seed \(seed) step \(step) \(confidential ? "confidential" : "open") note"
                if confidential { confidentialNotes.append((index, note)) } else { notes.append(note) }
                try station.database.recordSession(AdvisingSession(studentId: local, authorId: station.counselorId, startedAt: Date(),
                                                                   durationMinutes: 15, kind: "check-in", topics: ["step \(step)"],
                                                                   isConfidential: confidential, note: note))
            case 8:
                guard let own = try station.database.sessions(studentId: local, viewerId: station.counselorId)
                    .first(where: { $0.session.authorId == station.counselorId })?.session else { break }
                let note = "seed \(seed) step \(step) amendment"
                if own.isConfidential { confidentialNotes.append((index, note)) } else { notes.append(note) }
                try station.database.amendSession(id: own.id!, note: note, kind: own.kind, topics: own.topics + ["amended \(step)"],
                                                  participants: own.participants, durationMinutes: own.durationMinutes,
                                                  isConfidential: own.isConfidential, by: station.counselorId)
            case 9:
                // A caseload move at the hub, to another counselor.
                let movable = scope[index]!.filter { !shared.contains($0) }
                guard !movable.isEmpty else { break }
                let moving = movable[pick(movable.count)]
                let to = (index + 1 + pick(2)) % 3
                await district.hub.move(moving, from: station.sourcedId, to: stations[to].sourcedId)
                scope[index]!.removeAll { $0 == moving }
                scope[to] = (scope[to]! + [moving]).sorted()
                movedAway.append((index, moving))
            case 1, 2:
                try station.database.setMilestone(MilestoneRecord(studentId: local, milestoneId: milestones[pick(3)],
                                                                  status: statuses[pick(4)]), today: today, by: station.counselorId)
            case 3:
                _ = try station.database.addFollowUp(studentId: local, authorId: station.counselorId,
                                                     text: "seed \(seed) step \(step) follow-up", dueDate: nil)
            case 4:
                if let open = try station.database.followUps(studentId: local, viewerId: station.counselorId).first {
                    try station.database.setFollowUpStatus(id: open.id!, to: .done, by: station.counselorId)
                }
            case 5:
                station.link.reachable.toggle()
            default:
                do {
                    try await station.sync()
                } catch is HubUnreachable {
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
        for (index, student) in movedAway where !scope[index]!.contains(student) {
            let sessions = try stations[index].database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM advising_session WHERE studentId = (SELECT id FROM student WHERE sourcedId = ?)",
                                 arguments: [student])
            }
            XCTAssertEqual(sessions, 0, "seed \(seed): \(student) moved away from workstation \(index) but is still there")
        }
        let atHub = await district.hub.records["session_note"]?.values.map(\.payload) ?? []
        let refused = try stations.flatMap { try $0.database.refusedChanges().map(\.mine) }
        for note in notes {
            XCTAssertTrue(atHub.contains { $0.contains(note) } || refused.contains { $0.contains(note) },
                          "seed \(seed): \"\(note)\" never reached the hub and was not kept")
        }
        let everything = await district.hub.everything()
        let sealedAtHub = await district.hub.records["session_note"]?.map { uid, record in
            HubChange(seq: 0, table: "session_note", uid: uid, op: .insert, version: record.version, payload: record.payload)
        } ?? []
        for (index, note) in confidentialNotes {
            XCTAssertFalse(everything.contains(note), "seed \(seed): \"\(note)\" reached the hub in clear")
            let mine = try stations[index].database.read { db in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM session_note WHERE text = ?)", arguments: [note])
            }
            // A student who moved away leaves the author's workstation; the hub keeps the note sealed.
            let open = try XCTUnwrap(Sealer(database: stations[index].database)).open
            let atHub = sealedAtHub.contains { open($0)?.payload.contains(note) == true }
            XCTAssertTrue(mine == true || atHub || refused.contains { $0.contains(note) }, "seed \(seed): \"\(note)\" was lost")
        }
    }

    /// The workstation's rows of `student` in every synced table (but the audit trail, which
    /// goes up only) are exactly the hub's records, value for value.
    private func assertHolds(_ station: Workstation, whatTheHubHoldsFor student: String, seed: UInt64) async throws {
        let hubRecords = await district(station).records
        for table in SyncTable.all where table.name != "audit_event" {
            // What this counselor may see: another author's confidential records never come.
            let theirs = (hubRecords[table.name] ?? [:])
                .filter { $0.value.student == student && ($0.value.privateTo ?? station.sourcedId) == station.sourcedId }
            let mine = try station.database.read { db in try Self.rows(db, table, student: student) }
            XCTAssertEqual(Set(mine.keys), Set(theirs.keys), "seed \(seed): \(table.name) rows of \(student) on \(station.sourcedId)")
            // A sealed record is compared by what it holds, opened with its author's key.
            let open = try Sealer(database: station.database)?.open
            for (uid, record) in theirs {
                let payload = record.sealed
                    ? open?(HubChange(seq: 0, table: table.name, uid: uid, op: .update, version: record.version, payload: record.payload))?.payload
                    : record.payload
                XCTAssertEqual(mine[uid], SyncPayload(payload)?.values,
                               "seed \(seed): \(table.name) \(uid) on \(station.sourcedId)")
            }
        }
    }

    private func district(_ station: Workstation) -> ModelHub { station.link.hub }

    /// A table's rows of one student, by uid, with their values as a payload would carry them.
    static func rows(_ db: Database, _ table: SyncTable, student: String) throws -> [String: [String: SyncPayload.Value]] {
        let studentId = try Int64.fetchOne(db, sql: "SELECT id FROM student WHERE sourcedId = ?", arguments: [student])!
        let owner: String
        if table.columns.contains(where: { $0.name == "studentId" }) {
            owner = "t.studentId = \(studentId)"
        } else if table.name == "session_topic" {
            // A confidential session's topics ride sealed inside it: no rows of their own at the hub.
            owner = "t.sessionId IN (SELECT id FROM advising_session WHERE studentId = \(studentId) AND NOT isConfidential)"
        } else if table.columns.contains(where: { $0.name == "sessionId" }) {
            owner = "t.sessionId IN (SELECT id FROM advising_session WHERE studentId = \(studentId))"
        } else {
            owner = "t.interventionId IN (SELECT id FROM intervention WHERE studentId = \(studentId))"
        }
        var result: [String: [String: SyncPayload.Value]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT \(table.uidSQL("t")) AS uid, \(table.payloadSQL("t")) AS payload FROM \(table.name) t WHERE \(owner)") {
            result[row["uid"] ?? "(no uid)"] = SyncPayload(row["payload"])?.values
        }
        return result
    }
}
