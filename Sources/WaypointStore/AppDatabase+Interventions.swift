import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Starts an intervention, as `counselorId` (who may start it for another owner). The
    /// dosage bounds, the dates' order and the status are checked by the schema too, so a
    /// bad value is refused whoever sends it.
    @discardableResult
    public func addIntervention(_ intervention: Intervention, by counselorId: Int64?, now: Date = Date()) throws -> Intervention {
        try write { db in
            guard try Student.exists(db, key: intervention.studentId) else {
                throw StoreError.studentNotFound(id: intervention.studentId)
            }
            guard try Counselor.exists(db, key: intervention.ownerId) else {
                throw StoreError.counselorNotFound(id: intervention.ownerId)
            }
            guard intervention.status == .active else { throw StoreError.notAClosingStatus(intervention.status.rawValue) }
            try db.execute(sql: """
                INSERT INTO intervention (studentId, kind, ownerId, goal, startDate, endDate, sessionsPerWeek,
                                          minutesPerSession, status, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?)
                """, arguments: [intervention.studentId, intervention.kind, intervention.ownerId, intervention.goal,
                                 intervention.startDate.iso, intervention.endDate?.iso, intervention.sessionsPerWeek,
                                 intervention.minutesPerSession, now])
            var saved = intervention
            saved.id = db.lastInsertedRowID
            saved.createdAt = now
            try recordChange(db, .addedIntervention, .intervention(id: saved.id!), before: nil, by: counselorId, now: now)
            return saved
        }
    }

    /// Closes an active intervention as completed or discontinued on `endDate`, with an
    /// optional closing note by `authorId`, in one transaction. Closing is final.
    @discardableResult
    public func closeIntervention(id: Int64, status: InterventionStatus, endDate: CivilDate, note: String? = nil,
                                  by authorId: Int64, now: Date = Date()) throws -> Intervention {
        guard InterventionStatus.closing.contains(status) else { throw StoreError.notAClosingStatus(status.rawValue) }
        return try write { db in
            var current = try InterventionRows.fetch(id: id, db: db)
            guard current.isActive else { throw StoreError.interventionClosed(id: id, status: current.status.rawValue) }
            let before = try AuditSnapshot(db, .intervention(id: id))
            try db.execute(sql: "UPDATE intervention SET status = ?, endDate = ?, closedAt = ? WHERE id = ?",
                           arguments: [status.rawValue, endDate.iso, now, id])
            if let note, !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                _ = try InterventionRows.insertNote(
                    InterventionNote(interventionId: id, date: endDate, text: note, authorId: authorId, createdAt: now), db: db)
            }
            try recordChange(db, .closedIntervention, .intervention(id: id), before: before, by: authorId, now: now)
            current.status = status
            current.endDate = endDate
            return current
        }
    }

    /// Adds a dated progress note. Notes are append-only; a closed intervention still
    /// takes one, since progress is often written up after the last session.
    @discardableResult
    public func addInterventionNote(interventionId: Int64, date: CivilDate, text: String, by authorId: Int64,
                                    now: Date = Date()) throws -> InterventionNote {
        try write { db in
            _ = try InterventionRows.fetch(id: interventionId, db: db)
            let before = try AuditSnapshot(db, .intervention(id: interventionId))
            let note = try InterventionRows.insertNote(
                InterventionNote(interventionId: interventionId, date: date, text: text, authorId: authorId, createdAt: now),
                db: db)
            try recordChange(db, .notedIntervention, .intervention(id: interventionId), before: before, by: authorId,
                             extra: "note dated \(date.iso)", now: now)
            return note
        }
    }

    public func intervention(id: Int64) throws -> Intervention {
        try read { db in try InterventionRows.fetch(id: id, db: db) }
    }

    /// A student's interventions, active first, then the most recently started.
    public func interventions(studentId: Int64, includeClosed: Bool = false) throws -> [Intervention] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM intervention WHERE studentId = ? AND (? OR status = 'active') \(InterventionRows.order)
                """, arguments: [studentId, includeClosed]).map(InterventionRows.intervention)
        }
    }

    /// Interventions for the students on a counselor's caseload, whoever owns them.
    public func caseloadInterventions(counselorId: Int64, includeClosed: Bool = false) throws -> [Intervention] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT intervention.* FROM intervention
                JOIN caseload ON caseload.studentId = intervention.studentId AND caseload.counselorId = ?
                WHERE ? OR status = 'active' \(InterventionRows.order)
                """, arguments: [counselorId, includeClosed]).map(InterventionRows.intervention)
        }
    }

    /// Which of these students have an active intervention, in one query: the
    /// "needs attention" view asks this for a whole caseload at once.
    public func activeInterventionStudentIds(studentIds: [Int64]) throws -> Set<Int64> {
        guard !studentIds.isEmpty else { return [] }
        return try read { db in
            Set(try Int64.fetchAll(db, sql: """
                SELECT DISTINCT studentId FROM intervention
                WHERE status = 'active' AND studentId IN (SELECT value FROM json_each(?))
                """, arguments: [SessionRows.jsonArray(studentIds)]))
        }
    }

    /// An intervention's progress notes, oldest first.
    public func interventionNotes(id: Int64) throws -> [InterventionNote] {
        try read { db in
            _ = try InterventionRows.fetch(id: id, db: db)
            return try Row.fetchAll(db, sql: """
                SELECT * FROM intervention_note WHERE interventionId = ? ORDER BY date, id
                """, arguments: [id]).map { row in
                InterventionNote(id: row["id"], interventionId: row["interventionId"], date: CivilDate(iso: row["date"])!,
                                 text: row["text"], authorId: row["authorId"], createdAt: row["createdAt"])
            }
        }
    }
}
