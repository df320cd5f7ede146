import Foundation
import WaypointCore
import WaypointStore
import WaypointUI
import WaypointEffects

/// Refuses at once, before a passphrase is even asked for, while wrong tries impose a wait.
func refuseWhileWaiting(for counselor: Counselor, in db: AppDatabase, then outcome: String) throws {
    guard let id = counselor.id else { return }
    let wait = try db.passphraseWait(for: id)
    if wait > 0 { throw CLIError(PassphraseDelay.message(name: counselor.displayName, remaining: wait) + "; \(outcome)") }
}

/// A counselor's passphrase typed on the command line, tried under the store's rule: a
/// wrong one is counted and audited, and earns a growing wait. Returns only when it is right
/// (or the counselor has none); `wrong` says it was wrong ("the current passphrase is
/// wrong"), `outcome` ends the refusal ("nothing was changed").
func checkCounselorPassphrase(_ typed: String, of counselor: Counselor, in db: AppDatabase, wrong: String,
                              outcome: String) throws {
    guard let id = counselor.id else { return }
    let result = try db.tryPassphrase(of: id, at: "on the command line") { stored in try passphraseMatches(typed, stored: stored) }
    switch result {
    case .correct, .noneSet:
        return
    case .mustWait(let wait):
        throw CLIError(PassphraseDelay.message(name: counselor.displayName, remaining: wait) + "; \(outcome)")
    case .wrong(_, let wait):
        throw CLIError("\(wrong); \(outcome)"
            + (wait > 0 ? "; after several wrong tries the next one waits \(PassphraseDelay.spoken(wait))" : ""))
    }
}
