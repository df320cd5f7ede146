import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Removes a student who left this counselor's scope from this workstation (docs/SYNC.md,
    /// "Scope changes"), inside a pull's transaction. The hub keeps everything; here:
    /// - what still waits in the outbox for them (the push before the pull sent what it
    ///   could) moves to the refused changes, so nothing written here is lost;
    /// - their records in every synced table go, with their keys, and so does the caseload
    ///   row that showed them. The roster row stays (the district's), and so do this
    ///   workstation's audit rows about them (the trail of what was done here).
    /// The schema's append-only and never-deleted rules let this through only while
    /// `rewriting` is set, which happens nowhere else but here and in note renumbering.
    static func removeStudent(_ db: Database, _ sourcedId: String, now: Date) throws {
        guard let studentId = try Int64.fetchOne(db, sql: "SELECT id FROM student WHERE sourcedId = ?", arguments: [sourcedId]) else { return }
        let parents = """
            SELECT uid FROM sync_key k JOIN advising_session s ON s.id = k.localId
            WHERE k.tableName = 'advising_session' AND s.studentId = \(studentId)
            UNION ALL
            SELECT uid FROM sync_key k JOIN intervention i ON i.id = k.localId
            WHERE k.tableName = 'intervention' AND i.studentId = \(studentId)
            """
        let theirs = """
            tableName <> 'audit_event' AND (json_extract(payload, '$.student') = ?
              OR json_extract(payload, '$.session') IN (\(parents)) OR json_extract(payload, '$.intervention') IN (\(parents)))
            """
        try db.execute(sql: """
            INSERT INTO sync_refused (tableName, uid, op, baseVersion, mine, theirs, reason, detail, refusedAt)
            SELECT tableName, uid, op, baseVersion, payload, NULL, 'notPermitted', ?, ? FROM sync_outbox WHERE \(theirs) ORDER BY seq
            """, arguments: ["The student left your caseload before this change reached the hub; it is kept here for you.",
                             AuditTime.text(now), sourcedId])
        try db.execute(sql: "DELETE FROM sync_outbox WHERE \(theirs)", arguments: [sourcedId])
        try db.execute(sql: "DELETE FROM sync_held WHERE json_extract(payload, '$.student') = ?", arguments: [sourcedId])

        try db.execute(sql: "UPDATE sync_state SET rewriting = 1 WHERE id = 1")
        // A group session of theirs leaves with its list of students (not carried by sync
        // yet, docs/SYNC.md); the group sessions they only took part in stay with the first
        // student's record.
        try db.execute(sql: "DELETE FROM session_student WHERE sessionId IN (SELECT id FROM advising_session WHERE studentId = ?)",
                       arguments: [studentId])
        // So do the family members named on their sessions (a call home with a guardian; not
        // carried either). The guardians themselves stay with the student's roster row.
        try db.execute(sql: "DELETE FROM session_contact WHERE sessionId IN (SELECT id FROM advising_session WHERE studentId = ?)",
                       arguments: [studentId])
        // And where their imported marks went (not carried either): the plan courses they
        // point at are about to go. Should the student come back, their courses come back
        // from the hub and the next import of marks links them again, adding none twice.
        try db.execute(sql: "DELETE FROM plan_course_mark WHERE studentId = ?", arguments: [studentId])
        // Their test results (local only, from the district's import; docs/SYNC.md).
        try db.execute(sql: "DELETE FROM assessment_result WHERE studentId = ?", arguments: [studentId])
        // Their college list (v26, not carried either) stays: the hub never had it, so deleting
        // it would lose it. It is off this counselor's to-do list with the student (which
        // reads the caseload) and there again if the student comes back.
        // Children before the rows they refer to.
        let order = ["session_topic", "session_note", "follow_up", "intervention_note"]
        let tables = order.compactMap { SyncTable.byName[$0] }
            + SyncTable.all.filter { !order.contains($0.name) && $0.name != "audit_event" }
        for table in tables {
            let owner: String
            if table.columns.contains(where: { $0.name == "studentId" }) {
                owner = "t.studentId = \(studentId)"
            } else if table.columns.contains(where: { $0.name == "sessionId" }) {
                owner = "t.sessionId IN (SELECT id FROM advising_session WHERE studentId = \(studentId))"
            } else {
                owner = "t.interventionId IN (SELECT id FROM intervention WHERE studentId = \(studentId))"
            }
            try db.execute(sql: """
                DELETE FROM sync_key WHERE tableName = '\(table.name)'
                  AND uid IN (SELECT \(table.uidSQL("t")) FROM \(table.name) t WHERE \(owner))
                """)
            try db.execute(sql: "DELETE FROM \(table.name) AS t WHERE \(owner)")
        }
        try db.execute(sql: "DELETE FROM caseload WHERE studentId = ? AND counselorId = (SELECT counselorId FROM sync_state WHERE id = 1)",
                       arguments: [studentId])
        try db.execute(sql: "UPDATE sync_state SET rewriting = 0 WHERE id = 1")
    }
}
