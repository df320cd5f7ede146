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
}
