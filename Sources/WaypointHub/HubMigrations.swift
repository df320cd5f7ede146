import Foundation
import Crypto
import PostgresNIO

/// The hub's schema, as numbered migrations applied in order and recorded in
/// `waypoint.hub_migration` with a digest of their text. A shipped migration never changes
/// (a changed one is refused by its digest); a later change is a new migration at the end.
public enum HubMigrations {
    struct Migration: Sendable {
        var version: Int
        var name: String
        var sql: String
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "v1-hub", sql: v1),
        Migration(version: 2, name: "v2-sync", sql: v2),
        Migration(version: 3, name: "v3-reports", sql: v3),
        Migration(version: 4, name: "v4-hub-rules", sql: v4),
        Migration(version: 5, name: "v5-pull-scope", sql: v5),
        Migration(version: 6, name: "v6-reminders", sql: v6),
        Migration(version: 7, name: "v7-intervention-measures", sql: v7),
        Migration(version: 8, name: "v8-student-records", sql: v8),
        Migration(version: 9, name: "v9-intervention-rules", sql: v9),
    ]

    public static var latest: Int { all.last!.version }

    /// The migrations the hub lacked, in order (empty when it was up to date).
    public struct Outcome: Equatable, Sendable {
        public var applied: [String]
        public var version: Int
    }

    /// Creates the hub schema, or brings it up to date, in one transaction: a failure leaves
    /// the database as it was. Run again, it changes nothing. Two runs at once wait for each
    /// other (an advisory lock), so neither applies a migration twice.
    public static func migrate(_ hub: HubConnection) async throws(HubError) -> Outcome {
        try await hub.transaction { hub throws(HubError) in
            try await hub.query("SELECT pg_advisory_xact_lock(7761819001)")
            try await checkOwnership(hub)
            try await hub.script("""
                CREATE SCHEMA IF NOT EXISTS waypoint;
                CREATE TABLE IF NOT EXISTS waypoint.hub_migration (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    digest text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """)
            var recorded: [Int: (name: String, digest: String)] = [:]
            for row in try await hub.query("SELECT version, name, digest FROM waypoint.hub_migration") {
                guard let (version, name, digest) = try? row.decode((Int, String, String).self) else { continue }
                recorded[version] = (name, digest)
            }
            if let newest = recorded.keys.max(), newest > latest {
                throw .schemaTooNew(hub: newest, known: latest, place: hub.address.place)
            }
            var applied: [String] = []
            for migration in all {
                let digest = HubMigrations.digest(migration.sql)
                if let done = recorded[migration.version] {
                    guard done.digest == digest else {
                        throw .migrationChanged(version: migration.version, name: done.name, place: hub.address.place)
                    }
                    continue
                }
                try await hub.script(migration.sql)
                try await hub.query("""
                    INSERT INTO waypoint.hub_migration (version, name, digest)
                    VALUES (\(migration.version), \(migration.name), \(digest))
                    """)
                try await hub.query("UPDATE waypoint.hub_meta SET schema_version = \(migration.version)")
                applied.append(migration.name)
            }
            return Outcome(applied: applied, version: latest)
        }
    }

    /// A database whose `waypoint` schema was not made by Waypoint is left alone.
    private static func checkOwnership(_ hub: HubConnection) async throws(HubError) {
        let rows = try await hub.query("""
            SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = 'waypoint'),
                   (SELECT count(*) FROM pg_tables WHERE schemaname = 'waypoint' AND tablename = 'hub_migration'),
                   (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'waypoint')
            """)
        guard let (schema, ledger, relations) = try? rows.first?.decode((Int, Int, Int).self) else { return }
        if schema > 0 && ledger == 0 && relations > 0 {
            throw .refused("The database \"\(hub.address.database)\" at \(hub.address.place) already has a schema "
                + "named waypoint that Waypoint did not make; hub init leaves it alone. Use another database.")
        }
    }

    static func digest(_ sql: String) -> String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
