import Foundation
import WaypointStore
import WaypointVault

/// The file side of encrypted backups: the plain SQLite copy only ever lives in a private
/// temporary folder (see ``PrivateWorkFolder``) that is removed when the work is done or
/// fails, and swept at the next start if a kill left it behind.
enum EncryptedBackupFiles {
    /// Backs `db` up into `destination`, sealed under `passphrase`. `destination` is
    /// created 0600 and never replaces an existing file; it appears complete or not at all,
    /// after `beforePublishing` (the audit row) has run.
    static func backup(_ db: AppDatabase, to destination: String, passphrase: String,
                       beforePublishing: () throws -> Void) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw CLIError(StoreError.backupExists(path: destination).description)
        }
        let sealed = try PrivateWorkFolder.with { folder in
            let plain = folder.appendingPathComponent("backup.sqlite").path
            try db.backup(to: plain)
            TestHook.reached("encrypted-backup-plain-copied")
            let data = try Data(contentsOf: URL(fileURLWithPath: plain))
            return try vault { try EncryptedBackup.seal(data, passphrase: passphrase) }
        }
        try NewFile.create(destination, stage: "encrypted-backup",
                           write: { _, handle in try handle.write(contentsOf: sealed) },
                           beforePublishing: beforePublishing)
    }

    /// Whether `path` starts like an encrypted backup.
    static func isEncrypted(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let prefix = (try? handle.read(upToCount: EncryptedBackup.prefixLength)) ?? Data()
        return EncryptedBackup.isEncrypted(prefix: prefix)
    }

    /// Decrypts `path`: throws when the passphrase is wrong or the file was changed or cut short.
    static func decrypted(_ path: String, passphrase: String) throws -> Data {
        let sealed: Data
        do {
            sealed = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError("cannot read the backup \(path): \(error.localizedDescription)")
        }
        return try vault(path) { try EncryptedBackup.open(sealed, passphrase: passphrase) }
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
