import Foundation
import GRDB
import XCTest

/// Issue 12, item 4 from outside: a note saved while another program holds the write lock
/// is on disk beside the database at once (owner-only), so killing Waypoint with SIGKILL
/// before the lock is released loses nothing: the next start offers the note back.
final class BusyKillTests: XCTestCase {
    func testANoteSavedBehindAnotherProgramsLockSurvivesKillMinus9() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let database = scratch.path("waypoint.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", database, "--students", "30"]).status, 0)
        let localId = try firstLocalId(binary, database)
        let tmux = try Tmux(width: 100, height: 30, environment: ["HOME": scratch.url.path])
        try tmux.launchWaypoint(binary, database: database)
        try tmux.openProfile(localId: localId)
        try tmux.type("n")
        try tmux.waitFor(text: "New session")
        let note = "Written while the import ran, and kept."
        try tmux.type(note)
        try tmux.waitFor(text: note)

        // Another program (an import) takes the write lock and keeps it.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true   // the lock outlives one access, as an import's does
        let importer = try DatabaseQueue(path: database, configuration: configuration)
        try importer.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        var locked = true
        defer { if locked { try? importer.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") } } }

        try tmux.press("C-s")
        try tmux.waitFor(text: "Another program is writing")
        let folder = database + ".unsaved-drafts"
        let file = try waitForFile(in: folder, containing: note)
        let mode = (try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)?.intValue
        XCTAssertEqual(mode, 0o600, "the kept note is owner-only")
        let folderMode = (try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? NSNumber)?.intValue
        XCTAssertEqual(folderMode, 0o700)

        try tmux.killWaypoint()
        try importer.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        locked = false

        let doctor = try runProcess(binary, ["doctor", "--db", database])
        XCTAssertTrue(doctor.stdout.contains("kept while the database was busy: \(file)"),
                      doctor.stdout)

        try tmux.launchWaypoint(binary, database: database)
        try tmux.waitFor(text: "Unsaved draft")
        try tmux.type("r")
        let screen = try tmux.waitFor(text: note)
        XCTAssertTrue(screen.contains("New session"), screen)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file), "taken into the database, the file goes")
    }

    /// The file appears the moment the database refuses the save; waits for it with a deadline.
    private func waitForFile(in folder: String, containing text: String, seconds: Double = Tmux.defaultDeadline) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names where name.hasSuffix(".json") {
                let path = (folder as NSString).appendingPathComponent(name)
                if let content = try? String(contentsOfFile: path, encoding: .utf8), content.contains(text) { return path }
            }
            usleep(20_000)
        }
        XCTFail("no kept draft holding \"\(text)\" in \(folder)")
        throw TmuxError("no kept draft in \(folder)")
    }
}
