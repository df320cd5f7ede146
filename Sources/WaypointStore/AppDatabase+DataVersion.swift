import GRDB

extension AppDatabase {
    /// A value that changes whenever anything is committed to the database, by this process
    /// or another one (the CLI beside the screen): the writer connection's count of its own
    /// changes, with SQLite's `data_version`, which moves on commits by other connections.
    /// Whoever keeps rows in memory compares it to know when they went stale.
    public func dataVersion() throws -> DataVersion {
        try writer.writeWithoutTransaction { db in
            let row = try Row.fetchOne(db, sql: "SELECT total_changes() AS own, (SELECT data_version FROM pragma_data_version) AS others")
            return DataVersion(own: row?["own"] ?? 0, others: row?["others"] ?? 0)
        }
    }
}

/// See `AppDatabase.dataVersion()`; only equality means anything.
public struct DataVersion: Equatable, Sendable {
    var own: Int64
    var others: Int64
}
