import Foundation
import WaypointCatalogs
import XCTest
@testable import WaypointCore

final class CatalogTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalogs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ json: String) throws {
        try json.write(to: folder.appendingPathComponent("session-kinds.json"), atomically: true, encoding: .utf8)
    }

    func testTheBuiltInSessionKindsAreTheDomainsEight() throws {
        let kinds = try CatalogLoader.load(configDirectory: folder.path).sessionKinds
        XCTAssertEqual(kinds.kinds.map(\.id), ["academic", "college", "career", "personal", "attendance", "crisis",
                                               "family-meeting", "group"])
        XCTAssertEqual(kinds.title(of: "family-meeting"), "Family meeting")
    }

    func testADistrictFileReplacesTheDefault() throws {
        try write(#"{"sessionKinds": [{"id": "504-review", "title": "504 plan review"}]}"#)
        let kinds = try CatalogLoader.load(configDirectory: folder.path).sessionKinds
        XCTAssertEqual(kinds.kinds.map(\.id), ["504-review"])
    }

    func testABadDistrictFileNamesFileAndKey() throws {
        let cases: [(String, String)] = [
            (#"{"sessionKinds": [}"#, "is not valid JSON"),
            (#"{"sessionKinds": []}"#, "sessionKinds: expected a non-empty list"),
            (#"{"sessionKinds": [{"id": "ok", "title": "OK"}, {"id": "Bad Id", "title": "x"}]}"#,
             "sessionKinds[1].id: expected lower-case letters, digits and hyphens, found \"Bad Id\""),
            (#"{"sessionKinds": [{"id": "a", "title": " "}]}"#, "sessionKinds[0].title: is empty"),
            (#"{"sessionKinds": [{"id": "a", "title": "A"}, {"id": "a", "title": "B"}]}"#, "\"a\" appears twice"),
            (#"{"sessionKinds": [{"title": "A"}]}"#, "sessionKinds[0].id: is missing"),
            (#"{"sessionKinds": [{"id": 3, "title": "A"}]}"#, "sessionKinds[0].id: has the wrong type"),
        ]
        for (json, expected) in cases {
            try write(json)
            XCTAssertThrowsError(try CatalogLoader.load(configDirectory: folder.path), json) { error in
                let message = String(describing: error)
                XCTAssertTrue(message.hasPrefix(folder.appendingPathComponent("session-kinds.json").path), message)
                XCTAssertTrue(message.contains(expected), "\(message) should contain \(expected)")
            }
        }
    }
}
