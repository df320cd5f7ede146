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

    /// Every refused change in words, oldest first. They are all the changes of the
    /// counselor this workstation syncs as; a confidential one's content (the topics,
    /// participants and notes of a confidential session and its follow-ups) is withheld
    /// unless `viewerId` is that counselor, known at the keyboard (their passphrase checked).
    public func refusedChangeSummaries(viewerId: Int64?) throws -> [RefusedChangeSummary] {
        try read { db in
            let author = try Int64.fetchOne(db, sql: "SELECT counselorId FROM sync_state WHERE id = 1")
            let words = RefusedWords(db)
            return try RefusedChange.order(Column("id")).fetchAll(db).map { refused in
                var summary = try words.summary(refused)
                if summary.isConfidential, viewerId == nil || viewerId != author {
                    summary.mine = []
                    summary.theirs = []
                    summary.fields = []
                    summary.isWithheld = true
                }
                return summary
            }
        }
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
                    // Removed at the hub: mine goes back as a new record (version 0), whatever
                    // version this workstation last knew.
                    let removed = RefusedWords.removedAtHub(refused)
                    let hubVersion = removed ? 0 : try Int64.fetchOne(db, sql: "SELECT hubVersion FROM sync_key WHERE tableName = ? AND uid = ?",
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
                    sentence = removed && op != .delete
                        ? "\(summary.what)\(whose): yours is put back here, and at the hub at the next sync."
                        : "\(summary.what)\(whose): yours goes to the hub over its version at the next sync."
                }
            }
            try db.execute(sql: "DELETE FROM sync_refused WHERE id = ?", arguments: [id])
            // Capture on again for the audit row: the decision is the counselor's own act,
            // and goes to the hub like the rest of their audit trail.
            try db.execute(sql: "UPDATE sync_state SET applyingPull = 0 WHERE id = 1")
            let detail = resolution == .keepMine ? "refused by the hub; kept mine over the hub's version"
                : "refused by the hub; took the hub's version, mine dropped"
            // The audit trail goes to the hub in clear: a confidential record's content stays out of it.
            let mine = summary.isConfidential ? "confidential, not written here" : summary.mine.joined(separator: "; ")
            try recordAudit(db, AuditEntry(words.auditAction(refused.tableName), counselorId: counselorId,
                                           studentId: try words.studentId(refused), subject: summary.what,
                                           detail: "\(detail) (mine: \(mine))"), now: now)
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
        let confidential = try isConfidential(refused)
        if refused.tableName == "milestone_status", let milestone = mine?.values["milestoneId"] { what += " “\(milestone)”" }
        if refused.tableName == "session_topic", !confidential, let topic = mine?.values["topic"] { what += " “\(topic)”" }
        let student = try studentId(refused).flatMap { try Student.fetchOne(db, key: $0) }
        // Each side's fields in words; a side that holds no record has none.
        let theirs = SyncPayload(refused.theirs)
        let sealed = theirs.map { SyncSealing.isSealedShape(Set($0.values.keys)) } ?? false
        let mineFields = refused.op == "delete" ? [:] : RefusedWords.fields(mine)
        let theirFields = sealed ? [:] : RefusedWords.fields(theirs)
        let fields = Set(mineFields.keys).union(theirFields.keys).sorted().map {
            RefusedField(name: $0, theirs: theirFields[$0], mine: mineFields[$0])
        }
        // The fields that differ first, then the rest, on every side alike.
        let ordered = fields.filter(\.differs) + fields.filter { !$0.differs }
        func lines(_ side: [String: String]) -> [String] { ordered.compactMap { field in side[field.name].map { "\(field.name): \($0)" } } }
        return RefusedChangeSummary(
            id: refused.id, what: what,
            student: student.map { "\($0.displayName) (\($0.sourcedId ?? $0.localId))" },
            reason: RefusedWords.reason(refused, confidential: confidential), canKeepMine: refused.reason == .changedElsewhere,
            mine: refused.op == "delete" ? ["(deleted)"] : lines(mineFields),
            theirs: RefusedWords.removedAtHub(refused) ? ["(removed at the hub)"]
                : sealed ? ["(sealed at the hub: only your workstations open it)"] : lines(theirFields),
            refusedAt: AuditTime.date(refused.refusedAt), fields: ordered, isConfidential: confidential)
    }

    /// A confidential session, or a note version, topic or follow-up of one (by the payload
    /// either side holds, or the session as this workstation has it).
    func isConfidential(_ refused: RefusedChange) throws -> Bool {
        let sides = [SyncPayload(refused.mine), SyncPayload(refused.theirs)].compactMap { $0 }
        for side in sides {
            if side.values[SyncSealing.confidentialField] == .integer(1) || SyncSealing.isSealedShape(Set(side.values.keys)) {
                return true
            }
            if case .text(let session)? = side.values["session"],
               try Bool.fetchOne(db, sql: """
                   SELECT s.isConfidential FROM advising_session s JOIN sync_key k ON k.localId = s.id AND k.tableName = 'advising_session'
                   WHERE k.uid = ?
                   """, arguments: [session]) == true {
                return true
            }
        }
        return false
    }

    /// Refused as changed elsewhere with nothing at the hub: a colleague removed the record.
    static func removedAtHub(_ refused: RefusedChange) -> Bool {
        refused.reason == .changedElsewhere && refused.theirs == nil
    }

    /// Why the hub refused it, in words; a rule's own sentence from the hub when it gave one
    /// (it may quote a value, so never for a confidential record).
    static func reason(_ refused: RefusedChange, confidential: Bool) -> String {
        let detail = refused.detail.trimmingCharacters(in: .whitespacesAndNewlines)
        guard refused.reason == .invalid, !confidential, !detail.isEmpty else { return reason(refused.reason) }
        return "The hub's rules refused it: \(detail)" + (detail.hasSuffix(".") ? "" : ".")
    }

    static func reason(_ reason: RefusalReason) -> String {
        switch reason {
        case .changedElsewhere: "It was changed at the hub (by a colleague, or on another computer) since you last synced."
        case .notPermitted: "The hub does not let you change it (not a student of yours now, or not in your name)."
        case .invalid: "The hub's rules refused its values."
        }
    }

    /// The fields the counselor sees, by their name in words: "status" -> "waived".
    static func fields(_ payload: SyncPayload?) -> [String: String] {
        guard let payload else { return [:] }
        var result: [String: String] = [:]
        for (name, value) in payload.values where !hidden.contains(name) {
            result[words(name)] = value == .null ? "—" : value.description
        }
        return result
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
