import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

/// Issue 12, items 4 and 9: another connection's write lock, a full disk and the other
/// storage failures come out as one sentence naming the file and saying nothing was changed,
/// never "SQLite error 5: database is locked" or "SQLite error 13: not an error".
final class BusyAndFullDatabaseTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-busy-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private var path: String { folder.appendingPathComponent("waypoint.sqlite").path }

    /// A second connection that takes the write lock, as a long import does.
    private func holdWriteLock() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true   // the lock outlives one access, as an import's does
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try other.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        return other
    }

    private func release(_ other: DatabaseQueue) throws {
        try other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
    }

    private func seeded(_ patience: BusyPatience) throws -> (AppDatabase, studentId: Int64) {
        let database = try AppDatabase.open(path: path, patience: patience)
        let school = try database.insertSchool(School(name: "Riverside"))
        _ = try database.insertCounselor(Counselor(givenName: "Dana", familyName: "Whitfield"))
        let student = try database.insertStudent(Student(localId: "S1", givenName: "Ana", familyName: "Lima",
                                                         grade: Grade(rawValue: 10)!, schoolId: school.id!))
        return (database, try XCTUnwrap(student.id))
    }

    func testAWriteBehindAnotherConnectionsLockFailsWithASentenceAndChangesNothing() throws {
        let (database, studentId) = try seeded(BusyPatience(perTry: 0.01, overall: 0.1))
        let other = try holdWriteLock()
        XCTAssertThrowsError(try database.saveDraft(counselorId: 1, studentId: studentId, sessionId: nil, payload: "{}")) { error in
            XCTAssertEqual(error as? StoreError, .storage(.busy, path: path))
            let sentence = String(describing: error)
            XCTAssertTrue(sentence.hasPrefix("The database is busy"), sentence)
            XCTAssertTrue(sentence.contains("Nothing was changed; try again in a minute."), sentence)
            XCTAssertFalse(sentence.contains("SQLite"), sentence)
        }
        try release(other)
        XCTAssertEqual(try database.drafts(counselorId: 1).count, 0)
    }

    func testAWriteWaitsForTheLockAndLandsOnceItIsReleased() throws {
        let (_, studentId) = try seeded(.command)
        let other = try holdWriteLock()
        // The lock goes at the first retry: the write must try again rather than give up.
        let released = LockedFlag()
        let patient = try AppDatabase.open(path: path, patience: BusyPatience(perTry: 0.01, overall: 30) {
            released.set()
            try? other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        })
        try patient.saveDraft(counselorId: 1, studentId: studentId, sessionId: nil, payload: "{}")
        XCTAssertTrue(released.isSet, "it met the lock and tried again")
        XCTAssertEqual(try patient.drafts(counselorId: 1).count, 1)
    }

    /// The import matches and stages its rows without the write lock (a dry run works while
    /// another connection holds it) and holds the lock only for its one commit: all or nothing.
    func testTheABCImportStagesWithoutTheLockAndWritesAllOrNothing() throws {
        let (database, studentId) = try seeded(BusyPatience(perTry: 0.01, overall: 0.1))
        let batch = ABCBatch(attendance: (1...50).map {
            ABCAttendance(studentId: studentId, term: "\(1975 + $0)-FA", startDate: "2026-08-20", endDate: "2026-12-18",
                          daysEnrolled: 80, daysPresent: 70)
        })
        let other = try holdWriteLock()
        XCTAssertEqual(try database.importABC(batch, dryRun: true).attendance, .init(added: 50))
        XCTAssertThrowsError(try database.importABC(batch)) { error in
            XCTAssertEqual(error as? StoreError, .storage(.busy, path: path))
        }
        try release(other)
        XCTAssertEqual(try database.attendance(studentId: studentId).count, 0, "nothing of a refused import is written")
        XCTAssertEqual(try database.importABC(batch).attendance, .init(added: 50))
        var changed = batch
        changed.attendance[0].daysPresent = 60
        XCTAssertEqual(try database.importABC(changed).attendance, .init(added: 0, updated: 1, unchanged: 49))
        XCTAssertEqual(try database.attendance(studentId: studentId).count, 50)
    }

    /// SQLite answers a full disk with SQLITE_FULL, which GRDB printed as "SQLite error 13:
    /// not an error". `max_page_count` makes SQLite refuse to grow the file, as a full disk does.
    func testAFullDiskIsASentenceNamingTheFileAndNothingIsWritten() throws {
        let (database, studentId) = try seeded(.command)
        try database.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages)")
        }
        let large = String(repeating: "note ", count: 200_000)
        XCTAssertThrowsError(try database.saveDraft(counselorId: 1, studentId: studentId, sessionId: nil, payload: large)) { error in
            XCTAssertEqual(error as? StoreError, .storage(.full, path: path))
            let sentence = String(describing: error)
            XCTAssertEqual(sentence, "The disk holding \(path) is full. Nothing was changed; free some space and try again.")
        }
        XCTAssertEqual(try database.drafts(counselorId: 1).count, 0)
    }

    func testEachStorageFailureIsMappedInOnePlace() {
        let cases: [(ResultCode, StorageTrouble?)] = [
            (.SQLITE_BUSY, .busy), (.SQLITE_LOCKED, .busy), (.SQLITE_FULL, .full), (.SQLITE_IOERR, .ioError),
            (ResultCode(rawValue: 778), .ioError), // SQLITE_IOERR_WRITE, as EFBIG from `ulimit -f` gives
            (.SQLITE_READONLY, .readOnly), (ResultCode(rawValue: 1032), .readOnly), // SQLITE_READONLY_DBMOVED
            (.SQLITE_CANTOPEN, .cannotOpen), (.SQLITE_CONSTRAINT, nil), (.SQLITE_ERROR, nil),
        ]
        for (code, trouble) in cases {
            XCTAssertEqual(StorageTrouble(DatabaseError(resultCode: code)), trouble, "\(code)")
        }
        let ioError = StoreError.translated(DatabaseError(resultCode: .SQLITE_IOERR), path: "/d/w.sqlite")
        XCTAssertTrue(String(describing: ioError).contains("could not write to /d/w.sqlite"), "\(ioError)")
        XCTAssertTrue(String(describing: ioError).contains("ulimit -f"), "\(ioError)")
        let readOnly = StoreError.translated(DatabaseError(resultCode: .SQLITE_READONLY), path: "/d/w.sqlite")
        XCTAssertTrue(String(describing: readOnly).contains("waypoint doctor --db /d/w.sqlite"), "\(readOnly)")
    }
}

/// Set once from the retry hook, read by the test.
private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
