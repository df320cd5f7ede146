import Foundation

/// A private folder (0700) in the system's temporary folder for the plain copies that
/// encrypted backups and restores need: `waypoint-private-<pid>-<random>`, owned by the
/// user, removed when the work is done or fails.
///
/// A kill leaves it behind, with student records in clear, so its owner holds an flock on
/// `.lock` inside it while it works: the lock dies with the process, and a folder whose
/// lock can be taken (or that has no lock and whose process is gone) is stale. Only such
/// folders, owned by this user and named so, are ever swept: nothing else is touched.
public enum PrivateWorkFolder {
    static let prefix = "waypoint-private-"
    static let lockName = ".lock"

    /// Runs `body` with a fresh private folder, removed afterwards.
    public static func with<T>(in parent: URL = FileManager.default.temporaryDirectory, _ body: (URL) throws -> T) throws -> T {
        let folder = parent.appendingPathComponent("\(prefix)\(getpid())-\(NewFile.randomSuffix())")
        guard mkdir(folder.path, 0o700) == 0 else {
            throw StoreError.cannotCreateFolder(path: folder.path, reason: NewFile.lastError())
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let lock = open(folder.appendingPathComponent(lockName).path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw StoreError.cannotCreateFile(path: folder.appendingPathComponent(lockName).path) }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        return try body(folder)
    }

    /// The stale folders in `parent`, oldest name first.
    public static func stale(in parent: URL = FileManager.default.temporaryDirectory, now: Date = Date()) -> [String] {
        // Every command that opens the database sweeps, and a shared temporary folder may
        // hold hundreds of other programs' files: only names that could be ours are looked
        // at further (a URL for each of 700 names was a fifth of a `student show`; issue 17).
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []).filter { $0.hasPrefix("waypoint-") }
        return names.sorted().map { parent.appendingPathComponent($0).path }.filter { path in
            let name = URL(fileURLWithPath: path).lastPathComponent
            return name.hasPrefix(prefix) ? isStale(path) : isEarlierLeftover(path, name: name, now: now)
        }
    }

    /// Removes the stale folders in `parent`; returns what it removed.
    @discardableResult
    public static func sweep(in parent: URL = FileManager.default.temporaryDirectory, now: Date = Date()) -> [String] {
        stale(in: parent, now: now).filter { (try? FileManager.default.removeItem(atPath: $0)) != nil }
    }

    private static func isStale(_ folder: String) -> Bool {
        guard isOwnFolder(folder) else { return false }
        let lock = open((folder as NSString).appendingPathComponent(lockName), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard lock >= 0 else { return !ownerIsAlive(folder) }
        defer { close(lock) }
        return flock(lock, LOCK_EX | LOCK_NB) == 0
    }

    /// Not a symbolic link, not someone else's: those are never ours to remove.
    private static func isOwnFolder(_ folder: String) -> Bool { NewFile.isOwnedFolder(folder) }

    /// Before this naming, a killed encrypted backup or restore left `waypoint-<UUID>`
    /// holding only `backup.sqlite` or `restore.sqlite`. With no lock to ask, such a folder
    /// untouched for an hour is taken as stale (no backup runs that long).
    private static func isEarlierLeftover(_ folder: String, name: String, now: Date) -> Bool {
        guard name.hasPrefix("waypoint-"), UUID(uuidString: String(name.dropFirst("waypoint-".count))) != nil,
              isOwnFolder(folder),
              let modified = (try? FileManager.default.attributesOfItem(atPath: folder))?[.modificationDate] as? Date,
              now.timeIntervalSince(modified) > 3600,
              let content = try? FileManager.default.contentsOfDirectory(atPath: folder), !content.isEmpty else { return false }
        let copies = ["backup.sqlite", "restore.sqlite"].flatMap { [$0] + NewFile.companions.map($0.appending) }
        return Set(content).isSubset(of: copies)
    }

    /// For a folder without its lock (killed between creating the folder and the lock, or
    /// caught in that moment): the process id in its name.
    private static func ownerIsAlive(_ folder: String) -> Bool {
        let name = URL(fileURLWithPath: folder).lastPathComponent.dropFirst(prefix.count)
        guard let pid = name.split(separator: "-").first.flatMap({ pid_t($0) }), pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}

/// Plain copies a stopped backup or restore left behind: private folders in the temporary
/// folder, and unfinished copies beside the database (its "before-restore" copy). Swept
/// whenever a command opens the database; reported by `waypoint doctor`.
public enum LeftoverCopies {
    public static func find(databasePath: String) -> [String] {
        PrivateWorkFolder.stale() + NewFile.stale(in: folder(of: databasePath), prefix: name(of: databasePath) + ".")
    }

    @discardableResult
    public static func remove(databasePath: String) -> [String] {
        PrivateWorkFolder.sweep() + NewFile.removeStale(in: folder(of: databasePath), prefix: name(of: databasePath) + ".")
    }

    private static func folder(of path: String) -> String { URL(fileURLWithPath: path).deletingLastPathComponent().path }
    private static func name(of path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
}
