import Foundation
import GRDB
import WaypointCore

/// What `waypoint sync status`, `waypoint sync refused` and the screen read and decide about
/// sync (docs/SYNC.md, "Push" and "Failure"). The push and pull rules themselves live in
/// +SyncPush and +SyncApply.
extension AppDatabase {
    public func syncStatus() throws -> SyncStatus {
        var status = try joinedStatus()
        if status.isJoined {
            status.confidentialKeptHere = try sealingKey() == nil ? confidentialChangesWaiting() : 0
            status.sealedHeld = try sealedRecordsHeld()
        }
        return status
    }

    private func joinedStatus() throws -> SyncStatus {
        try read { db in
            let state = try SyncState.fetchOne(db, key: 1)!
            guard state.isJoined else { return SyncStatus(hubUrl: nil) }
            let counselor = try state.counselorId.flatMap { try Counselor.fetchOne(db, key: $0) }
            return SyncStatus(hubUrl: state.hubUrl,
                              counselor: counselor.map { "\($0.displayName) (\($0.sourcedId ?? "no district ID"))" },
                              lastSyncAt: state.lastSyncAt,
                              waiting: try PendingChange.fetchCount(db), refused: try RefusedChange.fetchCount(db),
                              lastError: state.lastError)
        }
    }

    /// Remembers (or forgets, nil) the file the hub password is read from.
    public func setHubPasswordFile(_ path: String?) throws {
        try write { db in try db.execute(sql: "UPDATE sync_state SET passwordFile = ? WHERE id = 1", arguments: [path]) }
    }

    /// A sync ran to its end: the status line says when, and forgets the last trouble.
    public func recordSyncSuccess(now: Date) throws {
        try write { db in
            try db.execute(sql: "UPDATE sync_state SET lastSyncAt = ?, lastError = NULL WHERE id = 1", arguments: [AuditTime.text(now)])
        }
    }

    /// Every refused change in words, oldest first.
    public func refusedChangeSummaries() throws -> [RefusedChangeSummary] {
        try read { db in try RefusedChange.order(Column("id")).fetchAll(db).map { try RefusedWords(db).summary($0) } }
    }

    /// The counselor decides on refused change `id`, in one transaction:
    /// - keep mine: mine is shown here again and queued over the hub's version, so the next
    ///   push saves it over theirs (only for a change refused because the record moved on);
    /// - take theirs: mine is dropped; the hub's version, already shown since the refusal, stays.
    /// Either way the audit trail says which. Returns a sentence saying what happened.
    @discardableResult
    public func resolveRefused(_ id: Int64, _ resolution: RefusedResolution, by counselorId: Int64?, now: Date) throws -> String {
        try withPullApplying { db in
            guard let refused = try RefusedChange.fetchOne(db, key: id) else {
                throw StoreError.syncRefusal("No refused change numbered \(id); `waypoint sync refused` lists them.")
            }
            let words = RefusedWords(db)
            let summary = try words.summary(refused)
            let whose = summary.student.map { " of \($0)" } ?? ""
            var sentence: String
            switch resolution {
            case .takeTheirs:
                sentence = "\(summary.what)\(whose): the hub's version stays; yours was dropped."
            case .keepMine:
                guard summary.canKeepMine else {
                    throw StoreError.syncRefusal("\(summary.what)\(whose) cannot be sent again: \(summary.reason) "
                        + "Take theirs to clear it.")
                }
                let pending = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE tableName = ? AND uid = ?)",
                                                arguments: [refused.tableName, refused.uid]) ?? false
                if pending {
                    // A change made here after the refusal waits already, over the hub's
                    // version: it is the newer of "mine" and goes out at the next sync.
                    sentence = "\(summary.what)\(whose): your later change to it waits and goes to the hub at the next sync."
                } else {
                    let hubVersion = try Int64.fetchOne(db, sql: "SELECT hubVersion FROM sync_key WHERE tableName = ? AND uid = ?",
                                                        arguments: [refused.tableName, refused.uid]) ?? 0
                    let op: SyncOperation = SyncOperation(rawValue: refused.op) ?? .update
                    // Shown here again as it was meant, with capture paused (this is not a new
                    // edit), then queued by hand over the hub's version. Mine is kept as this
                    // workstation wrote it, never sealed (sealing happens on the way out), so
                    // there is nothing to open.
                    try AppDatabase.apply(db, HubChange(seq: 0, table: refused.tableName, uid: refused.uid, op: op,
                                                        version: hubVersion, payload: refused.mine), open: { _ in nil })
                    let queuedOp: SyncOperation = op == .delete ? .delete : (hubVersion == 0 ? .insert : .update)
                    try db.execute(sql: """
                        INSERT INTO sync_outbox (tableName, uid, op, baseVersion, payload, queuedAt) VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [refused.tableName, refused.uid, queuedOp, hubVersion, refused.mine, AuditTime.text(now)])
                    sentence = "\(summary.what)\(whose): yours goes to the hub over its version at the next sync."
                }
            }
            try db.execute(sql: "DELETE FROM sync_refused WHERE id = ?", arguments: [id])
            // Capture on again for the audit row: the decision is the counselor's own act,
            // and goes to the hub like the rest of their audit trail.
            try db.execute(sql: "UPDATE sync_state SET applyingPull = 0 WHERE id = 1")
            let detail = resolution == .keepMine ? "refused by the hub; kept mine over the hub's version"
                : "refused by the hub; took the hub's version, mine dropped"
            try recordAudit(db, AuditEntry(words.auditAction(refused.tableName), counselorId: counselorId,
                                           studentId: try words.studentId(refused), subject: summary.what,
                                           detail: "\(detail) (mine: \(summary.mine.joined(separator: "; ")))"), now: now)
            return sentence
        }
    }
}

/// Turns a refused change into words: the record, the student, both versions.
private struct RefusedWords {
    let db: Database

    init(_ db: Database) { self.db = db }

    static let names: [String: String] = [
        "advising_session": "Session", "session_topic": "Session topic", "session_note": "Session note",
        "follow_up": "Follow-up", "plan": "Plan", "pathway_change": "Pathway change", "plan_course": "Planned course",
        "milestone_status": "Milestone", "work_based_learning": "Work-based learning", "college_credit": "College credit",
        "certification": "Certification", "competency_evidence": "Competency evidence", "intervention": "Intervention",
        "intervention_note": "Intervention note", "audit_event": "Audit entry",
    ]

    /// Keys and bookkeeping: the record's identity, not what the counselor changed.
    static let hidden: Set<String> = ["student", "session", "intervention", "author", "owner", "counselor", "createdAt", "id"]

    func summary(_ refused: RefusedChange) throws -> RefusedChangeSummary {
        let mine = SyncPayload(refused.mine)
        var what = RefusedWords.names[refused.tableName] ?? refused.tableName
        if refused.tableName == "milestone_status", let milestone = mine?.values["milestoneId"] { what += " “\(milestone)”" }
        if refused.tableName == "session_topic", let topic = mine?.values["topic"] { what += " “\(topic)”" }
        let student = try studentId(refused).flatMap { try Student.fetchOne(db, key: $0) }
        return RefusedChangeSummary(
            id: refused.id, what: what,
            student: student.map { "\($0.displayName) (\($0.sourcedId ?? $0.localId))" },
            reason: RefusedWords.reason(refused.reason), canKeepMine: refused.reason == .changedElsewhere,
            mine: refused.op == "delete" ? ["(deleted)"] : RefusedWords.lines(mine),
            theirs: refused.theirs == nil ? [] : RefusedWords.lines(SyncPayload(refused.theirs)),
            refusedAt: AuditTime.date(refused.refusedAt))
    }

    static func reason(_ reason: RefusalReason) -> String {
        switch reason {
        case .changedElsewhere: "It was changed at the hub (by a colleague, or on another computer) since you last synced."
        case .notPermitted: "The hub does not let you change it (not a student of yours now, or not in your name)."
        case .invalid: "The hub's rules refused its values."
        }
    }

    /// "status: waived", one line per field the counselor sees, in a stable order.
    static func lines(_ payload: SyncPayload?) -> [String] {
        guard let payload else { return [] }
        return payload.values.keys.sorted().filter { !hidden.contains($0) }.map { name in
            let value = payload.values[name]!
            return "\(words(name)): \(value == .null ? "—" : value.description)"
        }
    }

    /// "dueDate" -> "due date".
    static func words(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase { result += " " + character.lowercased() } else { result.append(character) }
        }
        return result
    }

    /// The student the record belongs to: named in it, or through its session or intervention.
    func studentId(_ refused: RefusedChange) throws -> Int64? {
        guard let payload = SyncPayload(refused.mine) ?? SyncPayload(refused.theirs) else { return nil }
        if case .text(let sourcedId)? = payload.values["student"] {
            return try Int64.fetchOne(db, sql: "SELECT id FROM student WHERE sourcedId = ?", arguments: [sourcedId])
        }
        for (field, table) in [("session", "advising_session"), ("intervention", "intervention")] {
            if case .text(let uid)? = payload.values[field] {
                return try Int64.fetchOne(db, sql: """
                    SELECT t.studentId FROM \(table) t JOIN sync_key k ON k.localId = t.id AND k.tableName = ?
                    WHERE k.uid = ?
                    """, arguments: [table, uid])
            }
        }
        return nil
    }

    /// The audit trail has no action of its own for a sync decision (its actions are a
    /// CHECK constraint, and a new one means rebuilding a captured table): the decision is
    /// recorded as a change of the record's kind, the detail saying it was a refused change.
    func auditAction(_ table: String) -> AuditAction {
        switch table {
        case "advising_session", "session_topic", "session_note": .amendedSession
        case "follow_up": .changedFollowUp
        case "intervention", "intervention_note": .notedIntervention
        default: .changedPlan
        }
    }
}
