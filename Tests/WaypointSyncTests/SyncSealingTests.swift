import Foundation
import GRDB
import WaypointCore
@testable import WaypointStore
import WaypointVault
import XCTest
@testable import WaypointSync

/// Confidential sessions through the hub (docs/SYNC.md, "Confidential notes"): sealed on the
/// author's workstation, opened on the author's other workstation with the same passphrase,
/// never received by anyone else, and never in clear in anything the hub holds, logged or
/// was sent. The model hub refuses what a workstation that forgot to seal would send.
final class SyncSealingTests: XCTestCase {
    let passphrase = "river stones and lanterns"
    let marker = "ZEBRAQUILL"

    @discardableResult
    private func prepare(_ station: Workstation, _ passphrase: String?) async throws -> SealingReadiness {
        try await SyncSealer.prepare(database: station.database, hub: station.link, passphrase: passphrase, cost: .forTesting)
    }

    private func recordConfidential(_ station: Workstation, _ student: Int64, note: String, topic: String) throws -> AdvisingSession {
        try station.database.recordSession(
            AdvisingSession(studentId: student, authorId: station.counselorId, startedAt: Date(), durationMinutes: 30, kind: "personal",
                            topics: [topic], isConfidential: true, note: note),
            followUps: [(dueDate: nil, text: "\(marker) follow-up")])
    }

    func testAConfidentialNoteAndTopicReachOnlyTheAuthorsOtherWorkstationAndNeverTheHubInClear() async throws {
        let district = try SyncFixture.make()
        let a = try district.workstation(0), b = try district.workstation(1)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        await district.hub.share(student, with: b.sourcedId)
        let readiness = try await prepare(a, passphrase)
        XCTAssertEqual(readiness, .ready)

        let saved = try recordConfidential(a, try a.studentId(student), note: "\(marker) note one", topic: "\(marker) topic")
        try a.database.amendSession(id: saved.id!, note: "\(marker) note two", kind: "personal", topics: ["\(marker) topic", "Family"],
                                    participants: [], durationMinutes: 30, isConfidential: true, by: a.counselorId)
        let report = try await a.sync()
        XCTAssertEqual(report.refused, 0)
        XCTAssertEqual(report.confidentialKeptHere, 0)
        XCTAssertEqual(try a.database.pendingChangeCount(), 0)
        let atHub = await district.hub.everything()
        XCTAssertFalse(atHub.contains(marker), "the hub holds, logged or was sent the marker in clear")
        XCTAssertFalse(atHub.contains("Family"), "a confidential session's topics ride sealed inside it")
        let sealedNotes = await district.hub.records["session_note"]?.count
        XCTAssertEqual(sealedNotes, 2, "both note versions are at the hub, sealed")

        // The author's second workstation opens them with the same passphrase.
        let second = try district.workstation(0)
        let again = try await prepare(second, passphrase)
        XCTAssertEqual(again, .ready)
        try await second.sync()
        let onSecond = try second.database.sessions(studentId: try second.studentId(student), viewerId: second.counselorId)
        XCTAssertEqual(onSecond.map(\.session.note), ["\(marker) note two"])
        XCTAssertEqual(onSecond.first?.session.topics.sorted(), ["Family", "\(marker) topic"])
        XCTAssertEqual(try second.database.noteHistory(sessionId: onSecond[0].session.id!, viewerId: second.counselorId).map(\.text),
                       ["\(marker) note one", "\(marker) note two"])
        XCTAssertEqual(try second.database.followUps(studentId: try second.studentId(student), viewerId: second.counselorId).map(\.text),
                       ["\(marker) follow-up"])

        // A colleague who covers the student never receives any of it.
        let covering = try await b.sync()
        XCTAssertEqual(covering.sealedHeld, 0, "nothing sealed was even sent to B")
        XCTAssertEqual(try b.database.sessions(studentId: try b.studentId(student), viewerId: b.counselorId).count, 0)
        XCTAssertEqual(try b.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM follow_up") }, 0)
    }

    func testATopicChangeOfAConfidentialSessionSendsTheSessionAgainSealed() async throws {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        try await prepare(a, passphrase)
        let saved = try recordConfidential(a, try a.studentId(student), note: "\(marker) note", topic: "First topic")
        try await a.sync()
        let before = await district.hub.records["advising_session"]?.values.first?.version
        try a.database.amendSession(id: saved.id!, note: "\(marker) note", kind: "personal", topics: ["\(marker) second topic"],
                                    participants: [], durationMinutes: 30, isConfidential: true, by: a.counselorId)
        XCTAssertEqual(try a.database.pendingChanges().filter { $0.tableName == "session_topic" }.count, 2, "one removed, one added")
        let report = try await a.sync()
        XCTAssertEqual(report.refused, 0)
        let records = await district.hub.records
        XCTAssertEqual(records["advising_session"]?.values.first?.version, before.map { $0 + 1 }, "the session went again")
        XCTAssertNil(records["session_topic"])
        let everything = await district.hub.everything()
        XCTAssertFalse(everything.contains(marker))
        XCTAssertFalse(everything.contains("First topic"))

        let second = try district.workstation(0)
        try await prepare(second, passphrase)
        try await second.sync()
        XCTAssertEqual(try second.database.sessions(studentId: try second.studentId(student), viewerId: second.counselorId)
            .first?.session.topics, ["\(marker) second topic"])
    }

    func testAWrongPassphraseIsASentenceAndChangesNothing() async throws {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        try await prepare(a, passphrase)
        let other = try district.workstation(0)
        do {
            try await prepare(other, "not the right words at all")
            XCTFail("a wrong passphrase opened the sealing key")
        } catch let error as SyncSealerError {
            XCTAssertEqual(error, .wrongPassphrase)
            XCTAssertTrue(error.description.contains("does not open your key for confidential notes"), error.description)
        }
        XCTAssertNil(try other.database.sealingKey())
    }

    func testLeavingTheHubForgetsTheSealingKeyAndJoiningAgainAsksForThePassphrase() async throws {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        try await prepare(a, passphrase)
        XCTAssertNotNil(try a.database.sealingKey())
        try a.database.leaveHub()
        XCTAssertNil(try a.database.sealingKey(), "another counselor joining with this database must not seal with it")
        try a.database.joinHub(url: "model://hub", counselorId: a.counselorId)
        let without = try await prepare(a, nil)
        XCTAssertEqual(without, .noPassphrase)
    }

    func testWithoutAPassphraseConfidentialWorkStaysHereCountedUntilOneIsSet() async throws {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        let readiness = try await prepare(a, nil)
        XCTAssertEqual(readiness, .noPassphrase)
        _ = try recordConfidential(a, try a.studentId(student), note: "\(marker) kept here", topic: "\(marker) topic")
        try a.database.addFollowUp(studentId: try a.studentId(student), authorId: a.counselorId, text: "Open follow-up", dueDate: nil)

        let report = try await a.sync()
        XCTAssertEqual(report.confidentialKeptHere, 3, "the session (its topic inside), its note and its follow-up wait here")
        XCTAssertEqual(try a.database.confidentialChangesWaiting(), 3)
        let atHub = await district.hub.everything()
        XCTAssertFalse(atHub.contains(marker))
        XCTAssertTrue(atHub.contains("Open follow-up"), "the rest of the work synced as usual")

        try await prepare(a, passphrase)
        let later = try await a.sync()
        XCTAssertEqual(later.confidentialKeptHere, 0)
        XCTAssertEqual(try a.database.pendingChangeCount(), 0)
        let sessions = await district.hub.records["advising_session"]?.count
        XCTAssertEqual(sessions, 1, "sent, sealed, once a passphrase was set")
        let sealedAtHub = await district.hub.everything()
        XCTAssertFalse(sealedAtHub.contains(marker))
    }

    func testASealedRecordThatArrivesWithoutItsKeyIsHeldSealedNotShownEmpty() async throws {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        try await prepare(a, passphrase)
        _ = try recordConfidential(a, try a.studentId(student), note: "\(marker) sealed note", topic: "\(marker) topic")
        try await a.sync()

        let second = try district.workstation(0)
        let report = try await second.sync()
        XCTAssertEqual(report.sealedHeld, 3, "the session, its note and its follow-up, held sealed")
        XCTAssertEqual(try second.database.sessions(studentId: try second.studentId(student), viewerId: second.counselorId).count, 0,
                       "no session with an empty note on screen")
        try await prepare(second, passphrase)
        XCTAssertEqual(try second.database.sealedRecordsHeld(), 0)
        XCTAssertEqual(try second.database.sessions(studentId: try second.studentId(student), viewerId: second.counselorId)
            .map(\.session.note), ["\(marker) sealed note"])
    }

    func testASessionTurnedConfidentialAfterItSyncedIsSealedAtTheHubNotLeftInClear() async throws {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        try await prepare(a, passphrase)
        let saved = try a.database.recordSession(AdvisingSession(studentId: try a.studentId(student), authorId: a.counselorId,
                                                                 startedAt: Date(), durationMinutes: 15, kind: "check-in",
                                                                 topics: ["Attendance"], note: "First words in the open"))
        try await a.sync()
        try a.database.amendSession(id: saved.id!, note: "\(marker) after all", kind: "check-in", topics: ["Attendance", "\(marker)"],
                                    participants: [], durationMinutes: 15, isConfidential: true, by: a.counselorId)
        let report = try await a.sync()
        XCTAssertEqual(report.refused, 0)
        XCTAssertEqual(try a.database.pendingChangeCount(), 0)
        let records = await district.hub.records
        let held = records.values.flatMap(\.values).map(\.payload).joined(separator: "\n")
        XCTAssertFalse(held.contains(marker))
        XCTAssertFalse(held.contains("First words in the open"), "the earlier note version is sealed too")
        XCTAssertNil(records["session_topic"]?.values.first, "the clear topic was withdrawn")
        XCTAssertEqual(records["session_note"]?.count, 2)
        // Sent again sealed once, not at every sync.
        let pushes = await district.hub.pushCount
        try await a.sync()
        let after = await district.hub.pushCount
        XCTAssertEqual(after, pushes)

        let second = try district.workstation(0)
        try await prepare(second, passphrase)
        try await second.sync()
        let view = try XCTUnwrap(second.database.sessions(studentId: try second.studentId(student), viewerId: second.counselorId).first)
        XCTAssertEqual(view.session.topics.sorted(), ["Attendance", marker])
        XCTAssertEqual(try second.database.noteHistory(sessionId: view.session.id!, viewerId: second.counselorId).map(\.text),
                       ["First words in the open", "\(marker) after all"])
    }

    /// A workstation that forgot to seal cannot leak: the hub refuses the record.
    func testTheHubRefusesAConfidentialRecordInClearAndATopicOfAConfidentialSession() async throws {
        let district = try SyncFixture.make()
        let a = try district.workstation(0)
        let student = try XCTUnwrap(district.caseloads[a.sourcedId]?.first)
        let session = "0b5e4c2a-91d3-4f0e-a6c2-5d8e1f7b3a90"
        let clear = OutgoingChange(changeId: "w:1:1", table: "advising_session", uid: session, op: .insert, baseVersion: 0,
                                   payload: #"{"student":"\#(student)","author":"\#(a.sourcedId)","kind":"\#(marker)","isConfidential":1}"#)
        let outcome = try await a.link.push([clear])
        guard case .refused(.invalid, _, _)? = outcome.first else { return XCTFail("\(outcome)") }
        let sealed = OutgoingChange(changeId: "w:2:1", table: "advising_session", uid: session, op: .insert, baseVersion: 0,
                                    payload: #"{"student":"\#(student)","author":"\#(a.sourcedId)","isConfidential":1,"sealed":"AAAA"}"#)
        let topic = OutgoingChange(changeId: "w:3:1", table: "session_topic", uid: "\(session)/\(marker)", op: .insert, baseVersion: 0,
                                   payload: #"{"session":"\#(session)","topic":"\#(marker)"}"#)
        let outcomes = try await a.link.push([sealed, topic])
        XCTAssertEqual(outcomes.first, .applied(version: 1))
        guard case .refused(.invalid, _, _)? = outcomes.last else { return XCTFail("\(outcomes)") }
        let records = await district.hub.records
        XCTAssertNil(records["session_topic"])
    }
}
