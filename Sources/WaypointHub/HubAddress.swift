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
        // Before anything else: every later message repeats the URL, and a password must
        // never be repeated (nor parsed, if the URL is malformed around it).
        guard !HubAddress.holdsPassword(text) else { throw .passwordInURL }
        let schemes = ["postgres", "postgresql"]
        guard let components = URLComponents(string: text) else {
            if schemes.contains(where: { text.lowercased().hasPrefix("\($0)://") }) {
                throw .badURL(text, "it is not a valid URL; write postgres://USER@HOST:PORT/DATABASE (a port is digits only)")
            }
            throw .badURL(text, "it must start with postgres://, as in postgres://USER@HOST:PORT/DATABASE")
        }
        guard let scheme = components.scheme, schemes.contains(scheme) else {
            throw .badURL(text, "it must start with postgres://, as in postgres://USER@HOST:PORT/DATABASE")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw .badURL(text, "port \(port) is not a port number (1 to 65535)")
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

    /// A password in the user part (`USER:PASSWORD@`), even one URL parsing would choke on
    /// (a space, an `@`), or as libpq's `password=` query parameter.
    static func holdsPassword(_ text: String) -> Bool {
        let afterScheme = text.range(of: "://").map { text[$0.upperBound...] } ?? Substring(text)
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") { return true }
        guard let query = text.firstIndex(of: "?") else { return false }
        return text[text.index(after: query)...].split(separator: "&").contains {
            $0.split(separator: "=", maxSplits: 1).first?.lowercased() == "password"
        }
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
