import Foundation
import GRDB

extension AppDatabase {
    /// Where this database keeps the drafts it could not take; nil for one in memory.
    public var draftsAside: DraftsAside? {
        path.isEmpty || path == ":memory:" ? nil : DraftsAside(databasePath: path)
    }

    /// Takes the drafts `counselorId` left aside (a Waypoint killed while the database was
    /// busy) into the database, where start-up offers them. Another counselor's are left
    /// for them. A kept draft replaces an older one in the database; one older than the
    /// database's is kept as a file, not dropped; one that cannot be read (or whose payload
    /// `isReadable` refuses) is kept under a `.damaged` name. Returns what the counselor
    /// should be told, one sentence each. A busy database throws, and the files stay.
    public func takeDraftsAside(counselorId: Int64, now: Date, isReadable: (String) -> Bool) throws -> [String] {
        guard let aside = draftsAside else { return [] }
        var notes: [String] = []
        for file in aside.pending(counselorId: counselorId) {
            let kept: DraftsAside.Kept
            switch aside.read(file) {
            case .success(let found) where isReadable(found.payload):
                kept = found
            case .success:
                notes.append(damaged(aside, DraftAsideDamage(path: file, reason: "the draft inside it cannot be read"), now: now))
                continue
            case .failure(let damage):
                notes.append(damaged(aside, damage, now: now))
                continue
            }
            guard let databaseIsNewer = try take(kept) else {
                notes.append(damaged(aside, DraftAsideDamage(path: file, reason: "its student or counselor is no longer in this database"),
                                     now: now))
                continue
            }
            if databaseIsNewer {
                let older = aside.setApart(file, suffix: DraftsAside.olderSuffix, now: now)
                notes.append("You had two unsaved drafts for the same session: the newer one is offered, "
                             + "and the older one (kept while the database was busy) is in \(older).")
            } else {
                aside.remove(kept.key)
            }
        }
        return notes
    }

    /// Stores `kept` unless the database has a newer, different draft of the same session
    /// (true then); nil when its student or counselor is gone (the draft has nowhere to go).
    private func take(_ kept: DraftsAside.Kept) throws -> Bool? {
        let key = kept.key
        do {
            return try write { db -> Bool in
                if let stored = try Row.fetchOne(db, sql: """
                    SELECT payload, updatedAt FROM session_draft WHERE counselorId = ? AND studentId = ? AND sessionId = ?
                    """, arguments: [key.counselorId, key.studentId, key.sessionId ?? 0]),
                   (stored["updatedAt"] as Date) > kept.savedAt {
                    return (stored["payload"] as String) != kept.payload
                }
                try AppDatabase.storeDraft(db, counselorId: key.counselorId, studentId: key.studentId,
                                           sessionId: key.sessionId, payload: kept.payload, updatedAt: kept.savedAt)
                return false
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            return nil
        }
    }

    private func damaged(_ aside: DraftsAside, _ damage: DraftAsideDamage, now: Date) -> String {
        let kept = aside.setApart(damage.path, suffix: DraftsAside.damagedSuffix, now: now)
        return "A draft kept while the database was busy could not be used (\(damage.path): \(damage.reason)); "
            + "nothing was changed, and the file is kept as \(kept) for you to look at."
    }
}
