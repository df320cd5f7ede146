import Foundation
import Interchange
import WaypointCore
import WaypointStore
import XCTest

/// An import leaves one audit row with its counts; a dry run, like a refused file, leaves none.
final class ImportAuditTests: XCTestCase {
    func testARosterImportIsOneRowWithItsCountsAndADryRunIsNone() throws {
        let db = try AppDatabase.inMemory(actor: AuditActor("registrar"))
        let bundle = try RosterReader.read(try RosterFixture().url).bundle
        _ = try db.importRoster(bundle, dryRun: true, source: "roster-dir")
        XCTAssertEqual(try db.auditEvents(), [])
        let summary = try db.importRoster(bundle, source: "roster-dir")
        let events = try db.auditEvents()
        XCTAssertEqual(events.map(\.action), [.importedRoster])
        XCTAssertEqual(events.first?.subject, "roster-dir")
        XCTAssertEqual(events.first?.actor, "registrar")
        XCTAssertNil(events.first?.counselorId)
        XCTAssertEqual(events.first?.detail, summary.description.replacingOccurrences(of: "\n", with: "; "))
        XCTAssertTrue(events.first?.detail.contains("students: \(summary.students.added) added") == true)
    }

    func testAnABCImportIsOneRowCreditedToTheCounselorWhoRanIt() throws {
        let fixture = try ABCFixture()
        let counselor = try XCTUnwrap(fixture.db.allCounselors().first?.id)
        let batch = try fixture.read(fixture.file("a.csv", ABCFixture.attendance))
        _ = try fixture.db.importABC(batch, dryRun: true, by: counselor, source: "a.csv")
        XCTAssertEqual(try fixture.db.auditEvents().filter { $0.action == .importedABC }, [])
        let summary = try fixture.db.importABC(batch, by: counselor, source: "a.csv")
        let event = try XCTUnwrap(fixture.db.auditEvents().first)
        XCTAssertEqual(event.action, .importedABC)
        XCTAssertEqual(event.counselorId, counselor)
        XCTAssertEqual(event.subject, "a.csv")
        XCTAssertTrue(event.detail.hasPrefix("attendance: \(summary.attendance.added) added"), event.detail)
    }
}
