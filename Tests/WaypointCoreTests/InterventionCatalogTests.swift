import Foundation
import WaypointCatalogs
import XCTest
@testable import WaypointCore

/// The intervention-kinds catalog: the shipped file, a district's own, and a broken one.
final class InterventionCatalogTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalogs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ json: String) throws {
        try json.write(to: folder.appendingPathComponent("intervention-kinds.json"), atomically: true, encoding: .utf8)
    }

    func testTheShippedKindsAreTheSeven() throws {
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.warnings, [])
        let kinds = load.catalogs.interventionKinds
        XCTAssertEqual(kinds.kinds.map(\.id), ["tutoring", "small-group", "mentoring", "counseling", "attendance-plan",
                                               "behavior-plan", "other"])
        XCTAssertEqual(kinds.title(of: "tutoring"), "Tutoring (high-dosage)")
        XCTAssertEqual(kinds.title(of: "removed-kind"), "removed-kind", "an id no longer in the catalog shows as itself")
        XCTAssertEqual(try CatalogLoader.defaults().interventionKinds, kinds)
    }

    func testADistrictFileReplacesTheDefault() throws {
        try write(#"{"interventionKinds": [{"id": "check-in-check-out", "title": "Check-in/check-out"}]}"#)
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.warnings, [])
        XCTAssertEqual(load.catalogs.interventionKinds.kinds.map(\.id), ["check-in-check-out"])
    }

    func testABrokenDistrictFileFallsBackWithAWarningNamingTheKey() throws {
        try write(#"{"interventionKinds": [{"id": "Tutoring", "title": "Tutoring"}]}"#)
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.catalogs.interventionKinds, try CatalogLoader.defaults().interventionKinds)
        XCTAssertEqual(load.warnings.map(\.description), [
            folder.appendingPathComponent("intervention-kinds.json").path
                + ":1: interventionKinds[0].id: expected lower-case letters, digits and hyphens, found \"Tutoring\"; "
                + "the built-in catalog is used instead",
        ])
    }

    func testEveryMistakeNamesTheKey() {
        let cases: [(json: String, key: String?, problem: String)] = [
            (#"{"interventionKinds": [}"#, nil, "is not valid JSON"),
            (#"{"interventionKinds": []}"#, "interventionKinds", "expected a non-empty list"),
            (#"{"interventionKinds": [{"id": "a", "title": " "}]}"#, "interventionKinds[0].title", "is empty"),
            (#"{"interventionKinds": [{"id": "a", "title": "A"}, {"id": "a", "title": "B"}]}"#,
             "interventionKinds[1].id", "\"a\" appears twice"),
            (#"{"interventionKinds": [{"title": "A"}]}"#, "interventionKinds[0].id", "is missing"),
        ]
        for broken in cases {
            XCTAssertThrowsError(try KindCatalog.interventionKinds(CatalogSource(name: "d.json", data: Data(broken.json.utf8)))) {
                let error = $0 as? CatalogError
                XCTAssertEqual(error?.key, broken.key, broken.json)
                XCTAssertTrue(error?.problem.contains(broken.problem) ?? false, "\(String(describing: error))")
            }
        }
    }

    func testTheDosageInWords() {
        let intervention = Intervention(studentId: 1, kind: "tutoring", ownerId: 1, goal: "Pass Algebra I",
                                        startDate: CivilDate(iso: "2026-11-23")!, sessionsPerWeek: 3, minutesPerSession: 30)
        XCTAssertEqual(intervention.dosageText, "3 × 30 min a week")
        XCTAssertTrue(intervention.isActive)
    }
}
