import GRDB

extension AppDatabase {
    /// One passphrase per counselor, stored only as the opaque line the vault produces (a
    /// salted scrypt hash with its parameters); the store never sees a passphrase and does
    /// not know how the line is made, so the hashing can change without a migration.
    static func createPassphrases(_ db: Database) throws {
        try db.create(table: "counselor_passphrase") { t in
            // CASCADE: a credential is worth nothing without its counselor and must not outlive them.
            t.primaryKey("counselorId", .integer).references("counselor", onDelete: .cascade)
            t.column("hash", .text).notNull().check(sql: "trim(hash) <> ''")
            t.column("setAt", .text).notNull().check(sql: "trim(setAt) <> ''")
        }
    }
}
