import Foundation
@testable import WaypointStore
import XCTest

/// The sweep of plain copies removes only what a stopped Waypoint left: never a folder in
/// use, never one named otherwise, someone else's, or a link to elsewhere.
final class LeftoverCopiesTests: XCTestCase {
    private var parent: URL!

    override func setUpWithError() throws {
        parent = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: false)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: parent)
    }

    private func folder(_ name: String, lock: Bool = false) throws -> String {
        let path = parent.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try Data("student records".utf8).write(to: URL(fileURLWithPath: path + "/backup.sqlite"))
        if lock { FileManager.default.createFile(atPath: path + "/.lock", contents: nil) }
        return path
    }

    func testAFolderInUseIsLeftAloneAndRemovedWhenItsWorkEnds() throws {
        var inside: URL?
        try PrivateWorkFolder.with(in: parent) { folder in
            inside = folder
            XCTAssertTrue(folder.lastPathComponent.hasPrefix("waypoint-private-\(getpid())-"))
            XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int, 0o700)
            XCTAssertEqual(PrivateWorkFolder.stale(in: parent), [], "its lock is held")
            XCTAssertEqual(PrivateWorkFolder.sweep(in: parent), [])
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: try XCTUnwrap(inside).path))
    }

    func testOnlyStoppedWaypointFoldersOfThisUserAreSwept() throws {
        let unlocked = try folder("waypoint-private-1-aaaa", lock: true)
        // pid_max is at most 2^22: no process has this id.
        let noLockDeadOwner = try folder("waypoint-private-99999999-bbbb")
        let noLockLiveOwner = try folder("waypoint-private-\(getpid())-cccc")
        let otherName = try folder("waypoint-e2e-dddd")
        let elsewhere = try folder("elsewhere")
        try FileManager.default.createSymbolicLink(atPath: parent.appendingPathComponent("waypoint-private-2-link").path,
                                                   withDestinationPath: elsewhere)
        FileManager.default.createFile(atPath: parent.appendingPathComponent("waypoint-private-3-file").path, contents: Data())
        var kept = [noLockLiveOwner, otherName, elsewhere]
        if getuid() == 0 {
            let theirs = try folder("waypoint-private-4-eeee", lock: true)
            XCTAssertEqual(chown(theirs, 65534, 65534), 0)
            kept.append(theirs)
        }

        XCTAssertEqual(PrivateWorkFolder.stale(in: parent), [unlocked, noLockDeadOwner])
        XCTAssertEqual(PrivateWorkFolder.sweep(in: parent), [unlocked, noLockDeadOwner])
        for path in [unlocked, noLockDeadOwner] { XCTAssertFalse(FileManager.default.fileExists(atPath: path), path) }
        for path in kept { XCTAssertTrue(FileManager.default.fileExists(atPath: path + "/backup.sqlite"), path) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: parent.appendingPathComponent("waypoint-private-3-file").path))
    }

    /// Folders an earlier Waypoint left (`waypoint-<UUID>`, no lock): only an hour after
    /// they were last changed, and only when they hold nothing but its plain copy.
    func testAnEarlierWaypointsFolderIsSweptOnlyWhenOldAndHoldingOnlyItsCopy() throws {
        let old = try folder("waypoint-\(UUID().uuidString)")
        let other = try folder("waypoint-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: other + "/notes.txt", contents: Data())
        let later = Date().addingTimeInterval(2 * 3600)
        XCTAssertEqual(PrivateWorkFolder.stale(in: parent), [], "changed within the hour")
        XCTAssertEqual(PrivateWorkFolder.sweep(in: parent, now: later), [old])
        XCTAssertTrue(FileManager.default.fileExists(atPath: other + "/notes.txt"))
    }

    func testAnUnfinishedCopyIsRemovedOnlyOnceItsWriterIsGone() throws {
        let name = "b.sqlite" + NewFile.partialMarker + "0000abcd"
        let path = parent.appendingPathComponent(name).path
        let writer = try XCTUnwrap(NewFile.createExclusive(path))
        XCTAssertEqual(flock(writer.fileDescriptor, LOCK_EX), 0)
        FileManager.default.createFile(atPath: path + "-journal", contents: Data())
        let unrelated = parent.appendingPathComponent("b.sqlite.notes").path
        FileManager.default.createFile(atPath: unrelated, contents: Data())

        XCTAssertEqual(NewFile.stale(in: parent.path, prefix: "b.sqlite"), [], "still being written")
        try writer.close()
        XCTAssertEqual(NewFile.removeStale(in: parent.path, prefix: "b.sqlite"), [path])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["b.sqlite.notes"])
        XCTAssertTrue(NewFile.isPartial(path))
        XCTAssertFalse(NewFile.isPartial(unrelated))
    }
}
