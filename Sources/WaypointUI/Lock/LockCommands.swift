extension Command {
    public enum Lock: Hashable, Sendable {
        case lockNow, unlock, nextLockCounselor
    }
}

extension AppState {
    mutating func performLock(_ command: Command.Lock) -> [Effect] {
        switch command {
        case .lockNow: return lockScreen(.manual)
        case .unlock: return unlock()
        case .nextLockCounselor: return nextLockCounselor()
        }
    }
}
