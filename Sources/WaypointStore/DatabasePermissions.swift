import Foundation

/// Who else can reach the database: its folder, the file and its WAL companions.
///
/// The database holds education records (FERPA), often on machines other people log in to.
/// Waypoint creates everything owner-only and refuses to open a database file that group or
/// others can read or write, rather than quietly changing modes behind the owner's back;
/// `waypoint doctor --fix` tightens them when the owner asks.
public enum DatabasePermissions {
    /// One file or folder and its permission bits.
    public struct Entry: Sendable, Equatable {
        public enum Role: String, Sendable { case folder, database, wal, shm }
        public var path: String
        public var role: Role
        /// The permission bits (st_mode & 0o7777).
        public var mode: Int
        /// The user who owns it.
        public var ownerId: UInt32

        /// Nobody but the owner can read, write or enter it.
        public var isPrivate: Bool { mode & 0o077 == 0 }
        /// The mode Waypoint creates it with.
        public var expectedMode: Int { role == .folder ? 0o700 : 0o600 }
        /// The owner's own bits, with group's and others' removed.
        public var tightenedMode: Int { mode & 0o7700 }

        /// "read", "changed" or "read and changed" (for a folder: "listed", "entered"…).
        public var exposure: String {
            let read = mode & 0o044 != 0, write = mode & 0o022 != 0, enter = mode & 0o011 != 0
            if role == .folder {
                return [read ? "listed" : nil, write ? "changed" : nil, enter && !read ? "entered" : nil]
                    .compactMap { $0 }.joined(separator: " and ")
            }
            return [read ? "read" : nil, write ? "changed" : nil, !read && !write ? "executed" : nil]
                .compactMap { $0 }.joined(separator: " and ")
        }

        public var octalMode: String { DatabasePermissions.octal(mode) }
    }

    /// The folder, the database and whichever companions exist, in that order.
    public static func entries(databasePath: String) -> [Entry] {
        let folder = URL(fileURLWithPath: databasePath).deletingLastPathComponent().path
        let candidates: [(String, Entry.Role)] = [(folder, .folder), (databasePath, .database),
                                                   (databasePath + "-wal", .wal), (databasePath + "-shm", .shm)]
        return candidates.compactMap { path, role in
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return Entry(path: path, role: role, mode: Int(info.st_mode) & 0o7777, ownerId: info.st_uid)
        }
    }

    /// Throws ``StoreError/sharedDatabaseFile(path:mode:exposure:databasePath:)`` for the
    /// first of the database, -wal and -shm that group or others can read or write.
    static func refuseShared(databasePath: String) throws {
        if let shared = entries(databasePath: databasePath).first(where: { $0.role != .folder && !$0.isPrivate }) {
            throw StoreError.sharedDatabaseFile(path: shared.path, mode: shared.octalMode, exposure: shared.exposure,
                                                databasePath: databasePath)
        }
    }

    /// Makes the database, -wal and -shm owner-only; returns what was changed (mode before).
    public static func tightenFiles(databasePath: String) throws -> [Entry] {
        try entries(databasePath: databasePath).filter { $0.role != .folder && !$0.isPrivate }.map { entry in
            try chmod(entry)
            return entry
        }
    }

    /// Why the folder is left as it is by ``tightenFolder(databasePath:)``, or nil when it
    /// is Waypoint's to tighten: owned by you, not a shared folder such as /tmp (sticky),
    /// and holding nothing but this database's files (so it is not your home or Documents).
    public static func folderIsLeftAlone(databasePath: String) -> String? {
        guard let folder = entries(databasePath: databasePath).first(where: { $0.role == .folder }) else {
            return "it does not exist"
        }
        guard folder.ownerId == getuid() else { return "it belongs to another user" }
        guard folder.mode & Int(S_ISVTX) == 0 else { return "it is a shared folder (sticky, like /tmp)" }
        let name = URL(fileURLWithPath: databasePath).lastPathComponent
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if let other = contents.first(where: { !$0.hasPrefix(name) }) {
            return "it holds other files too (such as \(other))"
        }
        return nil
    }

    /// Makes the folder owner-only when ``folderIsLeftAlone(databasePath:)`` allows; returns
    /// the folder as it was, or nil when nothing was changed.
    public static func tightenFolder(databasePath: String) throws -> Entry? {
        guard folderIsLeftAlone(databasePath: databasePath) == nil,
              let folder = entries(databasePath: databasePath).first(where: { $0.role == .folder }),
              !folder.isPrivate else { return nil }
        try chmod(folder)
        return folder
    }

    private static func chmod(_ entry: Entry) throws {
        do {
            try FileManager.default.setAttributes([.posixPermissions: entry.tightenedMode], ofItemAtPath: entry.path)
        } catch {
            throw StoreError.cannotChangePermissions(path: entry.path, reason: error.localizedDescription)
        }
    }

    /// The database, -wal or -shm that Waypoint cannot write, so that every save fails while
    /// the file still reads fine: a leftover of `sudo waypoint` (another user's) or a
    /// companion made read-only. SQLite gives no hint which file it is.
    public static func readOnlyFiles(databasePath: String) -> [Entry] {
        entries(databasePath: databasePath).filter { entry in
            entry.role != .folder && (entry.ownerId != getuid() || entry.mode & 0o200 == 0)
        }
    }

    /// Gives the owner back write permission on your own read-only database files (0600);
    /// another user's files are left alone (only they, or root, can fix them). Returns the
    /// files changed, with their mode before.
    public static func makeWritable(databasePath: String) throws -> [Entry] {
        try readOnlyFiles(databasePath: databasePath).filter { $0.ownerId == getuid() }.map { entry in
            do {
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: entry.path)
            } catch {
                throw StoreError.cannotChangePermissions(path: entry.path, reason: error.localizedDescription)
            }
            return entry
        }
    }

    /// `mode` as four octal digits, as chmod takes it: 0600.
    public static func octal(_ mode: Int) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
