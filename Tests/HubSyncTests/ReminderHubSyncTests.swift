import Foundation
import HubTestSupport
import WaypointCore
import WaypointStore
@testable import WaypointSync
import XCTest

/// A repeating reminder through a real hub (hub migration v6-reminders): its repeat arrives
/// on the counselor's other workstation, and the next one made there comes back naming the
/// one it came from.
final class ReminderHubSyncTests: XCTestCase {
    private var district: HubDistrict!
    private var stations: [HubWorkstation] = []

    override func setUp() async throws {
        district = try await HubDistrict.make()
    }

    override func tearDown() async throws {
        for station in stations { await station.close() }
        try await district?.drop()
    }

    func testARepeatAndItsNextTravelBothWays() async throws {
        let office = try await district.workstation(district.roster.a)
        let laptop = try await district.workstation(district.roster.a)
        stations += [office, laptop]
        let plan = Recurrence(everyDays: 14, until: CivilDate(iso: "2027-06-11"), whileTier: 3)
        try office.database.addFollowUp(studentId: try office.studentId("U1"), authorId: office.counselorId, text: "Check-in",
                                        dueDate: CivilDate(iso: "2026-12-08"), recurrence: plan)
        let pushed = try await office.sync()
        XCTAssertEqual(pushed.refused, 0)

        try await laptop.sync()
        let arrived = try XCTUnwrap(try laptop.database.followUps(studentId: try laptop.studentId("U1"),
                                                                  viewerId: laptop.counselorId).first)
        XCTAssertEqual(arrived.recurrence, plan)
        let outcome = try laptop.database.setFollowUpStatus(id: arrived.id!, to: .done, by: laptop.counselorId,
                                                            today: CivilDate(iso: "2026-12-09"))
        guard case .next(_, let due)? = outcome else { return XCTFail("no next: \(String(describing: outcome))") }
        XCTAssertEqual(due, CivilDate(iso: "2026-12-22"), "two weeks after the one done was due")
        let fromLaptop = try await laptop.sync()
        XCTAssertEqual(fromLaptop.refused, 0)

        try await office.sync()
        let open = try office.database.followUps(studentId: try office.studentId("U1"), viewerId: office.counselorId)
        XCTAssertEqual(open.map(\.dueDate), [CivilDate(iso: "2026-12-22")])
        XCTAssertEqual(open.first?.recurrence, plan)
        let done = try office.database.followUps(studentId: try office.studentId("U1"), statuses: [.done], viewerId: office.counselorId)
        XCTAssertEqual(open.first?.repeatedFromId, done.first?.id)
    }
}
