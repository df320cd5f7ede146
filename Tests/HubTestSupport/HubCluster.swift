import Foundation
import PostgresNIO
import ProcessKit
@testable import WaypointHub
import XCTest

/// The PostgreSQL cluster the hub tests run against: the one `.ci/hub-cluster start` made
/// (WAYPOINT_TEST_HUB_URL and WAYPOINT_TEST_HUB_PASSFILE in the environment), or, outside CI,
/// one this process starts with the same script and stops at exit. In CI a missing cluster
/// is a failure: the hub tests may not skip there.
public final class HubCluster: @unchecked Sendable {
    public let admin: HubAddress
    public let password: String

    private init(admin: HubAddress, password: String) {
        self.admin = admin
        self.password = password
    }

    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cached: Result<HubCluster, any Error>?

    public static func shared() throws -> HubCluster {
        lock.lock()
        defer { lock.unlock() }
        if cached == nil { cached = Result { try locate() } }
        return try cached!.get()
    }

    private static func locate() throws -> HubCluster {
        var environment = ProcessInfo.processInfo.environment
        if environment["WAYPOINT_TEST_HUB_URL"] == nil {
            if environment["CI"] == "true" {
                throw HubTestFailure("no hub cluster in CI: the hub tests may not skip there; run them through .ci/run, "
                    + "or eval \"$(.ci/hub-cluster start)\" first")
            }
            guard hasServerTools() else {
                throw XCTSkip("no PostgreSQL server here (initdb not found): apt-get install postgresql, "
                    + "or eval \"$(.ci/hub-cluster start)\" before swift test")
            }
            let started = try ProcessKit.run("/bin/bash", [repository.appendingPathComponent(".ci/hub-cluster").path, "start"],
                                             timeout: 120)
            guard started.status == 0 else {
                throw HubTestFailure(".ci/hub-cluster start failed: \(String(decoding: started.stderr, as: UTF8.self))")
            }
            for line in String(decoding: started.stdout, as: UTF8.self).split(separator: "\n") {
                let pair = line.replacingOccurrences(of: "export ", with: "").split(separator: "=", maxSplits: 1)
                if pair.count == 2 { environment[String(pair[0])] = String(pair[1]) }
            }
            if let directory = environment["WAYPOINT_TEST_HUB_DIR"] {
                ownCluster = directory
                atexit {
                    if let directory = HubCluster.ownCluster {
                        _ = try? ProcessKit.run("/bin/bash", [HubCluster.repository.appendingPathComponent(".ci/hub-cluster").path,
                                                              "stop", directory], timeout: 60)
                    }
                }
            }
        }
        guard let url = environment["WAYPOINT_TEST_HUB_URL"], let passfile = environment["WAYPOINT_TEST_HUB_PASSFILE"] else {
            throw HubTestFailure("WAYPOINT_TEST_HUB_URL is set but WAYPOINT_TEST_HUB_PASSFILE is not")
        }
        let admin = try HubAddress(parsing: url)
        let password = try HubCredentials(environment: ["PGPASSFILE": passfile]).password(for: admin)
        return HubCluster(admin: admin, password: password)
    }

    nonisolated(unsafe) static var ownCluster: String?

    /// `pg_ctl restart -m immediate` (a crash and restart of the server), as the cluster's
    /// owner, from the variables `.ci/hub-cluster start` exported.
    public static func restartImmediately() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let pgctl = environment["WAYPOINT_TEST_HUB_PG_CTL"], let data = environment["WAYPOINT_TEST_HUB_DATA"],
              let directory = environment["WAYPOINT_TEST_HUB_DIR"] else {
            throw XCTSkip("the cluster was not started by .ci/hub-cluster in this environment")
        }
        let command = [pgctl, "-D", data, "-w", "-t", "60", "-l", "\(directory)/log", "-m", "immediate", "restart"]
        let runAs = environment["WAYPOINT_TEST_HUB_RUN_AS"] ?? ""
        let result = runAs.isEmpty ? try ProcessKit.run(command[0], Array(command.dropFirst()), timeout: 90)
            : try ProcessKit.run("/usr/sbin/runuser", ["-u", runAs, "--"] + command, timeout: 90)
        guard result.status == 0 else {
            throw HubTestFailure("pg_ctl restart failed: \(String(decoding: result.stderr, as: UTF8.self))")
        }
    }

    private static func hasServerTools() -> Bool {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        if paths.contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }) { return true }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.contains { FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb") }
    }

    /// A fresh database for one test; `drop` removes it and the login roles its counselors got.
    public func makeDatabase() async throws -> TestHub {
        let name = "wp_test_\(UUID().uuidString.prefix(8).lowercased())"
        let server = try await HubConnection.connect(admin, password: password)
        try await server.exec("CREATE DATABASE \(name)")
        await server.close()
        var address = admin
        address.database = name
        return TestHub(cluster: self, address: address)
    }
}

public struct HubTestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// One test's hub database, reached as the cluster's superuser.
public struct TestHub: Sendable {
    public let cluster: HubCluster
    public let address: HubAddress

    public func connect() async throws -> HubConnection {
        try await HubConnection.connect(address, password: cluster.password)
    }

    public func initialized() async throws -> TestHub {
        let hub = try await connect()
        _ = try await HubMigrations.migrate(hub)
        await hub.close()
        return self
    }

    /// The address as a counselor's role.
    public func address(as role: String) -> HubAddress {
        var address = address
        address.user = role
        return address
    }

    public func drop() async throws {
        var roles: [String] = []
        if let hub = try? await connect() {
            roles = (try? await hub.strings("SELECT role_name FROM waypoint.counselor WHERE role_name IS NOT NULL")) ?? []
            roles += (try? await hub.strings("SELECT rolname FROM pg_roles WHERE rolname LIKE 'wp_test_%'")) ?? []
            await hub.close()
        }
        let server = try await HubConnection.connect(cluster.admin, password: cluster.password)
        try await server.exec("DROP DATABASE IF EXISTS \(address.database) WITH (FORCE)")
        for role in Set(roles) { try await server.exec("DROP ROLE IF EXISTS \"\(role)\"") }
        await server.close()
    }

    /// `psql` (the real client) as `role`, with the password in PGPASSWORD: what a counselor
    /// with their own login could do without Waypoint.
    public func psql(_ sql: String, as role: String, password: String) throws -> (status: Int32, out: String, err: String) {
        let result = try ProcessKit.run(try TestHub.psqlPath(), [
            "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", address.host, "-p", String(address.port),
            "-U", role, "-d", address.database, "-c", sql,
        ], environment: ["PGPASSWORD": password, "PGCONNECT_TIMEOUT": "10"], timeout: 60)
        return (result.status, String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
                String(decoding: result.stderr, as: UTF8.self))
    }

    /// `pg_dump` of the whole database as the cluster's superuser: what the hub's backups hold.
    public func dump() throws -> String {
        let pgDump = URL(fileURLWithPath: try TestHub.psqlPath()).deletingLastPathComponent().appendingPathComponent("pg_dump").path
        let result = try ProcessKit.run(pgDump, ["-h", address.host, "-p", String(address.port), "-U", cluster.admin.user,
                                                 "-d", address.database],
                                        environment: ["PGPASSWORD": cluster.password], timeout: 120)
        guard result.status == 0 else { throw HubTestFailure("pg_dump failed: \(String(decoding: result.stderr, as: UTF8.self))") }
        return String(decoding: result.stdout, as: UTF8.self)
    }

    public static func psqlPath() throws -> String {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") + ["/usr/bin"]
        where FileManager.default.isExecutableFile(atPath: "\(directory)/psql") {
            return "\(directory)/psql"
        }
        throw HubTestFailure("psql not found on PATH (apt-get install postgresql-client)")
    }
}

/// Unique names per test: login roles are cluster-wide, and tests share the cluster.
public func token() -> String { String(UUID().uuidString.prefix(6).lowercased()) }

extension HubConnection {
    /// Several statements (as one DO block; no transaction control in it).
    public func run(_ sql: String) async throws { try await script(sql) }

    /// One statement as it is (BEGIN and COMMIT included).
    public func exec(_ sql: String) async throws { try await query(PostgresQuery(unsafeSQL: sql)) }

    public func strings(_ sql: String) async throws -> [String] {
        try await query(PostgresQuery(unsafeSQL: sql)).map { try $0.decode(String.self) }
    }

    public func int(_ sql: String) async throws -> Int {
        guard let row = try await query(PostgresQuery(unsafeSQL: sql)).first else { throw HubTestFailure("no row for \(sql)") }
        return try row.decode(Int.self)
    }
}

/// A small roster for the hub: one school, four students, two counselors with two students
/// each (caseloads.csv). Counselor ids carry `tag`, so their login roles are the test's own.
public struct HubRoster {
    public let url: URL
    public let a: String
    public let b: String

    public init(tag: String, caseloads: String? = nil, users: String? = nil) throws {
        a = "wp_test_a_\(tag)"
        b = "wp_test_b_\(tag)"
        url = FileManager.default.temporaryDirectory.appendingPathComponent("hub-roster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let files = [
            "manifest.csv": "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.orgs,bulk\nfile.users,bulk\nfile.roles,bulk\nfile.demographics,bulk\nfile.classes,absent\n",
            "orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\nD1,active,2025-01-01T00:00:00Z,Lakeside District,district,,\nS1,active,2025-01-01T00:00:00Z,Lakeside High,school,,D1\n",
            "users.csv": users ?? """
                sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,identifier,grades
                U1,active,2025-01-01,true,ana,Ana,Lopez,1001,09
                U2,active,2025-01-01,true,ben,Ben,Okafor,1002,10
                U3,active,2025-01-01,true,cy,Cy,Ng,1003,11
                U4,active,2025-01-01,true,di,Di,Roy,1004,12
                \(a),active,2025-01-01,true,msmith,Maria,Smith,,
                \(b),active,2025-01-01,true,jdoe,Jo,Doe,,

                """,
            "roles.csv": """
                sourcedId,status,dateLastModified,userSourcedId,roleType,role,orgSourcedId
                R1,active,2025-01-01,U1,primary,student,S1
                R2,active,2025-01-01,U2,primary,student,S1
                R3,active,2025-01-01,U3,primary,student,S1
                R4,active,2025-01-01,U4,primary,student,S1
                R5,active,2025-01-01,\(a),primary,counselor,S1
                R6,active,2025-01-01,\(b),primary,counselor,S1

                """,
            "demographics.csv": "sourcedId,status,dateLastModified,birthDate,sex,asian,white\nU1,active,2025-01-01,2010-04-17,female,true,false\n",
            "caseloads.csv": caseloads ?? "counselor,student\n\(a),U1\n\(a),U2\n\(b),U3\n\(b),U4\n",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
    }
}
