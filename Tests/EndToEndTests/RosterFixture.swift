import Foundation

/// A small OneRoster bundle (one school, "S1 Lakeside High") written for a test to import.
enum RosterFixture {
    /// Writes the manifest, orgs.csv and `usersCSV` as users.csv, plus any `extra` files
    /// by name, into a new `directory`.
    static func write(to directory: String, usersCSV: String, extra: [String: String] = [:]) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let files = [
            "manifest.csv": "propertyName,value\noneroster.version,1.1\nfile.orgs,bulk\nfile.users,bulk\n",
            "orgs.csv": "sourcedId,name,type\nS1,Lakeside High,school\n",
            "users.csv": usersCSV,
        ].merging(extra) { _, given in given }
        for (name, text) in files { try text.write(toFile: "\(directory)/\(name)", atomically: true, encoding: .utf8) }
    }
}
