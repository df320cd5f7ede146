import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// A student's test results, newest sitting first (then by test).
    public func assessmentResults(studentId: Int64) throws -> [AssessmentResult] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM assessment_result WHERE studentId = ? ORDER BY takenOn DESC, testId
                """, arguments: [studentId]).map(AssessmentRows.result)
        }
    }

    /// For each student, the tests they have a result on with the date of the first sitting:
    /// what completes milestones (`completedBy`), read for many students in one query.
    public func assessmentsTaken(studentIds: [Int64]) throws -> [Int64: [String: CivilDate]] {
        guard !studentIds.isEmpty else { return [:] }
        return try read { db in try AssessmentRows.taken(db, studentIds: studentIds) }
    }

    /// Adds or updates results already checked against the catalog (the import's reader,
    /// `waypoint assessment add`): each is matched by student, test and date, so importing
    /// the same file twice changes nothing the second time. All in one transaction: every
    /// row is written or none. With `dryRun` the counts are worked out the same way and
    /// nothing is written. A real write leaves one audit row, credited to `counselorId`.
    public func recordAssessments(_ results: [AssessmentResult], dryRun: Bool = false, by counselorId: Int64? = nil,
                                  source: String, now: Date = Date()) throws -> AssessmentImportSummary {
        let work = { (db: Database) throws -> AssessmentImportSummary in
            var summary = AssessmentImportSummary()
            for result in results {
                let stored = try Row.fetchOne(db, sql: """
                    SELECT * FROM assessment_result WHERE studentId = ? AND testId = ? AND takenOn = ?
                    """, arguments: [result.studentId, result.testId, result.date.iso]).map(AssessmentRows.result)
                if let stored, stored.sameScores(as: result) {
                    summary.unchanged += 1
                    continue
                }
                if stored == nil { summary.added += 1 } else { summary.updated += 1 }
                guard !dryRun else { continue }
                try db.execute(sql: """
                    INSERT INTO assessment_result (studentId, testId, takenOn, total, scores, source, recordedBy, recordedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (studentId, testId, takenOn) DO UPDATE SET
                      total = excluded.total, scores = excluded.scores, source = excluded.source,
                      recordedBy = excluded.recordedBy, recordedAt = excluded.recordedAt
                    """, arguments: [result.studentId, result.testId, result.date.iso, result.total,
                                     AssessmentRows.json(result.scores), result.source.rawValue, counselorId, AuditTime.text(now)])
            }
            if !dryRun, summary.added + summary.updated > 0 {
                // One student: the trail names them; a file: one row for the import.
                let students = Set(results.map(\.studentId))
                let action: AuditAction = results.first?.source == .hand ? .changedPlan : .importedABC
                try self.recordAudit(db, AuditEntry(action, counselorId: counselorId, studentId: students.count == 1 ? students.first : nil,
                                               subject: source, detail: "assessments: " + summary.line), now: now)
            }
            return summary
        }
        return dryRun ? try read(work) : try write(work)
    }

    /// Removes one result (a score typed against the wrong student or date).
    /// Returns false when there was none.
    public func removeAssessment(studentId: Int64, testId: String, date: CivilDate, by counselorId: Int64?,
                                 now: Date = Date()) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM assessment_result WHERE studentId = ? AND testId = ? AND takenOn = ?",
                           arguments: [studentId, testId, date.iso])
            guard db.changesCount > 0 else { return false }
            try recordAudit(db, AuditEntry(.changedPlan, counselorId: counselorId, studentId: studentId,
                                           subject: "assessment \(testId) \(date.iso)", detail: "removed"), now: now)
            return true
        }
    }
}

/// Reading `assessment_result` rows.
enum AssessmentRows {
    static func result(_ row: Row) -> AssessmentResult {
        let scores = (row["scores"] as String?).flatMap { text in
            try? JSONDecoder().decode([String: Int].self, from: Data(text.utf8))
        } ?? [:]
        return AssessmentResult(id: row["id"], studentId: row["studentId"], testId: row["testId"],
                                date: CivilDate(iso: row["takenOn"]) ?? CivilDate(days: 0), total: row["total"],
                                scores: scores, source: AssessmentResult.Source(rawValue: row["source"]) ?? .imported)
    }

    /// Sub-scores as a JSON object, keys sorted so equal scores are equal text.
    static func json(_ scores: [String: Int]) -> String {
        "{" + scores.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    static func taken(_ db: Database, studentIds: [Int64]) throws -> [Int64: [String: CivilDate]] {
        var taken: [Int64: [String: CivilDate]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT studentId, testId, min(takenOn) FROM assessment_result
            WHERE studentId IN (SELECT value FROM json_each(?)) GROUP BY studentId, testId
            """, arguments: [SessionRows.jsonArray(studentIds)])
        while let row = try rows.next() {
            if let date = CivilDate(iso: row[2]) { taken[row[0], default: [:]][row[1]] = date }
        }
        return taken
    }
}
