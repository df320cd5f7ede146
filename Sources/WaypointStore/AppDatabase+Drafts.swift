import Foundation
import GRDB
import WaypointCore

/// A session being written, as last saved: the editor's whole state as JSON, so nothing
/// typed is lost when the terminal closes or the machine loses power.
public struct SessionDraftRecord: Equatable, Sendable {
    public var counselorId: Int64
    public var studentId: Int64
    /// The session being amended, or nil for a new one.
    public var sessionId: Int64?
    public var payload: String
    public var updatedAt: Date
}

extension AppDatabase {
    /// Stores (or replaces) the draft for this counselor, student and session.
    public func saveDraft(counselorId: Int64, studentId: Int64, sessionId: Int64?, payload: String,
                          now: Date = Date()) throws {
        try write { db in
            try AppDatabase.storeDraft(db, counselorId: counselorId, studentId: studentId, sessionId: sessionId,
                                       payload: payload, updatedAt: now)
        }
    }

    static func storeDraft(_ db: Database, counselorId: Int64, studentId: Int64, sessionId: Int64?, payload: String,
                           updatedAt: Date) throws {
        try db.execute(sql: """
            INSERT INTO session_draft (counselorId, studentId, sessionId, payload, updatedAt) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (counselorId, studentId, sessionId) DO UPDATE SET payload = excluded.payload,
                updatedAt = excluded.updatedAt
            """, arguments: [counselorId, studentId, sessionId ?? 0, payload, updatedAt])
    }

    public func discardDraft(counselorId: Int64, studentId: Int64, sessionId: Int64?) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM session_draft WHERE counselorId = ? AND studentId = ? AND sessionId = ?",
                           arguments: [counselorId, studentId, sessionId ?? 0])
        }
    }

    /// A counselor's unsaved drafts, newest first: what start-up offers to resume.
    public func drafts(counselorId: Int64) throws -> [SessionDraftRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM session_draft WHERE counselorId = ? ORDER BY updatedAt DESC
                """, arguments: [counselorId]).map { row in
                let session: Int64 = row["sessionId"]
                return SessionDraftRecord(counselorId: row["counselorId"], studentId: row["studentId"],
                                          sessionId: session == 0 ? nil : session, payload: row["payload"],
                                          updatedAt: row["updatedAt"])
            }
        }
    }
}
