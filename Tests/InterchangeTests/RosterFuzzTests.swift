import Foundation
import GRDB
import Interchange
@testable import WaypointCore
import WaypointStore
import XCTest

/// Mutated OneRoster bundles fed to the reader and the importer: whatever the bytes, the
/// outcome is a clean import (the database stays consistent) or a clean refusal that names
/// file:line in printable words and writes nothing.
final class RosterFuzzTests: XCTestCase {
    /// Cases per base bundle. The seed is fixed, so a failure names a case that replays.
    private let casesPerBase = 80
    private let seed: UInt64 = 0x5741_5950_4F49_4E54

    func testMutatedBundlesImportCleanlyOrAreRefusedWithNothingWritten() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("roster-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var rng = SplitMix64(seed: seed)
        var outcomes: [String: Int] = [:]
        for (baseName, files) in try baseBundles() {
            let db = try AppDatabase.inMemory()
            _ = try db.importRoster(RosterReader.read(try write(files, to: scratch.appendingPathComponent(baseName))).bundle)
            for number in 0..<casesPerBase {
                let label = "\(baseName) case \(number)"
                var mutated = files
                var applied: [String] = []
                for _ in 0...rng.int(below: 3) {
                    let name = mutated.keys.sorted()[rng.int(below: mutated.count)]
                    let mutation = RosterMutation.allCases[rng.int(below: RosterMutation.allCases.count)]
                    mutated[name] = mutation.apply(to: mutated[name]!, rng: &rng)
                    applied.append("\(mutation) on \(name)")
                }
                let folder = try write(mutated, to: scratch.appendingPathComponent("\(baseName)-\(number)"))
                let outcome = try check(folder, files: mutated, db: db, lenient: number % 3 == 2,
                                        label: "\(label) (\(applied.joined(separator: ", ")))")
                outcomes[outcome, default: 0] += 1
            }
        }
        // The mutations must exercise both paths, or the test proves little.
        XCTAssertGreaterThan(outcomes["refused"] ?? 0, 20, "\(outcomes)")
        XCTAssertGreaterThan(outcomes["imported"] ?? 0, 20, "\(outcomes)")
    }

    /// Found by the fuzzer: values were echoed raw, so an ESC in a roster reached the
    /// terminal through `waypoint import`, and a 10,000-character field filled the screen.
    func testAHostileValueIsEscapedAndCutInTheMessage() throws {
        let hostile = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{0}\u{202E}\u{FEFF}" + String(repeating: "x", count: 10_000)
        let fixture = try RosterFixture(replacing: [
            "demographics.csv": "sourcedId,status,dateLastModified,sex\nU1,active,2025-01-01,\(hostile)\n"])
        XCTAssertThrowsError(try RosterReader.read(fixture.url)) { error in
            let message = (error as? RosterImportError)?.description ?? ""
            XCTAssertTrue(message.hasPrefix(#"demographics.csv:2:4: sex "\u{1B}]0;owned\u{7}\u{1B}[2J\u{0}\u{202E}\u{FEFF}xxx"#),
                          message)
            // An ESC is no letter of any field: that is the one error of the cell (issue 12).
            XCTAssertTrue(message.contains("… (10017 characters)\": expected text without control characters (found U+001B at character 1)"),
                          message)
            XCTAssertLessThan(message.count, 300, message)
        }
    }

    func testEveryKindOfInvalidUTF8IsNamedByFileLineAndColumn() throws {
        let sequences: [[UInt8]] = [[0xE9], [0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xFF], [0xF8, 0x88, 0x80, 0x80, 0x80]]
        for bytes in sequences {
            let fixture = try RosterFixture()
            try fixture.write("orgs.csv", Data("sourcedId,status,dateLastModified,name,type\r\nD1,active,2025-01-01,District,district\r\nS1,active,2025-01-01,Lak".utf8)
                              + Data(bytes) + Data("e,school\r\n".utf8))
            XCTAssertThrowsError(try RosterReader.read(fixture.url)) { error in
                let first = (error as? RosterImportError)?.errors.first?.description ?? ""
                XCTAssertTrue(first.hasPrefix("orgs.csv:3:25: encoding \"0x"), "\(bytes): \(first)")
            }
        }
    }

    /// Reads and imports one mutated bundle and checks the outcome; returns "imported" or "refused".
    private func check(_ folder: URL, files: [String: Data], db: AppDatabase, lenient: Bool, label: String) throws -> String {
        let before = try fingerprint(db)
        let result: RosterReader.Result
        do {
            result = try RosterReader.read(folder, lenient: lenient)
        } catch {
            XCTAssertFalse(error.errors.isEmpty, "\(label): a refusal with no reason")
            for issue in error.errors { checkMessage(issue, files: files, label: label) }
            XCTAssertEqual(try fingerprint(db), before, "\(label): a refused bundle changed the database")
            return "refused"
        }
        for issue in result.warnings { checkMessage(issue, files: files, label: label) }
        do {
            _ = try db.importRoster(result.bundle)
        } catch {
            XCTFail("\(label): the reader accepted a bundle the database refused: \(error)")
            XCTAssertEqual(try fingerprint(db), before, "\(label): a failed import changed the database")
            return "refused"
        }
        try db.reader.read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "PRAGMA integrity_check"), ["ok"], label)
            XCTAssertEqual(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check"), [], label)
        }
        return "imported"
    }

    /// A problem a data manager can act on: file:line:column of a file in the bundle, a line
    /// that exists, and nothing in it that a terminal would act on or that floods the screen.
    private func checkMessage(_ issue: RosterIssue, files: [String: Data], label: String) {
        let text = issue.description
        XCTAssertTrue(text.hasPrefix("\(issue.file):\(issue.line):\(issue.column): "), "\(label): \(text)")
        XCTAssertTrue(files.keys.contains(issue.file), "\(label): names a file not in the bundle: \(text)")
        let lines = (files[issue.file].map { $0.filter { $0 == 0x0A || $0 == 0x0D }.count } ?? 0) + 1
        XCTAssertTrue((1...lines).contains(issue.line), "\(label): line \(issue.line) of \(lines): \(text)")
        XCTAssertGreaterThanOrEqual(issue.column, 1, "\(label): \(text)")
        XCTAssertLessThan(text.count, 600, "\(label): a message too long to read: \(text.prefix(200))…")
        let unprintable = text.unicodeScalars.first { scalar in
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value) || scalar.value == 0xFEFF
        }
        XCTAssertNil(unprintable, "\(label): a control character in the message: \(text.debugDescription)")
    }

    /// Row counts and a digest of the contents of every table, so any write shows.
    private func fingerprint(_ db: AppDatabase) throws -> [String: String] {
        try db.reader.read { db in
            var result: [String: String] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"")
                result[table] = "\(rows.count):\(rows.map(\.description).joined(separator: "\n").hashValue)"
            }
            return result
        }
    }

    /// Valid bundles to start from: the small fixture, the demo generator's output and the
    /// real vendor samples that import cleanly (when this machine has them).
    private func baseBundles() throws -> [(String, [String: Data])] {
        var bases = [("fixture", RosterFixture.files.mapValues { Data($0.utf8) })]
        let demo = FileManager.default.temporaryDirectory.appendingPathComponent("roster-fuzz-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: demo) }
        _ = try OneRosterWriter.write(DemoDistrict.generate(students: 12, counselors: 2), to: demo.path)
        bases.append(("demo", try contents(of: demo)))
        for sample in ["catalyst-Test_full_data_set", "catalyst-oneroster_test_data"] {
            if let url = RosterFixture.shared(sample) { bases.append((sample, try contents(of: url))) }
        }
        return bases
    }

    private func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    private func write(_ files: [String: Data], to folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
        return folder
    }
}
