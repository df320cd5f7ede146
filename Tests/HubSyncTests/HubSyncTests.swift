import Foundation
import GRDB
import HubTestSupport
import WaypointCore
@testable import WaypointHub
@testable import WaypointStore
@testable import WaypointSync
import XCTest

/// Two workstations (SQLite) and one PostgreSQL hub: the hub's side of sync (docs/SYNC.md)
/// under the same rules the workstation is tested against in memory (ModelHub).
final class HubSyncTests: XCTestCase {
    var district: HubDistrict!
    var stations: [HubWorkstation] = []

    override func setUp() async throws {
        district = try await HubDistrict.make()
    }

    override func tearDown() async throws {
        for station in stations { await station.close() }
        try await district?.drop()
    }

    func workstation(_ counselor: String, clock: @escaping @Sendable () -> Date = { Date() }) async throws -> HubWorkstation {
        let station = try await district.workstation(counselor, clock: clock)
        stations.append(station)
        return station
    }

    func share(_ student: String, with counselor: String, by owner: String) async throws {
        _ = try await district.admin { try await HubCounselors.share(student: student, with: counselor, by: owner, on: $0) }
    }

    private func hubCount(_ sql: String) async throws -> Int {
        try await district.admin { try await $0.int(sql) }
    }

    func testASessionAndAMilestoneReachTheCoveringCounselorAndTheSecondEditIsRefusedWithTheirs() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        let onA = try await workstation(a), onB = try await workstation(b)
        try onA.recordSession("U1", note: "Talked about the FAFSA")
        try onA.setMilestone("U1", "fafsa", .inProgress)
        let first = try await onA.sync()
        XCTAssertGreaterThanOrEqual(first.pushed, 4, "session, note, topic, milestone (and audit rows)")
        let refusedOnA = try onA.database.refusedChanges().map(\.detail)
        XCTAssertEqual(first.refused, 0, refusedOnA.joined(separator: "; "))
        XCTAssertEqual(try onA.database.pendingChangeCount(), 0)

        // Before the share, B's sync brings nothing of U1.
        try await onB.sync()
        XCTAssertEqual(try onB.notes("U1"), [])

        try await share("U1", with: b, by: a)
        let covering = try await onB.sync()
        XCTAssertEqual(covering.studentsEntered, 1)
        XCTAssertEqual(try onB.notes("U1"), ["Talked about the FAFSA"])
        XCTAssertEqual(try onB.milestone("U1", "fafsa"), .inProgress)

        // Both change the milestone offline; A syncs first.
        try onA.setMilestone("U1", "fafsa", .done)
        try onB.setMilestone("U1", "fafsa", .waived)
        let aFirst = try await onA.sync()
        XCTAssertEqual(aFirst.refused, 0)
        let second = try await onB.sync()
        XCTAssertEqual(second.refused, 1, "B's change was made over a version the hub no longer has")
        XCTAssertEqual(try onB.milestone("U1", "fafsa"), .done, "B now shows what the hub holds")
        let refused = try onB.database.refusedChanges()
        XCTAssertEqual(refused.map(\.reason), [.changedElsewhere])
        XCTAssertTrue(refused[0].mine.contains("waived"), "B's own version is kept for B to decide: \(refused[0].mine)")
        XCTAssertTrue(refused[0].theirs?.contains("done") == true, "\(refused[0].theirs ?? "nil")")

        try await onA.sync()
        XCTAssertEqual(try onA.milestone("U1", "fafsa"), .done, "nothing of B's refused change reached A")
        let audit = try await hubCount("SELECT count(*) FROM waypoint.synced_record WHERE table_name = 'audit_event'")
        XCTAssertGreaterThan(audit, 0, "audit rows went up")
        let aOnB = try XCTUnwrap(try onB.database.allCounselors().first { $0.sourcedId == a }?.id)
        let auditOnB = try onB.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_event WHERE counselorId = ?",
                                                                 arguments: [aOnB]) }
        XCTAssertEqual(auditOnB, 0, "A's audit rows never come down to B")
    }

    func testAStudentMovedToAnotherCaseloadArrivesWithTheirRecordsAndLeavesTheOldScope() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        let onA = try await workstation(a), onB = try await workstation(b)
        try onA.recordSession("U2", note: "Before the move")
        try onA.setMilestone("U2", "psat", .done)
        try await onA.sync()
        try await onB.sync()
        let checkpointA = try onA.database.syncState().checkpoint

        // The district moves U2 from A's caseload to B's.
        try await district.admin { hub in
            try await hub.exec("DELETE FROM waypoint.caseload WHERE counselor_sourced_id = '\(a)' AND student_sourced_id = 'U2'")
            _ = try await HubCounselors.assign(student: "U2", to: b, on: hub)
        }
        let page = try await onA.link.pull(after: checkpointA, limit: 100)
        XCTAssertEqual(page.scope.map(\.student), ["U2"])
        XCTAssertEqual(page.scope.map(\.entered), [false], "A hears that U2 left")
        let moved = try await onB.sync()
        XCTAssertEqual(moved.studentsEntered, 1)
        XCTAssertEqual(try onB.notes("U2"), ["Before the move"], "the history arrives with the student")
        XCTAssertEqual(try onB.milestone("U2", "psat"), .done)
        let sessions = try await hubCount("SELECT count(*) FROM waypoint.synced_record WHERE table_name = 'advising_session'")
        XCTAssertEqual(sessions, 1, "nothing lost or doubled at the hub")
    }

    func testADeleteComesDownWithItsKeyOnly() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        try await share("U1", with: b, by: a)
        let onB = try await workstation(b)
        let link = try await district.link(as: a)
        defer { Task { await link.connection.close() } }
        let milestone = #"{"student":"U1","milestoneId":"psat","status":"in-progress","evidence":"registered"}"#
        let inserted = try await link.push([OutgoingChange(changeId: "w:1:1", table: "milestone_status", uid: "U1/psat", op: .insert,
                                                           baseVersion: 0, payload: milestone)])
        XCTAssertEqual(inserted, [.applied(version: 1)])
        try await onB.sync()
        XCTAssertEqual(try onB.milestone("U1", "psat"), .inProgress)
        let checkpoint = try onB.database.syncState().checkpoint
        let removed = try await link.push([OutgoingChange(changeId: "w:2:1", table: "milestone_status", uid: "U1/psat", op: .delete,
                                                          baseVersion: 1, payload: milestone)])
        XCTAssertEqual(removed, [.applied(version: 2)])
        let page = try await onB.link.pull(after: checkpoint, limit: 100)
        XCTAssertEqual(page.changes.map(\.op), [.delete])
        XCTAssertEqual(page.changes.first.flatMap { SyncPayload($0.payload)?.values.keys.sorted() }, ["milestoneId", "student"],
                       "the key, not the record as it was")
        try await onB.sync()
        XCTAssertNil(try onB.milestone("U1", "psat"))
    }

    func testTheSamePushTwiceIsAppliedOnce() async throws {
        let onA = try await workstation(district.roster.a)
        _ = try onA.database.addFollowUp(studentId: try onA.studentId("U1"), authorId: onA.counselorId, text: "Check the schedule change",
                                         dueDate: nil)
        let workstationId = try onA.database.syncState().workstationId
        let outgoing = try onA.database.pendingChanges().map {
            OutgoingChange(changeId: $0.changeId(workstation: workstationId), table: $0.tableName, uid: $0.uid,
                           op: $0.op, baseVersion: $0.baseVersion, payload: $0.payload)
        }
        // Delivered, then the workstation dies before it hears the answer: it sends again.
        let once = try await onA.link.push(outgoing)
        let twice = try await onA.link.push(outgoing)
        XCTAssertEqual(once, twice)
        XCTAssertEqual(once.filter { if case .applied = $0 { return true } else { return false } }.count, outgoing.count, "\(once)")
        let report = try await onA.sync()
        XCTAssertEqual(report.refused, 0)
        let followUps = try await hubCount("SELECT count(*) FROM waypoint.synced_record WHERE table_name = 'follow_up'")
        XCTAssertEqual(followUps, 1, "one follow-up at the hub, however often it was sent")
        let versions = try await district.admin { try await $0.strings("SELECT version::text FROM waypoint.synced_record WHERE table_name = 'follow_up'") }
        XCTAssertEqual(versions, ["1"], "applied once: the version moved once")
    }

    func testAPullNeverSkipsAChangeThatCommitsLate() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        try await share("U3", with: a, by: b)
        let onA = try await workstation(a)
        try await onA.sync()
        let checkpoint = try onA.database.syncState().checkpoint

        // The early pusher (A) applies a change in a transaction it has not committed yet.
        let early = try await district.link(as: a)
        defer { Task { await early.connection.close() } }
        let pid = try await early.connection.int("SELECT pg_backend_pid()")
        try await early.connection.exec("BEGIN")
        _ = try await early.connection.strings("""
            SELECT waypoint.apply_change('early:1:1', 'milestone_status', 'U1/fafsa', 'insert', 0,
                '{"student":"U1","milestoneId":"fafsa","status":"done"}')::text
            """)
        // The late pusher (B) starts after it and would commit first with a plain sequence.
        let late = try await district.link(as: b)
        defer { Task { await late.connection.close() } }
        let latePid = try await late.connection.int("SELECT pg_backend_pid()")
        let latePush = Task {
            try await late.push([OutgoingChange(changeId: "late:1:1", table: "milestone_status", uid: "U3/fafsa", op: .insert,
                                                baseVersion: 0, payload: #"{"student":"U3","milestoneId":"fafsa","status":"waived"}"#)])
        }
        try await waitUntil("the late pusher waits for the early one's commit") {
            try await self.district.admin {
                try await $0.strings("SELECT coalesce(wait_event_type, '') FROM pg_stat_activity WHERE pid = \(latePid)")
            } == ["Lock"]
        }
        // A pull now sees neither and keeps its checkpoint before both.
        let reader = try await district.link(as: a)
        defer { Task { await reader.connection.close() } }
        let during = try await reader.pull(after: checkpoint, limit: 100)
        XCTAssertEqual(during.changes, [])
        try await early.connection.exec("COMMIT")
        let outcomes = try await latePush.value
        XCTAssertEqual(outcomes, [.applied(version: 1)])
        let after = try await reader.pull(after: during.nextCheckpoint, limit: 100)
        XCTAssertEqual(after.changes.map(\.uid), ["U1/fafsa", "U3/fafsa"], "both, in commit order, none skipped")
        XCTAssertNotEqual(pid, latePid)
    }

    func testTheHubRestartedBetweenAndAmidSyncsLosesAndDoublesNothing() async throws {
        let onA = try await workstation(district.roster.a)
        try onA.recordSession("U1", note: "Before the restart")
        try await onA.sync()
        try HubCluster.restartImmediately()
        // The old connection is gone: the sync says so, and the outbox keeps the work.
        try onA.setMilestone("U1", "fafsa", .inProgress)
        do {
            try await onA.sync()
            XCTFail("a sync over a connection the restart closed cannot succeed")
        } catch {
            XCTAssertTrue("\(error)".contains("working offline"), "\(error)")
        }
        XCTAssertEqual(try onA.database.pendingChangeCount(), 2, "the milestone and its audit row wait")
        try await onA.reconnect()
        try await onA.sync()
        XCTAssertEqual(try onA.database.pendingChangeCount(), 0)

        // Amid a push: the hub restarts after the first batch was applied.
        for index in 1...6 {
            _ = try onA.database.addFollowUp(studentId: try onA.studentId("U2"), authorId: onA.counselorId,
                                             text: "Follow-up \(index)", dueDate: nil)
        }
        let waiting = try onA.database.pendingChangeCount()
        var engine = onA.engine()
        engine.pushBatch = 3
        let restarted = LockedFlag()
        do {
            try await engine.sync { progress in
                if case .pushing(let done, _) = progress, done >= 3, restarted.setOnce() {
                    try? HubCluster.restartImmediately()
                }
            }
            XCTFail("the connection died under the push")
        } catch {
            XCTAssertTrue("\(error)".contains("working offline"), "\(error)")
        }
        XCTAssertTrue(restarted.value)
        XCTAssertLessThan(try onA.database.pendingChangeCount(), waiting, "the first batch was settled")
        try await onA.reconnect()
        let report = try await onA.sync()
        XCTAssertEqual(report.refused, 0)
        XCTAssertEqual(try onA.database.pendingChangeCount(), 0)
        let followUps = try await hubCount("SELECT count(*) FROM waypoint.synced_record WHERE table_name = 'follow_up'")
        XCTAssertEqual(followUps, 6, "every follow-up once")
        let sessions = try await hubCount("SELECT count(*) FROM waypoint.synced_record WHERE table_name = 'advising_session'")
        XCTAssertEqual(sessions, 1)
    }

    func testAClockThreeDaysOffChangesNothing() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        try await share("U1", with: b, by: a)
        let threeDays: TimeInterval = 3 * 24 * 3600
        let onA = try await workstation(a, clock: { Date().addingTimeInterval(threeDays) })
        let onB = try await workstation(b, clock: { Date().addingTimeInterval(-threeDays) })
        try await onA.sync()
        try await onB.sync()
        // B's clock is behind, A's ahead; B writes last and syncs first: the hub's order decides.
        try onA.setMilestone("U1", "fafsa", .done)
        try onB.recordSession("U1", note: "Dated three days back", startedAt: Date().addingTimeInterval(-threeDays))
        try onB.setMilestone("U1", "fafsa", .waived)
        let onBFirst = try await onB.sync()
        XCTAssertEqual(onBFirst.refused, 0)
        let onASecond = try await onA.sync()
        XCTAssertEqual(onASecond.refused, 1, "A's change was made over a version B already replaced")
        XCTAssertEqual(try onA.milestone("U1", "fafsa"), .waived)
        XCTAssertEqual(try onA.notes("U1"), ["Dated three days back"])
        try await onB.sync()
        XCTAssertEqual(try onB.milestone("U1", "fafsa"), .waived)
    }

    func testARecordConfidentialButNotSealedIsRefusedAndASealedOneReachesOnlyItsAuthor() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        try await share("U1", with: b, by: a)
        let link = try await district.link(as: a)
        defer { Task { await link.connection.close() } }
        let session = "5e55e55e-0000-4000-8000-000000000001"
        let clear = #"{"student":"U1","author":"\#(a)","isConfidential":1,"kind":"personal","participants":"student"}"#
        let sealed = #"{"student":"U1","author":"\#(a)","isConfidential":1,"sealed":"AQID"}"#
        let note = #"{"session":"\#(session)","version":1,"author":"\#(a)","text":"marker-in-clear","createdAt":"2026-12-03"}"#
        let sealedNote = #"{"session":"\#(session)","version":1,"author":"\#(a)","isConfidential":1,"sealed":"BAUG"}"#
        let topic = #"{"session":"\#(session)","topic":"Family"}"#
        let outcomes = try await link.push([
            OutgoingChange(changeId: "w:1:1", table: "advising_session", uid: session, op: .insert, baseVersion: 0, payload: clear),
            OutgoingChange(changeId: "w:2:1", table: "advising_session", uid: session, op: .insert, baseVersion: 0, payload: sealed),
            OutgoingChange(changeId: "w:3:1", table: "session_note", uid: "\(session)/1", op: .insert, baseVersion: 0, payload: note),
            OutgoingChange(changeId: "w:4:1", table: "session_topic", uid: "\(session)/Family", op: .insert, baseVersion: 0, payload: topic),
            OutgoingChange(changeId: "w:5:1", table: "session_note", uid: "\(session)/1", op: .insert, baseVersion: 0, payload: sealedNote),
        ])
        guard case .refused(.invalid, nil, let detail) = outcomes[0] else { return XCTFail("\(outcomes[0])") }
        XCTAssertTrue(detail.contains("sealed on the workstation"), detail)
        XCTAssertEqual(outcomes[1], .applied(version: 1), "a later change is not rolled back by an earlier refusal")
        guard case .refused(.invalid, _, let noteDetail) = outcomes[2] else { return XCTFail("\(outcomes[2])") }
        XCTAssertTrue(noteDetail.contains("sealed on the workstation"), noteDetail)
        guard case .refused(.invalid, _, let topicDetail) = outcomes[3] else { return XCTFail("\(outcomes[3])") }
        XCTAssertTrue(topicDetail.contains("topics travel sealed"), topicDetail)
        XCTAssertEqual(outcomes[4], .applied(version: 1))

        let dump = try await district.admin { try await $0.strings("SELECT payload::text FROM waypoint.synced_record") }
        XCTAssertFalse(dump.joined().contains("marker-in-clear"))
        XCTAssertEqual(try district.psql("SELECT count(*) FROM waypoint.synced_record WHERE confidential", as: a).out, "2")
        XCTAssertEqual(try district.psql("SELECT count(*) FROM waypoint.synced_record WHERE confidential", as: b).out, "0",
                       "another author's confidential records are invisible even on a shared student")
        let onB = try await workstation(b)
        try await onB.sync()
        XCTAssertEqual(try onB.notes("U1"), [], "nor do they come down to B")
        let fetched = try await link.fetchStudent("U1")
        XCTAssertEqual(fetched.map(\.table), ["advising_session", "session_note"], "parents first, to their author")
        // The batched fetch (a first pull's) gives each student what the single fetch gives,
        // under the same row-level security: B's link sees nothing of A's confidential session.
        let batch = try await link.fetchStudents(["U1", "U2", "U1"])
        XCTAssertEqual(batch["U1"], fetched)
        let single = try await link.fetchStudent("U2")
        XCTAssertEqual(batch["U2"], single)
        let linkB = try await district.link(as: b)
        let onlyB = try await linkB.fetchStudents(["U1"])
        XCTAssertEqual(onlyB["U1"]?.map(\.table), [])
        await linkB.connection.close()
    }

    func testPsqlAsAnotherCounselorCannotReadOthersRecordsNorAlterTheAudit() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        let onA = try await workstation(a)
        try onA.recordSession("U1", note: "A's note on U1")
        try onA.setMilestone("U1", "fafsa", .inProgress)
        try await onA.sync()
        XCTAssertGreaterThan(Int(try district.psql("SELECT count(*) FROM waypoint.synced_record WHERE student = 'U1'", as: a).out) ?? 0, 0)
        XCTAssertEqual(try district.psql("SELECT count(*) FROM waypoint.synced_record", as: b).out, "0",
                       "U1 is not B's student")
        XCTAssertEqual(try district.psql("SELECT count(*) FROM waypoint.change_log WHERE student_sourced_id = 'U1'", as: b).out, "0")
        let audit = try await hubCount("SELECT count(*) FROM waypoint.synced_record WHERE table_name = 'audit_event'")
        XCTAssertGreaterThan(audit, 0)
        for sql in ["UPDATE waypoint.synced_record SET payload = '{}' WHERE table_name = 'audit_event'",
                    "DELETE FROM waypoint.synced_record WHERE table_name = 'audit_event'",
                    "TRUNCATE waypoint.synced_record"] {
            for who in [a, b] {
                let result = try district.psql(sql, as: who)
                XCTAssertTrue(result.status != 0 || result.out.isEmpty, "\(who): \(sql): \(result)")
            }
            let owner = try district.hub.psql(sql, as: district.hub.cluster.admin.user, password: district.hub.cluster.password)
            XCTAssertNotEqual(owner.status, 0, sql)
            XCTAssertTrue(owner.err.contains("never"), "\(sql): \(owner.err)")
        }
        let afterwards = try await hubCount("SELECT count(*) FROM waypoint.synced_record WHERE table_name = 'audit_event' AND payload <> '{}'")
        XCTAssertEqual(afterwards, audit)
        let asB = try district.psql("""
            INSERT INTO waypoint.synced_record (table_name, uid, version, payload, produced_by)
            VALUES ('follow_up', 'x', 1, '{"student":"U3","author":"\(a)","text":"in A''s name","status":"open","createdAt":"2026-12-03 10:00:00.000"}', 'psql')
            """, as: b)
        XCTAssertTrue(asB.err.contains("row-level security"), "B cannot write in A's name: \(asB)")
    }

    func testTheHubsListsMatchTheWorkstations() async throws {
        let admin = try await district.hub.connect()
        defer { Task { await admin.close() } }
        let check = try await admin.strings("""
            SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'synced_record_table_name_check'
            """).joined()
        for table in SyncTable.all.map(\.name) {
            XCTAssertTrue(check.contains("'\(table)'"), "the hub keeps \(table): \(check)")
        }
        XCTAssertEqual(check.components(separatedBy: "::text").count - 1, SyncTable.all.count, check)
        for field in SyncSealing.clearFields.subtracting([SyncSealing.sealedField]) {
            let shape = try await admin.strings("""
                SELECT waypoint.is_sealed_shape(jsonb_build_object('sealed', 'x', '\(field)', 1))::text
                """)
            XCTAssertEqual(shape, ["true"], field)
        }
        let unsealed = try await admin.strings("SELECT waypoint.is_sealed_shape('{\"sealed\":\"x\",\"text\":\"y\"}')::text")
        XCTAssertEqual(unsealed, ["false"])
    }

    func testTheSealingKeyStaysTheFirstOneStoredAndIsReadOnlyByItsCounselor() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        let linkA = try await district.link(as: a), linkB = try await district.link(as: b)
        defer { Task { await linkA.connection.close(); await linkB.connection.close() } }
        let none = try await linkA.wrappedSealingKey()
        XCTAssertNil(none)
        let first = Data([1, 2, 3, 4]), second = Data([9, 9])
        let kept = try await linkA.storeWrappedSealingKey(first)
        XCTAssertEqual(kept, first)
        let keptAgain = try await linkA.storeWrappedSealingKey(second)
        XCTAssertEqual(keptAgain, first, "two workstations joining at once agree on the first")
        let read = try await linkA.wrappedSealingKey()
        XCTAssertEqual(read, first)
        let others = try await linkB.wrappedSealingKey()
        XCTAssertNil(others, "B reads only B's own")
        XCTAssertEqual(try district.psql("SELECT count(*) FROM waypoint.sealing_key", as: b).out, "0")
        let direct = try district.psql("INSERT INTO waypoint.sealing_key (counselor, wrapped) VALUES ('\(a)', '\\x09')", as: b)
        XCTAssertNotEqual(direct.status, 0, "only through store_sealing_key, for oneself")
    }

    func testCheckCompatibleSaysWhichSideToUpdate() async throws {
        let link = try await district.link(as: district.roster.a)
        defer { Task { await link.connection.close() } }
        try await link.checkCompatible(workstationProtocol: SyncProtocol.version)
        do {
            try await link.checkCompatible(workstationProtocol: SyncProtocol.version + 1)
            XCTFail("a newer workstation")
        } catch {
            XCTAssertTrue("\(error)".contains("waypoint hub init"), "\(error)")
        }
        do {
            try await link.checkCompatible(workstationProtocol: 0)
            XCTFail("an older workstation")
        } catch {
            XCTAssertTrue("\(error)".contains("update Waypoint on this machine"), "\(error)")
        }
        try await district.admin { try await $0.exec("UPDATE waypoint.hub_meta SET schema_version = 1") }
        do {
            try await link.checkCompatible(workstationProtocol: SyncProtocol.version)
            XCTFail("an older hub")
        } catch {
            XCTAssertTrue("\(error)".contains("older than this Waypoint needs"), "\(error)")
        }
    }

    /// Polls for a state with a deadline: a wait that looks for what it needs, not a pause.
    private func waitUntil(_ what: String, deadline seconds: Double = 30, _ condition: () async throws -> Bool) async throws {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        XCTFail("timed out waiting until \(what)")
        throw HubTestFailure("timed out waiting until \(what)")
    }
}

/// Set once from a @Sendable callback.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false

    var value: Bool { lock.withLock { set } }

    /// True the first time only.
    func setOnce() -> Bool {
        lock.withLock {
            defer { set = true }
            return !set
        }
    }
}

/// Keeping mine over a record a colleague removed at the hub (the model hub's twin is
/// KeepMineOverDeletionTests): the refusal removes it here as at the hub, and keeping mine
/// puts it back everywhere instead of being refused again.
extension HubSyncTests {
    private func courses(_ station: HubWorkstation) throws -> [String] {
        try station.database.plan(studentId: try station.studentId("U1")).courses.map { "\($0.title) \($0.year)" }
    }

    func testKeepingMineOverARecordRemovedAtTheHubPutsItBack() async throws {
        let (a, b) = (district.roster.a, district.roster.b)
        _ = try await district.admin { try await HubCounselors.share(student: "U1", with: b, by: a, on: $0) }
        let onA = try await workstation(a), onB = try await workstation(b)
        let course = try onA.database.addCourse(PlannedCourse(studentId: try onA.studentId("U1"), year: Grade(rawValue: 11)!,
                                                              title: "Chemistry", subject: "science", credits: 1), by: onA.counselorId)
        try await onA.sync()
        try await onB.sync()
        let onBCourse = try XCTUnwrap(try onB.database.plan(studentId: try onB.studentId("U1")).courses.first?.id)
        // B moves it offline; A removes it; B's pull of the removal runs while B's move waits.
        try onB.database.moveCourse(id: onBCourse, toYear: Grade(rawValue: 12)!, by: onB.counselorId)
        try onA.database.removeCourse(id: course.id!, by: onA.counselorId)
        try await onA.sync()
        let page = try await onB.link.pull(after: try onB.database.syncState().checkpoint, limit: 500)
        try onB.database.applyPull(page)
        let refusedSync = try await onB.sync()
        XCTAssertEqual(refusedSync.refused, 1)
        XCTAssertEqual(try courses(onB), [], "B shows what the hub holds")
        let refused = try XCTUnwrap(try onB.database.refusedChangeSummaries(viewerId: onB.counselorId).first)
        XCTAssertEqual(refused.theirs, ["(removed at the hub)"])

        try onB.database.resolveRefused(refused.id, .keepMine, by: onB.counselorId, now: Date())
        let kept = try await onB.sync()
        let details = try onB.database.refusedChanges().map(\.detail)
        XCTAssertEqual(kept.refused, 0, "\(details)")
        try await onA.sync()
        XCTAssertEqual(try courses(onA), ["Chemistry 12"], "back at the hub and at the colleague's")
        XCTAssertEqual(try courses(onB), ["Chemistry 12"])
    }
}
