import Foundation

/// Owner-only permissions for the database, its folder and its WAL companions, because the
/// database holds education records (FERPA) on machines other people may log in to.
enum PrivateFiles {
    static func createFolder(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError.cannotCreateFolder(path: path, reason: "a file with that name exists")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.cannotCreateFolder(path: path, reason: error.localizedDescription)
        }
    }

    /// Creates an empty file at 0600 before SQLite does, so it is never readable by others,
    /// not even for the moment between creation and `chmod`. SQLite creates the -wal and
    /// -shm files with the same permissions as the database file.
    static func createFile(_ path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        guard FileManager.default.createFile(atPath: path, contents: nil,
                                             attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.cannotCreateFile(path: path)
        }
    }

    /// Makes a file Waypoint has just written (a backup) and whichever companions SQLite
    /// left beside it owner-only. Never used on a database the user already had: that is
    /// refused instead (see ``DatabasePermissions``).
    static func restrict(_ path: String) throws {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }
}
