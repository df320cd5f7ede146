import TerminalKit
import WaypointCore
import WaypointStore
import XCTest
@testable import WaypointEffects
@testable import WaypointUI

/// Typing a search narrows rows kept in memory; they must never hide what was written to
/// the database since they were loaded, by this screen or by another process.
final class CaseloadCacheTests: XCTestCase {
    /// A screen on a database file (so another connection can write to it), started.
    private func appOnFile() throws -> (App, String, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("db.sqlite").path
        let backend = InMemoryBackend(size: Size(width: 100, height: 30))
        let runner = EffectRunner(database: try AppDatabase.open(path: path), demoSize: (students: 120, counselors: 2, seed: 7))
        let app = App(state: AppState(size: backend.size(), caseloadOwnerId: nil), terminal: Terminal(backend: backend), runner: runner)
        app.start()
        return (app, path, folder)
    }

    func testSearchSeesAStudentAddedByAnotherConnection() throws {
        let (app, path, folder) = try appOnFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        for key in [Key.char("d"), .enter, .char("c"), .end, .enter, .char("/"), .char("q")] { app.handleSettled(.key(key)) }
        XCTAssertFalse(app.state.caseload.rows.contains { $0.student.familyName == "Quillfeather" })

        // Another process (the CLI) adds a student while the screen shows the district.
        let other = try AppDatabase.open(path: path)
        let school = try XCTUnwrap(try other.allSchools().first)
        _ = try other.insertStudent(Student(localId: "S999999", givenName: "Ada", familyName: "Quillfeather",
                                        grade: Grade(rawValue: 11)!, schoolId: school.id!))
        for key in [Key.char("u"), .char("i")] { app.handleSettled(.key(key)) }
        XCTAssertEqual(app.state.caseload.rows.map(\.student.familyName), ["Quillfeather"])
    }

    func testTheDistrictKeptWhileACaseloadIsShownSeesWhatWasWrittenMeanwhile() throws {
        let (app, path, folder) = try appOnFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        for key in [Key.char("d"), .enter, .char("c"), .end, .enter] { app.handleSettled(.key(key)) }
        let district = app.state.caseload.rows.count
        for key in [Key.char("c"), .home, .enter] { app.handleSettled(.key(key)) }
        XCTAssertLessThan(app.state.caseload.rows.count, district)

        let other = try AppDatabase.open(path: path)
        let school = try XCTUnwrap(try other.allSchools().first)
        _ = try other.insertStudent(Student(localId: "S999998", givenName: "Ada", familyName: "Quillfeather",
                                        grade: Grade(rawValue: 11)!, schoolId: school.id!))
        for key in [Key.char("c"), .end, .enter] { app.handleSettled(.key(key)) }
        XCTAssertEqual(app.state.caseload.rows.count, district + 1)
        XCTAssertTrue(app.state.caseload.rows.contains { $0.student.familyName == "Quillfeather" })
    }

    func testSearchInMemoryMatchesTheStoreSearch() throws {
        let database = try AppDatabase.inMemory()
        let backend = InMemoryBackend(size: Size(width: 100, height: 30))
        let runner = EffectRunner(database: database, demoSize: (students: 300, counselors: 2, seed: 3))
        let app = App(state: AppState(size: backend.size(), caseloadOwnerId: nil), terminal: Terminal(backend: backend), runner: runner)
        app.start()
        for key in [Key.char("d"), .enter, .char("c"), .end, .enter, .char("/")] { app.handleSettled(.key(key)) }
        var typed = ""
        for letter in "mar" {
            app.handleSettled(.key(.char(letter)))
            typed.append(letter)
            XCTAssertEqual(app.state.caseload.rows.map(\.id),
                           try database.searchStudents(typed, counselorId: nil, limit: Int.max).map(\.id), typed)
        }
    }
}
