import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Saves a new session with its note (version 1), topics and follow-ups, and drops the
    /// draft it was written from, all in one transaction: a crash leaves either the draft or
    /// the saved session, never both and never neither.
    @discardableResult
    public func recordSession(_ session: AdvisingSession, followUps: [(dueDate: CivilDate?, text: String)] = [],
                              now: Date = Date()) throws -> AdvisingSession {
        try write { db in
            guard try Student.exists(db, key: session.studentId) else { throw StoreError.studentNotFound(id: session.studentId) }
            guard try Counselor.exists(db, key: session.authorId) else { throw StoreError.counselorNotFound(id: session.authorId) }
            try db.execute(sql: """
                INSERT INTO advising_session (studentId, authorId, startedAt, durationMinutes, kind, participants,
                                              isConfidential, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [session.studentId, session.authorId, session.startedAt, session.durationMinutes,
                                 session.kind, SessionRows.encode(session.participants), session.isConfidential, now])
            var saved = session
            saved.id = db.lastInsertedRowID
            saved.noteVersion = 1
            try SessionRows.insertTopics(session.topics, sessionId: db.lastInsertedRowID, db: db)
            try ContactRows.name(session.contactIds, sessionId: saved.id!, studentId: session.studentId, db: db)
            try SessionRows.insertOtherStudents(session.otherStudentIds, sessionId: saved.id!, studentId: session.studentId, db: db)
            try SessionRows.appendNote(session.note, sessionId: saved.id!, authorId: session.authorId, at: now, db: db)
            for followUp in followUps {
                try SessionRows.insertFollowUp(studentId: session.studentId, sessionId: saved.id, authorId: session.authorId,
                                               text: followUp.text, dueDate: followUp.dueDate, at: now, db: db)
            }
            try db.execute(sql: "DELETE FROM session_draft WHERE counselorId = ? AND studentId = ? AND sessionId = 0",
                           arguments: [session.authorId, session.studentId])
            let extras = [session.otherStudentIds.isEmpty ? nil : "group of \(session.studentIds.count)",
                          followUps.isEmpty ? nil : "follow-ups added: \(followUps.count)"].compactMap { $0 }
            try recordChange(db, .addedSession, .session(id: saved.id!), before: nil, by: session.authorId,
                             extra: extras.joined(separator: "; "), now: now)
            return saved
        }
    }

    /// Amends a saved session. The note's earlier versions stay in its history; the new
    /// text becomes the next version, credited to `authorId` at `now`. Only the session's
    /// author may amend it: a colleague's record is theirs. Given the note version it was
    /// loaded at (`loadedNoteVersion`), a note amended elsewhere since is refused, so the
    /// other window's text is not buried under this one.
    public func amendSession(id: Int64, note: String, kind: String, topics: [String], participants: [Participant],
                             durationMinutes: Int, isConfidential: Bool, by authorId: Int64,
                             newFollowUps: [(dueDate: CivilDate?, text: String)] = [], loadedNoteVersion: Int? = nil,
                             contactIds: [Int64]? = nil, now: Date = Date()) throws {
        try write { db in
            let current = try SessionRows.fetch(id: id, db: db)
            if current.isConfidential, current.authorId != authorId { throw StoreError.confidentialToAuthor(sessionId: id) }
            guard current.authorId == authorId else { throw StoreError.notAuthor(sessionId: id) }
            try Unchanged.ensure(.sessionNote(startedOn: CivilDate.today(now: current.startedAt)), of: current.studentId,
                                 loaded: loadedNoteVersion, current: current.noteVersion, theirs: current.note, yours: note, db: db)
            let before = try AuditSnapshot(db, .session(id: id))
            try db.execute(sql: """
                UPDATE advising_session SET kind = ?, participants = ?, durationMinutes = ?, isConfidential = ?
                WHERE id = ?
                """, arguments: [kind, SessionRows.encode(participants), durationMinutes, isConfidential, id])
            try db.execute(sql: "DELETE FROM session_topic WHERE sessionId = ?", arguments: [id])
            try SessionRows.insertTopics(topics, sessionId: id, db: db)
            if let contactIds, contactIds != current.contactIds {
                try db.execute(sql: "DELETE FROM session_contact WHERE sessionId = ?", arguments: [id])
                try ContactRows.name(contactIds, sessionId: id, studentId: current.studentId, db: db)
            }
            if note != current.note {
                try SessionRows.appendNote(note, sessionId: id, authorId: authorId, at: now, db: db)
            }
            for followUp in newFollowUps {
                try SessionRows.insertFollowUp(studentId: current.studentId, sessionId: id, authorId: authorId,
                                               text: followUp.text, dueDate: followUp.dueDate, at: now, db: db)
            }
            try db.execute(sql: "DELETE FROM session_draft WHERE counselorId = ? AND studentId = ? AND sessionId = ?",
                           arguments: [authorId, current.studentId, id])
            try recordChange(db, .amendedSession, .session(id: id), before: before, by: authorId,
                             extra: newFollowUps.isEmpty ? "" : "follow-ups added: \(newFollowUps.count)", now: now)
        }
    }

    /// "Deleting" a session: it leaves the history lists but stays in the record.
    public func archiveSession(id: Int64, by counselorId: Int64, now: Date = Date()) throws {
        try write { db in
            let current = try SessionRows.fetch(id: id, db: db)
            if current.isConfidential, current.authorId != counselorId { throw StoreError.confidentialToAuthor(sessionId: id) }
            guard current.authorId == counselorId else { throw StoreError.notAuthor(sessionId: id) }
            let before = try AuditSnapshot(db, .session(id: id))
            try db.execute(sql: "UPDATE advising_session SET isArchived = 1, archivedAt = ? WHERE id = ?", arguments: [now, id])
            try recordChange(db, .archivedSession, .session(id: id), before: before, by: counselorId, now: now)
        }
    }

    /// A student's sessions, newest first, as `viewerId` may see them: those with them
    /// alone and the group sessions they took part in.
    public func sessions(studentId: Int64, viewerId: Int64?, includeArchived: Bool = false) throws -> [SessionView] {
        try read { db in
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM advising_session WHERE \(SessionRows.ofStudent) AND (? OR NOT isArchived)
                ORDER BY startedAt DESC, id DESC
                """, arguments: [studentId, studentId, includeArchived])
            return try ids.map { try SessionRows.view(id: $0, viewerId: viewerId, db: db) }
        }
    }

    public func session(id: Int64, viewerId: Int64?) throws -> SessionView {
        try read { db in try SessionRows.view(id: id, viewerId: viewerId, db: db) }
    }

    /// Every version of a session's note, oldest first. Confidential history is its author's alone.
    public func noteHistory(sessionId: Int64, viewerId: Int64?) throws -> [NoteVersion] {
        try read { db in
            let session = try SessionRows.fetch(id: sessionId, db: db)
            if session.isConfidential, session.authorId != viewerId { throw StoreError.confidentialToAuthor(sessionId: sessionId) }
            return try Row.fetchAll(db, sql: """
                SELECT version, text, authorId, createdAt FROM session_note WHERE sessionId = ? ORDER BY version
                """, arguments: [sessionId]).map { row in
                NoteVersion(sessionId: sessionId, version: row["version"], text: row["text"],
                            authorId: row["authorId"], createdAt: row["createdAt"])
            }
        }
    }

    /// Topics used before, most used first: what the topic field completes from. Only
    /// topics `viewerId` may read count: those of sessions open to colleagues and of their
    /// own confidential ones; another counselor's confidential topics are theirs alone.
    public func knownTopics(viewerId: Int64?, limit: Int = 200) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT topic FROM session_topic t JOIN advising_session s ON s.id = t.sessionId
                WHERE NOT s.isConfidential OR s.authorId IS ?
                GROUP BY topic ORDER BY count(*) DESC, topic LIMIT ?
                """, arguments: [viewerId, limit])
        }
    }

    /// When each student was last seen (newest non-archived session, alone or in a group), by student id.
    public func lastContacts(studentIds: [Int64]) throws -> [Int64: Date] {
        guard !studentIds.isEmpty else { return [:] }
        return try read { db in
            var result: [Int64: Date] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT studentId, max(startedAt) AS last FROM (
                    SELECT studentId, startedAt, isArchived FROM advising_session
                    UNION ALL
                    SELECT g.studentId, s.startedAt, s.isArchived FROM session_student g JOIN advising_session s ON s.id = g.sessionId)
                WHERE NOT isArchived AND studentId IN (SELECT value FROM json_each(?))
                GROUP BY studentId
                """, arguments: [SessionRows.jsonArray(studentIds)])
            for row in rows { result[row["studentId"]] = row["last"] }
            return result
        }
    }
}

extension AppDatabase {
    /// Sessions started on or after `since`, oldest first, for an export. A confidential
    /// note is included only when asked and only for its author (`viewerId`); otherwise the
    /// row says that a contact took place, without its content.
    public func sessionsForExport(since: Date, viewerId: Int64?, includeConfidential: Bool) throws -> [(SessionView, Student)] {
        try read { db in
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM advising_session WHERE startedAt >= ? AND NOT isArchived ORDER BY startedAt, id
                """, arguments: [since])
            return try ids.compactMap { id in
                var view = try SessionRows.view(id: id, viewerId: viewerId, db: db)
                if view.session.isConfidential, !includeConfidential {
                    view = SessionView(session: view.session, authorName: view.authorName, viewerId: nil)
                }
                guard let student = try Student.fetchOne(db, key: view.session.studentId) else { return nil }
                return (view, student)
            }
        }
    }
}
