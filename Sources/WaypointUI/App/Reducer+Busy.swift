import Foundation
import WaypointCore

/// A database busy with another program's long write (an import, a restore, `sqlite3`):
/// nothing typed is lost. The work waits in memory, the footer says so, and it is tried
/// again every `busyRetryInterval` until the database takes it.
extension AppState {
    static let waitingForDatabase = "Another program is writing to the database: your note is kept "
        + "and will be saved when it finishes."

    mutating func databaseBusy(_ effect: Effect) -> [Effect] {
        isBusy = false
        if case .saveSession = effect {
            editor?.saveWaiting = true
        } else {
            enqueue(effect)
        }
        if nextBusyRetry.map({ $0 <= now }) ?? true { nextBusyRetry = now.addingTimeInterval(AppState.busyRetryInterval) }
        status = StatusMessage(AppState.waitingForDatabase, isError: true)
        return []
    }

    /// What a tick writes: nothing new goes to a busy database between tries (each try
    /// waits for it a moment, and the screen would stutter); the draft joins the queue
    /// instead, replacing an older one of the same session, and is kept on disk beside the
    /// database; all are tried together.
    mutating func writesForTick(_ writes: [Effect]) -> [Effect] {
        guard isWaitingForDatabase else { return writes }
        for write in writes { enqueue(write) }
        // Kept on disk at once, so a kill before the next try loses nothing typed meanwhile.
        let aside = writes.compactMap(\.keptAside)
        guard let due = nextBusyRetry, now >= due else { return aside }
        nextBusyRetry = now.addingTimeInterval(AppState.busyRetryInterval)
        var tries = waitingWrites
        waitingWrites = []
        if editor?.saveWaiting == true {
            editor?.saveWaiting = false
            tries += saveEditor()
        }
        if tries.isEmpty { nextBusyRetry = nil }
        return tries
    }

    /// A draft replaces an older draft of the same session; anything else waits in order.
    private mutating func enqueue(_ effect: Effect) {
        if let key = effect.draftKey {
            waitingWrites.removeAll { $0.draftKey == key }
        }
        waitingWrites.append(effect)
    }

    /// Once a session is saved its draft is gone: a draft of it still waiting must not bring it back.
    mutating func forgetWaitingDraft(authorId: Int64, studentId: Int64, sessionId: Int64?) {
        waitingWrites.removeAll { $0.draftKey == DraftKey(authorId: authorId, studentId: studentId, sessionId: sessionId) }
        if !isWaitingForDatabase { nextBusyRetry = nil }
    }
}

struct DraftKey: Equatable {
    var authorId: Int64
    var studentId: Int64
    var sessionId: Int64?
}

extension Effect {
    /// Writes the screen keeps and tries again when the database is busy: what was typed,
    /// and the audit rows of what was seen. Others fail with the busy sentence, changing nothing.
    public var waitsWhenBusy: Bool {
        switch self {
        case .saveDraft, .discardDraft, .saveSession, .recordView, .recordSecurityEvent: true
        default: false
        }
    }

    /// A draft waiting for a busy database, as kept on disk meanwhile.
    var keptAside: Effect? {
        guard case .saveDraft(let authorId, let studentId, let sessionId, let payload) = self else { return nil }
        return .keepDraftAside(authorId: authorId, studentId: studentId, sessionId: sessionId, payload: payload)
    }

    var draftKey: DraftKey? {
        switch self {
        case .saveDraft(let authorId, let studentId, let sessionId, _), .discardDraft(let authorId, let studentId, let sessionId):
            DraftKey(authorId: authorId, studentId: studentId, sessionId: sessionId)
        default: nil
        }
    }
}
