import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

/// v10-passphrase-attempts: wrong passphrases are counted in the database, each audited, and
/// earn a growing wait that no restart, other process or other counselor resets. The clock
/// is injected: nothing here sleeps.
final class PassphraseAttemptTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)
    /// Stands in for the vault's comparison: the "hash" of p is "hash:p".
    private let matches: (String) -> (String) -> Bool = { typed in { stored in stored == "hash:" + typed } }

    private func wrongRows(_ database: AppDatabase) throws -> [AuditEvent] {
        try database.auditEvents().filter { $0.action == .wrongPassphrase }
    }

    func testAHundredWrongTriesTakeHoursOfImposedWaitingLeaveAHundredRowsAndTheRightOneStillWorks() throws {
        let fixture = try StoreFixture()
        let id = try XCTUnwrap(fixture.counselor.id)
        try fixture.database.setPassphraseHash("hash:tulip garden 42", for: id)
        var now = start
        var waited: TimeInterval = 0
        for attempt in 1...100 {
            // The guesser waits exactly as long as they must, and not a second more.
            let wait = try fixture.database.passphraseWait(for: id, now: now)
            waited += wait
            now = now.addingTimeInterval(wait)
            let result = try fixture.database.tryPassphrase(of: id, at: "in a test", now: now, matches: matches("guess \(attempt)"))
            guard case .wrong(let failures, _) = result else { return XCTFail("try \(attempt): \(result)") }
            XCTAssertEqual(failures, attempt)
        }
        XCTAssertGreaterThan(waited, 5 * 3600, "100 guesses cost hours of waiting, not 20 seconds")
        let rows = try wrongRows(fixture.database)
        XCTAssertEqual(rows.count, 100, "one audit row per wrong try")
        XCTAssertTrue(rows.allSatisfy { $0.subject == "passphrase of counselor \(id)" && $0.counselorId == nil })
        XCTAssertEqual(rows.first?.detail, "wrong try 100 in a row, in a test; next try in 300 s")

        // During the wait even the right passphrase is refused unseen; after it, it works.
        XCTAssertEqual(try fixture.database.tryPassphrase(of: id, at: "in a test", now: now.addingTimeInterval(299),
                                                          matches: matches("tulip garden 42")), .mustWait(1))
        XCTAssertEqual(try fixture.database.tryPassphrase(of: id, at: "in a test", now: now.addingTimeInterval(300),
                                                          matches: matches("tulip garden 42")), .correct)
        // The right one clears the count: the next typo is free again.
        XCTAssertEqual(try fixture.database.tryPassphrase(of: id, at: "in a test", now: now.addingTimeInterval(301),
                                                          matches: matches("typo")), .wrong(failures: 1, wait: 0))
    }

    func testDuringTheWaitATryIsRefusedWithoutBeingCheckedOrCounted() throws {
        let fixture = try StoreFixture()
        let id = try XCTUnwrap(fixture.counselor.id)
        try fixture.database.setPassphraseHash("hash:right", for: id)
        for _ in 1...PassphraseDelay.freeTries + 1 {
            _ = try fixture.database.tryPassphrase(of: id, at: "in a test", now: start, matches: matches("wrong"))
        }
        let rowsBefore = try wrongRows(fixture.database).count
        var checked = false
        let result = try fixture.database.tryPassphrase(of: id, at: "in a test", now: start.addingTimeInterval(10)) { _ in
            checked = true
            return true
        }
        XCTAssertEqual(result, .mustWait(20))
        XCTAssertFalse(checked, "the passphrase is not even looked at")
        XCTAssertEqual(try wrongRows(fixture.database).count, rowsBefore)
    }

    func testTheCountIsKeptInTheDatabaseForEveryConnectionAndPerCounselor() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attempts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("w.sqlite").path
        let first = try AppDatabase(DatabaseQueue(path: path), actor: StoreFixture.actor)
        let ana = try first.insertCounselor(Counselor(givenName: "Ana", familyName: "Rivera")).id!
        let marcus = try first.insertCounselor(Counselor(givenName: "Marcus", familyName: "Okafor")).id!
        try first.setPassphraseHash("hash:ana", for: ana)
        try first.setPassphraseHash("hash:marcus", for: marcus)
        for _ in 1...PassphraseDelay.freeTries + 1 {
            _ = try first.tryPassphrase(of: ana, at: "in a test", now: start, matches: matches("wrong"))
        }
        // A second process (a restart, or another command) sees the same wait.
        let second = try AppDatabase(DatabaseQueue(path: path), actor: StoreFixture.actor)
        XCTAssertEqual(try second.tryPassphrase(of: ana, at: "in a test", now: start, matches: matches("ana")), .mustWait(30))
        // Marcus's passphrase is his own count; trying it lifts nothing for Ana.
        XCTAssertEqual(try second.tryPassphrase(of: marcus, at: "in a test", now: start, matches: matches("marcus")), .correct)
        XCTAssertEqual(try second.passphraseWait(for: ana, now: start), 30)
    }

    func testACounselorWithoutAPassphraseIsNoneSetAndNothingIsCounted() throws {
        let fixture = try StoreFixture()
        let id = try XCTUnwrap(fixture.counselor.id)
        XCTAssertEqual(try fixture.database.tryPassphrase(of: id, at: "in a test", now: start, matches: matches("x")), .noneSet)
        XCTAssertEqual(try wrongRows(fixture.database).count, 0)
    }
}
