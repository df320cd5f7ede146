import Foundation
import PostgresNIO

/// What `waypoint bench --hub` does at the hub beyond what a workstation's link does: a
/// throwaway database of its own, the district's records written in bulk, and the floors
/// (the least comparable work, over the same connections the figures use). Nothing here is
/// used outside the benchmark.
public enum HubBench {
    /// Creates the database `name` (letters, digits and `_` only) on the server `server` is
    /// connected to, as its administrator.
    public static func createDatabase(_ name: String, on server: HubConnection) async throws(HubError) {
        try checkName(name)
        try await server.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
    }

    /// Drops the database and the login roles its counselors got (login roles belong to the
    /// whole server, so they outlive the database unless dropped).
    public static func dropDatabase(_ name: String, roles: [String], on server: HubConnection) async throws(HubError) {
        try checkName(name)
        try await server.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        for role in Set(roles) {
            try await server.query(PostgresQuery(unsafeSQL: "DROP ROLE IF EXISTS \"\(role.replacingOccurrences(of: "\"", with: "\"\""))\""))
        }
    }

    /// The login roles of the hub's counselors.
    public static func loginRoles(on hub: HubConnection) async throws(HubError) -> [String] {
        try await hub.query("SELECT role_name FROM waypoint.counselor WHERE role_name IS NOT NULL").compactMap {
            try? $0.decode(String.self)
        }
    }

    private static func checkName(_ name: String) throws(HubError) {
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "_" }) else {
            throw .refused("A benchmark database name may hold only letters, digits and _, not \(name).")
        }
    }

    /// Writes records as the workstations' pushes would have left them (version 1, their
    /// payloads), in order, as the administrator: one statement a batch instead of one
    /// `apply_change` each, so a 50,000-student district is seeded in minutes. The hub's
    /// triggers still derive each record's student and author and write the change log.
    public static func seed(tables: [String], uids: [String], payloads: [String], on hub: HubConnection) async throws(HubError) {
        try await hub.query("""
            INSERT INTO waypoint.synced_record (table_name, uid, version, payload, produced_by)
            SELECT t, u, 1, p::jsonb, 'bench:seed' FROM unnest(\(tables)::text[], \(uids)::text[], \(payloads)::text[]) AS s(t, u, p)
            """)
    }

    /// Records whose student the hub could not derive: a seeding mistake the figures must not hide.
    public static func recordsWithoutStudent(on hub: HubConnection) async throws(HubError) -> Int {
        try await int("SELECT count(*)::bigint FROM waypoint.synced_record WHERE student IS NULL AND table_name <> 'audit_event'", hub)
    }

    /// Counts of what the hub holds, for the benchmark's heading.
    public static func counts(on hub: HubConnection) async throws(HubError) -> (records: Int, log: Int) {
        (try await int("SELECT count(*)::bigint FROM waypoint.synced_record", hub),
         try await int("SELECT count(*)::bigint FROM waypoint.change_log", hub))
    }

    /// Floor of a sync with nothing new: one `SELECT 1` round trip.
    public static func roundTrip(on hub: HubConnection) async throws(HubError) {
        try await hub.query("SELECT 1")
    }

    /// Floor of a first sync: one query returning the students' records as they are now (the
    /// rows the first sync brings), with their payloads, over one connection.
    public static func records(of students: [String], on hub: HubConnection) async throws(HubError) -> Int {
        let rows = try await hub.query("""
            SELECT table_name, uid, version, payload::text FROM waypoint.synced_record
            WHERE student = ANY(\(students)::text[]) AND table_name <> 'audit_event'
            """)
        return rows.count
    }

    /// Floor of a push: one multi-row INSERT of the same payloads into a bare temporary table.
    public static func insertBare(_ payloads: [String], on hub: HubConnection) async throws(HubError) {
        try await hub.query("CREATE TEMPORARY TABLE IF NOT EXISTS bench_floor (payload jsonb)")
        try await hub.query("INSERT INTO bench_floor SELECT p::jsonb FROM unnest(\(payloads)::text[]) AS s(p)")
    }

    /// Note versions at the hub whose text holds `marker`: the lost-update check counts what
    /// reached the hub this way.
    public static func notes(containing marker: String, on hub: HubConnection) async throws(HubError) -> Int {
        try await int("""
            SELECT count(*)::bigint FROM waypoint.synced_record
            WHERE table_name = 'session_note' AND strpos(payload::text, \(marker)) > 0
            """, hub)
    }

    private static func int(_ sql: PostgresQuery, _ hub: HubConnection) async throws(HubError) -> Int {
        guard let value = try? await hub.query(sql).first?.decode(Int.self) else {
            throw .server(message: "no count came back", place: hub.address.place)
        }
        return value
    }
}
