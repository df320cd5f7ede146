import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Records an entry in a transaction of its own: for what happens outside the store
    /// (an export or backup written by the executable, a record shown on screen).
    public func recordAudit(_ entry: AuditEntry, now: Date = Date()) throws {
        try write { db in try recordAudit(db, entry, now: now) }
    }

    /// The audit trail, newest first.
    public func auditEvents(_ query: AuditQuery = AuditQuery()) throws -> [AuditEvent] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let studentId = query.studentId {
            clauses.append("studentId = ?")
            arguments += [studentId]
        }
        if let counselorId = query.counselorId {
            clauses.append("counselorId = ?")
            arguments += [counselorId]
        }
        if let since = query.since {
            clauses.append("at >= ?")
            arguments += [AuditTime.text(since)]
        }
        arguments += [query.limit ?? -1]
        let condition = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try read { db in
            let confidential = try ConfidentialSessions.subjects(db)
            return try Row.fetchAll(db, sql: "SELECT * FROM audit_event \(condition) ORDER BY at DESC, id DESC LIMIT ?",
                                    arguments: arguments).map { row in
                guard let action = AuditAction(rawValue: row["action"]) else { throw StoreError.unknownAuditAction(row["action"]) }
                let subject: String = row["subject"]
                return AuditEvent(id: row["id"], at: AuditTime.date(row["at"]) ?? Date(timeIntervalSince1970: 0),
                                  counselorId: row["counselorId"], actor: row["actor"], action: action,
                                  studentId: row["studentId"], subject: subject,
                                  detail: ConfidentialSessions.shown(row["detail"], subject: subject, confidential: confidential))
            }
        }
    }

    /// Records an entry inside the caller's transaction, so the row and the change it
    /// describes are saved together or not at all.
    func recordAudit(_ db: Database, _ entry: AuditEntry, now: Date = Date()) throws {
        // Prepared once per connection: compiling it compiles the sync capture trigger on
        // audit_event too, about a millisecond, and an import writes tens of thousands.
        try db.cachedStatement(sql: """
            INSERT INTO audit_event (at, counselorId, actor, action, studentId, subject, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [AuditTime.text(now), entry.counselorId, actor.name, entry.action.rawValue, entry.studentId,
                                     entry.subject, entry.detail])
    }

    /// Records what a write did to `record`, old -> new, by comparing it with `before` (nil
    /// for an addition). A write that changed nothing records nothing. `extra` is appended
    /// to the detail (e.g. "2 follow-ups").
    func recordChange(_ db: Database, _ action: AuditAction, _ record: AuditedRecord, before: AuditSnapshot?,
                      by counselorId: Int64?, extra: String = "", now: Date = Date()) throws {
        let after = try AuditSnapshot(db, record)
        guard before != after || !extra.isEmpty, let studentId = (after ?? before)?.studentId else { return }
        let withheld = record.withheld(before, after)
        let detail = [AuditSnapshot.describe(from: before, to: after, withholding: withheld), extra]
            .filter { !$0.isEmpty }.joined(separator: "; ")
        try recordAudit(db, AuditEntry(action, counselorId: counselorId, studentId: studentId,
                                       subject: record.subject(after ?? before), detail: detail), now: now)
    }
}

/// The records whose changes the trail describes field by field, and how to read them.
enum AuditedRecord {
    case plan(studentId: Int64)
    case course(id: Int64)
    case milestone(studentId: Int64, milestoneId: String)
    case planEntry(PlanSection, id: Int64)
    case session(id: Int64)
    case followUp(id: Int64)
    case intervention(id: Int64)
    /// A college application (v26): recorded as a change to the plan, whose college list it is.
    case collegeApplication(id: Int64)

    fileprivate var query: (sql: String, arguments: StatementArguments) {
        switch self {
        case .plan(let studentId): ("SELECT * FROM plan WHERE studentId = ?", [studentId])
        case .course(let id): ("SELECT * FROM plan_course WHERE id = ?", [id])
        case .milestone(let studentId, let milestoneId):
            ("SELECT * FROM milestone_status WHERE studentId = ? AND milestoneId = ?", [studentId, milestoneId])
        case .planEntry(let section, let id): ("SELECT * FROM \(section.rawValue) WHERE id = ?", [id])
        // Topics and the note's version, never the note's text: the trail is not a copy of the record.
        case .session(let id): ("""
            SELECT kind, participants, startedAt, durationMinutes, isConfidential, isArchived, studentId,
                   (SELECT group_concat(topic, ', ') FROM (SELECT topic FROM session_topic WHERE sessionId = s.id ORDER BY topic)) AS topics,
                   (SELECT max(version) FROM session_note WHERE sessionId = s.id) AS noteVersion
            FROM advising_session s WHERE id = ?
            """, [id])
        case .followUp(let id): ("SELECT studentId, sessionId, dueDate, status FROM follow_up WHERE id = ?", [id])
        case .intervention(let id): ("""
            SELECT studentId, kind, ownerId, startDate, endDate, sessionsPerWeek, minutesPerSession, status,
                   (SELECT count(*) FROM intervention_note WHERE interventionId = i.id) AS progressNotes
            FROM intervention i WHERE id = ?
            """, [id])
        case .collegeApplication(let id): ("""
            SELECT studentId, institution, type, deadline, status, transcript, recommendation, aidAward
            FROM college_application WHERE id = ?
            """, [id])
        }
    }

    /// The fields a row about this record leaves out: a confidential session's topics and
    /// participants say what it was about and who was there, which is as private as its
    /// note. A session confidential before or after the change counts.
    func withheld(_ before: AuditSnapshot?, _ after: AuditSnapshot?) -> [String] {
        guard case .session = self, [before, after].contains(where: { $0?.value("isConfidential") == "yes" }) else { return [] }
        return ConfidentialSessions.withheldFields
    }

    func subject(_ snapshot: AuditSnapshot?) -> String {
        switch self {
        case .plan: "plan"
        case .course(let id): "plan course \(id) \(snapshot?.value("title") ?? "")"
        case .milestone(_, let milestoneId): "plan milestone \(milestoneId)"
        case .planEntry(let section, let id): "plan \(section.title) \(id)"
        case .session(let id): "session \(id)"
        case .followUp(let id): "follow-up \(id)"
        case .intervention(let id): "intervention \(id) \(snapshot?.value("kind") ?? "")"
        case .collegeApplication(let id): "college application \(id) \(snapshot?.value("institution") ?? "")"
        }
    }
}

/// One record's fields in words, read before and after a write, so the trail can say what
/// changed: "status: planned -> completed; year: 10 -> 11".
struct AuditSnapshot: Equatable {
    var studentId: Int64?
    var fields: [(name: String, value: String)]

    init?(_ db: Database, _ record: AuditedRecord) throws {
        let query = record.query
        guard let row = try Row.fetchOne(db, sql: query.sql, arguments: query.arguments) else { return nil }
        studentId = row["studentId"]
        fields = row.columnNames.filter { !["id", "studentId"].contains($0) }.map { name in
            (name, AuditSnapshot.words(row[name] as DatabaseValue, boolean: name.hasPrefix("is")))
        }
    }

    static func == (lhs: AuditSnapshot, rhs: AuditSnapshot) -> Bool {
        lhs.studentId == rhs.studentId && lhs.fields.elementsEqual(rhs.fields) { $0 == $1 }
    }

    func value(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// "a: x -> y; …" for a change, "added (a: x; …)" and "removed (a: x; …)" otherwise.
    /// The `withheld` fields are named, never shown: "topics changed, withheld: …".
    static func describe(from before: AuditSnapshot?, to after: AuditSnapshot?, withholding withheld: [String] = []) -> String {
        func listed(_ snapshot: AuditSnapshot) -> String {
            snapshot.fields.filter { $0.value != "none" && !withheld.contains($0.name) }
                .map { "\($0.name): \($0.value)" }.joined(separator: "; ")
        }
        func hidden(_ names: [String], _ verb: String) -> [String] {
            names.isEmpty ? [] : ["\(names.joined(separator: " and ")) \(verb)withheld: confidential session"]
        }
        switch (before, after) {
        case (nil, let after?): return (["added (\(listed(after)))"] + hidden(withheld, "")).joined(separator: "; ")
        case (let before?, nil): return (["removed (\(listed(before)))"] + hidden(withheld, "")).joined(separator: "; ")
        case (let before?, let after?):
            let changed = zip(before.fields, after.fields).filter { $0.value != $1.value }
            return (changed.filter { !withheld.contains($0.0.name) }.map { "\($0.name): \($0.value) -> \($1.value)" }
                + hidden(changed.map { $0.0.name }.filter(withheld.contains), "changed, ")).joined(separator: "; ")
        case (nil, nil): return ""
        }
    }

    private static func words(_ value: DatabaseValue, boolean: Bool) -> String {
        switch value.storage {
        case .null: "none"
        case .int64(let number): boolean ? (number == 0 ? "no" : "yes") : String(number)
        case .double(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): text
        case .blob(let data): "\(data.count) bytes"
        }
    }
}

/// What the trail shows of confidential sessions: their topics and participants to nobody,
/// not even their author (`waypoint audit` asks for no identity).
///
/// New rows leave them out (`AuditedRecord.withheld`). Rows written before that, and rows
/// written while a session was still open to colleagues, may hold them; the table is
/// append-only and cannot be corrected, so such a row's detail is withheld as it is read.
enum ConfidentialSessions {
    static let withheldFields = ["participants", "topics"]

    /// The subjects ("session 42") of every session that is confidential now or was at some
    /// point, as far as the trail itself says.
    static func subjects(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: """
            SELECT 'session ' || id FROM advising_session WHERE isConfidential
            UNION SELECT subject FROM audit_event WHERE subject GLOB 'session [0-9]*'
              AND (detail LIKE '%isConfidential: yes%' OR detail LIKE '%isConfidential: no -> yes%')
            """))
    }

    /// `detail` as it may be shown: withheld when it is about a confidential session and
    /// names one of the withheld fields.
    static func shown(_ detail: String, subject: String, confidential: Set<String>) -> String {
        guard confidential.contains(subject),
              withheldFields.contains(where: { detail.contains("\($0): ") }) else { return detail }
        return detail.hasPrefix("added (") ? "added (details withheld: confidential session)"
            : "details withheld: confidential session"
    }
}

/// Audit times are ISO 8601 in UTC with milliseconds: the same length always, so they sort as text.
enum AuditTime {
    static func text(_ date: Date) -> String {
        lock.withLock { formatter.string(from: date) }
    }

    static func date(_ text: String) -> Date? {
        lock.withLock { formatter.date(from: text) }
    }

    /// One formatter, made once: making one for each row was most of the cost of an audit
    /// row (ICU builds its patterns each time). A formatter is not safe to share between
    /// threads, so it is used under the lock.
    private static let lock = NSLock()
    nonisolated(unsafe) private static let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}

extension PlanSection {
    /// The section in words, for the audit trail.
    var title: String {
        switch self {
        case .workBasedLearning: "work-based learning"
        case .collegeCredit: "college credit"
        case .certification: "certification"
        case .evidence: "evidence"
        }
    }
}
