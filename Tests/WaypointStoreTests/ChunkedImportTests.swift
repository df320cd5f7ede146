import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

/// Issue 12, item 4: long writers commit in chunks, so a counselor's write waits at most
/// about a second. Deterministic: another connection writes from the hook between two
/// chunks (no timing), and a "kill" is an error thrown there, which leaves the database
/// exactly as a kill -9 at that point would (the chunk before is committed, the next has
/// not begun; `BackupKillTests`-style real kills are in EndToEndTests/ImportKillTests).
final class ChunkedImportTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-chunks-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private var path: String { folder.appendingPathComponent("waypoint.sqlite").path }

    /// A stand-in for kill -9 between two chunks.
    private struct Killed: Error {}

    /// A database with `students` students and one counselor.
    private func seeded(students: Int) throws -> (AppDatabase, [Int64]) {
        let database = try AppDatabase.open(path: path)
        let school = try database.insertSchool(School(name: "Riverside"))
        _ = try database.insertCounselor(Counselor(givenName: "Dana", familyName: "Whitfield"))
        let ids = try (1...students).map { index in
            try XCTUnwrap(database.insertStudent(Student(localId: "S\(index)", givenName: "Ana", familyName: "Lima \(index)",
                                                         grade: Grade(rawValue: 10)!, schoolId: school.id!)).id)
        }
        return (database, ids)
    }

    private func attendance(_ ids: [Int64], terms: Int = 10) -> ABCBatch {
        ABCBatch(attendance: ids.flatMap { id in
            (1...terms).map {
                ABCAttendance(studentId: id, term: "\(2000 + $0)-FA", startDate: "2026-08-20", endDate: "2026-12-18",
                              daysEnrolled: 80, daysPresent: 70)
            }
        })
    }

    private func rows(_ table: String, _ database: AppDatabase) throws -> Int {
        try database.reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    /// A counselor's write from another connection (the screen's patience: one try of a
    /// second) between two chunks of the import, while part of it is applied.
    private func counselorWrites(studentId: Int64, whenChunk wanted: Int, chunks: Counter, seen: Counter) throws
        -> @Sendable () throws -> Void {
        let screen = try AppDatabase.open(path: path, patience: .screen)
        return {
            guard chunks.next() == wanted else { return }
            try screen.saveDraft(counselorId: 1, studentId: studentId, sessionId: nil, payload: "{\"note\":\"mid-import\"}")
            seen.set(try screen.reader.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT (SELECT count(*) FROM abc_attendance) + (SELECT count(*) FROM student WHERE sourcedId IS NOT NULL)
                    """) ?? 0
            })
        }
    }

    func testACounselorsWriteGetsInBetweenTwoChunksOfTheABCImport() throws {
        let (database, ids) = try seeded(students: 20)
        let chunks = Counter(), seen = Counter()
        // Chunks 1-5 copy the 200 rows in (the hook runs after the first four), the sixth hook
        // comes after two chunks of 40 were applied.
        let hook = try counselorWrites(studentId: ids[0], whenChunk: 6, chunks: chunks, seen: seen)
        let summary = try database.importABC(attendance(ids), pacing: .fixed(40, betweenChunks: hook))
        XCTAssertEqual(summary.attendance, .init(added: 200))
        XCTAssertTrue((1..<200).contains(seen.value), "the write landed while the import was part-way: \(seen.value) rows seen")
        XCTAssertEqual(try database.drafts(counselorId: 1).count, 1, "the counselor's write is kept")
        XCTAssertEqual(try rows("abc_attendance", database), 200)
        XCTAssertEqual(try rows("import_abc_attendance", database), 0, "the staged copy is gone")
        XCTAssertEqual(try database.unfinishedImports(), [])
    }

    func testACounselorsWriteGetsInBetweenTwoChunksOfTheRosterImportAndTheDemoLoad() throws {
        let (database, ids) = try seeded(students: 1)
        let chunks = Counter(), seen = Counter()
        let hook = try counselorWrites(studentId: ids[0], whenChunk: 2, chunks: chunks, seen: seen)
        let summary = try database.importRoster(bundle(students: 100), pacing: .fixed(30, betweenChunks: hook))
        XCTAssertEqual(summary.students.added, 100)
        XCTAssertEqual(summary.caseloadsAdded, 100)
        XCTAssertTrue((1..<100).contains(seen.value), "the write landed while the roster was part-way: \(seen.value) seen")
        XCTAssertEqual(try database.drafts(counselorId: 1).count, 1)

        let demo = try AppDatabase.open(path: folder.appendingPathComponent("demo.sqlite").path)
        let other = try AppDatabase.open(path: folder.appendingPathComponent("demo.sqlite").path, patience: .screen)
        let demoChunks = Counter()
        let district = DemoDistrict.generate(students: 60, seed: 3)
        try demo.loadDemoDistrict(district, pacing: .fixed(20, betweenChunks: {
            guard demoChunks.next() == 2 else { return }
            try other.recordAudit(AuditEntry(.loadedDemo, counselorId: nil, subject: "written between two chunks"))
        }))
        XCTAssertGreaterThan(demoChunks.value, 2, "the demo load was cut into chunks")
        XCTAssertEqual(try demo.studentCount(), 60)
        XCTAssertEqual(try demo.unfinishedImports(), [])
    }

    func testAnABCImportKilledBetweenChunksIsFinishedAtTheNextStartAndAppliesNothingTwice() throws {
        let (database, ids) = try seeded(students: 20)
        let batch = attendance(ids)
        let chunks = Counter()
        // Chunks 1-5 copy the 200 rows in (the hook runs after the first four); the kill
        // comes after two chunks of 40 were applied.
        XCTAssertThrowsError(try database.importABC(batch, source: "attendance.csv", pacing: .fixed(40) {
            if chunks.next() == 6 { throw Killed() }
        }))
        XCTAssertEqual(try rows("abc_attendance", database), 80, "two chunks of 40 were applied")
        let unfinished = try XCTUnwrap(database.unfinishedImports().first)
        XCTAssertEqual(unfinished.state, "applying")
        XCTAssertEqual(unfinished.position, 80)
        XCTAssertTrue(unfinished.description.contains("stopped after 80 of 200 records"), unfinished.description)

        let restarted = try AppDatabase.open(path: path)
        XCTAssertEqual(try restarted.finishInterruptedImports(pacing: .fixed(40)),
                       ["Finished the ABC import of attendance.csv that had stopped part-way."])
        XCTAssertEqual(try rows("abc_attendance", restarted), 200)
        XCTAssertEqual(try restarted.reader.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT DISTINCT studentId, term FROM abc_attendance)")
        }, 200, "nothing duplicated")
        XCTAssertEqual(try restarted.unfinishedImports(), [])
        let audit = try restarted.auditEvents(AuditQuery()).filter { $0.action == .importedABC }
        XCTAssertEqual(audit.map(\.detail), ["attendance: 200 added, 0 updated, 0 unchanged; behavior incidents: 0 added, "
            + "0 updated, 0 unchanged; course marks: 0 added, 0 updated, 0 unchanged; total: 200 added, 0 updated, 0 unchanged"],
                       "one audit row, with the counts of every chunk")
        XCTAssertEqual(try restarted.importABC(batch, pacing: .fixed(40)).attendance, .init(unchanged: 200), "idempotent")
        XCTAssertEqual(try rows("abc_attendance", restarted), 200)
    }

    func testAnABCImportKilledWhileCopyingItsRowsInIsDroppedHavingWrittenNothing() throws {
        let (database, ids) = try seeded(students: 20)
        let chunks = Counter()
        XCTAssertThrowsError(try database.importABC(attendance(ids), source: "attendance.csv", pacing: .fixed(40) {
            if chunks.next() == 2 { throw Killed() }
        }))
        XCTAssertEqual(try rows("abc_attendance", database), 0)
        XCTAssertEqual(try database.unfinishedImports().map(\.state), ["staging"])
        // The next import drops it first, then applies its own rows.
        XCTAssertEqual(try database.importABC(attendance(ids), pacing: .fixed(40)).attendance, .init(added: 200))
        XCTAssertEqual(try rows("import_abc_attendance", database), 0)
        XCTAssertEqual(try database.unfinishedImports(), [])
    }

    func testARosterKilledBetweenChunksIsFinishedFromTheKeptBundleAndAppliesNothingTwice() throws {
        let database = try AppDatabase.open(path: path)
        let chunks = Counter()
        let roster = bundle(students: 100)
        XCTAssertThrowsError(try database.importRoster(roster, source: "roster/", pacing: .fixed(30) {
            if chunks.next() == 2 { throw Killed() }
        }))
        XCTAssertEqual(try database.studentCount(), 59, "two chunks of 30 positions: the schools and 59 students")
        let restarted = try AppDatabase.open(path: path)
        XCTAssertEqual(try restarted.finishInterruptedImports(pacing: .fixed(30)),
                       ["Finished the OneRoster import of roster/ that had stopped part-way."])
        XCTAssertEqual(try restarted.studentCount(), 100)
        XCTAssertEqual(try restarted.caseload(counselorId: 1).count, 100)
        let audit = try XCTUnwrap(restarted.auditEvents(AuditQuery()).first { $0.action == .importedRoster })
        XCTAssertTrue(audit.detail.hasPrefix("students: 100 added, 0 updated, 0 deactivated"), audit.detail)
        XCTAssertEqual(try restarted.importRoster(roster, pacing: .fixed(30)).total, RosterImportSummary.Counts(), "idempotent")
        XCTAssertEqual(try restarted.reader.read { try Data.fetchAll($0, sql: "SELECT payload FROM import_batch WHERE payload IS NOT NULL") },
                       [], "a finished batch keeps no copy of the roster")
    }

    func testARosterThatWouldStopPartWayWritesNothing() throws {
        let (database, _) = try seeded(students: 1)
        var clash = bundle(students: 100)
        clash.students[99].localId = "S1"   // held by the student already stored, met in the last chunk
        XCTAssertThrowsError(try database.importRoster(clash, pacing: .fixed(10))) { error in
            XCTAssertEqual(error as? StoreError, .duplicateLocalId("S1"))
        }
        var orphan = bundle(students: 100)
        orphan.students[99].schoolSourcedId = "nowhere"
        XCTAssertThrowsError(try database.importRoster(orphan, pacing: .fixed(10))) { error in
            XCTAssertEqual(error as? StoreError, .unknownRosterSchool(sourcedId: "nowhere", studentSourcedId: "u100"))
        }
        XCTAssertEqual(try database.studentCount(), 1)
        XCTAssertEqual(try rows("import_batch", database), 0)
        XCTAssertEqual(try database.allCounselors().count, 1, "not even the schools and counselors of the first chunk")
        XCTAssertEqual(try database.allSchools().count, 1)
    }

    func testAKilledDemoLoadIsReportedAndRefusesASecondLoad() throws {
        let database = try AppDatabase.open(path: path)
        let chunks = Counter()
        XCTAssertThrowsError(try database.loadDemoDistrict(DemoDistrict.generate(students: 60, seed: 3), pacing: .fixed(20) {
            if chunks.next() == 1 { throw Killed() }
        }))
        let said = try database.finishInterruptedImports()
        XCTAssertEqual(said.count, 1)
        XCTAssertTrue(said[0].contains("holds part of a fictional district"), said[0])
        XCTAssertThrowsError(try database.loadDemoDistrict(DemoDistrict.generate(students: 60, seed: 3)))
    }

    private func bundle(students: Int) -> RosterBundle { rosterOfOneSchool(students: students) }
}

/// A count shared with a hook that runs on the import's thread.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int { lock.withLock { count += 1; return count } }
    func set(_ value: Int) { lock.withLock { count = value } }
    var value: Int { lock.withLock { count } }
}
