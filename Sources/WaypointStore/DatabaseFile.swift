import Foundation
import GRDB

/// Checks on a database path before SQLite gets it, and SQLite's errors in words.
enum DatabaseFile {
    static func refuseFolder(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError.notADatabaseFile(path: path, reason: "it is a folder; give the path of a file inside it")
        }
    }

    static func hasContent(_ path: String) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        return size > 0
    }

    /// Whether the file's SQLite header says WAL mode (bytes 18-19 are 2). Opening such a
    /// file, even read-only, creates its -wal and -shm with the file's own mode, so its
    /// permissions are checked before SQLite sees it; other files are classified first.
    static func usesWAL(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 20), header.count == 20 else { return false }
        return header.starts(with: Data("SQLite format 3\u{0}".utf8)) && header[header.startIndex + 18] == 2
    }

    static func hasTables(_ db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0 > 0
    }

    /// Looks inside an existing file without changing it.
    static func inspect(_ path: String, _ check: (Database) throws -> Void) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try translating(path) { try DatabaseQueue(path: path, configuration: configuration) }
        try translating(path) { try queue.read(check) }
        try queue.close()
    }

    /// Runs `body`, turning SQLite's codes into errors that name the file and say what is wrong.
    static func translating<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB:
                throw StoreError.notADatabaseFile(path: path, reason: "it is not a SQLite database, or it is damaged")
            case .SQLITE_CORRUPT:
                throw StoreError.notADatabaseFile(path: path, reason: "it is damaged (restore it from a backup)")
            default:
                throw StoreError.translated(error, path: path)
            }
        }
    }
}
