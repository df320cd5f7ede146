import Foundation
import WaypointStore
import WaypointUI

/// Drafts a busy database could not take, kept on disk beside it (see ``DraftsAside``):
/// written the moment a try fails, removed the moment the database has the draft, and
/// taken into the database when drafts are next loaded (after a kill, at the next start).
extension EffectRunner {
    /// A write that met a busy database (or came right after one that did): kept on disk
    /// and handed back to the screen, which keeps it in memory and tries again.
    func keptWhileBusy(_ effect: Effect) -> [Action] {
        // An audit row is kept on disk and taken in by the runner itself
        // (`takeAuditAsideIfDue`): the screen has nothing to wait for or to say.
        let screenWaits = auditEntry(for: effect) == nil
        do {
            try keepAside(effect)
        } catch {
            return (screenWaits ? [.databaseBusy(effect)] : []) + [.failed(String(describing: error))]
        }
        return screenWaits ? [.databaseBusy(effect)] : []
    }

    /// The audit row an effect records, if it is one of those (`recordView`, `recordSecurityEvent`).
    func auditEntry(for effect: Effect) -> AuditEntry? {
        switch effect {
        case .recordView(let action, let studentId, let subject, let counselorId):
            AuditEntry(action, counselorId: counselorId, studentId: studentId, subject: subject)
        case .recordSecurityEvent(let action, let counselorId, let detail):
            AuditEntry(action, counselorId: counselorId, subject: "lock screen", detail: detail)
        default:
            nil
        }
    }

    /// Takes the audit rows kept on disk into the trail, at most once per retry interval
    /// while the database stays busy (each try waits for it a moment). Returns what the
    /// counselor should be told (a kept row that cannot be read).
    func takeAuditAsideIfDue() -> [Action] {
        guard auditAsideWaiting, nextAuditTry.map({ clock() >= $0 }) ?? true else { return [] }
        do {
            let notes = try database.takeAuditAside(now: clock())
            auditAsideWaiting = false
            nextAuditTry = nil
            return notes.map(Action.unavailable)
        } catch StoreError.storage(.busy, _) {
            lastBusy = clock()
            nextAuditTry = clock().addingTimeInterval(AppState.busyRetryInterval)
            return []
        } catch {
            auditAsideWaiting = false
            return [.failed(String(describing: error))]
        }
    }

    /// Whether a write found the database busy a moment ago. The writes of one batch (a
    /// retry sends the waiting draft, the audit rows and the session together) then skip the
    /// database instead of each waiting its second for the lock: the screen freezes for one
    /// try at most, and the next retry a second later tries them all again.
    var stillBusy: Bool {
        guard let lastBusy else { return false }
        return clock().timeIntervalSince(lastBusy) < 0.5
    }

    /// Keeps on disk what `effect` would have written: a draft, or the note of a session
    /// being saved. A discarded draft is not kept: the counselor let it go.
    func keepAside(_ effect: Effect) throws {
        guard let aside = database.draftsAside else { return }
        switch effect {
        case .saveDraft(let counselorId, let studentId, let sessionId, let payload),
             .keepDraftAside(let counselorId, let studentId, let sessionId, let payload):
            try aside.keep(DraftsAside.Key(counselorId: counselorId, studentId: studentId, sessionId: sessionId),
                           payload: try DraftCoding.encode(payload), savedAt: clock())
        case .saveSession(let save):
            try aside.keep(DraftsAside.Key(counselorId: save.authorId, studentId: save.studentId, sessionId: save.sessionId),
                           payload: try DraftCoding.encode(save.payload), savedAt: clock())
        case .discardDraft:
            forgetAside(effect)
        case .recordView, .recordSecurityEvent:
            guard let entry = auditEntry(for: effect) else { return }
            _ = try aside.keepAudit(entry, at: clock())
            auditAsideWaiting = true
            nextAuditTry = clock().addingTimeInterval(AppState.busyRetryInterval)
        default:
            break
        }
    }

    /// The database has the draft (or the saved session, or the discard): the copy goes.
    func forgetAside(_ effect: Effect) {
        let key: DraftsAside.Key? = switch effect {
        case .saveDraft(let counselorId, let studentId, let sessionId, _), .discardDraft(let counselorId, let studentId, let sessionId):
            DraftsAside.Key(counselorId: counselorId, studentId: studentId, sessionId: sessionId)
        case .saveSession(let save):
            DraftsAside.Key(counselorId: save.authorId, studentId: save.studentId, sessionId: save.sessionId)
        default:
            nil
        }
        if let key { database.draftsAside?.remove(key) }
    }

    /// Takes the counselor's kept drafts into the database; returns what to tell them. While
    /// the database is still busy the files stay, to be taken at the next load.
    func takeDraftsAside(counselorId: Int64) -> [String] {
        do {
            return try database.takeDraftsAside(counselorId: counselorId, now: clock()) { (try? DraftCoding.decode($0)) != nil }
        } catch StoreError.storage(.busy, _) {
            return ["Some of your drafts were kept on disk while the database was busy; they are offered at the next start once it is free."]
        } catch {
            return [String(describing: error)]
        }
    }
}
