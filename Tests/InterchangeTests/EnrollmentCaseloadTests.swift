import Foundation
import XCTest
@testable import Interchange
import WaypointStore

/// `--counselor-from enrollments`: a counselor enrolled in a class gets its students.
final class EnrollmentCaseloadTests: XCTestCase {
    func testACounselorEnrolledInAnAdvisoryClassGetsItsStudents() throws {
        let fixture = try RosterFixture(replacing: [
            "manifest.csv": "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.orgs,bulk\nfile.users,bulk\nfile.roles,bulk\nfile.demographics,bulk\nfile.classes,bulk\nfile.enrollments,bulk\nfile.courses,absent\nfile.academicSessions,absent\n",
            "classes.csv": "sourcedId,status,dateLastModified,title,courseSourcedId,classType,schoolSourcedId,termSourcedIds\nK1,active,2025-01-01T00:00:00Z,Advisory A,CRS1,homeroom,S1,T1\nK2,active,2025-01-01T00:00:00Z,Biology,CRS2,scheduled,S1,T1\n",
            "enrollments.csv": "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role\nE1,active,2025-01-01T00:00:00Z,K1,S1,C1,teacher\nE2,active,2025-01-01T00:00:00Z,K1,S1,U1,student\nE3,active,2025-01-01T00:00:00Z,K2,S1,U2,student\n",
        ])
        defer { try? FileManager.default.removeItem(at: fixture.url) }
        let result = try RosterReader.read(fixture.url, caseloads: .enrollments)
        XCTAssertEqual(result.bundle.caseloads.map(\.studentSourcedId), ["U1"], "only the advisory class's student")
        XCTAssertEqual(result.bundle.caseloads.map(\.counselorSourcedId), ["C1"])
    }

    func testWithoutAnEnrollmentsFileItIsAnError() throws {
        let fixture = try RosterFixture()
        defer { try? FileManager.default.removeItem(at: fixture.url) }
        XCTAssertThrowsError(try RosterReader.read(fixture.url, caseloads: .enrollments)) { error in
            XCTAssertTrue(String(describing: error).contains("enrollments.csv"), "\(error)")
        }
    }
}

final class CaseloadReassignmentTests: XCTestCase {
    func testABulkRosterMovesAStudentToAnotherCounselorInsteadOfAddingASecondCaseload() throws {
        let users = RosterFixture.files["users.csv"]! + "C2,active,2025-01-01,true,jdoe,John,Doe,,,x,\n"
        let roles = RosterFixture.files["roles.csv"]! + "R4,active,2025-01-01,C2,primary,counselor,S1\n"
        let before = try RosterFixture(replacing: ["users.csv": users, "roles.csv": roles,
                                                   "caseloads.csv": "counselor,student\nC1,U1\nC1,U2\n"])
        let after = try RosterFixture(replacing: ["users.csv": users, "roles.csv": roles,
                                                  "caseloads.csv": "counselor,student\nC1,U1\nC2,U2\n"])
        defer {
            try? FileManager.default.removeItem(at: before.url)
            try? FileManager.default.removeItem(at: after.url)
        }
        let db = try AppDatabase.inMemory()
        _ = try db.importRoster(RosterReader.read(before.url).bundle)
        let moved = try db.importRoster(RosterReader.read(after.url).bundle)
        XCTAssertEqual(moved.caseloadsAdded, 1)
        XCTAssertEqual(moved.caseloadsRemoved, 1)
        let smith = try XCTUnwrap(try db.allCounselors().first { $0.familyName == "Smith" })
        let doe = try XCTUnwrap(try db.allCounselors().first { $0.familyName == "Doe" })
        XCTAssertEqual(try db.caseload(counselorId: smith.id).map(\.student.sourcedId), ["U1"])
        XCTAssertEqual(try db.caseload(counselorId: doe.id).map(\.student.sourcedId), ["U2"])
        XCTAssertNotNil(try db.student(sourcedId: "U2"), "the student stays")
    }
}
