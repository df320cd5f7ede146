import Foundation
import WaypointCore

/// Loads the catalogs: the district's own file from the config folder when there is one,
/// otherwise the default compiled into Waypoint. A bad district file is an error naming
/// the file and the key, never a silent fallback to the default.
public enum CatalogLoader {
    public static func load(configDirectory: String) throws -> Catalogs {
        Catalogs(sessionKinds: try SessionKindCatalog.decode(
            try data(for: "session-kinds.json", configDirectory: configDirectory)))
    }

    /// The defaults alone, for tests and for the CLI before a config folder exists.
    public static func defaults() throws -> Catalogs {
        Catalogs(sessionKinds: try SessionKindCatalog.decode(
            CatalogSource(name: "session-kinds.json (built in)", data: Data(EmbeddedCatalogs.files["session-kinds.json"]!))))
    }

    static func data(for name: String, configDirectory: String) throws -> CatalogSource {
        let path = URL(fileURLWithPath: configDirectory).appendingPathComponent(name).path
        if FileManager.default.fileExists(atPath: path) {
            do {
                return CatalogSource(name: path, data: try Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw CatalogError(file: path, key: nil, problem: "cannot be read (\(error.localizedDescription))")
            }
        }
        return CatalogSource(name: "\(name) (built in)", data: Data(EmbeddedCatalogs.files[name]!))
    }
}
