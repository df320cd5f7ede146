import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Copies the whole database to `path` (a new file, 0600) with SQLite's online backup:
    /// consistent even while another Waypoint writes. The copy appears under `path` complete
    /// or not at all (see ``NewFile``); `beforePublishing` runs once it is complete and
    /// before it takes its name (to record it: the trail never misses a copy that exists).
    public func backup(to path: String, beforePublishing: () throws -> Void = {}) throws {
        try writeCopy(to: path, stage: "backup", beforePublishing: beforePublishing)
    }

    private func writeCopy(to path: String, stage: String, beforePublishing: () throws -> Void = {}) throws {
        try NewFile.create(path, stage: stage, write: { temporary, _ in
            var configuration = Configuration()
            // A copy cut short is removed whole, so it needs no journal of its own.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_mode = OFF") }
            let target = try DatabaseQueue(path: temporary, configuration: configuration)
            // One step: the read lock is held throughout, so writes elsewhere never restart it.
            try writer.backup(to: target)
            // The copy's header says WAL, like the live database's; in rollback mode it can be
            // opened read-only (on read-only media) without SQLite writing beside it.
            try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try target.close()
        }, beforePublishing: beforePublishing)
    }

    /// Replaces this database's content with the backup at `path`, after checking it is a
    /// complete, sound Waypoint backup; the current content is first saved to `previousPath`.
    ///
    /// The backup is only read: it is copied into a private temporary folder first, so
    /// nothing is written beside it (it may be on read-only media).
    ///
    /// The audit trail is part of the content, so it becomes the backup's; the trail written
    /// since is in `previousPath`, and the restore itself is the first row after the backup's,
    /// credited to the operating-system user (the restored database may not know the counselor).
    /// The row names the backup as `recordedAs` (default: `path`).
    public func restore(from path: String, keepingPreviousAt previousPath: String, recordedAs backupName: String? = nil) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.databaseMissing(path: path) }
        try restore(named: path, keepingPreviousAt: previousPath, recordedAs: backupName ?? path) { staged in
            try BackupCheck.copy(path, to: staged)
        }
    }

    /// Like ``restore(from:keepingPreviousAt:recordedAs:)``, from a backup's decrypted
    /// content; messages name the backup as `name`.
    public func restore(decrypted content: Data, named name: String, keepingPreviousAt previousPath: String,
                        recordedAs backupName: String) throws {
        try restore(named: name, keepingPreviousAt: previousPath, recordedAs: backupName) { staged in
            guard let output = NewFile.createExclusive(staged) else { throw StoreError.cannotCreateFile(path: staged) }
            try output.write(contentsOf: content)
        }
    }

    /// The restore proper. The backup's copy is checked, brought up to date and given its
    /// "restored" row in the private folder; the current content is saved, completely, to
    /// `previousPath`; then the copy replaces the content in ONE write transaction. A kill
    /// at any point leaves the old content untouched, or the restored one with its row.
    private func restore(named name: String, keepingPreviousAt previousPath: String, recordedAs backupName: String,
                         stage: (String) throws -> Void) throws {
        try PrivateWorkFolder.with { folder in
            let staged = folder.appendingPathComponent("restore.sqlite").path
            try stage(staged)
            let copy = try BackupCheck.open(staged, named: name, actor: actor)
            defer { try? copy.writer.close() }
            try copy.recordAudit(AuditEntry(.restored, counselorId: nil, subject: backupName,
                                            detail: "previous content kept in \(previousPath)"))
            TestHook.reached("restore-staged")
            try writeCopy(to: previousPath, stage: "before-restore")
            // Several steps, one transaction: SQLite commits the destination only at the last.
            try copy.writer.backup(to: writer, pagesPerStep: 64) { progress in
                if !progress.isCompleted { TestHook.reached("restore-replacing") }
            }
            TestHook.reached("restore-replaced")
        }
    }
}

/// What makes a file a complete Waypoint backup, checked on a private copy of it.
enum BackupCheck {
    static let sqliteHeader = Data("SQLite format 3\u{0}".utf8)

    /// Copies `path` byte for byte into a new 0600 file: the backup itself is only read.
    static func copy(_ path: String, to staged: String) throws {
        guard let input = FileHandle(forReadingAtPath: path) else {
            throw StoreError.incompleteBackup(path: path, reason: "it cannot be read (\(NewFile.lastError()))")
        }
        defer { try? input.close() }
        guard let output = NewFile.createExclusive(staged) else { throw StoreError.cannotCreateFile(path: staged) }
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            try output.write(contentsOf: chunk)
        }
    }

    /// Opens the private copy `staged` of the backup `name` and brings it up to date, or
    /// says plainly why it is not a complete Waypoint backup.
    static func open(_ staged: String, named name: String, actor: AuditActor) throws -> AppDatabase {
        try checkLength(staged, named: name)
        do {
            let queue = try DatabaseQueue(path: staged)
            try queue.read { db in try check(db, named: name) }
            // A backup from an older version is brought up to date like any database on open.
            return try AppDatabase(queue, actor: actor)
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw StoreError.incompleteBackup(path: name, reason: "it is damaged (\(error.message ?? "unreadable"))")
        }
    }

    /// A file cut short (a stopped copy, a full stick) is named as such before SQLite reads it.
    private static func checkLength(_ staged: String, named name: String) throws {
        let handle = FileHandle(forReadingAtPath: staged)
        let data = (try? handle?.read(upToCount: 100)).flatMap { $0 } ?? Data()
        try? handle?.close()
        guard !data.isEmpty else { throw StoreError.incompleteBackup(path: name, reason: "it is empty") }
        guard data.starts(with: sqliteHeader), data.count == 100 else {
            throw StoreError.incompleteBackup(path: name, reason: "it is not a Waypoint database file")
        }
        let bytes = [UInt8](data)
        func number(_ at: Int, _ count: Int) -> Int { bytes[at..<(at + count)].reduce(0) { $0 << 8 | Int($1) } }
        let pageSize = number(16, 2) == 1 ? 65536 : number(16, 2)
        // The page count at offset 28 is valid when the change counter matches offset 92.
        guard number(24, 4) == number(92, 4) else { return }
        let expected = pageSize * number(28, 4)
        let size = (try? FileManager.default.attributesOfItem(atPath: staged)[.size] as? NSNumber)?.intValue ?? 0
        guard size >= expected else {
            throw StoreError.incompleteBackup(path: name, reason: "it is cut short (\(size) of \(expected) bytes)")
        }
    }

    private static func check(_ db: Database, named name: String) throws {
        let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        guard check == ["ok"] else {
            throw StoreError.incompleteBackup(path: name, reason: "it is damaged (its integrity check failed: \(check.prefix(3).joined(separator: "; ")))")
        }
        guard try db.tableExists("grdb_migrations"), try db.tableExists("student") else {
            throw StoreError.incompleteBackup(path: name, reason: "it is a SQLite database made by another program")
        }
        let applied = try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        guard applied.isSubset(of: Set(AppDatabase.migrator.migrations)) else {
            throw StoreError.notADatabaseFile(path: name, reason: "it was made by a newer Waypoint; update Waypoint first")
        }
    }
}
