import Foundation
import GRDB
import WaypointCore

/// A row of `college_application` (v26), as `Codable` maps it.
struct CollegeApplicationRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "college_application"

    var id: Int64?
    var studentId: Int64
    var institution: String
    var type: String
    var deadline: String?
    var status: String
    var transcript: String
    var recommendation: String
    var aidAward: Int?
    var createdAt: Date

    init(_ application: CollegeApplication, createdAt: Date) {
        id = application.id
        studentId = application.studentId
        institution = application.institution
        type = application.type.rawValue
        deadline = application.deadline?.iso
        status = application.status.rawValue
        transcript = application.transcript.rawValue
        recommendation = application.recommendation.rawValue
        aidAward = application.aidAward
        self.createdAt = createdAt
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The application, or nil for a row another tool wrote with a value Waypoint does not know
    /// (the schema's CHECKs make that a damaged file, not a normal case).
    var application: CollegeApplication? {
        guard let type = CollegeApplicationType(rawValue: type), let status = CollegeApplicationStatus(rawValue: status),
              let transcript = CollegeDocumentStatus(rawValue: transcript),
              let recommendation = CollegeDocumentStatus(rawValue: recommendation) else { return nil }
        return CollegeApplication(id: id, studentId: studentId, institution: institution, type: type,
                                  deadline: deadline.flatMap(CivilDate.init(iso:)), status: status, transcript: transcript,
                                  recommendation: recommendation, aidAward: aidAward)
    }
}

extension AppDatabase {
    /// A student's college list: by deadline (none last), then by institution.
    public func collegeApplications(studentId: Int64) throws -> [CollegeApplication] {
        try read { db in
            try CollegeApplicationRow.fetchAll(db, sql: """
                SELECT * FROM college_application WHERE studentId = ?
                ORDER BY deadline IS NULL, deadline, institution COLLATE NOCASE, id
                """, arguments: [studentId]).compactMap(\.application)
        }
    }

    public func collegeApplication(id: Int64) throws -> CollegeApplication {
        try read { db in try CollegeRows.fetch(id: id, db: db) }
    }

    /// Applications still being prepared (considering, applying) of these students, with or
    /// without a deadline: the to-do list shows those with one.
    public func openCollegeApplications(studentIds: [Int64]) throws -> [CollegeApplication] {
        guard !studentIds.isEmpty else { return [] }
        return try read { db in
            try CollegeApplicationRow.fetchAll(db, sql: """
                SELECT * FROM college_application WHERE status IN ('considering', 'applying') AND deadline IS NOT NULL
                  AND studentId IN (SELECT value FROM json_each(?))
                """, arguments: [CollegeRows.json(studentIds)]).compactMap(\.application)
        }
    }

    /// Each student's applications, for the reports: only what the report counts.
    public func collegeApplicationsByStudent(studentIds: [Int64]) throws -> [Int64: [CollegeApplication]] {
        guard !studentIds.isEmpty else { return [:] }
        return try read { db in
            Dictionary(grouping: try CollegeApplicationRow.fetchAll(db, sql: """
                SELECT * FROM college_application WHERE studentId IN (SELECT value FROM json_each(?))
                """, arguments: [CollegeRows.json(studentIds)]).compactMap(\.application), by: \.studentId)
        }
    }

    /// Adds an application to a student's list, after checking every field: a bad value or a
    /// second application to the same institution is refused in words and nothing is written.
    /// The audit trail records it as a change to the student's plan, by `counselorId`.
    @discardableResult
    public func addCollegeApplication(_ application: CollegeApplication, by counselorId: Int64?,
                                      now: Date = Date()) throws -> CollegeApplication {
        var application = application
        application.institution = application.institution.trimmingCharacters(in: .whitespaces)
        if let problem = CollegeRules.problem(application) { throw StoreError.invalidCollegeField(problem) }
        return try write { db in
            guard try Student.exists(db, key: application.studentId) else {
                throw StoreError.studentNotFound(id: application.studentId)
            }
            try CollegeRows.refuseDuplicate(application, db: db)
            var row = CollegeApplicationRow(application, createdAt: now)
            try row.insert(db)
            guard let id = row.id else { throw StoreError.missingField(record: "college application", field: "id") }
            try recordChange(db, .changedPlan, .collegeApplication(id: id), before: nil, by: counselorId, now: now)
            return try CollegeRows.fetch(id: id, db: db)
        }
    }

    /// Changes an application as asked; a change that leaves it as it was writes nothing.
    @discardableResult
    public func changeCollegeApplication(id: Int64, _ changes: [CollegeChange], by counselorId: Int64?,
                                         now: Date = Date()) throws -> CollegeApplication {
        try write { db in
            let before = try CollegeRows.fetch(id: id, db: db)
            var after = before
            for change in changes { change.apply(to: &after) }
            if let problem = CollegeRules.problem(after) { throw StoreError.invalidCollegeField(problem) }
            guard after != before else { return before }
            try CollegeRows.refuseDuplicate(after, db: db)
            let snapshot = try AuditSnapshot(db, .collegeApplication(id: id))
            let stored = try CollegeApplicationRow.fetchOne(db, key: id)
            var row = CollegeApplicationRow(after, createdAt: stored?.createdAt ?? now)
            try row.update(db)
            try recordChange(db, .changedPlan, .collegeApplication(id: id), before: snapshot, by: counselorId, now: now)
            return after
        }
    }

    /// Takes an application off the list (entered by mistake, or the student dropped it);
    /// the audit trail keeps what it was.
    public func removeCollegeApplication(id: Int64, by counselorId: Int64?, now: Date = Date()) throws {
        try write { db in
            _ = try CollegeRows.fetch(id: id, db: db)
            let snapshot = try AuditSnapshot(db, .collegeApplication(id: id))
            try db.execute(sql: "DELETE FROM college_application WHERE id = ?", arguments: [id])
            try recordChange(db, .changedPlan, .collegeApplication(id: id), before: snapshot, by: counselorId, now: now)
        }
    }
}

/// Rows of `college_application`, read and written inside a transaction.
enum CollegeRows {
    static func fetch(id: Int64, db: Database) throws -> CollegeApplication {
        guard let application = try CollegeApplicationRow.fetchOne(db, key: id)?.application else {
            throw StoreError.collegeApplicationNotFound(id: id)
        }
        return application
    }

    static func refuseDuplicate(_ application: CollegeApplication, db: Database) throws {
        let taken = try Bool.fetchOne(db, sql: """
            SELECT 1 FROM college_application WHERE studentId = ? AND institution = ? COLLATE NOCASE AND id IS NOT ?
            """, arguments: [application.studentId, application.institution, application.id]) ?? false
        if taken { throw StoreError.duplicateCollegeApplication(institution: application.institution) }
    }

    static func json(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}
