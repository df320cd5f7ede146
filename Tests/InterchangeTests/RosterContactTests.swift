import Foundation
import Interchange
import WaypointCore
import WaypointStore
import XCTest

/// Guardians and other family contacts from users.csv (and roles.csv in 1.2): kept with
/// their links, phone, email and home language; flawed rows named with file, line and
/// field, and nothing imported.
final class RosterContactTests: XCTestCase {
    /// Students U1 and U2; G1 a parent of U1 (named on the parent's row), G2 a guardian named
    /// only on U2's row, G3 a relative of both. Header columns 1-based: agentSourcedIds is 13.
    static let header = "sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,identifier,grades,"
        + "email,phone,sms,agentSourcedIds,homeLanguage"
    static let users = [
        header,
        "U1,active,2025-01-01,true,ana,Ana,Lopez,1001,09,,,,,",
        "U2,active,2025-01-01,true,ben,Ben,Okafor,1002,10,,,,G2,",
        "C1,active,2025-01-01,true,msmith,Maria,Smith,,,,,,,",
        "G1,active,2025-01-01,true,rlopez,Rosa,López,,,rosa@example.org,555-0142,,U1,Spanish",
        "G2,active,2025-01-01,true,cokafor,Chidi,Okafor,,,,,+1 206 555 0100,,",
        "G3,active,2025-01-01,true,glopez,Gloria,López,,,,,,\"U1,U2\",",
    ].joined(separator: "\n") + "\n"
    static let roles = RosterFixture.files["roles.csv"]!
        + "R4,active,2025-01-01,G1,primary,parent,S1\nR5,active,2025-01-01,G2,primary,guardian,S1\n"
        + "R6,active,2025-01-01,G3,primary,relative,S1\n"

    private func fixture(users: String = users, roles: String = roles, demographics: String? = nil) throws -> RosterFixture {
        var files = ["users.csv": users, "roles.csv": roles]
        if let demographics { files["demographics.csv"] = demographics }
        return try RosterFixture(replacing: files)
    }

    private func errors(_ fixture: RosterFixture) -> [String] {
        do {
            _ = try RosterReader.read(fixture.url)
            return ["(no error)"]
        } catch {
            return error.errors.map(\.description)
        }
    }

    /// Replaces line `number` (1-based, the header is 1) of the users file.
    private func users(replacingLine number: Int, with line: String) -> String {
        var lines = Self.users.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[number - 1] = line
        return lines.joined(separator: "\n")
    }

    func testGuardiansAreKeptWithTheirLinksFromEitherSide() throws {
        let result = try RosterReader.read(try fixture().url)
        let contacts = Dictionary(uniqueKeysWithValues: result.bundle.contacts.map { ($0.sourcedId, $0) })
        XCTAssertEqual(contacts.count, 3)
        XCTAssertEqual(contacts["G1"], RosterContact(sourcedId: "G1", givenName: "Rosa", familyName: "López", relationship: .parent,
                                                     phone: "555-0142", email: "rosa@example.org", language: "Spanish",
                                                     studentSourcedIds: ["U1"]))
        XCTAssertEqual(contacts["G2"]?.studentSourcedIds, ["U2"], "named on the student's row only")
        XCTAssertEqual(contacts["G2"]?.phone, "+1 206 555 0100", "sms when there is no phone")
        XCTAssertEqual(contacts["G2"]?.relationship, .guardian)
        XCTAssertEqual(contacts["G3"]?.studentSourcedIds, ["U1", "U2"])
        XCTAssertEqual(result.bundle.students.count, 2, "family rows are not students")
    }

    func testTheHomeLanguageComesFromDemographicsWhenUsersHasNone() throws {
        let demographics = "sourcedId,status,dateLastModified,birthDate,metadata.homeLanguage\n"
            + "U2,active,2025-01-01,2010-04-17,Igbo\n"
        let result = try RosterReader.read(try fixture(demographics: demographics).url)
        XCTAssertEqual(result.bundle.contacts.first { $0.sourcedId == "G2" }?.language, "Igbo")
        XCTAssertEqual(result.bundle.contacts.first { $0.sourcedId == "G1" }?.language, "Spanish", "the guardian's own row wins")
    }

    func testAnUnknownAgentIsAnErrorNamingFileLineAndField() throws {
        let found = errors(try fixture(users: users(replacingLine: 5, with:
            "G1,active,2025-01-01,true,rlopez,Rosa,López,,,rosa@example.org,555-0142,,U9,Spanish")))
        XCTAssertTrue(found.contains("users.csv:5:13: agentSourcedIds \"U9\": expected the sourcedId of a row in users.csv"),
                      "\(found)")
    }

    func testAStudentsUnknownAgentIsAnErrorToo() throws {
        let found = errors(try fixture(users: users(replacingLine: 3, with: "U2,active,2025-01-01,true,ben,Ben,Okafor,1002,10,,,,G7,")))
        XCTAssertTrue(found.contains("users.csv:3:13: agentSourcedIds \"G7\": expected the sourcedId of a row in users.csv"),
                      "\(found)")
    }

    func testAGuardianWithoutStudentsIsAWarningAndNotKept() throws {
        let result = try RosterReader.read(try fixture(users: users(replacingLine: 5, with:
            "G1,active,2025-01-01,true,rlopez,Rosa,López,,,rosa@example.org,555-0142,,,Spanish")).url)
        XCTAssertNil(result.bundle.contacts.first { $0.sourcedId == "G1" })
        XCTAssertTrue(result.warnings.map(\.description).contains(
            "users.csv:5:13: agentSourcedIds \"\": expected the sourcedIds of the students this parent belongs to; "
                + "without them the contact is not kept"), "\(result.warnings)")
    }

    func testALinkToSomeoneWhoIsNotFamilyIsAWarningAndNotKept() throws {
        let result = try RosterReader.read(try fixture(users: users(replacingLine: 3, with:
            "U2,active,2025-01-01,true,ben,Ben,Okafor,1002,10,,,,\"G2,C1\",")).url)
        XCTAssertEqual(result.bundle.contacts.first { $0.sourcedId == "G2" }?.studentSourcedIds, ["U2"])
        XCTAssertTrue(result.warnings.map(\.description).contains {
            $0.hasPrefix("users.csv:3:13: agentSourcedIds \"C1\": expected the sourcedId of a parent, guardian or relative; "
                         + "C1 is a counselor")
        }, "\(result.warnings)")
    }

    func testBadPhoneEmailAndLanguageAreErrorsNamingTheirCell() throws {
        let cases: [(String, String)] = [
            ("G1,active,2025-01-01,true,rlopez,Rosa,López,,,rosa@example.org,call after 5,,U1,Spanish",
             "users.csv:5:11: phone \"call after 5\": expected a phone number: digits"),
            ("G1,active,2025-01-01,true,rlopez,Rosa,López,,,rosa.example.org,555-0142,,U1,Spanish",
             "users.csv:5:10: email \"rosa.example.org\": expected an email address"),
            ("G1,active,2025-01-01,true,rlopez,Rosa,López,,,,\(String(repeating: "5", count: 41)),,U1,",
             "users.csv:5:11: phone \"55555"),
            ("G1,active,2025-01-01,true,rlopez,Rosa,López,,,,555-0142,,U1,\(String(repeating: "Spanish ", count: 10))",
             "users.csv:5:14: homeLanguage \"Spanish Spanish"),
            // Hostile strings: an escape sequence in a phone or a name is refused, shown escaped.
            ("G1,active,2025-01-01,true,rlopez,Rosa,López,,,,555\u{1B}[2J,,U1,",
             "users.csv:5:11: phone \"555\\u{1B}[2J\": expected text without control characters"),
            ("G1,active,2025-01-01,true,rlopez,Rosa\u{1B}]0;pwned\u{07},López,,,,555-0142,,U1,",
             "users.csv:5:6: givenName \"Rosa\\u{1B}]0;pwned\\u{7}\": expected text without control characters"),
        ]
        for (line, expected) in cases {
            let found = errors(try fixture(users: users(replacingLine: 5, with: line)))
            XCTAssertTrue(found.contains { $0.hasPrefix(expected) }, "\(expected) not in \(found)")
        }
    }

    func testAFlawedGuardianChangesNothingInTheDatabase() throws {
        let db = try AppDatabase.inMemory()
        let good = try RosterReader.read(try fixture().url).bundle
        try db.importRoster(good)
        let bad = try fixture(users: users(replacingLine: 5, with:
            "G1,active,2025-01-01,true,rlopez,Rosa,López,,,rosa@example.org,555-0199,,U9,Spanish"))
        XCTAssertThrowsError(try RosterReader.read(bad.url))
        let ana = try XCTUnwrap(try db.student(localId: "1001"))
        XCTAssertEqual(try db.contacts(studentId: ana.id!).map(\.phone), ["555-0142", nil])
    }

    /// The real files: catalyst's full set links its parent to Mary Jones and lists teachers
    /// in students' agentSourcedIds (warnings, links not kept); the minimal set's parent has
    /// no agents (a warning, not kept). Both still import.
    func testSharedSamplesKeepTheirParentAndWarnAboutTeachersAsAgents() throws {
        guard let full = RosterFixture.shared("catalyst-Test_full_data_set"),
              let minimal = RosterFixture.shared("catalyst-Test_minimal_data_set") else {
            throw XCTSkip("../shared/data/oneroster is absent")
        }
        let result = try RosterReader.read(full)
        XCTAssertEqual(result.bundle.contacts, [RosterContact(
            sourcedId: "usr-222-1234561", givenName: "Thomas", familyName: "Jones", relationship: .parent, phone: "6039876543",
            email: "thomas.jones@testemail.com", studentSourcedIds: ["usr-222-66778899"])])
        XCTAssertTrue(result.warnings.map(\.description).contains {
            $0.hasPrefix("users.csv:3:16: agentSourcedIds \"usr-222-123456\": expected the sourcedId of a parent, guardian or relative; usr-222-123456 is a teacher")
        }, "\(result.warnings)")
        let db = try AppDatabase.inMemory()
        let summary = try db.importRoster(result.bundle)
        XCTAssertEqual(summary.contacts.added, 1)
        let mary = try XCTUnwrap(try db.student(sourcedId: "usr-222-66778899"))
        XCTAssertEqual(try db.contacts(studentId: mary.id!).map(\.displayName), ["Thomas Jones"])

        let small = try RosterReader.read(minimal)
        XCTAssertEqual(small.bundle.contacts, [])
        XCTAssertTrue(small.warnings.map(\.description).contains { $0.hasPrefix("users.csv:4:16: agentSourcedIds \"\"") },
                      "\(small.warnings)")
    }
}
