import Foundation
import Interchange
import WaypointCore
import WaypointStore
import WaypointSync
import WaypointSyncTesting
import XCTest
@testable import WaypointEffects
@testable import WaypointUI

/// The effect runner's background sync against the hub's rules in memory: what it answers
/// when the hub is there and when it is not, and the refused changes it reads and decides.
final class SyncEffectTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_796_000_000)

    /// A roster imported, joined to a model hub as its first counselor.
    private func workstation() throws -> (runner: EffectRunner, link: ModelHubLink, hub: ModelHub, counselorId: Int64, student: Int64) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sync-effect-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try OneRosterWriter.write(DemoDistrict.generate(students: 6, counselors: 2, seed: 3), to: folder.path)
        let database = try AppDatabase.inMemory()
        try database.importRoster(try RosterReader.read(folder).bundle)
        let counselor = try XCTUnwrap(database.allCounselors().sorted { ($0.sourcedId ?? "") < ($1.sourcedId ?? "") }.first)
        let caseload = try database.caseload(counselorId: counselor.id)
        let hub = ModelHub(scopes: [counselor.sourcedId!: Set(caseload.compactMap(\.student.sourcedId))])
        try database.joinHub(url: "postgres://c@hub.example:5432/district", counselorId: counselor.id!)
        let link = ModelHubLink(hub: hub, counselor: counselor.sourcedId!)
        let runner = EffectRunner(database: database, clock: { [now] in now })
        runner.syncOpener = ModelHubOpener(link)
        return (runner, link, hub, counselor.id!, try XCTUnwrap(caseload.first?.student.id))
    }

    func testTheBackgroundSyncPushesWhenTheHubAnswersAndSaysOfflineWhenItDoesNot() throws {
        let station = try workstation()
        try station.runner.database.addFollowUp(studentId: station.student, authorId: station.counselorId, text: "Call home", dueDate: nil)
        let waiting = try station.runner.database.pendingChangeCount()

        station.link.reachable = false
        let offline = station.runner.runInBackground(.syncNow, job: .detached)
        let sentence = SyncStatus.unreachable(place: "model-hub:5432", waiting: waiting)
        guard case .syncFinished(let status, let failure, let changedHere)? = offline.first else { return XCTFail("\(offline)") }
        XCTAssertEqual(failure, sentence)
        XCTAssertFalse(changedHere)
        XCTAssertTrue(status.isUnreachable)
        XCTAssertEqual(status.waiting, waiting, "nothing left the outbox")

        station.link.reachable = true
        let online = station.runner.runInBackground(.syncNow, job: .detached)
        guard case .syncFinished(let after, let noFailure, _)? = online.first else { return XCTFail("\(online)") }
        XCTAssertNil(noFailure)
        XCTAssertEqual(after.waiting, 0)
        XCTAssertEqual(after.lastSyncAt, now)
        XCTAssertNil(after.lastError)
        let hub = station.hub
        XCTAssertEqual(blockingOn { await hub.records["follow_up"]?.count }, 1)
    }

    func testStatusAndRefusedChangesAreReadForTheScreen() throws {
        let station = try workstation()
        XCTAssertEqual(station.runner.run(.loadSyncStatus).count, 1)
        guard case .syncStatusLoaded(let status)? = station.runner.run(.loadSyncStatus).first else { return XCTFail() }
        XCTAssertTrue(status.isJoined)
        XCTAssertEqual(station.runner.run(.loadRefusedChanges(token: 3, viewerId: nil)), [.refusedChangesLoaded(token: 3, rows: [])])
        guard case .failed(let message)? = station.runner.run(.resolveRefused(id: 9, .takeTheirs, userId: station.counselorId)).first else {
            return XCTFail("a change that is not there is refused with a sentence")
        }
        XCTAssertEqual(message, "No refused change numbered 9; `waypoint sync refused` lists them.")
    }

    /// The counselor joined without their sealing key here (no passphrase then): their
    /// confidential session waits on this workstation. Unlocking the screen with their
    /// passphrase opens the key (kept at the hub by their first workstation), and the sync
    /// that follows sends the session sealed, with no `waypoint sync join` again.
    func testUnlockingWithThePassphraseOpensTheSealingKeyAndConfidentialWorkGoesOutSealed() throws {
        let station = try workstation()
        let database = station.runner.database
        let passphrase = "ana at the desk"
        // Their first workstation made the key and keeps it at the hub.
        let first = try AppDatabase.inMemory()
        let hub = station.hub, link = station.link
        XCTAssertEqual(blockingOn { try? await SyncSealer.prepare(database: first, hub: link, passphrase: passphrase, cost: .forTesting) },
                       .ready)
        try database.setPassphraseHash("hash:" + passphrase, for: station.counselorId)
        station.runner.passphrases = PassphraseVerifier(matches: { typed, stored in stored == "hash:" + typed })
        _ = try database.recordSession(AdvisingSession(studentId: station.student, authorId: station.counselorId, startedAt: now,
                                                       durationMinutes: 20, kind: "personal", isConfidential: true,
                                                       note: "Marker-Lantern"))
        _ = station.runner.runInBackground(.syncNow, job: .detached)
        XCTAssertGreaterThan(try database.syncStatus().confidentialKeptHere, 0, "without the key it waits here")

        // A wrong passphrase opens nothing.
        let wrong = station.runner.runInBackground(.checkPassphrase(counselorId: station.counselorId, passphrase: "guess"), job: .detached)
        XCTAssertEqual(wrong, [.passphraseChecked(counselorId: station.counselorId, result: .wrong(wait: 0))])

        let checked = station.runner.runInBackground(.checkPassphrase(counselorId: station.counselorId, passphrase: passphrase),
                                                     job: .detached)
        XCTAssertEqual(checked, [.passphraseChecked(counselorId: station.counselorId, result: .correct),
                                 .sealingKeyWaits(counselorId: station.counselorId, passphrase: passphrase)])
        XCTAssertEqual(station.runner.runInBackground(.openSealingKey(counselorId: station.counselorId, passphrase: passphrase),
                                                      job: .detached), [.sealingKeyOpened(failure: nil)])
        XCTAssertNotNil(try database.sealingKey())
        _ = station.runner.runInBackground(.syncNow, job: .detached)
        XCTAssertEqual(try database.syncStatus().confidentialKeptHere, 0)
        XCTAssertEqual(try database.pendingChangeCount(), 0)
        let everything = blockingOn { await hub.everything() }
        XCTAssertFalse(everything.contains("Marker-Lantern"), "sealed, never in clear at the hub")
        XCTAssertEqual(blockingOn { await hub.records["session_note"]?.values.filter(\.sealed).count }, 1)

        // With the key here, the next unlock has nothing more to open.
        XCTAssertEqual(station.runner.runInBackground(.checkPassphrase(counselorId: station.counselorId, passphrase: passphrase),
                                                      job: .detached), [.passphraseChecked(counselorId: station.counselorId, result: .correct)])
    }

    func testAnUnreachableHubLeavesTheKeyUnopenedAndSaysSo() throws {
        let station = try workstation()
        station.link.reachable = false
        guard case .sealingKeyOpened(let failure?)? = station.runner.runInBackground(
            .openSealingKey(counselorId: station.counselorId, passphrase: "p"), job: .detached).first else { return XCTFail() }
        XCTAssertTrue(failure.hasPrefix("Your key for confidential notes was not opened: Cannot reach the hub"), failure)
        XCTAssertNil(try station.runner.database.sealingKey())
    }

    func testWithoutAHubLinkTheSyncSaysSoAndKeepsTheChanges() throws {
        let station = try workstation()
        station.runner.syncOpener = nil
        guard case .syncFinished(let status, let failure, _)? = station.runner.runInBackground(.syncNow, job: .detached).first else {
            return XCTFail()
        }
        XCTAssertEqual(failure, "This run of Waypoint cannot reach a hub (no hub link); your changes wait here.")
        XCTAssertEqual(status.lastError, failure)
    }
}

/// The model hub's answer, from a test's synchronous thread (not the concurrency pool's).
private func blockingOn<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let box = AnswerBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        box.value = await body()
        done.signal()
    }
    done.wait()
    return box.value!
}

/// Written by the task, read after the semaphore: never at the same time.
private final class AnswerBox<T>: @unchecked Sendable { var value: T? }
