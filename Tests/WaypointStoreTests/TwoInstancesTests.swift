import Foundation
import WaypointCore
import XCTest
@testable import WaypointStore

/// Two Waypoint instances on one database file, as two windows would open it: each sees the
/// other's commits through `dataVersion`, and both write at once without a busy error.
final class TwoInstancesTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-two-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private var path: String { folder.appendingPathComponent("waypoint.sqlite").path }

    func testDataVersionChangesForTheOtherInstancesCommitsOnly() throws {
        let first = try AppDatabase.open(path: path)
        let second = try AppDatabase.open(path: path)
        let counselor = try first.insertCounselor(Counselor(givenName: "Dana", familyName: "Whitfield"))
        let start = try first.dataVersion()
        _ = try first.insertCounselor(Counselor(givenName: "Own", familyName: "Write"))
        XCTAssertEqual(try first.dataVersion(), start, "its own writes are not news to a window")
        let secondStart = try second.dataVersion()
        _ = try second.insertCounselor(Counselor(givenName: "Other", familyName: "Window"))
        XCTAssertNotEqual(try first.dataVersion(), start, "the other window's commit is seen")
        XCTAssertEqual(try second.dataVersion(), secondStart)
        XCTAssertEqual(try first.allCounselors().count, 3)
        XCTAssertNotNil(counselor.id)
    }

    /// Each write reads before it writes (compare-and-set). In a DEFERRED transaction the
    /// read takes a shared lock and the upgrade to a write lock fails with SQLITE_BUSY at
    /// once, which no busy timeout retries; IMMEDIATE transactions wait their turn instead.
    func testTwoInstancesWritingAtOnceNeverFail() throws {
        let setup = try AppDatabase.open(path: path)
        let counselor = try setup.insertCounselor(Counselor(givenName: "Dana", familyName: "Whitfield"))
        let school = try setup.insertSchool(School(name: "Riverside", lowGrade: Grade(rawValue: 9), highGrade: Grade(rawValue: 12)))
        let student = try setup.insertStudent(Student(localId: "S1", givenName: "Ana", familyName: "Lima",
                                                      grade: Grade(rawValue: 11)!, schoolId: school.id!))
        let instances = [try AppDatabase.open(path: path), try AppDatabase.open(path: path)]
        let rounds = 150
        let errors = LockedList()
        DispatchQueue.concurrentPerform(iterations: instances.count) { index in
            let database = instances[index]
            for round in 0..<rounds {
                do {
                    let id = try database.addFollowUp(studentId: student.id!, authorId: counselor.id!,
                                                      text: "window \(index) round \(round)", dueDate: nil)
                    try database.setFollowUpStatus(id: id, to: .done, by: nil, loaded: .open)
                    let milestone = try database.plan(studentId: student.id!).milestones.first { $0.milestoneId == "m\(index)" }
                    var record = milestone ?? MilestoneRecord(studentId: student.id!, milestoneId: "m\(index)")
                    record.evidence = "round \(round)"
                    try database.setMilestone(record, today: CivilDate(year: 2026, month: 11, day: 23), by: nil, loaded: milestone)
                } catch {
                    errors.append("window \(index) round \(round): \(error)")
                }
            }
        }
        XCTAssertEqual(errors.items.count, 0, errors.items.prefix(3).joined(separator: "\n"))
        XCTAssertEqual(try setup.followUps(studentId: student.id!, statuses: [.done], viewerId: nil).count, rounds * instances.count)
        XCTAssertEqual(Set(try setup.plan(studentId: student.id!).milestones.map(\.evidence)), ["round \(rounds - 1)"])
    }
}

private final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func append(_ item: String) { lock.withLock { list.append(item) } }
    var items: [String] { lock.withLock { list } }
}
