import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

/// Issue 12, item 4: a draft the busy database could not take is kept in a private file
/// beside it, and taken into the database at the next load, so a kill -9 while another
/// program holds the write lock loses nothing.
final class DraftsAsideTests: XCTestCase {
    private var folder: URL!
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-aside-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func seeded() throws -> (AppDatabase, studentId: Int64) {
        let database = try AppDatabase.open(path: folder.appendingPathComponent("waypoint.sqlite").path,
                                            patience: BusyPatience(perTry: 0.01, overall: 0))
        let school = try database.insertSchool(School(name: "Riverside"))
        _ = try database.insertCounselor(Counselor(givenName: "Dana", familyName: "Whitfield"))
        _ = try database.insertCounselor(Counselor(givenName: "Sam", familyName: "Okafor"))
        let student = try database.insertStudent(Student(localId: "S1", givenName: "Ana", familyName: "Lima",
                                                         grade: Grade(rawValue: 10)!, schoolId: school.id!))
        return (database, try XCTUnwrap(student.id))
    }

    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func testAKeptDraftIsPrivateAndWholeAndGoesOnceRemoved() throws {
        let (database, studentId) = try seeded()
        let aside = try XCTUnwrap(database.draftsAside)
        let key = DraftsAside.Key(counselorId: 1, studentId: studentId, sessionId: nil)
        try aside.keep(key, payload: "{\"note\":\"first\"}", savedAt: start)
        try aside.keep(key, payload: "{\"note\":\"second\"}", savedAt: start + 1)
        XCTAssertEqual(try mode(aside.folder), 0o700)
        XCTAssertEqual(try mode(aside.path(of: key)), 0o600)
        XCTAssertEqual(aside.leftovers(), [aside.path(of: key)], "one file per draft, no temporary left")
        XCTAssertEqual(try aside.read(aside.path(of: key)).get(),
                       DraftsAside.Kept(key: key, payload: "{\"note\":\"second\"}", savedAt: start + 1))
        aside.remove(key)
        XCTAssertFalse(FileManager.default.fileExists(atPath: aside.folder), "an empty folder goes too")
    }

    func testAKeptDraftIsTakenIntoTheDatabaseAndAnotherCounselorsIsLeftForThem() throws {
        let (database, studentId) = try seeded()
        let aside = try XCTUnwrap(database.draftsAside)
        let mine = DraftsAside.Key(counselorId: 1, studentId: studentId, sessionId: nil)
        let theirs = DraftsAside.Key(counselorId: 2, studentId: studentId, sessionId: nil)
        try aside.keep(mine, payload: "{\"note\":\"mine\"}", savedAt: start)
        try aside.keep(theirs, payload: "{\"note\":\"theirs\"}", savedAt: start)

        XCTAssertEqual(try database.takeDraftsAside(counselorId: 1, now: start + 60) { _ in true }, [])
        let drafts = try database.drafts(counselorId: 1)
        XCTAssertEqual(drafts.map(\.payload), ["{\"note\":\"mine\"}"])
        XCTAssertEqual(drafts.first?.updatedAt, start, "it keeps the time it was typed")
        XCTAssertEqual(aside.leftovers(), [aside.path(of: theirs)])
        XCTAssertEqual(try database.drafts(counselorId: 2).count, 0)
    }

    func testADamagedFileIsSaidAndKeptUnderANewName() throws {
        let (database, studentId) = try seeded()
        let aside = try XCTUnwrap(database.draftsAside)
        let key = DraftsAside.Key(counselorId: 1, studentId: studentId, sessionId: 7)
        try aside.keep(key, payload: "{}", savedAt: start)
        try Data("{\"format\":1,\"counsel".utf8).write(to: URL(fileURLWithPath: aside.path(of: key)))

        let notes = try database.takeDraftsAside(counselorId: 1, now: start) { _ in true }
        XCTAssertEqual(notes.count, 1)
        XCTAssertTrue(notes[0].contains("could not be used"), notes[0])
        XCTAssertTrue(notes[0].contains(aside.path(of: key) + ".damaged"), notes[0])
        XCTAssertEqual(aside.leftovers(), [aside.path(of: key) + ".damaged"])
        XCTAssertEqual(try database.drafts(counselorId: 1).count, 0, "nothing was changed")
        XCTAssertEqual(try database.takeDraftsAside(counselorId: 1, now: start) { _ in true }, [], "said once, not at every start")
    }

    func testANewerDraftInTheDatabaseIsKeptAndTheOlderFileToo() throws {
        let (database, studentId) = try seeded()
        let aside = try XCTUnwrap(database.draftsAside)
        let key = DraftsAside.Key(counselorId: 1, studentId: studentId, sessionId: nil)
        try aside.keep(key, payload: "{\"note\":\"older\"}", savedAt: start)
        try database.saveDraft(counselorId: 1, studentId: studentId, sessionId: nil, payload: "{\"note\":\"newer\"}", now: start + 5)

        let notes = try database.takeDraftsAside(counselorId: 1, now: start + 60) { _ in true }
        XCTAssertEqual(notes.count, 1)
        XCTAssertTrue(notes[0].contains("the newer one is offered"), notes[0])
        XCTAssertEqual(try database.drafts(counselorId: 1).map(\.payload), ["{\"note\":\"newer\"}"])
        XCTAssertEqual(aside.leftovers(), [aside.path(of: key) + ".older"])
        XCTAssertEqual(try aside.read(aside.path(of: key) + ".older").map(\.payload).get(), "{\"note\":\"older\"}",
                       "the older draft is still all there")
    }

    func testAnOlderDraftInTheDatabaseIsReplacedByTheKeptOne() throws {
        let (database, studentId) = try seeded()
        let aside = try XCTUnwrap(database.draftsAside)
        let key = DraftsAside.Key(counselorId: 1, studentId: studentId, sessionId: nil)
        try database.saveDraft(counselorId: 1, studentId: studentId, sessionId: nil, payload: "{\"note\":\"Talk\"}", now: start)
        try aside.keep(key, payload: "{\"note\":\"Talked about the FAFSA\"}", savedAt: start + 5)

        XCTAssertEqual(try database.takeDraftsAside(counselorId: 1, now: start + 60) { _ in true }, [])
        XCTAssertEqual(try database.drafts(counselorId: 1).map(\.payload), ["{\"note\":\"Talked about the FAFSA\"}"])
        XCTAssertEqual(aside.leftovers(), [])
    }

    func testWhileTheDatabaseIsBusyTheFileStays() throws {
        let (database, studentId) = try seeded()
        let aside = try XCTUnwrap(database.draftsAside)
        let key = DraftsAside.Key(counselorId: 1, studentId: studentId, sessionId: nil)
        try aside.keep(key, payload: "{}", savedAt: start)
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let importer = try DatabaseQueue(path: folder.appendingPathComponent("waypoint.sqlite").path, configuration: configuration)
        try importer.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        XCTAssertThrowsError(try database.takeDraftsAside(counselorId: 1, now: start) { _ in true })
        try importer.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        XCTAssertEqual(aside.leftovers(), [aside.path(of: key)])
    }

    func testADraftForAStudentNoLongerThereIsKeptAndSaid() throws {
        let (database, _) = try seeded()
        let aside = try XCTUnwrap(database.draftsAside)
        let key = DraftsAside.Key(counselorId: 1, studentId: 999_999, sessionId: nil)
        try aside.keep(key, payload: "{}", savedAt: start)
        let notes = try database.takeDraftsAside(counselorId: 1, now: start) { _ in true }
        XCTAssertEqual(notes.count, 1)
        XCTAssertTrue(notes[0].contains("no longer in this database"), notes[0])
        XCTAssertFalse(notes[0].contains("SQLite"), notes[0])
        XCTAssertEqual(aside.leftovers(), [aside.path(of: key) + ".damaged"])
    }

    /// A kill in the middle of writing leaves a partial file beside the last whole copy:
    /// the whole copy is what is taken, and the partial one goes.
    func testAPartialFileLeftByAKillGoesAndTheLastWholeCopyIsTaken() throws {
        let (database, studentId) = try seeded()
        let aside = try XCTUnwrap(database.draftsAside)
        let key = DraftsAside.Key(counselorId: 1, studentId: studentId, sessionId: nil)
        try aside.keep(key, payload: "{\"note\":\"whole\"}", savedAt: start)
        let partial = aside.path(of: key) + ".waypoint-partial-0000abcd"
        try Data("{\"format\":1,\"coun".utf8).write(to: URL(fileURLWithPath: partial))
        XCTAssertEqual(aside.leftovers(), [aside.path(of: key)], "doctor does not name a partial file")

        XCTAssertEqual(try database.takeDraftsAside(counselorId: 1, now: start) { _ in true }, [])
        XCTAssertEqual(try database.drafts(counselorId: 1).map(\.payload), ["{\"note\":\"whole\"}"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: partial))
        XCTAssertFalse(FileManager.default.fileExists(atPath: aside.folder))
    }
}
