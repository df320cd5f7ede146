import GRDB
import WaypointCore

extension AppDatabase {
    /// Adds a school; the returned copy carries its new id.
    @discardableResult
    public func insertSchool(_ school: School) throws -> School {
        try write { db in
            var school = school
            try school.insert(db)
            return school
        }
    }

    /// Adds a counselor; the returned copy carries its new id.
    @discardableResult
    public func insertCounselor(_ counselor: Counselor) throws -> Counselor {
        try write { db in
            var counselor = counselor
            try counselor.insert(db)
            return counselor
        }
    }

    /// Adds a student; the returned copy carries its new id. A duplicate or empty local ID is
    /// refused with a `StoreError` naming it, since that is the ID counselors type.
    @discardableResult
    public func insertStudent(_ student: Student) throws -> Student {
        try write { db in try AppDatabase.insert(student, in: db) }
    }

    /// Puts a student on a counselor's caseload. Assigning twice is harmless.
    public func assign(studentId: Int64, toCounselorId counselorId: Int64) throws {
        try write { db in
            guard try Student.exists(db, key: studentId) else {
                throw StoreError.studentNotFound(id: studentId)
            }
            guard try Counselor.exists(db, key: counselorId) else {
                throw StoreError.counselorNotFound(id: counselorId)
            }
            try CaseloadAssignment(counselorId: counselorId, studentId: studentId)
                .insert(db, onConflict: .ignore)
        }
    }

    /// Inserts a student with one prepared statement: GRDB's record insert builds the
    /// statement's SQL and a dictionary of values for each row, about two thirds of the cost
    /// of inserting a student in a roster import or the demo load (callgrind, issue 17).
    static func insert(_ student: Student, in db: Database) throws -> Student {
        guard !student.localId.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.missingField(record: "student", field: "localId")
        }
        var student = student
        do {
            let insert = try db.cachedStatement(sql: insertStudentSQL)
            try insert.execute(arguments: StatementArguments(student.writtenValues))
            student.id = db.lastInsertedRowID
        } catch let error as DatabaseError
            where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            && error.message?.contains("student.localId") == true {
            throw StoreError.duplicateLocalId(student.localId)
        }
        return student
    }

    private static let insertStudentSQL = "INSERT INTO student (\(Student.writtenColumns.joined(separator: ", "))) VALUES ("
        + Array(repeating: "?", count: Student.writtenColumns.count).joined(separator: ", ") + ")"
}
