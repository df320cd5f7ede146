import Foundation
import HubTestSupport
import ProcessKit
import WaypointHub
import WaypointStore
import XCTest

/// Issue 14's test of confidentiality, end to end: a counselor with a passphrase joins, writes
/// a confidential session, and syncs with the real binary; the session's marker words appear
/// nowhere in `pg_dump` of the hub nor in the cluster's data folder, though the session is
/// at the hub (sealed), and the author's own second workstation reads it back.
extension HubCommandTests {
    func testAConfidentialNoteReachesTheHubOnlySealedAndItsAuthorsOtherWorkstationReadsIt() async throws {
        let hub = try await HubCluster.shared().makeDatabase()
        let url = hub.address.description
        let secret = hub.cluster.password
        XCTAssertEqual(try waypoint(["hub", "init", "--url", url], password: secret).status, 0)
        let roster = try HubRoster(tag: token())
        XCTAssertEqual(try waypoint(["hub", "import", "oneroster", roster.url.path, "--url", url], password: secret).status, 0)
        let passwordFile = roster.url.appendingPathComponent("counselor-password")
        let passphraseFile = roster.url.appendingPathComponent("counselor-passphrase")
        for (file, text) in [(passwordFile, "a long password"), (passphraseFile, "correct horse battery")] {
            try Data("\(text)\n".utf8).write(to: file)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        }
        let added = try waypoint(["hub", "counselor", "add", "--url", url, "--sourced-id", roster.a, "--given", "Maria",
                                  "--family", "Smith", "--password-file", passwordFile.path], password: secret)
        XCTAssertEqual(added.status, 0, added.err)
        let counselorURL = hub.address(as: HubCounselors.roleName(for: roster.a)).description
        let marker = "xyzzy\(token())plugh"

        func workstation(_ name: String) throws -> String {
            let database = roster.url.appendingPathComponent("\(name).sqlite").path
            XCTAssertEqual(try waypoint(["import", "oneroster", roster.url.path, "--db", database]).status, 0)
            let set = try waypoint(["passphrase", "set", "--db", database, "--as", roster.a, "--passphrase-file", passphraseFile.path])
            XCTAssertEqual(set.status, 0, set.err)
            let joined = try waypoint(["sync", "join", "--db", database, "--url", counselorURL, "--as", roster.a,
                                       "--password-file", passwordFile.path, "--passphrase-file", passphraseFile.path])
            XCTAssertEqual(joined.status, 0, joined.err)
            XCTAssertTrue(joined.out.contains("Confidential notes sync sealed with your own key"), joined.out)
            return database
        }

        let first = try workstation("first")
        let recorded = try waypoint(["session", "add", "1001", "--db", first, "--as", roster.a, "--passphrase-file", passphraseFile.path,
                                     "--kind", "personal", "--confidential", "--note", "note \(marker)", "--topic", "topic \(marker)",
                                     "--minutes", "30"])
        XCTAssertEqual(recorded.status, 0, recorded.err)
        let synced = try waypoint(["sync", "--db", first, "--json"])
        XCTAssertEqual(synced.status, 0, synced.err)
        XCTAssertEqual(try waypoint(["sync", "status", "--db", first, "--json"]).out.contains("\"confidentialKeptHere\" : 0"), true)

        // At the hub: sealed, and nowhere in clear.
        let sealed = try hub.psql("""
            SELECT count(*) FROM waypoint.synced_record WHERE confidential AND payload ? 'sealed'
            """, as: hub.address.user, password: secret)
        XCTAssertEqual(sealed.out, "2", "the session and its note are at the hub, sealed: \(sealed.err)")
        let dump = try ProcessKit.run(try Self.pgDumpPath(), [
            "-h", hub.address.host, "-p", String(hub.address.port), "-U", hub.address.user, "-d", hub.address.database,
        ], environment: ["PGPASSWORD": secret], timeout: 120)
        XCTAssertEqual(dump.status, 0, String(decoding: dump.stderr, as: UTF8.self))
        let dumped = String(decoding: dump.stdout, as: UTF8.self)
        XCTAssertTrue(dumped.contains("synced_record"), "the dump holds the records")
        XCTAssertFalse(dumped.contains(marker), "a confidential note's words are in pg_dump")
        if let data = ProcessInfo.processInfo.environment["WAYPOINT_TEST_HUB_DATA"] {
            _ = try hub.psql("CHECKPOINT", as: hub.address.user, password: secret)
            let found = try Self.files(under: URL(fileURLWithPath: data), containing: Data(marker.utf8))
            XCTAssertEqual(found, [], "a confidential note's words are in the hub's data folder")
        }

        // The author's second workstation opens it with the same passphrase.
        let second = try workstation("second")
        XCTAssertEqual(try waypoint(["sync", "--db", second]).status, 0)
        let shown = try waypoint(["session", "list", "1001", "--db", second, "--as", roster.a,
                                  "--passphrase-file", passphraseFile.path])
        XCTAssertEqual(shown.status, 0, shown.err)
        XCTAssertTrue(shown.out.contains("note \(marker)"), shown.out)
        try await hub.drop()
    }

    private static func pgDumpPath() throws -> String {
        URL(fileURLWithPath: try TestHub.psqlPath()).deletingLastPathComponent().appendingPathComponent("pg_dump").path
    }

    /// Files under `folder` whose bytes contain `needle`.
    private static func files(under folder: URL, containing needle: Data) throws -> [String] {
        var found: [String] = []
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let file = walker?.nextObject() as? URL {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  let bytes = try? Data(contentsOf: file) else { continue }
            if bytes.range(of: needle) != nil { found.append(file.path) }
        }
        return found
    }
}
