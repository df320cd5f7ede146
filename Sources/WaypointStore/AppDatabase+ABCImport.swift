import GRDB
import WaypointCore

extension AppDatabase {
    /// The students an ABC file may name: every student with their sourcedId (if any) and
    /// local ID, inactive ones included (last year's attendance still belongs to them).
    public func abcStudentKeys() throws -> ABCStudentKeys {
        try reader.read { db in
            var keys = ABCStudentKeys(bySourcedId: [:], byLocalId: [:])
            for row in try Row.fetchAll(db, sql: "SELECT id, sourcedId, localId FROM student") {
                let id: Int64 = row["id"]
                if let sourcedId: String = row["sourcedId"] { keys.bySourcedId[sourcedId] = id }
                keys.byLocalId[row["localId"]] = id
            }
            return keys
        }
    }

    /// Applies a validated ABC file in one transaction: each row is matched by its natural
    /// key (attendance: student and term; marks: student, term and course; incidents:
    /// student, date, kind and incident id or content) and added, updated or left as it is.
    /// Importing the same file twice adds and updates nothing. With `dryRun` the same work
    /// runs and is rolled back, so the counts are exactly what a real import would report.
    /// A real import leaves one audit row with its counts, credited to `counselorId` if known.
    public func importABC(_ batch: ABCBatch, dryRun: Bool = false, by counselorId: Int64? = nil,
                          source: String = "") throws -> ABCImportSummary {
        struct RollBack: Error { var summary: ABCImportSummary }
        do {
            return try write { db in
                var summary = ABCImportSummary()
                for row in batch.attendance { try ABCRows.apply(row, db, counts: &summary.attendance) }
                for row in batch.incidents { try ABCRows.apply(row, db, counts: &summary.incidents) }
                for row in batch.marks { try ABCRows.apply(row, db, counts: &summary.marks) }
                if dryRun { throw RollBack(summary: summary) }
                try recordAudit(db, AuditEntry(.importedABC, counselorId: counselorId, subject: source,
                                               detail: summary.description.replacingOccurrences(of: "\n", with: "; ")))
                return summary
            }
        } catch let rollBack as RollBack {
            return rollBack.summary
        }
    }
}
