import WaypointCore

extension Command {
    public enum Sync: Hashable, Sendable {
        /// Start a background sync now (it also runs at start and every few minutes).
        case syncNow
        case openRefused
        /// On the refused-changes screen: send mine again over the hub's version.
        case keepMine
        /// Drop mine; the hub's version (already shown) stays.
        case takeTheirs
    }
}

extension AppState {
    mutating func performSync(_ command: Command.Sync) -> [Effect] {
        switch command {
        case .syncNow: startSync(asked: true)
        case .openRefused: openRefused()
        case .keepMine: resolveSelectedRefused(.keepMine)
        case .takeTheirs: resolveSelectedRefused(.takeTheirs)
        }
    }
}
