import Foundation
import WaypointStore
import WaypointVault

/// The file side of encrypted backups: the plain SQLite copy only ever lives in a private
/// temporary folder (0700, file 0600) that is removed when the work is done or fails.
enum EncryptedBackupFiles {
    /// Backs `db` up into `destination`, sealed under `passphrase`. `destination` is
    /// created 0600 and never replaces an existing file; on any failure it is not left behind.
    static func backup(_ db: AppDatabase, to destination: String, passphrase: String) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw CLIError(StoreError.backupExists(path: destination).description)
        }
        let sealed = try withPrivateFolder { folder in
            let plain = folder.appendingPathComponent("backup.sqlite").path
            try db.backup(to: plain)
            let data = try Data(contentsOf: URL(fileURLWithPath: plain))
            return try vault { try EncryptedBackup.seal(data, passphrase: passphrase) }
        }
        try writeNew(sealed, to: destination)
    }

    /// Whether `path` starts like an encrypted backup.
    static func isEncrypted(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let prefix = (try? handle.read(upToCount: EncryptedBackup.prefixLength)) ?? Data()
        return EncryptedBackup.isEncrypted(prefix: prefix)
    }

    /// Decrypts `path` into a private temporary file and hands its path to `body`; the
    /// file is removed afterwards. Throws before `body` runs when the passphrase is wrong
    /// or the file was changed or cut short.
    static func decrypted<T>(_ path: String, passphrase: String, _ body: (String) throws -> T) throws -> T {
        let sealed: Data
        do {
            sealed = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError("cannot read the backup \(path): \(error.localizedDescription)")
        }
        let plain = try vault(path) { try EncryptedBackup.open(sealed, passphrase: passphrase) }
        return try withPrivateFolder { folder in
            let file = folder.appendingPathComponent("restore.sqlite").path
            try writeNew(plain, to: file)
            return try body(file)
        }
    }

    /// A fresh 0700 folder under the system's temporary folder, removed after `body`.
    private static func withPrivateFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    /// Creates `path` 0600 with O_EXCL (never replacing a file, not even one that appeared
    /// a moment ago) and writes `data` to disk; removes it again if writing fails.
    private static func writeNew(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "it already exists; Waypoint does not overwrite files. Choose a new name"
                : String(cString: strerror(errno))
            throw CLIError("cannot create \(path): \(reason)")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            unlink(path)
            throw CLIError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Vault errors as messages that name the file.
    private static func vault<T>(_ path: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as VaultError {
            throw CLIError(path.map { "cannot restore \($0): \(error). Nothing was replaced." } ?? "\(error)")
        }
    }
}
