import GRDB
import XCTest
import WaypointCore
import WaypointStore

final class MigrationTests: XCTestCase {
    func testFreshDatabaseHasEveryTable() throws {
        let database = try AppDatabase.inMemory()
        try database.reader.read { db in
            for table in ["school", "counselor", "student", "caseload", "student_ft", "abc_attendance", "abc_incident",
                          "abc_course_mark"] {
                XCTAssertTrue(try db.tableExists(table), table)
            }
            XCTAssertTrue(try db.indexes(on: "student").contains { $0.columns == ["familyName", "givenName"] })
            XCTAssertTrue(try db.indexes(on: "caseload").contains { $0.columns == ["studentId"] })
        }
    }

    func testSchemaRefusesGradeOutsideRange() throws {
        let fixture = try StoreFixture()
        XCTAssertThrowsError(try rawInsertStudent(fixture, localId: "S1", grade: 14)) { error in
            XCTAssertEqual((error as? DatabaseError)?.resultCode, .SQLITE_CONSTRAINT)
        }
        XCTAssertNoThrow(try rawInsertStudent(fixture, localId: "S2", grade: 13))
    }

    func testSchemaRefusesEmptyLocalId() throws {
        let fixture = try StoreFixture()
        XCTAssertThrowsError(try rawInsertStudent(fixture, localId: " ", grade: 9))
        XCTAssertThrowsError(try fixture.database.insertStudent(student(localId: "", schoolId: fixture.school.id!))) { error in
            XCTAssertEqual(error as? StoreError, .missingField(record: "student", field: "localId"))
        }
    }

    func testDuplicateLocalIdIsRefusedByName() throws {
        let fixture = try StoreFixture()
        try fixture.database.insertStudent(student(localId: "S42", schoolId: fixture.school.id!))
        XCTAssertThrowsError(try fixture.database.insertStudent(student(localId: "S42", schoolId: fixture.school.id!))) { error in
            XCTAssertEqual(error as? StoreError, .duplicateLocalId("S42"))
            XCTAssertTrue("\(error)".contains("S42"))
        }
    }

    func testCaseloadRowNeedsAnExistingStudent() throws {
        let fixture = try StoreFixture()
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: "INSERT INTO caseload (counselorId, studentId) VALUES (?, 999)",
                           arguments: [fixture.counselor.id])
        }) { error in
            XCTAssertEqual((error as? DatabaseError)?.extendedResultCode, .SQLITE_CONSTRAINT_FOREIGNKEY)
        }
        XCTAssertThrowsError(try fixture.database.assign(studentId: 999, toCounselorId: fixture.counselor.id!)) { error in
            XCTAssertEqual(error as? StoreError, .studentNotFound(id: 999))
        }
    }

    func testDeletingAStudentRemovesTheirCaseloadRows() throws {
        var fixture = try StoreFixture()
        let student = try fixture.add("Linh", "Nguyễn")
        try fixture.queue.write { db in
            try db.execute(sql: "DELETE FROM student WHERE id = ?", arguments: [student.id])
        }
        XCTAssertEqual(try fixture.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM caseload") }, 0)
    }

    func testASchoolWithStudentsCannotBeDeleted() throws {
        var fixture = try StoreFixture()
        try fixture.add("Linh", "Nguyễn")
        XCTAssertThrowsError(try fixture.queue.write { db in
            try db.execute(sql: "DELETE FROM school")
        })
    }

    private func rawInsertStudent(_ fixture: StoreFixture, localId: String, grade: Int) throws {
        try fixture.queue.write { db in
            try db.execute(sql: """
                INSERT INTO student (localId, givenName, familyName, grade, schoolId, searchKey)
                VALUES (?, 'Ana', 'Lee', ?, ?, 'lee ana')
                """, arguments: [localId, grade, fixture.school.id])
        }
    }

    func testSearchKeyIsStoredAndKeptInStep() throws {
        let fixture = try StoreFixture()
        let inserted = try fixture.database.insertStudent(student(localId: "S7", schoolId: fixture.school.id!))
        let stored = try fixture.database.reader.read { db in
            try String.fetchOne(db, sql: "SELECT searchKey FROM student WHERE id = ?", arguments: [inserted.id])
        }
        XCTAssertEqual(stored, inserted.searchKey)
        XCTAssertEqual(stored, "nguyen linh s7")
    }

    private func student(localId: String, schoolId: Int64) -> Student {
        Student(localId: localId, givenName: "Linh", familyName: "Nguyễn", grade: Grade(rawValue: 9)!, schoolId: schoolId)
    }
}
