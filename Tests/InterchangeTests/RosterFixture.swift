import Foundation

/// A small OneRoster 1.2 bulk bundle written to a scratch folder, which a test can break
/// one file at a time.
struct RosterFixture {
    let url: URL

    static let files: [String: String] = [
        "manifest.csv": "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.orgs,bulk\nfile.users,bulk\nfile.roles,bulk\nfile.demographics,bulk\nfile.classes,absent\n",
        "orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\nD1,active,2025-01-01T00:00:00Z,Lakeside District,district,,\nS1,active,2025-01-01T00:00:00Z,Lakeside High,school,,D1\n",
        "users.csv": "sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,identifier,grades,password,preferredGivenName\nU1,active,2025-01-01,true,ana,Ana,Lopez,1001,09,Secret-Hunter2,Annie\nU2,active,2025-01-01,true,ben,Ben,Okafor,1002,10,Secret-Hunter2,\nC1,active,2025-01-01,true,msmith,Maria,Smith,,,Secret-Hunter2,\n",
        "roles.csv": "sourcedId,status,dateLastModified,userSourcedId,roleType,role,orgSourcedId\nR1,active,2025-01-01,U1,primary,student,S1\nR2,active,2025-01-01,U2,primary,student,S1\nR3,active,2025-01-01,C1,primary,counselor,S1\n",
        "demographics.csv": "sourcedId,status,dateLastModified,birthDate,sex,asian,white\nU1,active,2025-01-01,2010-04-17,female,true,false\n",
    ]

    init(replacing changes: [String: String] = [:]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in RosterFixture.files.merging(changes, uniquingKeysWith: { $1 }) {
            try Data(text.utf8).write(to: url.appendingPathComponent(name))
        }
    }

    func write(_ name: String, _ data: Data) throws {
        try data.write(to: url.appendingPathComponent(name))
    }

    /// ../shared/data/oneroster beside the package's folder, when this machine has it.
    static func shared(_ name: String) -> URL? {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/data/oneroster/\(name)")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
