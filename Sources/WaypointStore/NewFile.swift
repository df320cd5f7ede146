import Foundation

/// A new file that appears under its name complete or not at all.
///
/// It is written under a temporary name in the same folder, `NAME.waypoint-partial-XXXXXXXX`,
/// made durable (file and folder synced), and only then given its name, never replacing a
/// file. A copy cut short by a kill, a full disk or a size limit therefore never sits under
/// the name of a finished backup, and its own name says what it is. While writing, the
/// writer holds an flock on the temporary file: the lock dies with the process, so a later
/// run tells a stopped writer's leftover (removed) from one still being written (left alone).
public enum NewFile {
    static let partialMarker = ".waypoint-partial-"
    /// The files SQLite may keep beside a database it writes.
    static let companions = ["-journal", "-wal", "-shm"]

    /// Whether `path` is named like the temporary file of an unfinished write.
    public static func isPartial(_ path: String) -> Bool {
        URL(fileURLWithPath: path).lastPathComponent.contains(partialMarker)
    }

    /// Creates `path` (0600) through a temporary name: `write` fills the temporary file
    /// (given its path and an open handle), the file is synced, `beforePublishing` runs (to
    /// record an audit row: the trail never misses a copy that exists), and the file takes
    /// its name. On any failure, nothing is left under either name. `stage` names the
    /// ``TestHook`` points.
    public static func create(_ path: String, stage: String, write: (String, FileHandle) throws -> Void,
                       beforePublishing: () throws -> Void = {}) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        removeStale(in: folder, prefix: url.lastPathComponent + partialMarker)
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.backupExists(path: path) }
        let temporary = path + partialMarker + randomSuffix()
        guard let handle = createExclusive(temporary) else { throw StoreError.cannotWriteBackup(path: path, reason: lastError()) }
        defer { try? handle.close() }
        let fd = handle.fileDescriptor
        flock(fd, LOCK_EX)
        do {
            TestHook.reached("\(stage)-started")
            try write(temporary, handle)
            guard fsync(fd) == 0 else { throw StoreError.cannotWriteBackup(path: path, reason: lastError()) }
            TestHook.reached("\(stage)-written")
            try beforePublishing()
            TestHook.reached("\(stage)-recorded")
            try giveName(temporary, path)
        } catch {
            removeWithCompanions(temporary)
            throw error
        }
        syncFolder(folder)
        TestHook.reached("\(stage)-named")
    }

    /// A new file, 0600 whatever the umask, never one that already exists (not even one
    /// that appeared a moment ago); nil with `errno` set when it cannot be created.
    static func createExclusive(_ path: String) -> FileHandle? {
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        return fd >= 0 ? FileHandle(fileDescriptor: fd, closeOnDealloc: true) : nil
    }

    /// Renames without ever replacing: a hard link fails if `path` appeared meanwhile.
    /// Filesystems without hard links (FAT on a USB stick) get a check, then a rename.
    private static func giveName(_ temporary: String, _ path: String) throws {
        if link(temporary, path) == 0 {
            unlink(temporary)
            return
        }
        let failure = errno
        guard failure != EEXIST, !FileManager.default.fileExists(atPath: path) else {
            throw StoreError.backupExists(path: path)
        }
        guard [EPERM, ENOTSUP, EOPNOTSUPP, EMLINK].contains(failure), rename(temporary, path) == 0 else {
            throw StoreError.cannotWriteBackup(path: path, reason: String(cString: strerror(failure)))
        }
    }

    /// Leftovers of stopped writes in `folder` whose names start with `prefix` and carry the
    /// partial marker: owned by this user, and no live writer holds their lock.
    static func stale(in folder: String, prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.contains(partialMarker) }.sorted().compactMap { name in
            let path = (folder as NSString).appendingPathComponent(name)
            guard let main = companions.first(where: { name.hasSuffix($0) }).map({ String(path.dropLast($0.count)) }) else {
                return isAbandoned(path) ? path : nil
            }
            // A companion goes with its file, or alone once that file is gone.
            return !FileManager.default.fileExists(atPath: main) && isOwnedRegularFile(path) ? path : nil
        }
    }

    /// Removes what ``stale(in:prefix:)`` finds, with their companions; returns what it removed.
    @discardableResult
    static func removeStale(in folder: String, prefix: String) -> [String] {
        let found = stale(in: folder, prefix: prefix)
        found.forEach(removeWithCompanions)
        return found
    }

    private static func isAbandoned(_ path: String) -> Bool {
        guard isOwnedRegularFile(path) else { return false }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_EX | LOCK_NB) == 0
    }

    static func isOwnedRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_uid == getuid()
    }

    /// A folder (not a link to one) owned by this user.
    static func isOwnedFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR && info.st_uid == getuid()
    }

    static func removeWithCompanions(_ path: String) {
        for file in [path] + companions.map({ path + $0 }) { unlink(file) }
    }

    /// Makes the new name durable: without it, a power cut can lose the rename.
    static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    static func randomSuffix() -> String {
        String(UInt32.random(in: .min ... .max), radix: 16).leftPadded(to: 8)
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}

private extension String {
    func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
