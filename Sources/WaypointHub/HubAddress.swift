import Foundation

/// Where the hub is: `postgres://USER@HOST:PORT/DBNAME[?sslmode=disable|require]`. A password
/// is never part of it (it would sit in shell history and `ps` output); see `HubCredentials`.
public struct HubAddress: Equatable, Sendable, CustomStringConvertible {
    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    /// TLS: off by default on loopback, required anywhere else (`sslmode` overrides).
    public var requiresTLS: Bool

    public init(user: String, host: String, port: Int = 5432, database: String, requiresTLS: Bool? = nil) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.requiresTLS = requiresTLS ?? !HubAddress.isLoopback(host)
    }

    public init(parsing text: String) throws(HubError) {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw .badURL(text, "it must start with postgres://, as in postgres://USER@HOST:PORT/DATABASE")
        }
        guard components.password == nil else { throw .passwordInURL }
        guard let user = components.user?.removingPercentEncoding, !user.isEmpty else {
            throw .badURL(text, "it names no user: write postgres://USER@HOST:PORT/DATABASE")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .badURL(text, "it names no host: write postgres://USER@HOST:PORT/DATABASE")
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.removingPercentEncoding ?? path
        var tls: Bool?
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", "disable"): tls = false
            case ("sslmode", "require"): tls = true
            default:
                throw .badURL(text, "\(item.name)=\(item.value ?? "") is not understood; only sslmode=disable or sslmode=require")
            }
        }
        // Like libpq: with no database named, the database is the user's name.
        self.init(user: user, host: host, port: components.port ?? 5432,
                  database: database.isEmpty ? user : database, requiresTLS: tls)
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// "127.0.0.1:5433", the way messages name the hub.
    public var place: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The URL again (never with a password).
    public var description: String {
        "postgres://\(user)@\(place)/\(database)" + (requiresTLS == !HubAddress.isLoopback(host) ? ""
            : "?sslmode=\(requiresTLS ? "require" : "disable")")
    }
}
