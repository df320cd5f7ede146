import Foundation
import WaypointCatalogs
import XCTest
@testable import WaypointCore

/// A district's own early-warning thresholds, through `CatalogLoader` as Waypoint starts.
final class EarlyWarningCatalogTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("early-warning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ json: String) throws {
        try json.write(to: folder.appendingPathComponent("early-warning.json"), atomically: true, encoding: .utf8)
    }

    private let eightySeven = [ABCAttendance(studentId: 1, term: "2026-FA", startDate: "2026-08-15",
                                             endDate: "2026-12-18", daysEnrolled: 100, daysPresent: 87)]

    private func tier(_ rules: EarlyWarningRules) -> Int? {
        EarlyWarning.evaluate(attendance: eightySeven, incidents: [], marks: [], rules: rules).tier
    }

    func testADistrictOverridesTheThresholds() throws {
        try write(#"""
            {"attendance": {"chronicBelow": 0.85, "severeBelow": 0.75},
             "behavior": {"suspensions": 1, "incidents": 5, "severeSuspensionDays": 3, "windowDays": 90},
             "courses": {"gpaBelow": 1.5, "failingCoreCourses": 1, "severeFailingCoreCourses": 3},
             "tier3Indicators": 3}
            """#)
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.warnings, [])
        XCTAssertEqual(load.catalogs.earlyWarning.attendance.chronicBelow, 0.85)
        XCTAssertEqual(load.catalogs.earlyWarning.behavior.windowDays, 90)
        XCTAssertEqual(tier(load.catalogs.earlyWarning), 1, "87% is above the district's 85% line")
        // Read alone (`student show`), the same rules.
        let alone = CatalogLoader.loadEarlyWarning(configDirectory: folder.path)
        XCTAssertEqual(alone.rules, load.catalogs.earlyWarning)
        XCTAssertEqual(alone.warnings, [])
        XCTAssertEqual(tier(CatalogLoader.shipped.earlyWarning), 2, "and below the default 90%")
    }

    func testABrokenDistrictFileFallsBackWithAWarning() throws {
        try write(#"""
            {"attendance": {"chronicBelow": 90, "severeBelow": 80},
             "behavior": {"suspensions": 1, "incidents": 3, "severeSuspensionDays": 5, "windowDays": 120},
             "courses": {"gpaBelow": 2.0, "failingCoreCourses": 1, "severeFailingCoreCourses": 2},
             "tier3Indicators": 2}
            """#)
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.catalogs.earlyWarning, CatalogLoader.shipped.earlyWarning)
        XCTAssertEqual(load.warnings.map(\.description), [
            folder.appendingPathComponent("early-warning.json").path
                + ":1: attendance.chronicBelow: expected a rate from 0.0 to 1.0, found 90.0; the built-in catalog is used instead",
        ])
        XCTAssertEqual(tier(load.catalogs.earlyWarning), 2)
        let alone = CatalogLoader.loadEarlyWarning(configDirectory: folder.path)
        XCTAssertEqual(alone.rules, CatalogLoader.shipped.earlyWarning)
        XCTAssertEqual(alone.warnings, load.warnings)
        XCTAssertEqual(CatalogLoader.loadEarlyWarning(configDirectory: folder.appendingPathComponent("none").path).rules,
                       CatalogLoader.shipped.earlyWarning)
    }
}
