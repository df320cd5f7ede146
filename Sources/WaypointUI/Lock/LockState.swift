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
    /// Wrong passphrases in a row; each one makes the next check wait longer.
    public var failures = 0
    /// A check is running (the key derivation is slow on purpose).
    public var isChecking = false
    /// Whether the counselor has a passphrase at all; nil until the store has answered.
    public var hasPassphrase: Bool?
    /// After several wrong passphrases, no check before this time.
    public var retryAt: Date?

    public init(reason: Reason, counselorId: Int64) {
        self.reason = reason
        self.counselorId = counselorId
    }
}

/// What the store says about a typed passphrase.
public enum PassphraseCheck: Equatable, Sendable {
    case correct
    case wrong
    /// The counselor has not set a passphrase (`waypoint passphrase set`).
    case noneSet
}

/// How the lock screen asks the store about passphrases, without knowing the key
/// derivation (the executable supplies it).
public struct PassphraseVerifier: Sendable {
    public var isSet: @Sendable (Int64) throws -> Bool
    public var check: @Sendable (Int64, String) throws -> Bool

    public init(isSet: @escaping @Sendable (Int64) throws -> Bool, check: @escaping @Sendable (Int64, String) throws -> Bool) {
        self.isSet = isSet
        self.check = check
    }
}
