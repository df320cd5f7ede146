import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Adds a follow-up that belongs to no session (a task noted on the profile).
    @discardableResult
    public func addFollowUp(studentId: Int64, authorId: Int64, text: String, dueDate: CivilDate?,
                            now: Date = Date()) throws -> Int64 {
        try write { db in
            guard try Student.exists(db, key: studentId) else { throw StoreError.studentNotFound(id: studentId) }
            try SessionRows.insertFollowUp(studentId: studentId, sessionId: nil, authorId: authorId, text: text,
                                           dueDate: dueDate, at: now, db: db)
            let id = db.lastInsertedRowID
            try recordChange(db, .addedFollowUp, .followUp(id: id), before: nil, by: authorId, now: now)
            return id
        }
    }

    /// Marks a follow-up done, dropped, or open again, as `counselorId` (nil: not known).
    /// Given its status as `loaded`, a follow-up closed or reopened elsewhere since is refused.
    public func setFollowUpStatus(id: Int64, to status: FollowUpStatus, by counselorId: Int64?,
                                  loaded: FollowUpStatus? = nil, now: Date = Date()) throws {
        try write { db in
            // A follow-up of a confidential session is its author's, like the note it came from.
            if let session = try Row.fetchOne(db, sql: """
                SELECT s.id, s.authorId FROM follow_up f JOIN advising_session s ON s.id = f.sessionId
                WHERE f.id = ? AND s.isConfidential
                """, arguments: [id]), (session["authorId"] as Int64?) != counselorId {
                throw StoreError.confidentialToAuthor(sessionId: session["id"])
            }
            if let loaded {
                guard let row = try Row.fetchOne(db, sql: "SELECT status, text, studentId FROM follow_up WHERE id = ?",
                                                 arguments: [id])
                else { throw StoreError.followUpNotFound(id: id) }
                let text: String = row["text"]
                try Unchanged.ensure(.followUp(text: text), of: row["studentId"], loaded: loaded.rawValue,
                                     current: row["status"] as String, theirs: row["status"] as String,
                                     yours: status.rawValue, db: db)
            }
            let before = try AuditSnapshot(db, .followUp(id: id))
            try db.execute(sql: "UPDATE follow_up SET status = ?, closedAt = ? WHERE id = ?",
                           arguments: [status.rawValue, status == .open ? nil : now, id])
            guard db.changesCount == 1 else { throw StoreError.followUpNotFound(id: id) }
            try recordChange(db, .changedFollowUp, .followUp(id: id), before: before, by: counselorId, now: now)
        }
    }

    /// A student's follow-ups in the given states that `viewerId` may see, soonest due first
    /// (undated last). Those of a confidential session are seen by its author only.
    public func followUps(studentId: Int64, statuses: Set<FollowUpStatus> = [.open], viewerId: Int64?) throws -> [FollowUp] {
        try read { db in
            try FollowUpRows.fetch(db, where: "studentId = ?", arguments: [studentId], statuses: statuses, viewerId: viewerId)
        }
    }

    /// Follow-ups across a counselor's caseload (nil: the district), open ones unless other
    /// `statuses` are asked for, soonest first; `overdueOn` keeps only those due before that day.
    public func openFollowUps(counselorId: Int64?, overdueOn today: CivilDate? = nil, statuses: Set<FollowUpStatus> = [.open],
                              viewerId: Int64?) throws -> [FollowUp] {
        try read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let counselorId {
                clauses.append("studentId IN (SELECT studentId FROM caseload WHERE counselorId = ?)")
                arguments += [counselorId]
            }
            if let today {
                clauses.append("dueDate < ?")
                arguments += [today.iso]
            }
            return try FollowUpRows.fetch(db, where: clauses.isEmpty ? "1" : clauses.joined(separator: " AND "),
                                          arguments: arguments, statuses: statuses, viewerId: viewerId)
        }
    }
}

enum FollowUpRows {
    static func fetch(_ db: Database, where clause: String, arguments: StatementArguments,
                      statuses: Set<FollowUpStatus>, viewerId: Int64?) throws -> [FollowUp] {
        let states = statuses.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")
        return try Row.fetchAll(db, sql: """
            SELECT * FROM follow_up WHERE (\(clause)) AND status IN (\(states))
              AND (sessionId IS NULL OR authorId IS ? OR sessionId NOT IN (SELECT id FROM advising_session WHERE isConfidential))
            ORDER BY dueDate IS NULL, dueDate, id
            """, arguments: arguments + [viewerId]).map { row in
            FollowUp(id: row["id"], studentId: row["studentId"], sessionId: row["sessionId"], authorId: row["authorId"],
                     text: row["text"], dueDate: (row["dueDate"] as String?).flatMap { CivilDate(iso: $0) },
                     status: FollowUpStatus(rawValue: row["status"]) ?? .open, createdAt: row["createdAt"],
                     closedAt: row["closedAt"])
        }
    }
}
