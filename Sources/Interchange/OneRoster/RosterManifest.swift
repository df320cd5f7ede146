import Foundation
import WaypointCore

public enum RosterVersion: String, Sendable {
    case v1_1 = "1.1"
    case v1_2 = "1.2"
}

/// manifest.csv: the version, and for each file whether it is bulk, delta or absent.
struct RosterManifest {
    var version: RosterVersion
    var modes: [String: RosterBundle.Mode]

    /// The mode of a file ("users" for users.csv); a file the manifest does not name is absent.
    func mode(_ file: String) -> RosterBundle.Mode { modes[file] ?? .absent }

    static func read(_ directory: URL, issues: RosterIssues) -> RosterManifest? {
        let url = directory.appendingPathComponent("manifest.csv")
        guard FileManager.default.fileExists(atPath: url.path) else {
            issues.error(RosterIssue(file: "manifest.csv", line: 1, column: 1, field: "file", value: url.path,
                                     expected: "a OneRoster manifest.csv in the folder"))
            return nil
        }
        guard let csv = RosterCSVFile.read(url, issues: issues),
              let table = RosterTable(csv, RosterColumns(known: ["propertyName", "value"],
                                                         required: ["propertyName", "value"]), issues: issues)
        else { return nil }
        var version: RosterVersion?
        var modes: [String: RosterBundle.Mode] = [:]
        for record in table.records {
            let property = record["propertyName"]
            if property == "oneroster.version" {
                version = RosterVersion(rawValue: record["value"])
                if version == nil { issues.error(record.issue("value", "1.1 or 1.2")) }
            } else if property.hasPrefix("file.") {
                guard let mode = RosterBundle.Mode(rawValue: record["value"].lowercased()) else {
                    issues.error(record.issue("value", "bulk, delta or absent for \(property)"))
                    continue
                }
                modes[String(property.dropFirst(5))] = mode
            }
        }
        guard let version else {
            if !table.records.contains(where: { $0["propertyName"] == "oneroster.version" }) {
                issues.error(RosterIssue(file: "manifest.csv", line: 1, column: 1, field: "propertyName", value: "",
                                         expected: "a row oneroster.version,1.1 (or 1.2)"))
            }
            return nil
        }
        return RosterManifest(version: version, modes: modes)
    }
}
