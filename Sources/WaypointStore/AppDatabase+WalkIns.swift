import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Adds a walk-in student by hand (`WalkIn`) to `counselorId`'s caseload. Refused on a
    /// workstation joined to a hub: there students come from the district's roster at the
    /// hub (docs/SYNC.md). A local ID another student holds is refused with who holds it;
    /// nothing is written then.
    public func addWalkIn(_ walkIn: NewWalkIn, by counselorId: Int64, at now: Date) throws -> Student {
        try write { db in
            if try String.fetchOne(db, sql: "SELECT hubUrl FROM sync_state WHERE id = 1") != nil {
                throw StoreError.walkInWhileJoined
            }
            guard try Counselor.exists(db, key: counselorId) else { throw StoreError.counselorNotFound(id: counselorId) }
            guard try School.exists(db, key: walkIn.schoolId) else {
                throw StoreError.missingField(record: "walk-in student", field: "school")
            }
            if let localId = walkIn.localId, let holder = try Student.filter(Student.Columns.localId == localId).fetchOne(db) {
                throw StoreError.walkInLocalIdTaken(localId: localId, holder: holder.displayName, holderIsWalkIn: holder.isWalkIn)
            }
            let localId = try walkIn.localId ?? Self.nextPlaceholder(db)
            var student = Student(localId: localId, givenName: walkIn.givenName, familyName: walkIn.familyName,
                                  grade: walkIn.grade, schoolId: walkIn.schoolId, birthDate: walkIn.birthDate?.iso,
                                  isWalkIn: true)
            student = try AppDatabase.insert(student, in: db)
            try db.execute(sql: "UPDATE student SET addedBy = ?, addedAt = ? WHERE id = ?",
                           arguments: [counselorId, now, student.id])
            try db.execute(sql: "INSERT OR IGNORE INTO caseload (counselorId, studentId) VALUES (?, ?)",
                           arguments: [counselorId, student.id])
            return student
        }
    }

    /// "walk-in-N", one more than the highest placeholder given so far.
    private static func nextPlaceholder(_ db: Database) throws -> String {
        let prefix = WalkIn.placeholderPrefix
        let highest = try Int.fetchOne(db, sql: """
            SELECT max(CAST(substr(localId, ?) AS INTEGER)) FROM student WHERE localId LIKE ? || '%'
            """, arguments: [prefix.count + 1, prefix]) ?? 0
        return prefix + String(highest + 1)
    }

    /// Who added a walk-in by hand and when (kept after a roster import merged them), or nil
    /// for a student the roster brought.
    public func walkInOrigin(studentId: Int64) throws -> (counselor: String?, addedAt: Date)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT student.addedAt, counselor.givenName, counselor.familyName FROM student
                LEFT JOIN counselor ON counselor.id = student.addedBy WHERE student.id = ?
                """, arguments: [studentId]), let addedAt: Date = row["addedAt"] else { return nil }
            let name = [row["givenName"] as String?, row["familyName"] as String?].compactMap { $0 }.joined(separator: " ")
            return (name.isEmpty ? nil : name, addedAt)
        }
    }
}
