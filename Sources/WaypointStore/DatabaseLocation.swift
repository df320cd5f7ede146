import Foundation

/// Where Waypoint keeps its database and configuration, following the XDG base directory
/// convention so backups and dotfile tools find them, with explicit overrides for scripts,
/// tests and shared district machines.
///
/// Both functions read only the environment they are given, so they are testable and
/// never depend on the process's real environment (except `HOME` as a last resort, below).
public struct DatabaseLocation {
    /// The database path: the `--db` flag, else `WAYPOINT_DB`, else
    /// `$XDG_DATA_HOME/waypoint/waypoint.sqlite`, else `~/.local/share/waypoint/waypoint.sqlite`.
    /// Empty values count as unset; a leading `~` is expanded with `HOME`. A relative
    /// `XDG_DATA_HOME` is ignored, as the XDG specification asks.
    public static func resolve(flag: String?, environment: [String: String]) -> String {
        if let flag = nonEmpty(flag) { return expandTilde(flag, environment: environment) }
        if let path = nonEmpty(environment["WAYPOINT_DB"]) { return expandTilde(path, environment: environment) }
        let dataHome = absolute(environment["XDG_DATA_HOME"])
            ?? home(environment) + "/.local/share"
        return dataHome + "/waypoint/waypoint.sqlite"
    }

    /// The configuration folder: `WAYPOINT_CONFIG_DIR`, else `$XDG_CONFIG_HOME/waypoint`,
    /// else `~/.config/waypoint`.
    public static func configDirectory(environment: [String: String]) -> String {
        if let path = nonEmpty(environment["WAYPOINT_CONFIG_DIR"]) {
            return expandTilde(path, environment: environment)
        }
        let configHome = absolute(environment["XDG_CONFIG_HOME"]) ?? home(environment) + "/.config"
        return configHome + "/waypoint"
    }

    /// `~` and `~/…` become the home folder; `~user/…` is left alone rather than looked up.
    static func expandTilde(_ path: String, environment: [String: String]) -> String {
        if path == "~" { return home(environment) }
        if path.hasPrefix("~/") { return home(environment) + path.dropFirst() }
        return path
    }

    /// `HOME` from the given environment; when it is missing (some service managers),
    /// Foundation's idea of the user's home (from the password database).
    private static func home(_ environment: [String: String]) -> String {
        var home = nonEmpty(environment["HOME"]) ?? NSHomeDirectory()
        while home.count > 1, home.hasSuffix("/") { home.removeLast() }
        return home
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func absolute(_ value: String?) -> String? {
        guard let value = nonEmpty(value), value.hasPrefix("/") else { return nil }
        return value
    }
}
