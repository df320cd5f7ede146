import Foundation

/// How long a counselor's passphrase cannot be tried after wrong ones in a row: the one
/// schedule for the command line and the lock screen (the store keeps the count).
///
/// A few typos cost nothing; after that each wrong try doubles the wait, up to a cap, so a
/// guesser gets a handful of tries an hour while the counselor who mistyped waits seconds.
/// 100 wrong tries in a row impose nearly 8 hours of waiting in all (see the tests).
public enum PassphraseDelay {
    /// Wrong tries in a row that cost no wait.
    public static let freeTries = 4
    /// The wait after the first try beyond the free ones; each later one doubles it.
    public static let firstWait: TimeInterval = 30
    public static let longestWait: TimeInterval = 5 * 60

    /// The wait imposed after `failures` wrong tries in a row (0 while they are free).
    public static func wait(afterFailures failures: Int) -> TimeInterval {
        guard failures > freeTries else { return 0 }
        // Capped before doubling far, so a long run of failures cannot overflow.
        let doublings = min(failures - freeTries - 1, 16)
        return min(firstWait * pow(2, Double(doublings)), longestWait)
    }

    /// When the next try may be made, after `failures` wrong tries, the last at `lastFailure`.
    public static func nextTry(afterFailures failures: Int, lastFailure: Date) -> Date {
        lastFailure.addingTimeInterval(wait(afterFailures: failures))
    }

    /// "Too many wrong passphrases for Ana Rivera: try again in 2 min".
    public static func message(name: String, remaining: TimeInterval) -> String {
        "Too many wrong passphrases for \(name): try again in \(spoken(remaining))"
    }

    /// Whole seconds under a minute, else whole minutes, rounded up (never "0 s").
    public static func spoken(_ seconds: TimeInterval) -> String {
        let whole = max(1, Int(seconds.rounded(.up)))
        return whole < 60 ? "\(whole) s" : "\((whole + 59) / 60) min"
    }
}
