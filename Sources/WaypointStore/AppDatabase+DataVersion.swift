import GRDB

extension AppDatabase {
    /// A number that changes when another connection commits to the database: another
    /// Waypoint window, or a `waypoint` command. Cheap (one pragma), so the TUI asks a few
    /// times a second and reloads what it shows only when the answer changes.
    ///
    /// GRDB's observations only see writes made through this instance, hence SQLite's
    /// `PRAGMA data_version`. It is asked on the connection this instance writes with:
    /// SQLite leaves that connection's number unchanged by its own commits, so this window's
    /// saves (already followed by their own reloads) never cause a second reload.
    public func dataVersion() throws -> Int {
        try writer.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
        }
    }

    /// A value that changes whenever anything is committed to the database, by this process
    /// or another one (the CLI beside the screen): the writer connection's count of its own
    /// changes, with SQLite's `data_version`, which moves on commits by other connections.
    /// Whoever keeps rows in memory compares it to know when they went stale.
    public func contentVersion() throws -> ContentVersion {
        try writer.writeWithoutTransaction { db in
            let row = try Row.fetchOne(db, sql: "SELECT total_changes() AS own, (SELECT data_version FROM pragma_data_version) AS others")
            return ContentVersion(own: row?["own"] ?? 0, others: row?["others"] ?? 0)
        }
    }
}

/// See `AppDatabase.contentVersion()`; only equality means anything.
public struct ContentVersion: Equatable, Sendable {
    var own: Int64
    var others: Int64
}
