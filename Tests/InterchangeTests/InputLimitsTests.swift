import Foundation
import GRDB
import Interchange
import WaypointCore
import WaypointStore
import XCTest

/// Values no field can hold, in roster and ABC files: refused with file:line:column, even
/// when lenient, and nothing is written (issue 12, item 7).
final class InputLimitsTests: XCTestCase {
    private static let usersHeader = "sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,identifier,grades\n"
    private static let users = "U1,active,2025-01-01,true,ana,Ana,Lopez,1001,09\nU2,active,2025-01-01,true,ben,Ben,Okafor,1002,10\n"
        + "C1,active,2025-01-01,true,msmith,Maria,Smith,,\n"

    private func errors(_ users: String, lenient: Bool = false) throws -> [String] {
        let fixture = try RosterFixture(replacing: ["users.csv": users])
        do {
            _ = try RosterReader.read(fixture.url, lenient: lenient)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    /// Found in the issue: a NUL truncated a name silently, and a user whose sourcedId held
    /// one disappeared ("12 added" of 13 rows, no error).
    func testANulInAFieldIsAnErrorAtItsCell() throws {
        for lenient in [false, true] {
            XCTAssertEqual(try errors(Self.usersHeader + Self.users + "U3,active,2025-01-01,true,cy,Cy\u{0}rus,Ng,1003,11\n",
                                      lenient: lenient),
                           [#"users.csv:5:6: givenName "Cy\u{0}rus": expected text without control characters (found U+0000 at character 3)"#])
            XCTAssertEqual(try errors(Self.usersHeader + Self.users + "U1\u{0}x,active,2025-01-01,true,cy,Cy,Ng,1003,11\n",
                                      lenient: lenient),
                           [#"users.csv:5:1: sourcedId "U1\u{0}x": expected text without control characters (found U+0000 at character 3)"#])
        }
        XCTAssertEqual(try errors(Self.usersHeader + Self.users.replacingOccurrences(of: "Okafor", with: "Oka\u{1B}[2Jfor")),
                       [#"users.csv:3:7: familyName "Oka\u{1B}[2Jfor": expected text without control characters (found U+001B at character 4)"#])
    }

    func testAnImportWithANulWritesNothing() throws {
        let db = try AppDatabase.inMemory()
        let fixture = try RosterFixture(replacing: ["users.csv": Self.usersHeader + Self.users.replacingOccurrences(of: "U2,", with: "U\u{0}2,")])
        XCTAssertThrowsError(try db.importRoster(RosterReader.read(fixture.url).bundle))
        XCTAssertEqual(try db.reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM student") }, 0)
    }

    /// Found in the issue: a 5 MB name imported.
    func testAnOverlongValueIsOneShortError() throws {
        let huge = String(repeating: "W", count: 5_000_000)
        let found = try errors(Self.usersHeader + Self.users.replacingOccurrences(of: "Lopez", with: huge), lenient: true)
        XCTAssertEqual(found.count, 1, "\(found.map { $0.prefix(200) })")
        XCTAssertTrue(found.first?.hasPrefix("users.csv:2:7: familyName \"WWW") == true)
        XCTAssertTrue(found.first?.hasSuffix("… (5000000 characters)\": expected at most 200 characters (found 5,000,000)") == true,
                      String(found.first?.suffix(120) ?? ""))
        XCTAssertLessThan(found.first?.count ?? 0, 200)
        XCTAssertEqual(try errors(Self.usersHeader + Self.users.replacingOccurrences(of: "U1,", with: String(repeating: "1", count: 256) + ",")).first?
            .hasSuffix("expected at most 255 characters (found 256)"), true)
    }

    /// Found in the issue: an ABC file with a duplicated column was read, the first value winning.
    func testADuplicatedColumnIsAnErrorNamingBoth() throws {
        let fixture = try ABCFixture()
        XCTAssertEqual(try fixture.errors("m.csv", "localId,term,course,subject,mark,creditsAttempted,creditsEarned,core,mark\n"
                                          + "1001,2026-FA,Algebra I,,B,1,1,yes,F\n"),
                       [#"m.csv:1:9: header "mark": expected each column once; "mark" is column 5 and 9"#])
        for lenient in [false, true] {
            XCTAssertEqual(try errors("sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,identifier,grades,givenName\n"
                                      + "U1,active,2025-01-01,true,ana,Ana,Lopez,1001,09,Eve\n", lenient: lenient),
                           [#"users.csv:1:10: header "givenName": expected each column once; "givenName" is column 6 and 10"#])
        }
    }

    func testABCValuesHaveTheSameLimits() throws {
        let fixture = try ABCFixture()
        XCTAssertEqual(try fixture.errors("m.csv", "localId,term,course,subject,mark,creditsAttempted,creditsEarned,core\n"
                                          + "1001,2026-FA,Alg\u{7}ebra,,B,1,1,yes\n"),
                       [#"m.csv:2:3: course "Alg\u{7}ebra": expected text without control characters (found U+0007 at character 4)"#])
    }
}
