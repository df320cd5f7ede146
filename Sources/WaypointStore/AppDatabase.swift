import Foundation
import GRDB
import WaypointCore

/// The one door to Waypoint's SQLite database. Screens and commands call methods named after
/// what a counselor does; SQL, transactions and GRDB stay behind this type.
public final class AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The operating-system user the audit trail credits, beside the counselor.
    public let actor: AuditActor
    /// How long a write waits while another connection holds the write lock.
    let patience: BusyPatience

    /// Wraps an open database and brings its schema up to date.
    public init(_ writer: any DatabaseWriter, actor: AuditActor = .process, patience: BusyPatience = .command) throws {
        self.writer = writer
        self.actor = actor
        self.patience = patience
        try AppDatabase.migrator.migrate(writer)
    }

    /// Wraps a database opened read-only whose schema is already current.
    private init(readOnly writer: any DatabaseWriter) {
        self.writer = writer
        actor = .process
        patience = .command
    }

    /// The file, as messages name it.
    public var path: String { writer.path }

    /// Another connection to the same file, for long work that runs beside the screen (an
    /// import, the demo): the screen's own writes then wait on SQLite's lock, with their
    /// patience, rather than behind the long work inside this process. A database in memory
    /// has no file to share: it is its own companion.
    public func companion() throws -> AppDatabase {
        guard writer is DatabasePool else { return self }
        return try AppDatabase.open(path: path, patience: patience)
    }

    /// Read access for observers and reports that need their own queries.
    public var reader: any DatabaseReader { writer }

    /// A fresh, private database in memory, for tests and previews.
    public static func inMemory(actor: AuditActor = .process) throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()), actor: actor)
    }

    /// Opens (or creates) the database file in WAL mode, so a reader never blocks the
    /// counselor's typing and two instances can share one file.
    ///
    /// Student records are private: a new folder is created owner-only (0700) and a new file
    /// 0600 whatever the umask says (SQLite gives the WAL companions the file's mode). An
    /// existing file, -wal or -shm that group or others can read or write is refused with
    /// ``StoreError/sharedDatabaseFile(path:mode:exposure:databasePath:)``, never silently
    /// changed: `waypoint doctor --fix` tightens it when its owner asks.
    public static func open(path: String) throws -> AppDatabase {
        try open(path: path, patience: .command)
    }

    /// ``open(path:)`` with its own patience for another connection's write lock.
    public static func open(path: String, patience: BusyPatience) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        try DatabaseFile.refuseFolder(path)
        let wal = DatabaseFile.usesWAL(path)
        if wal { try DatabasePermissions.refuseShared(databasePath: path) }
        // An existing file must be Waypoint's: migrating someone else's SQLite file would
        // add our tables to it.
        func refuseForeign(_ db: Database) throws {
            if try !db.tableExists("grdb_migrations"), try DatabaseFile.hasTables(db) {
                throw StoreError.notWaypointDatabase(path: path)
            }
        }
        // A file in WAL mode (every Waypoint database) is looked at through the pool's own
        // reader, before anything is migrated: opening the pool changes nothing in such a
        // file, and a third connection, each parsing the whole schema, was a tenth of a
        // `student show` (issue 17). Any other file is looked at read-only first, because
        // the pool would turn it into WAL mode.
        if DatabaseFile.hasContent(path), !wal { try DatabaseFile.inspect(path, refuseForeign) }
        // Any other file after the checks above, so another program's file is named as such.
        try DatabasePermissions.refuseShared(databasePath: path)
        try PrivateFiles.createFolder(url.deletingLastPathComponent().path)
        try PrivateFiles.createFile(path)
        // Opening checks the schema, which takes the write lock a moment: it waits like a write.
        return try patience.retryingWhileBusy(path: path) {
            try DatabaseFile.translating(path) {
                let pool = try DatabasePool(path: path, configuration: configuration(patience: patience))
                if wal { try pool.read(refuseForeign) }
                return try AppDatabase(pool, patience: patience)
            }
        }
    }

    /// Opens a database that must already exist, for a command that reads a student's record
    /// and so must write that it did to the audit trail: like `openForReading`, a missing
    /// file (or folder) is an error and nothing is created; unlike it, the file is writable.
    public static func openExisting(path: String) throws -> AppDatabase {
        try openExisting(path: path, patience: .command)
    }

    /// ``openExisting(path:)`` with its own patience for another connection's write lock.
    public static func openExisting(path: String, patience: BusyPatience) throws -> AppDatabase {
        try DatabaseFile.refuseFolder(path)
        guard DatabaseFile.hasContent(path) else { throw StoreError.databaseMissing(path: path) }
        return try open(path: path, patience: patience)
    }

    /// Opens an existing database to read it, changing nothing: no file is created, the
    /// file is not touched, and a missing or foreign file, or one others can reach, is an
    /// error naming it. A database written by an older Waypoint is brought up to date first
    /// (that is the one write).
    public static func openForReading(path: String) throws -> AppDatabase {
        try DatabaseFile.refuseFolder(path)
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.databaseMissing(path: path) }
        guard DatabaseFile.hasContent(path) else { throw StoreError.databaseMissing(path: path) }
        if DatabaseFile.usesWAL(path) { try DatabasePermissions.refuseShared(databasePath: path) }
        var readOnly = configuration()
        readOnly.readonly = true
        let queue = try DatabaseFile.translating(path) { try DatabaseQueue(path: path, configuration: readOnly) }
        let current = try DatabaseFile.translating(path) {
            try queue.read { db -> Bool in
                guard try db.tableExists("grdb_migrations") else {
                    throw StoreError.notWaypointDatabase(path: path)
                }
                return try migrator.hasCompletedMigrations(db)
            }
        }
        do {
            // Before a single student is read, and after another program's file is named as such.
            try DatabasePermissions.refuseShared(databasePath: path)
        } catch {
            try? queue.close()
            throw error
        }
        if current { return AppDatabase(readOnly: queue) }
        try queue.close()
        return try open(path: path)
    }

    static func configuration(patience: BusyPatience = .command) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another Waypoint instance may hold the write lock for a moment: wait, don't fail.
        // Looking every 2 ms, not with SQLite's own timeout: that one sleeps up to 100 ms
        // between looks, so a save waiting behind an import almost never saw the lock free in
        // the moment between two of its chunks, and waited for the whole import.
        let looks = Int(patience.perTry / BusyPatience.look)
        configuration.busyMode = .callback { tries in
            guard tries < looks else { return false }
            Thread.sleep(forTimeInterval: BusyPatience.look)
            return true
        }
        return configuration
    }

    /// Runs `updates` in one IMMEDIATE transaction: the write lock is taken at BEGIN, where
    /// the busy timeout waits for another instance to finish. A DEFERRED transaction would
    /// read first and then fail to upgrade with SQLITE_BUSY, which no timeout retries.
    ///
    /// While another connection holds the lock, it tries again until `patience.overall` has
    /// passed (each try rolled back whole, so trying again is safe), then throws
    /// ``StoreError/storage(_:path:)`` with ``StorageTrouble/busy``: a sentence, never
    /// "database is locked". Other storage failures (a full disk) are put into words too.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        try patience.retryingWhileBusy(path: path) {
            try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try updates(db)
                    return .commit
                }
                return result!
            }
        }
    }

    func read<T>(_ value: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(value)
        } catch {
            throw StoreError.translated(error, path: path)
        }
    }
}
