import Foundation
import PostgresNIO

/// One connection to the hub, as the role the URL names. Every error leaving it is a
/// `HubError` sentence naming the hub.
public final class HubConnection: Sendable {
    public let address: HubAddress
    let connection: PostgresConnection
    let logger: Logger

    /// The hub's answer while connecting is waited for this long.
    static let connectTimeout = TimeAmount.seconds(10)

    private init(address: HubAddress, connection: PostgresConnection, logger: Logger) {
        self.address = address
        self.connection = connection
        self.logger = logger
    }

    public static func connect(_ address: HubAddress, password: String) async throws(HubError) -> HubConnection {
        var logger = Logger(label: "waypoint.hub")
        // The driver's own log lines are for its developers; failures reach the user as sentences.
        logger.logLevel = .critical
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: password,
            database: address.database, tls: address.requiresTLS ? .require(try tlsConfiguration()) : .disable)
        configuration.options.connectTimeout = connectTimeout
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return HubConnection(address: address, connection: connection, logger: logger)
        } catch {
            throw HubError.translated(error, address: address, connecting: true)
        }
    }

    private static func tlsConfiguration() throws(HubError) -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: .makeClientConfiguration())
        } catch {
            throw .refused("TLS cannot be set up on this machine: \(error)")
        }
    }

    public func close() async {
        try? await connection.close()
    }

    /// A connection dropped without `close()` (an error path) is closed here; the driver
    /// asserts that a connection is closed before it goes, so it is kept until it is.
    deinit {
        guard !connection.isClosed else { return }
        let connection = connection
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Runs one statement (parameters bound, never pasted into the text) and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) async throws(HubError) -> [PostgresRow] {
        do {
            var rows: [PostgresRow] = []
            for try await row in try await connection.query(query, logger: logger) { rows.append(row) }
            return rows
        } catch {
            throw HubError.translated(error, address: address)
        }
    }

    /// Runs a script of several statements, as migrations are. The driver speaks only the
    /// extended protocol (one statement a message), so the script runs as one dynamic
    /// EXECUTE inside a DO block, which takes several.
    func script(_ sql: String) async throws(HubError) {
        precondition(!sql.contains("$waypoint_script$"), "a script cannot hold its own quoting tag")
        try await query(PostgresQuery(unsafeSQL: "DO $waypoint_do$ BEGIN EXECUTE $waypoint_script$\n\(sql)\n$waypoint_script$; END $waypoint_do$"))
    }

    /// Runs `body` in one transaction: all of it is committed, or (on any error) none of it.
    func transaction<T: Sendable>(_ body: (HubConnection) async throws(HubError) -> T) async throws(HubError) -> T {
        try await query("BEGIN")
        do {
            let value = try await body(self)
            try await query("COMMIT")
            return value
        } catch {
            _ = try? await query("ROLLBACK")
            throw error
        }
    }

    /// The hub's schema version, checked against what this Waypoint knows: a clear sentence
    /// when the database is no hub, or older or newer than this program.
    public func checkSchema() async throws(HubError) -> Int {
        let rows: [PostgresRow]
        do {
            rows = try await query("SELECT schema_version FROM waypoint.hub_meta")
        } catch {
            if case .server(let message, _) = error, message.contains("does not exist") {
                throw .notAHub(database: address.database, place: address.place)
            }
            throw error
        }
        guard let version = try? rows.first?.decode(Int.self) else {
            throw .notAHub(database: address.database, place: address.place)
        }
        if version > HubMigrations.latest { throw .schemaTooNew(hub: version, known: HubMigrations.latest, place: address.place) }
        if version < HubMigrations.latest { throw .schemaTooOld(hub: version, needed: HubMigrations.latest, place: address.place) }
        return version
    }
}

extension HubError {
    /// The driver's error as a sentence. SQLSTATEs: 28P01/28000 authentication, 3D000 no such
    /// database, 42501 insufficient privilege.
    static func translated(_ error: any Error, address: HubAddress, connecting: Bool = false) -> HubError {
        if let error = error as? HubError { return error }
        guard let error = error as? PSQLError else {
            return connecting ? .unreachable(place: address.place, reason: "\(error)") : .server(message: "\(error)", place: address.place)
        }
        if let info = error.serverInfo {
            let state = info[.sqlState] ?? ""
            let message = info[.message] ?? "an error"
            switch state {
            case "28P01", "28000": return .wrongPassword(user: address.user, place: address.place)
            case "3D000": return .noDatabase(database: address.database, place: address.place)
            case "42501": return .permissionDenied(user: address.user, place: address.place, detail: message)
            default:
                var text = message
                if let detail = info[.detail] { text += " (\(detail))" }
                return .server(message: text, place: address.place)
            }
        }
        if error.code == .sslUnsupported {
            return .unreachable(place: address.place, reason: "the server does not offer TLS (add ?sslmode=disable on a trusted network)")
        }
        let underlying = error.underlying.map { "\($0)" } ?? "\(error.code)"
        let lower = underlying.lowercased()
        let reason = lower.contains("refused") ? "connection refused"
            : lower.contains("timed out") || lower.contains("timeout") ? "no answer (timed out)"
            : lower.contains("resolve") || lower.contains("lookup") ? "the host name cannot be found"
            : underlying
        if connecting || error.code == .connectionError || error.code == .serverClosedConnection {
            return .unreachable(place: address.place, reason: error.code == .serverClosedConnection ? "the hub closed the connection" : reason)
        }
        return .server(message: underlying, place: address.place)
    }
}
