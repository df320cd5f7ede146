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

    /// The file as written: decoded with Codable, every key checked. A value of the wrong
    /// kind or an unknown key is an error naming the key (a typo must not leave the screen
    /// unlocked).
    private struct File: Codable {
        var idleLock: String?
        var counselors: [String: Int64]?

        enum CodingKeys: String, CodingKey, CaseIterable { case idleLock, counselors }

        init(idleLock: String?, counselors: [String: Int64]?) {
            self.idleLock = idleLock
            self.counselors = counselors
        }

        init(from decoder: Decoder) throws {
            let all = try decoder.container(keyedBy: AnyKey.self)
            if let unknown = all.allKeys.map(\.stringValue).sorted().first(where: { CodingKeys(rawValue: $0) == nil }) {
                throw Problem("unknown key \"\(unknown)\"; known keys: \(CodingKeys.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            do {
                idleLock = try container.decodeIfPresent(String.self, forKey: .idleLock)
            } catch {
                throw Problem("\"idleLock\": expected \"off\" or a time of at least 5 seconds such as \"10m\", \"90s\" or \"1h\"")
            }
            do {
                counselors = try container.decodeIfPresent([String: Int64].self, forKey: .counselors)
            } catch DecodingError.typeMismatch(_, let context) where context.codingPath.count > 1 {
                throw Problem("\"counselors\".\"\(context.codingPath[1].stringValue)\": expected a counselor ID (a number)")
            } catch {
                throw Problem("\"counselors\": expected an object of database path to counselor ID")
            }
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct Problem: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    static func parse(_ data: Data, path: String) throws -> WorkstationConfig {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let problem as Problem {
            throw StoreError.badConfig(path: path, reason: problem.reason)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw StoreError.badConfig(path: path, reason: "it is JSON but not an object; expected e.g. {\"idleLock\": \"10m\"}")
        } catch {
            throw StoreError.badConfig(path: path, reason: "it is not valid JSON (a missing quote, comma or brace?); "
                + "expected e.g. {\"idleLock\": \"10m\"}")
        }
        var config = WorkstationConfig()
        if let text = file.idleLock {
            guard let lock = IdleLock(parsing: text) else {
                throw StoreError.badConfig(path: path, reason: "\"idleLock\": expected \"off\" or a time of at least 5 seconds "
                    + "such as \"10m\", \"90s\" or \"1h\", got \"\(text)\"")
            }
            config.idleLock = lock
        }
        config.counselors = file.counselors ?? [:]
        return config
    }

    /// The key a database is remembered under: its absolute path, standardized, so the
    /// screen and the command line find the same entry however the path was typed.
    public static func key(forDatabase path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The counselor chosen on screen for `database`, if one was.
    public static func chosenCounselor(forDatabase path: String, directory: String) throws -> Int64? {
        try load(directory: directory).counselors[key(forDatabase: path)]
    }

    /// Stores who is at the keyboard for `database`, keeping the rest of the file as it is.
    /// The file is written whole to a temporary name and renamed, owner-only.
    public static func remember(counselorId: Int64, forDatabase database: String, directory: String) throws {
        var config = try load(directory: directory)
        config.counselors[database] = counselorId
        try PrivateFiles.createFolder(directory)
        let file = File(idleLock: config.idleLock == .standard ? nil : config.idleLock.description, counselors: config.counselors)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(file)
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
