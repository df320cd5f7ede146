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
        let district = try await commandDistrict()
        let (hub, roster, passwordFile, counselorURL) = (district.hub, district.roster, district.passwordFile, district.counselorURL)
        let secret = hub.cluster.password
        let passphraseFile = try privateFile(in: roster.url, "counselor-passphrase", "correct horse battery")
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
        let dumped = try hub.dump()
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
