import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Copies the whole database to `path` (a new file, 0600) with SQLite's online backup:
    /// consistent even while another Waypoint writes.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.backupExists(path: path) }
        try PrivateFiles.createFile(path)
        do {
            let target = try DatabaseQueue(path: path)
            try writer.backup(to: target)
            try target.close()
            try PrivateFiles.restrict(path)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// Replaces this database's content with a backup's, after checking the backup is a
    /// sound Waypoint database; the current content is first saved to `previousPath`.
    ///
    /// The audit trail is part of the content, so it becomes the backup's; the trail written
    /// since is in `previousPath`, and the restore itself is the first row after the backup's,
    /// credited to the operating-system user (the restored database may not know the counselor).
    /// The row names the backup as `recordedAs` (default: `path`): the file the user gave,
    /// not the temporary decrypted copy `path` may be.
    public func restore(from path: String, keepingPreviousAt previousPath: String, recordedAs backupName: String? = nil) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.databaseMissing(path: path) }
        var configuration = Configuration()
        configuration.readonly = true
        let source = try DatabaseFile.translating(path) { try DatabaseQueue(path: path, configuration: configuration) }
        defer { try? source.close() }
        try DatabaseFile.translating(path) {
            try source.read { db in
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard check == ["ok"] else {
                    throw StoreError.notADatabaseFile(path: path, reason: "its integrity check failed (\(check.prefix(3).joined(separator: "; ")))")
                }
                guard try db.tableExists("grdb_migrations"), try db.tableExists("student") else {
                    throw StoreError.notWaypointDatabase(path: path)
                }
                let applied = try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
                let known = Set(AppDatabase.migrator.migrations)
                guard applied.isSubset(of: known) else {
                    throw StoreError.notADatabaseFile(path: path, reason: "it was made by a newer Waypoint; update Waypoint first")
                }
            }
        }
        try backup(to: previousPath)
        try source.backup(to: writer)
        // A backup from an older version is brought up to date like any database on open.
        try AppDatabase.migrator.migrate(writer)
        try recordAudit(AuditEntry(.restored, counselorId: nil, subject: backupName ?? path, detail: "previous content kept in \(previousPath)"))
    }
}
