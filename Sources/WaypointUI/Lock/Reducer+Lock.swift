import Foundation
import TerminalKit

/// The lock screen and who is at the keyboard: locking on idle or on request, unlocking
/// with a passphrase, taking over as another counselor, and confirming a new identity.
extension AppState {
    /// Wrong passphrases allowed in a row before the screen makes the next try wait.
    static let lockFailuresBeforeDelay = 5
    static let lockRetryDelay: TimeInterval = 30

    /// Covers the screen. Whatever is being written is stored as a draft first, so it
    /// survives even if nobody comes back and the process is ended.
    mutating func lockScreen(_ reason: LockState.Reason) -> [Effect] {
        guard lock == nil, let user = userId else { return [] }
        let effects = draftEffects(force: true)
        lock = LockState(reason: reason, counselorId: user)
        return effects + [.probePassphrase(counselorId: user)]
    }

    /// Locks when the counselor has not pressed a key for the configured time.
    mutating func idleLockEffects() -> [Effect] {
        guard lock == nil, case .after(let limit) = idleLock else { return [] }
        guard let last = lastActivity else {
            lastActivity = now
            return []
        }
        return now.timeIntervalSince(last) >= limit ? lockScreen(.idle) : []
    }

    /// A counselor is chosen who is not yet known to be at the keyboard (first run, or a
    /// new database): if they protect their work with a passphrase, it is asked for before
    /// any student is shown.
    mutating func claimIdentity(_ counselorId: Int64) -> [Effect] {
        var claim = LockState(reason: .confirmIdentity, counselorId: counselorId)
        claim.isChecking = true
        lock = claim
        return [.probePassphrase(counselorId: counselorId)]
    }

    mutating func passphraseProbed(counselorId: Int64, isSet: Bool) -> [Effect] {
        guard var current = lock, current.counselorId == counselorId else { return [] }
        current.hasPassphrase = isSet
        if current.reason == .confirmIdentity, current.isChecking {
            current.isChecking = false
            lock = current
            // Nothing to confirm with: the first choice is taken at its word.
            return isSet ? [] : openLock(as: counselorId)
        }
        lock = current
        return []
    }

    mutating func unlock() -> [Effect] {
        guard var current = lock, !current.isChecking else { return [] }
        if let retryAt = current.retryAt, now < retryAt {
            current.error = "Too many wrong passphrases: try again in \(Int(retryAt.timeIntervalSince(now).rounded(.up))) s."
            lock = current
            return []
        }
        let typed = current.passphrase.text
        current.passphrase = TextInput()
        current.isChecking = true
        current.error = nil
        lock = current
        return [.checkPassphrase(counselorId: current.counselorId, passphrase: typed)]
    }

    mutating func passphraseChecked(counselorId: Int64, result: PassphraseCheck) -> [Effect] {
        guard var current = lock, current.counselorId == counselorId else { return [] }
        current.isChecking = false
        switch result {
        case .correct:
            return openLock(as: counselorId)
        case .noneSet where counselorId == userId || current.reason == .confirmIdentity:
            return openLock(as: counselorId)
        case .noneSet:
            let name = counselorName(counselorId)
            current.error = "\(name) has no passphrase yet, so Waypoint cannot tell it is them. "
                + "They set one with `waypoint passphrase set --as \(counselorId)`."
        case .wrong:
            current.failures += 1
            current.error = "Wrong passphrase."
            if current.failures >= AppState.lockFailuresBeforeDelay {
                current.retryAt = now.addingTimeInterval(AppState.lockRetryDelay)
                current.error = "Wrong passphrase \(current.failures) times: wait \(Int(AppState.lockRetryDelay)) s before trying again."
                lock = current
                return [.recordSecurityEvent(.unlockRefused, counselorId: counselorId,
                                             detail: "\(current.failures) wrong passphrases in a row")]
            }
        }
        lock = current
        return []
    }

    /// Tab on the lock screen: another counselor unlocks as themselves.
    mutating func nextLockCounselor() {
        guard var current = lock, !current.isChecking, counselors.count > 1 else { return }
        let ids = counselors.compactMap(\.id)
        let index = ids.firstIndex(of: current.counselorId) ?? -1
        current.counselorId = ids[(index + 1) % ids.count]
        current.passphrase = TextInput()
        current.error = nil
        current.hasPassphrase = nil
        // Wrong tries and the wait they earned stay: Tab must not be a way to reset them.
        lock = current
    }

    mutating func editLock(_ key: Key) {
        guard var current = lock, !current.isChecking else { return }
        if key == .escape {
            current.passphrase = TextInput()
        } else {
            current.passphrase.handle(key)
        }
        lock = current
    }

    private mutating func openLock(as counselorId: Int64) -> [Effect] {
        let reason = lock?.reason
        lock = nil
        userConfirmed = true
        // The idle time counts again from the next tick.
        lastActivity = nil
        if counselorId == userId { return [] }
        let previous = userId
        // Another counselor takes over: what the previous one had open is theirs, so it
        // is closed (its draft was stored when the screen locked).
        var effects = draftEffects(force: true)
        userId = counselorId
        if previous != nil || reason != .confirmIdentity {
            screens = [.caseload]
            overlay = nil
            helpReturn = nil
            profile = nil
            editor = nil
            plan = nil
            tasks = nil
            reports = nil
            showCaseload(of: counselorId)
            effects.append(reloadCaseload())
        }
        if let previous, previous != counselorId {
            effects.append(.recordSecurityEvent(.tookOver, counselorId: counselorId, detail: "from \(counselorName(previous))"))
        }
        effects += [.rememberUser(counselorId: counselorId), .loadDrafts(counselorId: counselorId)]
        // A first choice keeps what the footer already says (an import's summary, say).
        if previous != nil || status == nil { status = StatusMessage("Working as \(counselorName(counselorId)).") }
        return effects
    }

    private mutating func showCaseload(of id: Int64) {
        self.counselorId = id
        caseload.search = TextInput()
        caseload.isSearching = false
    }

    func counselorName(_ id: Int64) -> String {
        counselors.first { $0.id == id }?.displayName ?? "Counselor \(id)"
    }
}
