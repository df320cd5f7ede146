import Foundation
import GRDB
import WaypointCore

/// The one door to Waypoint's SQLite database. Screens and commands call methods named after
/// what a counselor does; SQL, transactions and GRDB stay behind this type.
public final class AppDatabase: Sendable {
    private let writer: any DatabaseWriter

    /// Wraps an open database and brings its schema up to date.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try AppDatabase.migrator.migrate(writer)
    }

    /// Read access for observers and reports that need their own queries.
    public var reader: any DatabaseReader { writer }

    /// A fresh, private database in memory, for tests and previews.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()))
    }

    /// Opens (or creates) the database file in WAL mode, so a reader never blocks the
    /// counselor's typing and two instances can share one file.
    ///
    /// Student records are private: the folder is created owner-only (0700) and the file and
    /// its WAL companions are made owner-only (0600) whatever the umask says.
    public static func open(path: String) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        try PrivateFiles.createFolder(url.deletingLastPathComponent().path)
        try PrivateFiles.createFile(path)
        let pool = try DatabasePool(path: path, configuration: configuration())
        let database = try AppDatabase(pool)
        try PrivateFiles.restrict(path)
        return database
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another Waypoint instance may hold the write lock for a moment: wait, don't fail.
        configuration.busyMode = .timeout(5)
        return configuration
    }

    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        try writer.write(updates)
    }

    func read<T>(_ value: (Database) throws -> T) throws -> T {
        try writer.read(value)
    }
}
