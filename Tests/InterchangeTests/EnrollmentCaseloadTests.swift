import Foundation
import XCTest
@testable import Interchange

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
