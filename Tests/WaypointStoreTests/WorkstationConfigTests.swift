import Foundation
import WaypointCore
import XCTest
@testable import WaypointStore

final class WorkstationConfigTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-config-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func write(_ text: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: folder + "/config.json", atomically: true, encoding: .utf8)
    }

    func testNoFileMeansTheDefaults() throws {
        let config = try WorkstationConfig.load(directory: folder)
        XCTAssertEqual(config.idleLock, .after(600))
        XCTAssertEqual(config.counselors, [:])
    }

    func testSettingsAreRead() throws {
        try write(#"{"idleLock": "off", "counselors": {"/data/w.sqlite": 3}}"#)
        let config = try WorkstationConfig.load(directory: folder)
        XCTAssertEqual(config.idleLock, .off)
        XCTAssertEqual(config.counselors, ["/data/w.sqlite": 3])
    }

    func testMistakesNameTheFileAndTheKey() throws {
        let cases = [
            ("{", "not valid JSON"),
            ("[]", "not an object"),
            (#"{"idleLok": "5m"}"#, #"unknown key "idleLok""#),
            (#"{"idleLock": "5"}"#, #""idleLock": expected "off""#),
            (#"{"idleLock": 5}"#, #""idleLock": expected"#),
            (#"{"counselors": {"/a": "x"}}"#, #""counselors"."/a": expected a counselor ID"#),
        ]
        for (text, expected) in cases {
            try write(text)
            XCTAssertThrowsError(try WorkstationConfig.load(directory: folder), text) { error in
                let message = "\(error)"
                XCTAssertTrue(message.contains(folder + "/config.json"), message)
                XCTAssertTrue(message.contains(expected), message)
            }
        }
    }

    func testRememberingKeepsTheOtherSettingsAndIsPrivate() throws {
        try write(#"{"idleLock": "2m", "counselors": {"/other.sqlite": 9}}"#)
        try WorkstationConfig.remember(counselorId: 4, forDatabase: "/data/w.sqlite", directory: folder)
        let config = try WorkstationConfig.load(directory: folder)
        XCTAssertEqual(config.idleLock, .after(120))
        XCTAssertEqual(config.counselors, ["/other.sqlite": 9, "/data/w.sqlite": 4])
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/config.json")[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o600)
    }

    func testRememberingCreatesAPrivateFolder() throws {
        let nested = folder + "/waypoint"
        try WorkstationConfig.remember(counselorId: 1, forDatabase: "/w.sqlite", directory: nested)
        let mode = try FileManager.default.attributesOfItem(atPath: nested)[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o700)
        XCTAssertEqual(try WorkstationConfig.load(directory: nested).counselors, ["/w.sqlite": 1])
    }
}
