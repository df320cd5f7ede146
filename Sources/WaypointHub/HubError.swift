import Foundation

/// Everything that can go wrong between Waypoint and the hub, each as a sentence a counselor
/// or a district's data manager can act on: what failed, where, and what to do.
public enum HubError: Error, Equatable, Sendable, CustomStringConvertible {
    case badURL(String, String)
    case passwordInURL
    case passwordOnCommandLine(String)
    case passwordFileOpen(path: String, mode: Int)
    case passwordFileUnreadable(path: String, reason: String)
    case noPassword(user: String, place: String, passfile: String)
    case unreachable(place: String, reason: String)
    case wrongPassword(user: String, place: String)
    case noDatabase(database: String, place: String)
    case permissionDenied(user: String, place: String, detail: String)
    case notAHub(database: String, place: String)
    case schemaTooNew(hub: Int, known: Int, place: String)
    case schemaTooOld(hub: Int, needed: Int, place: String)
    case migrationChanged(version: Int, name: String, place: String)
    case refused(String)
    case server(message: String, place: String)

    public var description: String {
        switch self {
        case .badURL(let url, let reason):
            return "The hub address \"\(url)\" cannot be used: \(reason)."
        case .passwordInURL:
            return "The hub address holds a password; Waypoint refuses it there (it would be kept in shell history "
                + "and shown to other users by ps). Remove it from the URL and put it in PGPASSWORD, a password file "
                + "readable only by you, or ~/.pgpass."
        case .passwordOnCommandLine(let option):
            return "\(option) would put a password on the command line, where shell history and ps keep it; "
                + "give a password file readable only by you, set PGPASSWORD, or use ~/.pgpass instead."
        case .passwordFileOpen(let path, let mode):
            return "The password file \(path) can be read by other users (mode \(String(format: "%04o", mode))); "
                + "Waypoint does not use it. Run: chmod 600 \(path)"
        case .passwordFileUnreadable(let path, let reason):
            return "The password file \(path) cannot be used: \(reason)."
        case .noPassword(let user, let place, let passfile):
            return "No password for \(user) at the hub \(place): set PGPASSWORD, give a password file readable only by you, "
                + "or add a line \"host:port:database:\(user):password\" to \(passfile) (mode 600)."
        case .unreachable(let place, let reason):
            return "Cannot reach the hub at \(place): \(reason) — working offline."
        case .wrongPassword(let user, let place):
            return "The hub at \(place) refused the password for \(user): check PGPASSWORD, the password file "
                + "or the passfile, or ask the district's hub administrator."
        case .noDatabase(let database, let place):
            return "The hub at \(place) has no database \"\(database)\": check the database name in the URL, "
                + "or ask the administrator to create it (createdb \(database))."
        case .permissionDenied(let user, let place, let detail):
            return "\(user) may not do this on the hub at \(place): \(detail)."
        case .notAHub(let database, let place):
            return "The database \"\(database)\" at \(place) is not a Waypoint hub (it has no Waypoint schema); "
                + "the district's administrator makes one with: waypoint hub init --url URL"
        case .schemaTooNew(let hub, let known, let place):
            return "The hub at \(place) has schema version \(hub), newer than this Waypoint knows (\(known)): "
                + "update Waypoint on this machine."
        case .schemaTooOld(let hub, let needed, let place):
            return "The hub at \(place) has schema version \(hub), older than this Waypoint needs (\(needed)): "
                + "the district's administrator runs waypoint hub init --url URL to bring it up to date."
        case .migrationChanged(let version, let name, let place):
            return "Hub migration \(version) (\(name)) at \(place) differs from the one this Waypoint ships: "
                + "a shipped migration must never change. Nothing was changed."
        case .refused(let sentence):
            return sentence
        case .server(let message, let place):
            return "The hub at \(place) refused the request: \(message)."
        }
    }
}
