import Foundation
@testable import WaypointHub
import XCTest

/// The hub URL and where its password may come from: never the URL or the command line.
final class HubAddressTests: XCTestCase {
    func testURLParts() throws {
        let address = try HubAddress(parsing: "postgres://wp_ana@127.0.0.1:5433/district")
        XCTAssertEqual(address, HubAddress(user: "wp_ana", host: "127.0.0.1", port: 5433, database: "district", requiresTLS: false))
        XCTAssertTrue(try HubAddress(parsing: "postgresql://admin@hub.district.example/district").requiresTLS,
                      "away from loopback, TLS is required")
        XCTAssertFalse(try HubAddress(parsing: "postgres://admin@hub.example/d?sslmode=disable").requiresTLS)
        XCTAssertEqual(try HubAddress(parsing: "postgres://admin@localhost").database, "admin", "like libpq")
    }

    func testAPasswordInTheURLIsRefused() {
        XCTAssertThrowsError(try HubAddress(parsing: "postgres://admin:hunter2@127.0.0.1:5433/district")) { error in
            XCTAssertEqual(error as? HubError, .passwordInURL)
            XCTAssertTrue("\(error)".contains("refuses it there"), "\(error)")
            XCTAssertFalse("\(error)".contains("hunter2"), "the message never repeats the password")
        }
    }

    /// A password URL parsing cannot read (a space or an @ in it) or given as libpq's
    /// `?password=` was repeated in the "cannot be used" message, on screen and in logs.
    func testAPasswordTheURLParserCannotReadOrAPasswordParameterIsRefusedNotRepeated() {
        for url in ["postgres://admin:hunter 2@127.0.0.1:5433/district", "postgres://admin:hun@ter2@127.0.0.1/district",
                    "postgres://admin@127.0.0.1:5433/district?password=hunter2",
                    "postgres://admin@127.0.0.1/district?sslmode=disable&PASSWORD=hunter2"] {
            XCTAssertThrowsError(try HubAddress(parsing: url), url) { error in
                XCTAssertEqual(error as? HubError, .passwordInURL, url)
                XCTAssertFalse("\(error)".contains("hunter"), "\(error)")
            }
        }
        XCTAssertEqual(try HubAddress(parsing: "postgres://admin@127.0.0.1/district?sslmode=disable").user, "admin",
                       "a URL without a password still parses")
    }

    /// Port 99999 was taken and reported as "connection refused"; a URL that is no URL at
    /// all ("postgres://a@h:abc/db") was said not to start with postgres://.
    func testAPortOutOfRangeOrAnUnreadableURLIsNamedForWhatItIs() {
        XCTAssertThrowsError(try HubAddress(parsing: "postgres://a@127.0.0.1:99999/db")) { error in
            XCTAssertEqual("\(error)", "The hub address \"postgres://a@127.0.0.1:99999/db\" cannot be used: "
                + "port 99999 is not a port number (1 to 65535).")
        }
        XCTAssertThrowsError(try HubAddress(parsing: "postgres://a@127.0.0.1:abc/db")) { error in
            XCTAssertEqual("\(error)", "The hub address \"postgres://a@127.0.0.1:abc/db\" cannot be used: "
                + "it is not a valid URL; write postgres://USER@HOST:PORT/DATABASE (a port is digits only).")
        }
    }

    func testABadURLSaysWhatIsWrong() {
        XCTAssertThrowsError(try HubAddress(parsing: "mysql://a@b/c")) { error in
            XCTAssertTrue("\(error)".contains("must start with postgres://"), "\(error)")
        }
        XCTAssertThrowsError(try HubAddress(parsing: "postgres://127.0.0.1/db")) { error in
            XCTAssertTrue("\(error)".contains("names no user"), "\(error)")
        }
        XCTAssertThrowsError(try HubAddress(parsing: "postgres://a@h/db?sslmode=prefer")) { error in
            XCTAssertTrue("\(error)".contains("sslmode=prefer is not understood"), "\(error)")
        }
    }

    func testPasswordOrder() throws {
        let folder = try scratch()
        let address = try HubAddress(parsing: "postgres://wp_ana@127.0.0.1:5433/district")
        let file = try write("from-file\n", to: folder.appendingPathComponent("pw"), mode: 0o600)
        let passfile = try write("# comment\n127.0.0.1:5433:other:wp_ana:wrong\n127.0.0.1:*:district:wp_ana:from\\:pass\\\\file\n",
                                 to: folder.appendingPathComponent("pgpass"), mode: 0o600)
        XCTAssertEqual(try HubCredentials(environment: ["PGPASSWORD": "from-env", "PGPASSFILE": passfile])
            .password(for: address, passwordFile: file), "from-env")
        XCTAssertEqual(try HubCredentials(environment: ["PGPASSFILE": passfile]).password(for: address, passwordFile: file),
                       "from-file")
        XCTAssertEqual(try HubCredentials(environment: ["PGPASSFILE": passfile]).password(for: address), "from:pass\\file",
                       "wildcards and \\: escapes as in libpq")
        XCTAssertEqual(try HubCredentials(environment: [:], home: folder.path).password(for: address, passwordFile: file),
                       "from-file")
    }

    func testAPasswordFileOthersCanReadIsRefusedNamingItsMode() throws {
        let file = try write("secret\n", to: try scratch().appendingPathComponent("pw"), mode: 0o644)
        XCTAssertThrowsError(try HubCredentials.readPasswordFile(file)) { error in
            XCTAssertEqual("\(error)", "The password file \(file) can be read by other users (mode 0644); "
                + "Waypoint does not use it. Run: chmod 600 \(file)")
        }
    }

    func testAPassfileOthersCanReadIsIgnoredWithAWarning() throws {
        let folder = try scratch()
        let passfile = try write("*:*:*:*:secret\n", to: folder.appendingPathComponent("pgpass"), mode: 0o644)
        let warnings = Warnings()
        let credentials = HubCredentials(environment: ["PGPASSFILE": passfile], warn: { warnings.add($0) })
        XCTAssertThrowsError(try credentials.password(for: HubAddress(parsing: "postgres://a@127.0.0.1:1/d"))) { error in
            XCTAssertEqual(error as? HubError, .noPassword(user: "a", place: "127.0.0.1:1", passfile: passfile))
        }
        XCTAssertEqual(warnings.all, ["warning: ignoring the passfile \(passfile): its mode 0644 lets others read it (chmod 600 \(passfile))"])
    }

    /// `~/.pgpass` was looked up in the account's home from the user database, not in $HOME
    /// as psql does: with HOME pointing elsewhere (sudo -H, a service account, CI) psql found
    /// the passfile and Waypoint said there was no password.
    func testThePassfileIsLookedUpInHOMEAsPsqlDoes() throws {
        let folder = try scratch()
        _ = try write("*:*:*:wp_ana:from-home\n", to: folder.appendingPathComponent(".pgpass"), mode: 0o600)
        let address = try HubAddress(parsing: "postgres://wp_ana@127.0.0.1:5433/district")
        XCTAssertEqual(try HubCredentials(environment: ["HOME": folder.path]).password(for: address), "from-home")
    }

    /// A folder given as the password file (or found as the passfile) was refused for its mode,
    /// with the advice to chmod 600 it.
    func testAFolderIsNoPasswordFile() throws {
        let folder = try scratch()
        let inner = folder.appendingPathComponent("pw")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: inner.path)
        XCTAssertThrowsError(try HubCredentials.readPasswordFile(inner.path)) { error in
            XCTAssertEqual("\(error)", "The password file \(inner.path) cannot be used: it is a folder, not a file.")
        }
        let passfile = folder.appendingPathComponent(".pgpass")
        try FileManager.default.createDirectory(at: passfile, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: passfile.path)
        let warnings = Warnings()
        let credentials = HubCredentials(environment: ["PGPASSFILE": passfile.path], warn: { warnings.add($0) })
        XCTAssertThrowsError(try credentials.password(for: HubAddress(parsing: "postgres://a@127.0.0.1:1/d")))
        XCTAssertEqual(warnings.all, ["warning: ignoring the passfile \(passfile.path): it is a folder, not a file"])
    }

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hub-credentials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func write(_ text: String, to url: URL, mode: Int) throws -> String {
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url.path
    }
}

final class Warnings: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
