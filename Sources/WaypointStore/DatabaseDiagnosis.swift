import Foundation
import GRDB

/// What `waypoint doctor` finds inside a database file, read without changing it.
public struct DatabaseDiagnosis: Sendable {
    /// `PRAGMA integrity_check`: ["ok"] when sound, else SQLite's first findings (and then
    /// nothing else was asked: the other fields are empty).
    public var integrity: [String]
    /// `PRAGMA foreign_key_check`: one line per row whose reference leads nowhere.
    public var brokenReferences: [String]
    /// Migrations the file has that this Waypoint does not know: a newer Waypoint made it.
    public var newerMigrations: [String]
    /// Migrations this Waypoint knows that the file lacks: applied on the next open.
    public var pendingMigrations: [String]
    public var appliedCount: Int
    public var knownCount: Int
    /// Imports (or a demo load) that began and did not finish.
    public var unfinishedImports: [UnfinishedImport] = []
}

extension AppDatabase {
    /// The name to open `path` read-only under without creating anything beside it.
    ///
    /// Opening a WAL database, even read-only, creates its -wal and -shm with the file's own
    /// mode (SQLite copies it), so doctor on a 0644 database left 0644 companions behind.
    /// With neither companion there, every committed page is in the file itself, and the
    /// URI parameter `immutable=1` reads it without creating either. When they exist they
    /// are opened as they are (they may hold commits not yet copied into the file).
    static func readOnlyName(_ path: String) -> String {
        let fileManager = FileManager.default
        guard !fileManager.fileExists(atPath: path + "-wal"), !fileManager.fileExists(atPath: path + "-shm") else {
            return path
        }
        let absolute = URL(fileURLWithPath: path).path
        // A URI path escapes what would end or split it.
        let escaped = absolute.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3f")
            .replacingOccurrences(of: "#", with: "%23")
        return "file:\(escaped)?immutable=1"
    }

    /// Reads `path` read-only and reports on it, whatever its permissions (doctor must work
    /// on a database the normal open refuses). Throws ``StoreError`` when the file is
    /// missing, not SQLite, damaged beyond opening, or not Waypoint's.
    public static func diagnose(path: String) throws -> DatabaseDiagnosis {
        try DatabaseFile.refuseFolder(path)
        guard FileManager.default.fileExists(atPath: path), DatabaseFile.hasContent(path) else {
            throw StoreError.databaseMissing(path: path)
        }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseFile.translating(path) {
            try DatabaseQueue(path: readOnlyName(path), configuration: configuration)
        }
        defer { try? queue.close() }
        return try DatabaseFile.translating(path) {
            try queue.read { db in
                // Integrity first: on a damaged file the other questions may not get an answer.
                let integrity: [String]
                do {
                    integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)")
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
                    integrity = [error.message ?? "the file is damaged"]
                }
                guard integrity == ["ok"] else {
                    return DatabaseDiagnosis(integrity: integrity, brokenReferences: [], newerMigrations: [],
                                             pendingMigrations: [], appliedCount: 0, knownCount: migrator.migrations.count)
                }
                guard try db.tableExists("grdb_migrations") else { throw StoreError.notWaypointDatabase(path: path) }
                let broken = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").prefix(20).map { row -> String in
                    let table: String = row[0], parent: String = row[2]
                    let rowid: Int64? = row[1]
                    return "\(table) row \(rowid.map(String.init) ?? "?") refers to a missing \(parent)"
                }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                let known = migrator.migrations
                return DatabaseDiagnosis(
                    integrity: integrity, brokenReferences: Array(broken),
                    newerMigrations: applied.filter { !known.contains($0) },
                    pendingMigrations: known.filter { !applied.contains($0) },
                    appliedCount: applied.count, knownCount: known.count, unfinishedImports: try unfinishedImports(db))
            }
        }
    }
}
