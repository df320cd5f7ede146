import XCTest
import WaypointCore
import WaypointStore

final class CaseloadTests: XCTestCase {
    func testOrderFoldsAccentsSoÑúñezSortsWithNunez() throws {
        var fixture = try StoreFixture()
        try fixture.add("Carl", "Nuñez", localId: "S3")
        try fixture.add("Ana", "Nunez", localId: "S2")
        try fixture.add("Bea", "Ñúñez", localId: "S1")
        try fixture.add("Ola", "Nylund", localId: "S4")
        try fixture.add("Eva", "Navarro", localId: "S5")
        try fixture.add("Ana", "Núñez", localId: "S0")
        let caseload = try fixture.database.caseload(counselorId: fixture.counselor.id)
        XCTAssertEqual(caseload.map(\.student.localId), ["S5", "S0", "S2", "S1", "S3", "S4"])
        XCTAssertEqual(caseload.first?.schoolName, "Riverside High School")
    }

    func testOnlyActiveStudentsOfThatCounselorAndGrade() throws {
        var fixture = try StoreFixture()
        let other = try fixture.database.insertCounselor(Counselor(givenName: "Marcus", familyName: "Okafor"))
        try fixture.add("Ana", "Lee", grade: 9)
        try fixture.add("Bo", "Lee", grade: 10)
        try fixture.add("Cy", "Lee", grade: 9, isActive: false)
        try fixture.add("Di", "Lee", grade: 9, assignedTo: other.id)
        try fixture.add("Ed", "Lee", grade: 9, assignedTo: .some(nil))
        XCTAssertEqual(try fixture.database.caseload(counselorId: fixture.counselor.id).map(\.student.givenName), ["Ana", "Bo"])
        XCTAssertEqual(try fixture.database.caseload(counselorId: fixture.counselor.id, grade: Grade(rawValue: 9))
            .map(\.student.givenName), ["Ana"])
        XCTAssertEqual(try fixture.database.caseload(counselorId: nil).map(\.student.givenName), ["Ana", "Bo", "Di", "Ed"])
    }

    func testLookupsByIdLocalIdAndCounselor() throws {
        var fixture = try StoreFixture()
        let student = try fixture.add("Ana", "Lee", localId: "S777")
        XCTAssertEqual(try fixture.database.student(id: student.id!), student)
        XCTAssertEqual(try fixture.database.student(localId: "S777"), student)
        XCTAssertNil(try fixture.database.student(localId: "S778"))
        XCTAssertEqual(try fixture.database.counselors(ofStudentId: student.id!), [fixture.counselor])
        XCTAssertEqual(try fixture.database.counselor(id: fixture.counselor.id!), fixture.counselor)
        XCTAssertEqual(try fixture.database.school(id: fixture.school.id!), fixture.school)
        XCTAssertEqual(try fixture.database.allSchools(), [fixture.school])
        XCTAssertFalse(try fixture.database.isEmpty())
        XCTAssertEqual(try fixture.database.studentCount(), 1)
    }

    func testAssigningTwiceKeepsOneRow() throws {
        var fixture = try StoreFixture()
        let student = try fixture.add("Ana", "Lee")
        try fixture.database.assign(studentId: student.id!, toCounselorId: fixture.counselor.id!)
        XCTAssertEqual(try fixture.database.caseload(counselorId: fixture.counselor.id).count, 1)
        XCTAssertThrowsError(try fixture.database.assign(studentId: student.id!, toCounselorId: 999)) { error in
            XCTAssertEqual(error as? StoreError, .counselorNotFound(id: 999))
        }
    }

    func testCounselorsAreListedByFamilyThenGivenName() throws {
        let fixture = try StoreFixture()
        try fixture.database.insertCounselor(Counselor(givenName: "Rosa", familyName: "Delgado"))
        try fixture.database.insertCounselor(Counselor(givenName: "Ana", familyName: "Delgado"))
        XCTAssertEqual(try fixture.database.allCounselors().map(\.displayName),
                       ["Ana Delgado", "Rosa Delgado", "Dana Whitfield"])
    }
}
