import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

/// Issue 17: the same roster imported again onto tables nobody touched is not applied (one
/// digest compared instead of every record), and says and records exactly what applying it
/// would. Any write to a roster table, by anyone, between two imports or between two chunks
/// of one, means the next import applies in full.
final class RosterReimportTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-reimport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private var path: String { folder.appendingPathComponent("waypoint.sqlite").path }

    private struct Killed: Error {}

    private let rosa = RosterContact(sourcedId: "g1", givenName: "Rosa", familyName: "López", relationship: .parent,
                                     phone: "555-0142", email: "rosa@example.org", language: "Spanish",
                                     studentSourcedIds: ["u1", "u2"])

    private func bundle() -> RosterBundle { rosterOfOneSchool(students: 6, contacts: [rosa]) }

    /// Whether the next import of `bundle` would be the one comparison.
    private func wouldSkip(_ database: AppDatabase, _ bundle: RosterBundle) throws -> Bool {
        let digest = RosterState.digest(try RosterState.payload(bundle))
        return try database.reader.read { try RosterState.unchanged($0, digest: digest) } != nil
    }

    /// Every row of the roster tables, to compare before and after.
    private func rosterRows(_ database: AppDatabase) throws -> [String] {
        try database.reader.read { db in
            try ["school", "student", "counselor", "caseload", "family_contact", "student_contact"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map { "\(table) \($0)" }
            }
        }
    }

    private func auditDetails(_ database: AppDatabase) throws -> [String] {
        try database.reader.read { db in
            try String.fetchAll(db, sql: "SELECT detail FROM audit_event WHERE action = ? ORDER BY id",
                                arguments: [AuditAction.importedRoster.rawValue])
        }
    }

    func testTheSameRosterAgainIsNotAppliedAndSaysWhatApplyingItWould() throws {
        let database = try AppDatabase.open(path: path)
        let first = try database.importRoster(bundle(), source: "nightly")
        XCTAssertEqual(first.students.added, 6)
        XCTAssertTrue(try wouldSkip(database, bundle()))
        // A counselor's hand edit that the roster disagrees with: kept, and said, each time.
        let u1 = try XCTUnwrap(try database.student(sourcedId: "u1")?.id)
        let contact = try XCTUnwrap(try database.contacts(studentId: u1).first)
        try database.editContact(id: contact.id!, [.phone: "555-0199"])
        XCTAssertFalse(try wouldSkip(database, bundle()), "a hand edit is a write to a roster table")

        // Applied in full: the contact keeps the roster's differing phone beside the edit.
        let afterEdit = try database.importRoster(bundle(), source: "nightly")
        XCTAssertEqual(afterEdit.contacts.updated, 1)
        XCTAssertEqual(afterEdit.contactEditsKept, 1)
        let rows = try rosterRows(database)
        XCTAssertTrue(try wouldSkip(database, bundle()))

        // What applying it again would say (a dry run always applies, then rolls back) is
        // what the import that skips applying says.
        let applying = try database.importRoster(bundle(), dryRun: true)
        XCTAssertEqual(applying.total, RosterImportSummary.Counts())
        XCTAssertEqual(applying.contactEditsKept, 1)
        let skipped = try database.importRoster(bundle(), source: "nightly")
        XCTAssertEqual(skipped, applying)
        XCTAssertEqual(try rosterRows(database), rows)
        let details = try auditDetails(database)
        XCTAssertEqual(details.count, 3)
        XCTAssertEqual(details[2], applying.description.replacingOccurrences(of: "\n", with: "; "))
        let batches = try database.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT state, position, total, payload FROM import_batch ORDER BY id")
        }
        XCTAssertEqual(batches.count, 3)
        XCTAssertEqual(batches[2]["state"], "done")
        XCTAssertEqual(batches[2]["position"] as Int, batches[1]["total"] as Int)
        XCTAssertEqual(batches[2]["total"] as Int, batches[1]["total"] as Int)

        // A different roster (one student renamed) is applied in full.
        var renamed = bundle()
        renamed.students[2].givenName = "Renamed"
        XCTAssertFalse(try wouldSkip(database, renamed))
        XCTAssertEqual(try database.importRoster(renamed).students.updated, 1)
        XCTAssertEqual(try database.student(sourcedId: "u3")?.givenName, "Renamed")
    }

    func testAWriteByAnyoneToARosterTableMeansTheNextImportAppliesInFull() throws {
        let database = try AppDatabase.open(path: path)
        _ = try database.importRoster(bundle())
        // Written by another tool, behind Waypoint's back: the trigger still sees it.
        try database.writer.write { db in
            try db.execute(sql: "UPDATE student SET givenName = 'Typed' WHERE sourcedId = 'u1'")
            try db.execute(sql: "DELETE FROM caseload WHERE studentId = (SELECT id FROM student WHERE sourcedId = 'u2')")
        }
        XCTAssertFalse(try wouldSkip(database, bundle()))
        let again = try database.importRoster(bundle())
        XCTAssertEqual(again.students.updated, 1)
        XCTAssertEqual(again.caseloadsAdded, 1)
        XCTAssertEqual(try database.student(sourcedId: "u1")?.givenName, "Student")
        XCTAssertTrue(try wouldSkip(database, bundle()))
        // A dry run reports and leaves the digest as it was.
        XCTAssertEqual(try database.importRoster(bundle(), dryRun: true).total, RosterImportSummary.Counts())
        XCTAssertTrue(try wouldSkip(database, bundle()))
    }

    func testAWriteBetweenTwoChunksLeavesNoDigestAndTheNextImportAppliesInFull() throws {
        let database = try AppDatabase.open(path: path)
        let other = try AppDatabase.open(path: path)
        let once = Once()
        _ = try database.importRoster(bundle(), pacing: .fixed(2, betweenChunks: {
            guard once.first() else { return }
            // u1 is already applied: a counselor's edit to it between two chunks.
            try other.writer.write { db in try db.execute(sql: "UPDATE student SET givenName = 'Mid' WHERE sourcedId = 'u1'") }
        }))
        XCTAssertFalse(once.first())
        XCTAssertFalse(try wouldSkip(database, bundle()), "the tables hold more than the bundle made of them")
        XCTAssertEqual(try database.importRoster(bundle()).students.updated, 1)
        XCTAssertEqual(try database.student(sourcedId: "u1")?.givenName, "Student")
        XCTAssertTrue(try wouldSkip(database, bundle()))
    }

    /// New students are indexed for search at the end of each chunk, not by trigger one by
    /// one (issue 17): the index is whole, the trigger is back, and a dry run leaves both.
    func testStudentsImportedInChunksAreFoundBySearchAndTheIndexIsWhole() throws {
        let database = try AppDatabase.open(path: path)
        _ = try database.importRoster(bundle(), dryRun: true)
        _ = try database.importRoster(bundle(), pacing: .fixed(4))
        var more = rosterOfOneSchool(students: 9, contacts: [rosa])
        more.students[7].familyName = "Ngô"
        _ = try database.importRoster(more, pacing: .fixed(4))
        try database.writer.write { db in
            // FTS5's own check: every row of the content table indexed, and nothing more.
            try db.execute(sql: "INSERT INTO student_ft(student_ft) VALUES('integrity-check')")
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = '__student_ft_ai'"), 1)
            // Every student is in the index (all are named "Student"), each once.
            XCTAssertEqual(try Int64.fetchAll(db, sql: "SELECT rowid FROM student_ft WHERE student_ft MATCH 'student' ORDER BY rowid"),
                           try Int64.fetchAll(db, sql: "SELECT id FROM student ORDER BY id"))
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM student"), 9)
        }
        XCTAssertEqual(try database.searchStudents("ngo", counselorId: nil).map(\.student.sourcedId), ["u8"])
        XCTAssertEqual(try database.searchStudents("number 5", counselorId: nil).map(\.student.sourcedId), ["u5"])
        // Still indexed by trigger outside an import.
        let school = try XCTUnwrap(try database.student(sourcedId: "u1")?.schoolId)
        _ = try database.insertStudent(Student(localId: "W1", givenName: "Zofia", familyName: "Kowalczyk",
                                               grade: Grade(rawValue: 10)!, schoolId: school))
        XCTAssertEqual(try database.searchStudents("kowal", counselorId: nil).map(\.student.localId), ["W1"])
    }

    func testAnImportKilledBetweenChunksAndFinishedLaterLeavesItsDigest() throws {
        let database = try AppDatabase.open(path: path)
        XCTAssertThrowsError(try database.importRoster(bundle(), pacing: .fixed(3, betweenChunks: { throw Killed() })))
        XCTAssertFalse(try wouldSkip(database, bundle()))
        // The next process (doctor --fix) finishes it from the kept bundle.
        let later = try AppDatabase.open(path: path)
        XCTAssertEqual(try later.finishInterruptedImports(pacing: .fixed(3)).count, 1)
        XCTAssertTrue(try wouldSkip(later, bundle()))
        XCTAssertEqual(try later.importRoster(bundle()).total, RosterImportSummary.Counts())
        XCTAssertEqual(try later.reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM student") }, 6)
    }
}

/// True the first time only, from the import's thread.
private final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    func first() -> Bool { lock.withLock { defer { done = true }; return !done } }
}
