import Foundation
import HubTestSupport
import WaypointHub
import XCTest

/// A hub set up with the real binary as a district's administrator does it: `hub init`, the
/// roster imported, counselor A given a login whose password is in a 0600 file. The start of
/// every command-line sync test.
struct CommandDistrict {
    let hub: TestHub
    let roster: HubRoster
    let passwordFile: URL
    /// The hub's address as counselor A's own login.
    let counselorURL: String
    /// Counselor A's login role.
    let role: String
}

extension HubCommandTests {
    func commandDistrict() async throws -> CommandDistrict {
        let hub = try await HubCluster.shared().makeDatabase()
        let url = hub.address.description
        let secret = hub.cluster.password
        XCTAssertEqual(try waypoint(["hub", "init", "--url", url], password: secret).status, 0)
        let roster = try HubRoster(tag: token())
        XCTAssertEqual(try waypoint(["hub", "import", "oneroster", roster.url.path, "--url", url], password: secret).status, 0)
        let passwordFile = try privateFile(in: roster.url, "counselor-password", "a long password")
        let added = try waypoint(["hub", "counselor", "add", "--url", url, "--sourced-id", roster.a, "--given", "Maria",
                                  "--family", "Smith", "--password-file", passwordFile.path], password: secret)
        XCTAssertEqual(added.status, 0, added.err)
        let role = HubCounselors.roleName(for: roster.a)
        return CommandDistrict(hub: hub, roster: roster, passwordFile: passwordFile,
                               counselorURL: hub.address(as: role).description, role: role)
    }

    /// A file only its owner may read, as password and passphrase files must be.
    func privateFile(in folder: URL, _ name: String, _ text: String) throws -> URL {
        let file = folder.appendingPathComponent(name)
        try Data("\(text)\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        return file
    }
}
