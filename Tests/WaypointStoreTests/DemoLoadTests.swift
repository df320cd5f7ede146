import XCTest
import WaypointCore
import WaypointStore

final class DemoLoadTests: XCTestCase {
    func testLoadsEveryRecordWithRealIds() throws {
        let database = try AppDatabase.inMemory()
        XCTAssertTrue(try database.isEmpty())
        let district = DemoDistrict.generate(students: 600, seed: 5)
        try database.loadDemoDistrict(district)

        // 600 high-school students, and 60 each in the middle and elementary schools.
        XCTAssertEqual(district.students.count, 720)
        XCTAssertEqual(try database.studentCount(), 720)
        XCTAssertEqual(try database.allSchools().count, district.schools.count)
        let counselors = try database.allCounselors()
        XCTAssertEqual(counselors.count, district.counselors.count)
        let caseloads = try counselors.map { try database.caseload(counselorId: $0.id) }
        XCTAssertEqual(caseloads.map(\.count).reduce(0, +), 720)
        XCTAssertEqual(try database.caseload(counselorId: nil).count, 720)
        let schoolNames = Set(district.schools.map(\.name))
        XCTAssertTrue(caseloads.joined().allSatisfy { schoolNames.contains($0.schoolName) })
    }

    func testRefusesASecondLoad() throws {
        let database = try AppDatabase.inMemory()
        let district = DemoDistrict.generate(students: 30, seed: 5)
        try database.loadDemoDistrict(district)
        XCTAssertThrowsError(try database.loadDemoDistrict(district)) { error in
            XCTAssertEqual(error as? StoreError, .databaseNotEmpty(studentCount: 30))
            XCTAssertTrue("\(error)".contains("already holds 30 students"))
        }
        XCTAssertEqual(try database.studentCount(), 30)
        XCTAssertEqual(try database.allSchools().count, 1, "nothing of the refused load was kept")
    }

    func testABrokenDistrictLeavesNothingBehind() throws {
        let database = try AppDatabase.inMemory()
        var district = DemoDistrict.generate(students: 30, seed: 5)
        district.assignments.append(DemoAssignment(counselorIndex: 9, studentIndex: 0))
        XCTAssertThrowsError(try database.loadDemoDistrict(district))
        XCTAssertTrue(try database.isEmpty())
        XCTAssertEqual(try database.allSchools(), [])
    }

    func testDemoNamesAreSearchable() throws {
        let database = try AppDatabase.inMemory()
        let district = DemoDistrict.generate(students: 1200)
        try database.loadDemoDistrict(district)
        let han = try XCTUnwrap(district.students.first { SearchText.isUnspacedScript($0.familyName) })
        let found = try database.searchStudents(han.familyName + han.givenName, counselorId: nil)
        XCTAssertTrue(found.contains { $0.student.localId == han.localId })
    }
}
