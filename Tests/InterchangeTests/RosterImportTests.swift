import Foundation
import GRDB
import Interchange
import WaypointCore
import WaypointStore
import XCTest

final class RosterImportTests: XCTestCase {
    private func errors(_ fixture: RosterFixture, lenient: Bool = false) -> [String] {
        do {
            _ = try RosterReader.read(fixture.url, lenient: lenient)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    private func sample(_ name: String) throws -> URL {
        guard let url = RosterFixture.shared(name) else { throw XCTSkip("../shared/data/oneroster/\(name) is absent") }
        return url
    }

    func testSharedSamplesAreHandledAsTheirReadmeSays() throws {
        for (name, students) in [("catalyst-Test_full_data_set", 3), ("catalyst-Test_minimal_data_set", 3),
                                 ("catalyst-oneroster_test_data", 1)] {
            let db = try AppDatabase.inMemory()
            let summary = try db.importRoster(RosterReader.read(try sample(name)).bundle)
            XCTAssertEqual(summary.students.added, students, name)
        }
        XCTAssertThrowsError(try RosterReader.read(try sample("catalyst-v1p2_full_dataset"))) { error in
            let text = (error as? RosterImportError)?.description ?? ""
            XCTAssertTrue(text.contains("users.csv:2:3: dateLastModified \"1/05/2023\""), text)
            XCTAssertTrue(text.contains("roles.csv:1:3: header \"dataLastModified\""), text)
            XCTAssertTrue(text.contains("users.csv:1:18: header \"prefferedGivenName\""), text)
        }
        let oat = try sample("oat-v1p1-base")
        XCTAssertThrowsError(try RosterReader.read(oat)) { error in
            let text = (error as? RosterImportError)?.description ?? ""
            XCTAssertTrue(text.contains("classes.csv:1:5: header \"grade\": expected \"grades\""), text)
            XCTAssertTrue(text.contains("orgs.csv:2:3: dateLastModified \"2017-05-06 08:01:05\""), text)
        }
        let lenient = try RosterReader.read(oat, lenient: true)
        XCTAssertTrue(lenient.warnings.contains { $0.description.contains("demographics.csv:1:1: header \"userSourcedId\"") })
        XCTAssertEqual(try AppDatabase.inMemory().importRoster(lenient.bundle).students.added, 2)
    }

    func testEachErrorKindIsNamedWithFileLineAndColumn() throws {
        let users = RosterFixture.files["users.csv"]!
        let cases: [([String: String], String)] = [
            (["users.csv": users.replacingOccurrences(of: "givenName,", with: "")], "users.csv:1:11: header"),
            (["demographics.csv": "sourcedId,status,dateLastModified,birthDate\nU1,active,2025-01-01,17/04/2010\n"],
             "demographics.csv:2:4: birthDate \"17/04/2010\": expected an ISO 8601 date"),
            (["roles.csv": RosterFixture.files["roles.csv"]! + "R4,active,2025-01-01,U9,primary,student,S1\n"],
             "roles.csv:5:4: userSourcedId \"U9\""),
            (["roles.csv": RosterFixture.files["roles.csv"]! + "R1,active,2025-01-01,U1,primary,student,S1\n"],
             "roles.csv:5:1: sourcedId \"R1\": expected a sourcedId not used"),
            (["demographics.csv": "sourcedId,status,dateLastModified,sex\nU1,active,2025-01-01,boy\n"],
             "demographics.csv:2:4: sex \"boy\": expected one of"),
            (["orgs.csv": "sourcedId,status,dateLastModified,name,type\nS1,active,2025-01-01,Lake\"side,school\n"],
             "orgs.csv:2:26: quoting"),
            (["orgs.csv": "sourcedId,status,dateLastModified,name,type\nS1,active,2025-01-01,\"Lakeside,school\n"],
             "orgs.csv:2:22: quoting"),
            (["orgs.csv": "sourcedId,status,dateLastModified,name,type\nS1,active,2025-01-01,Lakeside,school\nS2,active\n"],
             "orgs.csv:3:3: row"),
        ]
        for (changes, expected) in cases {
            let found = errors(try RosterFixture(replacing: changes))
            XCTAssertTrue(found.contains { $0.hasPrefix(expected) }, "\(expected) not in \(found)")
        }
        let latin1 = try RosterFixture()
        try latin1.write("orgs.csv", Data("sourcedId,status,dateLastModified,name,type\nS1,active,2025-01-01,Lak".utf8) + Data([0xE9])
                         + Data(",school\n".utf8))
        XCTAssertTrue(errors(latin1).contains { $0.hasPrefix("orgs.csv:2:25: encoding \"0xE9\"") }, "\(errors(latin1))")
    }

    func testBOMCRLFQuotedNewlinesHeaderOnlyAndEmptyFilesRead() throws {
        let fixture = try RosterFixture(replacing: [
            "orgs.csv": "\u{FEFF}sourcedId,status,dateLastModified,name,type\r\nS1,active,2025-01-01,\"Lakeside\r\nHigh\",school\r\n",
            "demographics.csv": "sourcedId,status,dateLastModified\n",
            "manifest.csv": RosterFixture.files["manifest.csv"]! + "file.courses,bulk\n",
            "courses.csv": "",
        ])
        let result = try RosterReader.read(fixture.url)
        XCTAssertEqual(result.bundle.schools.first?.name, "Lakeside\r\nHigh")
        XCTAssertEqual(result.bundle.students.map(\.localId), ["1001", "1002"])
        XCTAssertEqual(result.bundle.students.first?.preferredName, "Annie")
        XCTAssertEqual(result.bundle.caseloads.count, 2)

        let v11 = try RosterFixture(replacing: [
            "manifest.csv": "propertyName,value\noneroster.version,1.1\nfile.orgs,bulk\nfile.users,bulk\n",
            "users.csv": "sourcedId,enabledUser,orgSourcedIds,role,username,givenName,familyName,grades\nU1,TRUE,S1,student,ana,Ana,Lopez,KG\n",
        ])
        XCTAssertEqual(try RosterReader.read(v11.url).bundle.students.first?.grade, Grade(rawValue: 0))
    }

    func testImportIsAtomicIdempotentAndDeactivatesWithoutDeleting() throws {
        let db = try AppDatabase.inMemory()
        let first = try db.importRoster(RosterReader.read(try RosterFixture().url).bundle)
        XCTAssertEqual(first.students.added, 2)
        XCTAssertEqual(first.counselors.added, 1)
        XCTAssertEqual(first.caseloadsAdded, 2)
        XCTAssertEqual(try db.student(localId: "1001")?.raceEthnicity, "asian")
        XCTAssertEqual(try db.importRoster(RosterReader.read(try RosterFixture().url).bundle).total,
                       RosterImportSummary.Counts())

        let ben = try XCTUnwrap(db.student(localId: "1002"))
        let counselor = try XCTUnwrap(db.allCounselors().first)
        _ = try db.recordSession(AdvisingSession(studentId: ben.id!, authorId: counselor.id!, startedAt: Date(),
                                                 durationMinutes: 20, kind: "check-in", note: "Talked about electives."))
        let before = try checksum(db)
        let broken = try RosterFixture(replacing: [
            "demographics.csv": RosterFixture.files["demographics.csv"]! + "U2,active,2025-01-01,2010-02-30,male,,\n"])
        XCTAssertThrowsError(try RosterReader.read(broken.url))
        XCTAssertEqual(try checksum(db), before)

        let dropped = try RosterFixture(replacing: [
            "users.csv": RosterFixture.files["users.csv"]!.replacingOccurrences(of: "U2,active,2025-01-01,true,ben,Ben,Okafor,1002,10,Secret-Hunter2,\n", with: ""),
            "roles.csv": RosterFixture.files["roles.csv"]!.replacingOccurrences(of: "R2,active,2025-01-01,U2,primary,student,S1\n", with: ""),
        ])
        let dry = try db.importRoster(RosterReader.read(dropped.url).bundle, dryRun: true)
        XCTAssertEqual(dry.students.deactivated, 1)
        XCTAssertEqual(try checksum(db), before)
        XCTAssertEqual(try db.importRoster(RosterReader.read(dropped.url).bundle).students.deactivated, 1)
        XCTAssertEqual(try db.student(localId: "1002")?.isActive, false, "kept, inactive")
        XCTAssertEqual(try db.studentCount(), 2)
        XCTAssertEqual(try db.sessions(studentId: ben.id!, viewerId: counselor.id).count, 1, "the session stays")
    }

    func testNoPasswordReachesTheDatabaseFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-db-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("waypoint.sqlite").path
        let db = try AppDatabase.open(path: path)
        _ = try db.importRoster(RosterReader.read(try RosterFixture().url).bundle)
        let bytes = try [path, path + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }
        XCTAssertFalse(bytes.isEmpty)
        for data in bytes {
            XCTAssertNil(data.range(of: Data("Secret-Hunter2".utf8)), "a password reached the database file")
        }
    }

    /// Row counts and a digest of every roster-fed table, to prove nothing changed.
    private func checksum(_ db: AppDatabase) throws -> [String] {
        try db.reader.read { db in
            try ["student", "school", "counselor", "caseload"].map { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map(\.description).joined(separator: "\n")
                    + "|" + String(Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0)
            }
        }
    }
}
