import Foundation
import GRDB

/// What went wrong beneath the data: the machine, the disk or another program, not a bad
/// value. SQLite's result codes for these read like nonsense to a counselor ("SQLite error
/// 13: not an error" for a full disk), so they are turned into these here, in one place,
/// for the command line and the screen alike.
public enum StorageTrouble: Equatable, Sendable {
    /// Another connection holds the write lock (an import, another window, `sqlite3`).
    case busy
    /// SQLITE_FULL: the disk (or the database's size limit) has no room.
    case full
    /// SQLITE_IOERR: the operating system refused a read or write (a file size limit,
    /// `ulimit -f`, gives EFBIG here; a failing disk too).
    case ioError
    /// SQLITE_READONLY: the file, its folder, or a leftover -wal/-shm is read-only for us.
    case readOnly
    /// SQLITE_CANTOPEN: the file or a companion cannot be opened or created.
    case cannotOpen

    /// The trouble behind a SQLite error, or nil when the error is about the data.
    public init?(_ error: DatabaseError) {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_FULL: self = .full
        case .SQLITE_IOERR: self = .ioError
        case .SQLITE_READONLY: self = .readOnly
        case .SQLITE_CANTOPEN: self = .cannotOpen
        default: return nil
        }
    }

    /// One sentence for `path`, ending with what was (not) changed.
    func sentence(path: String, unchanged: String = "Nothing was changed") -> String {
        switch self {
        case .busy:
            return "The database is busy: another Waypoint (an import, perhaps) or another program is writing to "
                + "\(path). \(unchanged); try again in a minute."
        case .full:
            return "The disk holding \(path) is full. \(unchanged); free some space and try again."
        case .ioError:
            return "Waypoint could not write to \(path): the disk may be full or failing, or a file size limit "
                + "(ulimit -f) was reached. \(unchanged); free some space or raise the limit and try again."
        case .readOnly:
            return "\(path) (or its -wal or -shm file beside it) is read-only for you. \(unchanged); "
                + "run `waypoint doctor --db \(shellQuoted(path))` to see which file and how to fix it."
        case .cannotOpen:
            return "Waypoint cannot open \(path) or create the files it needs beside it (\(path)-wal, -shm). "
                + "\(unchanged); check that its folder exists and is writable."
        }
    }
}

extension StoreError {
    /// `error` in words when it is trouble with the storage; the error itself otherwise.
    /// The one mapping of SQLite's storage failures: the store's reads and writes, opening,
    /// and whatever reaches the command line's or the screen's last resort all come here.
    public static func translated(_ error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError, let trouble = StorageTrouble(error) else { return error }
        return StoreError.storage(trouble, path: path)
    }
}

/// How long a write waits while another connection holds the write lock. Long writers
/// (imports, the demo) hold it for about a second at a time at most, so waiting a few
/// seconds is enough; waiting for ever would hang a command behind a forgotten `sqlite3`.
public struct BusyPatience: Sendable {
    /// How long one try waits for the lock.
    public var perTry: TimeInterval
    /// How often a waiting try looks whether the lock is free.
    static let look: TimeInterval = 0.002
    /// Tries go on until this much time has passed since the first (0: one try).
    public var overall: TimeInterval
    /// Called before each new try (tests use it to let the lock go at a known moment).
    public var beforeRetry: (@Sendable () -> Void)?

    public init(perTry: TimeInterval, overall: TimeInterval, beforeRetry: (@Sendable () -> Void)? = nil) {
        self.perTry = perTry
        self.overall = overall
        self.beforeRetry = beforeRetry
    }

    /// A command: each try waits 2 s, and tries go on for 20 s (`WAYPOINT_BUSY_WAIT` seconds
    /// when set), then it fails with a sentence.
    public static var command: BusyPatience {
        let overall = ProcessInfo.processInfo.environment["WAYPOINT_BUSY_WAIT"].flatMap(TimeInterval.init) ?? 20
        return BusyPatience(perTry: min(2, max(0, overall)), overall: max(0, overall))
    }

    /// The screen: one try of about a second, then the screen keeps the work and tries
    /// again later itself (a frozen screen would be worse than a note saved a moment later).
    public static let screen = BusyPatience(perTry: 1, overall: 0)

    /// Runs `body` (each run all or nothing) until it is not refused as busy or `overall`
    /// has passed; then, and for any other storage failure, throws the sentence for `path`.
    func retryingWhileBusy<T>(path: String, _ body: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(overall)
        while true {
            do {
                return try body()
            } catch let error where Date() < deadline && BusyPatience.isBusy(error) {
                // SQLite can answer BUSY without waiting (a snapshot gone stale, a WAL being
                // recovered): a short pause keeps this from spinning.
                beforeRetry?()
                Thread.sleep(forTimeInterval: 0.05)
            } catch {
                throw StoreError.translated(error, path: path)
            }
        }
    }

    private static func isBusy(_ error: any Error) -> Bool {
        if case .storage(.busy, _)? = error as? StoreError { return true }
        return (error as? DatabaseError).flatMap(StorageTrouble.init) == .busy
    }
}
