import Foundation
import PostgresNIO

/// One connection to the hub, as the role the URL names. Every error leaving it is a
/// `HubError` sentence naming the hub.
public final class HubConnection: Sendable {
    public let address: HubAddress
    let connection: PostgresConnection
    let logger: Logger
    private let sent = StatementCount()

    /// Statements sent on this connection so far: each is one round trip to the hub, the unit
    /// `waypoint bench` counts syncs in (wall time wanders with the machine's load; this does not).
    public var statementsSent: Int { sent.value }

    /// The hub's answer while connecting is waited for this long.
    static let connectTimeout = TimeAmount.seconds(10)

    private init(address: HubAddress, connection: PostgresConnection, logger: Logger, queryTimeout: Duration) {
        self.address = address
        self.queryTimeout = queryTimeout
        self.connection = connection
        self.logger = logger
    }

    public static func connect(_ address: HubAddress, password: String,
                               queryTimeout: Duration = .seconds(300)) async throws(HubError) -> HubConnection {
        var logger = Logger(label: "waypoint.hub")
        // The driver's own log lines are for its developers; failures reach the user as sentences.
        logger.logLevel = .critical
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: password,
            database: address.database, tls: address.requiresTLS ? .require(try tlsConfiguration()) : .disable)
        configuration.options.connectTimeout = connectTimeout
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return HubConnection(address: address, connection: connection, logger: logger, queryTimeout: queryTimeout)
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

    /// How long one statement may go unanswered before the hub counts as unreachable. A
    /// statement sent on a connection whose server was killed (`pg_ctl restart -m immediate`)
    /// was seen to wait forever; a counselor must get a sentence instead.
    public let queryTimeout: Duration

    /// Runs one statement (parameters bound, never pasted into the text) and returns its rows.
    /// With `retries`, a statement the server broke off as a deadlock or a serialization
    /// failure (SQLSTATE 40P01, 40001: nothing of it was kept) is sent again, up to that many
    /// times; only for a statement that is a whole transaction on its own.
    @discardableResult
    func query(_ query: PostgresQuery, retries: Int = 0) async throws(HubError) -> [PostgresRow] {
        let (connection, logger) = (self.connection, self.logger)
        sent.add()
        let outcome = await Deadline.race(queryTimeout) {
            var rows: [PostgresRow] = []
            for try await row in try await connection.query(query, logger: logger) { rows.append(row) }
            return rows
        }
        switch outcome {
        case .success(let rows): return rows
        case .failure(let error):
            if retries > 0, let state = (error as? PSQLError)?.serverInfo?[.sqlState], state == "40P01" || state == "40001" {
                return try await self.query(query, retries: retries - 1)
            }
            throw HubError.translated(error, address: address)
        case nil:
            connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
            throw .unreachable(place: address.place, reason: "no answer within \(queryTimeout.components.seconds) s")
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
            // Administrator or crash shutdown, or still starting: the hub is away for now.
            case "57P01", "57P02", "57P03":
                return .unreachable(place: address.place, reason: "its server shut down or is restarting")
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
            : lower.contains("resolve") || lower.contains("lookup") || lower.contains("unknownhost")
                || lower.contains("dns error") ? "the host name cannot be found"
            : underlying
        if error.code == .serverClosedConnection || error.code == .clientClosedConnection || error.code == .uncleanShutdown {
            return .unreachable(place: address.place, reason: "the connection was lost")
        }
        if connecting || error.code == .connectionError {
            return .unreachable(place: address.place, reason: reason)
        }
        return .server(message: underlying, place: address.place)
    }
}

/// A counter several tasks may bump.
private final class StatementCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// The first of some work and a deadline: nil when the deadline came first. The work is left
/// to finish (or never) on its own; what waits for it is resumed either way.
enum Deadline {
    private final class Once<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Result<T, any Error>?, Never>?
        init(_ continuation: CheckedContinuation<Result<T, any Error>?, Never>) { self.continuation = continuation }

        func resume(_ outcome: Result<T, any Error>?) {
            lock.lock()
            let waiting = continuation
            continuation = nil
            lock.unlock()
            waiting?.resume(returning: outcome)
        }
    }

    static func race<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async -> Result<T, any Error>? {
        await withCheckedContinuation { continuation in
            let once = Once<T>(continuation)
            let timer = Task {
                try? await Task.sleep(for: limit)
                if !Task.isCancelled { once.resume(nil) }
            }
            Task {
                do { once.resume(.success(try await work())) } catch { once.resume(.failure(error)) }
                timer.cancel()
            }
        }
    }
}
