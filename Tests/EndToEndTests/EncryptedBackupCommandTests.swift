import Foundation
import XCTest

/// `waypoint backup --encrypt` and `waypoint restore` of what it wrote.
final class EncryptedBackupCommandTests: XCTestCase {
    private let passphrase = "a long walk to the river"

    /// A demo database, an encrypted backup of it, then one more session written after the
    /// backup (so a restore visibly takes the data back).
    private func prepare(_ scratch: Scratch) throws -> (binary: URL, db: String, backup: String, id: String, tmp: String) {
        let binary = try waypointBinary()
        let db = scratch.path("w.sqlite")
        let backup = scratch.path("backup.wpenc")
        let tmp = scratch.path("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "30"]).status, 0)
        let made = try runProcess(binary, ["backup", backup, "--db", db, "--encrypt"],
                                  environment: ["WAYPOINT_PASSPHRASE": passphrase, "TMPDIR": tmp])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(made.stdout.contains("encrypted. Keep the passphrase"), made.stdout)
        let id = try firstLocalId(binary, db)
        XCTAssertEqual(try runProcess(binary, ["session", "add", id, "--db", db, "--kind", "college",
                                               "--note", "after the backup"]).status, 0)
        return (binary, db, backup, id, tmp)
    }

    func testAnEncryptedBackupHoldsNothingReadableAndRestoresEverything() throws {
        let scratch = try Scratch()
        let (binary, db, backup, id, tmp) = try prepare(scratch)
        let sealed = try Data(contentsOf: URL(fileURLWithPath: backup))
        XCTAssertTrue(sealed.starts(with: Data("WAYPOINT-ENCRYPTED-BACKUP v1\n".utf8)))
        XCTAssertNil(sealed.range(of: Data("SQLite format 3".utf8)))
        XCTAssertNil(sealed.range(of: Data(id.utf8)), "no student ID in clear")
        XCTAssertEqual(try mode(backup), 0o600)
        let again = try runProcess(binary, ["backup", backup, "--db", db, "--encrypt"], environment: ["WAYPOINT_PASSPHRASE": passphrase])
        XCTAssertTrue(again.stderr.contains("already exists; Waypoint does not overwrite files"), again.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: backup)), sealed)

        let restored = try runProcess(binary, ["restore", backup, "--db", db, "--passphrase-file",
                                               try secretFile(scratch, "pass", passphrase)], environment: ["TMPDIR": tmp])
        XCTAssertEqual(restored.status, 0, restored.stderr)
        XCTAssertFalse(try runProcess(binary, ["session", "list", id, "--db", db]).stdout.contains("after the backup"))
        let kept = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.contains(".before-restore-") }
        XCTAssertEqual(kept.count, 1)
        XCTAssertEqual(try mode(scratch.path(kept[0])), 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp), [], "the decrypted copy is removed")
        let trail = try runProcess(binary, ["audit", "--db", db, "--json", "--limit", "1"])
        let row = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(trail.stdout.utf8)) as? [[String: Any]])?.first)
        XCTAssertEqual(row["action"] as? String, "restored")
        XCTAssertEqual(row["subject"] as? String, "\(backup) (encrypted)", "the backup given, not its decrypted copy")
    }

    func testAWrongPassphraseAChangedByteOrACutFileIsRefusedAndChangesNothing() throws {
        let scratch = try Scratch()
        let (binary, db, backup, id, tmp) = try prepare(scratch)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let students = try runProcess(binary, ["student", "list", "--db", db, "--csv"]).stdout
        let sealed = try Data(contentsOf: URL(fileURLWithPath: backup))

        var changedBody = sealed
        changedBody[sealed.count / 2] ^= 0x01
        var changedHeader = sealed
        let saltAt = try XCTUnwrap(sealed.range(of: Data("salt=".utf8))).upperBound
        changedHeader[saltAt] = changedHeader[saltAt] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let cases: [(String, Data, String, String)] = [
            ("wrong", sealed, "a long walk to the rivet", "the passphrase is wrong"),
            ("body", changedBody, passphrase, "changed or damaged after it was written (authentication failed)"),
            ("header", changedHeader, passphrase, "the passphrase is wrong (or the file's header was changed)"),
            ("tag", sealed.dropLast(1) + [sealed.last! ^ 0x01], passphrase, "authentication failed"),
            ("cut", sealed.prefix(sealed.count - 100), passphrase, "it is cut short"),
        ]
        for (name, content, typed, message) in cases {
            let file = scratch.path("\(name).wpenc")
            try content.write(to: URL(fileURLWithPath: file))
            let refused = try runProcess(binary, ["restore", file, "--db", db],
                                         environment: ["WAYPOINT_PASSPHRASE": typed, "TMPDIR": tmp])
            XCTAssertEqual(refused.status, 1, name)
            XCTAssertTrue(refused.stderr.hasPrefix("Error: cannot restore \(file): "), refused.stderr)
            XCTAssertTrue(refused.stderr.contains(message), "\(name): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("Nothing was replaced."), refused.stderr)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before, "the database is byte for byte the same")
        XCTAssertEqual(try runProcess(binary, ["student", "list", "--db", db, "--csv"]).stdout, students)
        XCTAssertTrue(try runProcess(binary, ["session", "list", id, "--db", db]).stdout.contains("after the backup"))
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).contains { $0.contains(".before-restore-") })
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp), [])
    }

    func testAShortPassphraseOrAPlainBackupWithAPassphraseIsRefused() throws {
        let binary = try waypointBinary()
        let scratch = try Scratch()
        let db = scratch.path("w.sqlite")
        XCTAssertEqual(try runProcess(binary, ["demo", "--db", db, "--students", "20"]).status, 0)
        let short = try runProcess(binary, ["backup", scratch.path("b"), "--db", db, "--encrypt"],
                                   environment: ["WAYPOINT_PASSPHRASE": "short"])
        XCTAssertTrue(short.stderr.contains("at least 8 characters"), short.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path("b")))
        let plain = try runProcess(binary, ["backup", scratch.path("b"), "--db", db, "--passphrase-file", scratch.path("x")])
        XCTAssertTrue(plain.stderr.contains("--passphrase-file is for --encrypt"), plain.stderr)
    }
}

func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
}
