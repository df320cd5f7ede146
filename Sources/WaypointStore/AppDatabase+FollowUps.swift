import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Adds a follow-up that belongs to no session (a reminder noted on the profile, the to-do
    /// list or the command line), once or repeating (`recurrence`, which needs a due date).
    @discardableResult
    public func addFollowUp(studentId: Int64, authorId: Int64, text: String, dueDate: CivilDate?,
                            recurrence: Recurrence? = nil, now: Date = Date()) throws -> Int64 {
        if let recurrence, let problem = recurrence.problem(dueDate: dueDate) {
            throw StoreError.invalidRecurrence(problem)
        }
        return try write { db in
            guard try Student.exists(db, key: studentId) else { throw StoreError.studentNotFound(id: studentId) }
            try SessionRows.insertFollowUp(studentId: studentId, sessionId: nil, authorId: authorId, text: text,
                                           dueDate: dueDate, recurrence: recurrence, at: now, db: db)
            let id = db.lastInsertedRowID
            try recordChange(db, .addedFollowUp, .followUp(id: id), before: nil, by: authorId,
                             extra: recurrence.map { "repeats \($0.words)" } ?? "", now: now)
            return id
        }
    }

    /// Stops a reminder repeating (or ends a check-in plan): it stays open, once, and no next
    /// one is made when it is done. Nothing happens to one that does not repeat.
    public func stopRepeating(id: Int64, by counselorId: Int64?, now: Date = Date()) throws {
        try write { db in
            guard let followUp = try FollowUpRows.fetch(db, where: "id = ?", arguments: [id], statuses: Set(FollowUpStatus.allCases),
                                                        viewerId: counselorId).first
            else { throw StoreError.followUpNotFound(id: id) }
            guard let recurrence = followUp.recurrence else { return }
            try db.execute(sql: "UPDATE follow_up SET repeatDays = NULL, repeatUntil = NULL, whileTier = NULL WHERE id = ?",
                           arguments: [id])
            try recordChange(db, .changedFollowUp, .followUp(id: id), before: nil, by: counselorId,
                             extra: "stopped repeating \(recurrence.words)", now: now)
        }
    }

    /// Marks a follow-up done, dropped, or open again, as `counselorId` (nil: not known).
    /// Given its status as `loaded`, a follow-up closed or reopened elsewhere since is refused.
    ///
    /// Done, a repeating one makes its next (`Recurrence.nextDue`, from `today`), in the same
    /// transaction, unless the series has ended or, for a check-in plan, the student's tier
    /// (by `rules`; nil: not known) has dropped below the plan's. A follow-up already in that
    /// status is left alone, and one already followed by its next never makes a second.
    @discardableResult
    public func setFollowUpStatus(id: Int64, to status: FollowUpStatus, by counselorId: Int64?,
                                  loaded: FollowUpStatus? = nil, today: CivilDate? = nil, rules: EarlyWarningRules? = nil,
                                  now: Date = Date()) throws -> RecurrenceOutcome? {
        try write { db in
            // A follow-up of a confidential session is its author's, like the note it came from.
            if let session = try Row.fetchOne(db, sql: """
                SELECT s.id, s.authorId FROM follow_up f JOIN advising_session s ON s.id = f.sessionId
                WHERE f.id = ? AND s.isConfidential
                """, arguments: [id]), (session["authorId"] as Int64?) != counselorId {
                throw StoreError.confidentialToAuthor(sessionId: session["id"])
            }
            guard let current = try FollowUpRows.fetch(db, where: "id = ?", arguments: [id], statuses: Set(FollowUpStatus.allCases),
                                                       viewerId: counselorId).first
            else { throw StoreError.followUpNotFound(id: id) }
            if let loaded {
                try Unchanged.ensure(.followUp(text: current.text), of: current.studentId, loaded: loaded.rawValue,
                                     current: current.status.rawValue, theirs: current.status.rawValue,
                                     yours: status.rawValue, db: db)
            }
            guard current.status != status else { return nil }
            let before = try AuditSnapshot(db, .followUp(id: id))
            try db.execute(sql: "UPDATE follow_up SET status = ?, closedAt = ? WHERE id = ?",
                           arguments: [status.rawValue, status == .open ? nil : now, id])
            try recordChange(db, .changedFollowUp, .followUp(id: id), before: before, by: counselorId, now: now)
            guard status == .done, let recurrence = current.recurrence, let due = current.dueDate else { return nil }
            return try repeatFollowUp(current, recurrence, due: due, today: today ?? CivilDate.today(now: now),
                                      rules: rules, by: counselorId, now: now, db: db)
        }
    }

    /// The next reminder of a series whose `previous` was just done, or why there is none.
    private func repeatFollowUp(_ previous: FollowUp, _ recurrence: Recurrence, due: CivilDate, today: CivilDate,
                                rules: EarlyWarningRules?, by counselorId: Int64?, now: Date, db: Database) throws -> RecurrenceOutcome {
        guard let previousId = previous.id else { return .ended(.untilReached) }
        if let next = try Int64.fetchOne(db, sql: "SELECT id FROM follow_up WHERE repeatedFromId = ?", arguments: [previousId]) {
            return .alreadyMade(id: next)
        }
        if recurrence.whileTier != nil {
            let tier = try rules.flatMap { rules in
                (try Self.abcData(db, studentIds: [previous.studentId])[previous.studentId] ?? ABCBatch()).assessment(rules: rules).tier
            }
            if let tier, !recurrence.continues(tier: tier) { return .ended(.tierDropped(tier: tier)) }
        }
        guard let nextDue = recurrence.nextDue(after: due, today: today) else { return .ended(.untilReached) }
        // Written by whoever marked the last one done (a colleague who covers, say): the hub
        // takes records only in their writer's name.
        try SessionRows.insertFollowUp(studentId: previous.studentId, sessionId: previous.sessionId,
                                       authorId: counselorId ?? previous.authorId,
                                       text: previous.text, dueDate: nextDue, recurrence: recurrence,
                                       repeatedFromId: previousId, at: now, db: db)
        let id = db.lastInsertedRowID
        try recordChange(db, .addedFollowUp, .followUp(id: id), before: nil, by: counselorId,
                         extra: "next of follow-up \(previousId), repeats \(recurrence.words)", now: now)
        return .next(id: id, due: nextDue)
    }

    /// A student's follow-ups in the given states that `viewerId` may see, soonest due first
    /// (undated last). Those of a confidential session are seen by its author only.
    public func followUps(studentId: Int64, statuses: Set<FollowUpStatus> = [.open], viewerId: Int64?) throws -> [FollowUp] {
        try read { db in
            try FollowUpRows.fetch(db, where: "studentId = ?", arguments: [studentId], statuses: statuses, viewerId: viewerId)
        }
    }

    /// One follow-up in any state, if `viewerId` may see it.
    public func followUp(id: Int64, viewerId: Int64?) throws -> FollowUp? {
        try read { db in
            try FollowUpRows.fetch(db, where: "id = ?", arguments: [id], statuses: Set(FollowUpStatus.allCases), viewerId: viewerId).first
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
                     closedAt: row["closedAt"],
                     recurrence: (row["repeatDays"] as Int?).map { days in
                         Recurrence(everyDays: days, until: (row["repeatUntil"] as String?).flatMap { CivilDate(iso: $0) },
                                    whileTier: row["whileTier"])
                     },
                     repeatedFromId: row["repeatedFromId"])
        }
    }
}
