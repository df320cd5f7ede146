import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Starts an intervention, as `counselorId` (who may start it for another owner). The
    /// dosage bounds, the dates' order and the status are checked by the schema too, so a
    /// bad value is refused whoever sends it.
    ///
    /// An `ownerName` that is a counselor's name ("Dana Reyes", any case) makes that
    /// counselor the owner; any other name is kept as the staff member who delivers it (a
    /// tutor), with `ownerId` the counselor responsible.
    @discardableResult
    public func addIntervention(_ intervention: Intervention, by counselorId: Int64?, now: Date = Date()) throws -> Intervention {
        try write { db in
            guard try Student.exists(db, key: intervention.studentId) else {
                throw StoreError.studentNotFound(id: intervention.studentId)
            }
            var saved = intervention
            if let name = intervention.ownerName?.trimmingCharacters(in: .whitespacesAndNewlines) {
                let counselor = try Int64.fetchOne(db, sql: """
                    SELECT id FROM counselor WHERE lower(givenName || ' ' || familyName) = lower(?) ORDER BY id LIMIT 1
                    """, arguments: [name])
                saved.ownerId = counselor ?? intervention.ownerId
                saved.ownerName = counselor == nil && !name.isEmpty ? name : nil
            }
            guard try Counselor.exists(db, key: saved.ownerId) else {
                throw StoreError.counselorNotFound(id: saved.ownerId)
            }
            guard intervention.status == .active else { throw StoreError.notAClosingStatus(intervention.status.rawValue) }
            try db.execute(sql: """
                INSERT INTO intervention (studentId, kind, ownerId, ownerName, tier, area, goal, startDate, endDate,
                                          sessionsPerWeek, minutesPerSession, plannedWeeks, measure, status, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?)
                """, arguments: [saved.studentId, saved.kind, saved.ownerId, saved.ownerName, saved.tier, saved.area?.rawValue,
                                 saved.goal, saved.startDate.iso, saved.endDate?.iso, saved.sessionsPerWeek,
                                 saved.minutesPerSession, saved.plannedWeeks, saved.measure, now])
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

    /// Adds a dated progress note, with the sessions delivered since the last one and the
    /// value of the intervention's measure when given. Notes are append-only; a closed
    /// intervention still takes one, since progress is often written up after the last session.
    @discardableResult
    public func addInterventionNote(interventionId: Int64, date: CivilDate, text: String, sessionsDelivered: Int? = nil,
                                    measuredValue: Double? = nil, by authorId: Int64, now: Date = Date()) throws -> InterventionNote {
        try write { db in
            let intervention = try InterventionRows.fetch(id: interventionId, db: db)
            if measuredValue != nil, intervention.measure == nil {
                throw StoreError.interventionMeasuresNothing(id: interventionId)
            }
            let before = try AuditSnapshot(db, .intervention(id: interventionId))
            let note = try InterventionRows.insertNote(
                InterventionNote(interventionId: interventionId, date: date, text: text, authorId: authorId,
                                 sessionsDelivered: sessionsDelivered, measuredValue: measuredValue, createdAt: now),
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
                """, arguments: [id]).map(InterventionRows.note)
        }
    }

    /// The progress notes of all a student's interventions, oldest first, in one query
    /// (the profile draws each intervention's dosage and measures from them).
    public func interventionNotes(studentId: Int64) throws -> [InterventionNote] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT n.* FROM intervention_note n JOIN intervention i ON i.id = n.interventionId
                WHERE i.studentId = ? ORDER BY n.date, n.id
                """, arguments: [studentId]).map(InterventionRows.note)
        }
    }
}
