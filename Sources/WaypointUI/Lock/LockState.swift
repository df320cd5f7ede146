import Foundation
import TerminalKit
import WaypointCore

/// The lock screen: it covers everything, shows no student data, and opens again only
/// with the passphrase of the counselor named on it.
public struct LockState: Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        /// No key for the configured idle time.
        case idle
        /// The counselor locked the screen themselves (Ctrl-L).
        case manual
        /// Someone chose a counselor at start who protects their work with a passphrase.
        case confirmIdentity
    }

    public var reason: Reason
    /// Whose passphrase opens the screen; Tab changes it, so another counselor can take over.
    public var counselorId: Int64
    /// The passphrase as typed: never drawn, and cleared as soon as it has been checked.
    public var passphrase = TextInput()
    public var error: String?
    /// A check is running (the key derivation is slow on purpose).
    public var isChecking = false
    /// Whether the counselor has a passphrase at all; nil until the store has answered.
    public var hasPassphrase: Bool?
    /// Whether the store would take this counselor at their word without a passphrase;
    /// nil until it has answered. Wrong tries and their wait are kept in the database, not
    /// here, so neither a restart nor Tab resets them.
    public var mayChoose: Bool?

    public init(reason: Reason, counselorId: Int64) {
        self.reason = reason
        self.counselorId = counselorId
    }
}

/// What the store says about a typed passphrase.
public enum PassphraseCheck: Equatable, Sendable {
    case correct
    /// Wrong, and the wait it imposes before the next try (0 while tries are free).
    case wrong(wait: TimeInterval = 0)
    /// Refused without being checked: earlier wrong tries impose this much more waiting.
    case mustWait(TimeInterval)
    /// The counselor has not set a passphrase (`waypoint passphrase set`); `mayChoose`: the
    /// store would take them at their word all the same (see `passphraseProbed`).
    case noneSet(mayChoose: Bool = false)
}

/// How the lock screen compares a typed passphrase with a stored hash, without knowing the
/// key derivation (the executable supplies it). Counting, waiting and auditing are the
/// store's (`AppDatabase.tryPassphrase`), the same as on the command line.
public struct PassphraseVerifier: Sendable {
    public var matches: @Sendable (_ typed: String, _ stored: String) throws -> Bool

    public init(matches: @escaping @Sendable (_ typed: String, _ stored: String) throws -> Bool) {
        self.matches = matches
    }
}
