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
        do {
            try keepAside(effect)
        } catch {
            return [.databaseBusy(effect), .failed(String(describing: error))]
        }
        return [.databaseBusy(effect)]
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
