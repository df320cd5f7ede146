import Foundation
import TerminalKit
import WaypointCore

/// The lock screen and who is at the keyboard: locking on idle or on request, unlocking
/// with a passphrase, taking over as another counselor, and confirming a new identity.
extension AppState {
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

    /// A counselor is chosen who is not yet known to be at the keyboard (a start, or a new
    /// database): if they protect their work with a passphrase, it is asked for before any
    /// student is shown; if they have none, only the store's rule lets them in (the only
    /// counselor, the one chosen first on this database, or nobody chosen yet), never a
    /// name picked with Tab or written into config.json.
    mutating func claimIdentity(_ counselorId: Int64) -> [Effect] {
        var claim = LockState(reason: .confirmIdentity, counselorId: counselorId)
        claim.isChecking = true
        lock = claim
        return [.probePassphrase(counselorId: counselorId)]
    }

    mutating func passphraseProbed(counselorId: Int64, isSet: Bool, mayChoose: Bool) -> [Effect] {
        guard var current = lock, current.counselorId == counselorId else { return [] }
        current.hasPassphrase = isSet
        current.mayChoose = mayChoose
        if current.reason == .confirmIdentity, current.isChecking {
            current.isChecking = false
            // Nothing to confirm with: only a first choice is taken at its word.
            if !isSet, !mayChoose { current.error = cannotTell(counselorId) }
            lock = current
            return !isSet && mayChoose ? openLock(as: counselorId) : []
        }
        lock = current
        return []
    }

    mutating func unlock() -> [Effect] {
        guard var current = lock, !current.isChecking else { return [] }
        let typed = current.passphrase.text
        current.passphrase = TextInput()
        current.isChecking = true
        current.error = nil
        lock = current
        // Even while a wait is running the store is asked: it refuses unseen, and it alone
        // knows the wait (kept in the database for every process alike).
        return [.checkPassphrase(counselorId: current.counselorId, passphrase: typed)]
    }

    mutating func passphraseChecked(counselorId: Int64, result: PassphraseCheck) -> [Effect] {
        guard var current = lock, current.counselorId == counselorId else { return [] }
        current.isChecking = false
        let name = counselorName(counselorId)
        switch result {
        case .correct:
            return openLock(as: counselorId)
        case .noneSet where current.reason != .confirmIdentity && counselorId == userId:
            // The counselor already at the keyboard in this run, who has no passphrase.
            return openLock(as: counselorId)
        case .noneSet(let mayChoose) where current.reason == .confirmIdentity && mayChoose:
            return openLock(as: counselorId)
        case .noneSet:
            current.error = cannotTell(counselorId)
        case .wrong(let wait):
            current.error = wait > 0 ? "Wrong passphrase. " + PassphraseDelay.message(name: name, remaining: wait) + "."
                : "Wrong passphrase."
        case .mustWait(let wait):
            current.error = PassphraseDelay.message(name: name, remaining: wait) + "."
        }
        lock = current
        return []
    }

    /// Why a counselor without a passphrase is not let in, and what they can do.
    private func cannotTell(_ counselorId: Int64) -> String {
        "\(counselorName(counselorId)) has no passphrase yet. A district admin gives a first one: "
            + "`waypoint passphrase set --as \(counselorId) --admin ID`."
    }

    /// Tab on the lock screen: another counselor unlocks as themselves.
    mutating func nextLockCounselor() -> [Effect] {
        guard var current = lock, !current.isChecking, counselors.count > 1 else { return [] }
        let ids = counselors.compactMap(\.id)
        let index = ids.firstIndex(of: current.counselorId) ?? -1
        current.counselorId = ids[(index + 1) % ids.count]
        current.passphrase = TextInput()
        current.error = nil
        current.hasPassphrase = nil
        current.mayChoose = nil
        // Wrong tries and the wait they earned are the store's, per counselor: Tab resets nothing.
        lock = current
        // Asked only so the screen says what Enter would do; choosing still goes through unlock.
        return [.probePassphrase(counselorId: current.counselorId)]
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
        // The same counselor confirmed at a start: nothing changes hands, but the database
        // still learns who was chosen on it, if it had not yet (one written before v10).
        if counselorId == userId { return reason == .confirmIdentity ? [.rememberUser(counselorId: counselorId)] : [] }
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
        effects += [.rememberUser(counselorId: counselorId), .loadDrafts(authorId: counselorId)]
        // A first choice keeps what the footer already says (an import's summary, say).
        if previous != nil || status == nil { status = StatusMessage("Working as \(counselorName(counselorId)).") }
        return effects
    }

    private mutating func showCaseload(of id: Int64) {
        self.caseloadOwnerId = id
        caseload.search = TextInput()
        caseload.isSearching = false
    }

    func counselorName(_ id: Int64) -> String {
        counselors.first { $0.id == id }?.displayName ?? "Counselor \(id)"
    }
}
