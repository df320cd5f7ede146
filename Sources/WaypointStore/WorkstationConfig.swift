import Foundation
import WaypointCore

/// The settings of this workstation, in `config.json` in the configuration folder: who is at
/// the keyboard (per database, so a counselor with two databases is asked once for each) and
/// when the screen locks itself.
///
/// ```json
/// { "idleLock": "10m", "counselors": { "/home/me/.local/share/waypoint/waypoint.sqlite": 3 } }
/// ```
public struct WorkstationConfig: Equatable, Sendable {
    public static let fileName = "config.json"
    static let knownKeys = ["idleLock", "counselors"]

    public var idleLock = IdleLock.standard
    /// The counselor at the keyboard, by database path.
    public var counselors: [String: Int64] = [:]

    public init() {}

    /// Reads the file, or the defaults when there is none. A file that is there but wrong is
    /// an error naming the file and the key, never silently ignored: a typo must not leave
    /// the screen unlocked.
    public static func load(directory: String) throws -> WorkstationConfig {
        let path = directory + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else { return WorkstationConfig() }
        return try parse(data, path: path)
    }

    static func parse(_ data: Data, path: String) throws -> WorkstationConfig {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw StoreError.badConfig(path: path, reason: "it is not valid JSON (a missing quote, comma or brace?); "
                + "expected e.g. {\"idleLock\": \"10m\"}")
        }
        guard let root = object as? [String: Any] else {
            throw StoreError.badConfig(path: path, reason: "it is JSON but not an object; expected e.g. {\"idleLock\": \"10m\"}")
        }
        if let unknown = root.keys.sorted().first(where: { !knownKeys.contains($0) }) {
            throw StoreError.badConfig(path: path, reason: "unknown key \"\(unknown)\"; known keys: \(knownKeys.joined(separator: ", "))")
        }
        var config = WorkstationConfig()
        if let value = root["idleLock"] {
            guard let text = value as? String, let lock = IdleLock(parsing: text) else {
                throw StoreError.badConfig(path: path, reason: "\"idleLock\": expected \"off\" or a time of at least 5 seconds "
                    + "such as \"10m\", \"90s\" or \"1h\", got \(value)")
            }
            config.idleLock = lock
        }
        if let value = root["counselors"] {
            guard let map = value as? [String: Any] else {
                throw StoreError.badConfig(path: path, reason: "\"counselors\": expected an object of database path to counselor ID")
            }
            for (database, id) in map {
                guard let number = id as? NSNumber, let counselorId = Int64(exactly: number.doubleValue) else {
                    throw StoreError.badConfig(path: path, reason: "\"counselors\".\"\(database)\": expected a counselor ID (a number), got \(id)")
                }
                config.counselors[database] = counselorId
            }
        }
        return config
    }

    /// Stores who is at the keyboard for `database`, keeping the rest of the file as it is.
    /// The file is written whole to a temporary name and renamed, owner-only.
    public static func remember(counselorId: Int64, forDatabase database: String, directory: String) throws {
        var config = try load(directory: directory)
        config.counselors[database] = counselorId
        try PrivateFiles.createFolder(directory)
        var root: [String: Any] = ["counselors": config.counselors]
        if config.idleLock != .standard { root["idleLock"] = config.idleLock.description }
        let data = try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
        let path = directory + "/" + fileName
        let temporary = path + ".tmp"
        try? FileManager.default.removeItem(atPath: temporary)
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.cannotCreateFile(path: temporary)
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw StoreError.cannotCreateFile(path: path)
        }
    }
}
