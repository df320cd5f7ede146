import ArgumentParser
import Foundation
import WaypointCore
import WaypointStore

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the whole database to a new file (readable by you only).",
        discussion: """
            With --encrypt the copy is sealed with a passphrase (scrypt and AES-256-GCM): from \
            --passphrase-file FILE, else WAYPOINT_PASSPHRASE, else asked twice on the terminal. \
            Any passphrase of 8 characters or more will do; keep it, because without it the backup \
            cannot be restored by anyone.
            """)

    @OptionGroup var database: DatabaseOptions
    /// `--as`, and `--passphrase-file`, which here gives the backup's passphrase (see ``run()``).
    @OptionGroup var acting: ActingCounselorOption
    @Argument(help: "The backup file to create; an existing file is never overwritten.") var file: String

    @Flag(help: "Encrypt the backup with a passphrase (kept by you: there is no recovery).")
    var encrypt = false

    private var passphrase: PassphraseOptions { acting.passphrase }

    func validate() throws {
        if passphrase.file != nil, !encrypt {
            throw ValidationError("--passphrase-file is for --encrypt; a plain backup takes no passphrase")
        }
    }

    func run() throws {
        guard !FileManager.default.fileExists(atPath: file) else {
            throw CLIError(StoreError.backupExists(path: file).description)
        }
        let db = try database.openToRecord()
        // The passphrase options are the backup's, so a counselor with a passphrase is not
        // credited (naming one is refused): the row names the operating-system user.
        let counselor = try acting.resolveIfKnown(in: db, passphraseFor: "the backup's passphrase")
        let entry = AuditEntry(.backedUp, counselorId: counselor?.id,
                               subject: absolutePath(file) + (encrypt ? " (encrypted)" : ""))
        // Recorded once the copy is complete and before it takes its name: a copy that
        // exists always has its row, and one whose row cannot be written is never made.
        let record = {
            do {
                try db.recordAudit(entry)
            } catch {
                throw CLIError("\(file) was not made because the audit trail could not record it: \(error)")
            }
        }
        let secret = encrypt ? try passphrase.read(prompt: "Passphrase for the backup (at least 8 characters): ", confirm: true) : nil
        do {
            if let secret {
                try EncryptedBackupFiles.backup(db, to: file, passphrase: secret, beforePublishing: record)
            } else {
                try db.backup(to: file, beforePublishing: record)
            }
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
        say(secret == nil ? "Backed up \(database.resolvedPath) to \(file)."
              : "Backed up \(database.resolvedPath) to \(file), encrypted. Keep the passphrase: "
                + "without it this backup cannot be restored.")
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database's content with a backup, after checking the backup; the current content is kept beside it.",
        discussion: """
            An encrypted backup is recognised by its first line and decrypted with its passphrase \
            (--passphrase-file FILE, else WAYPOINT_PASSPHRASE, else asked on the terminal). A wrong \
            passphrase, or a file changed or cut short, is refused and nothing is replaced.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The backup file made by `waypoint backup` (encrypted or not).") var file: String
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        guard FileManager.default.fileExists(atPath: file) else {
            throw CLIError("there is no backup at \(file); nothing was replaced")
        }
        guard !NewFile.isPartial(file) else {
            throw CLIError(StoreError.incompleteBackup(path: file, reason: "it was left by a backup that was stopped "
                + "before it finished").description + " Nothing was replaced.")
        }
        if EncryptedBackupFiles.isEncrypted(file) {
            let secret = try passphrase.read(prompt: "Passphrase of the backup \(file): ")
            // Decrypted (and so authenticated) before the database is even opened.
            let plain = try EncryptedBackupFiles.decrypted(file, passphrase: secret)
            try restore(recordedAs: absolutePath(file) + " (encrypted)") { db, previous, subject in
                try db.restore(decrypted: plain, named: file, keepingPreviousAt: previous, recordedAs: subject)
            }
        } else {
            guard passphrase.file == nil else {
                throw CLIError("\(file) is not an encrypted backup, so it takes no passphrase; nothing was replaced")
            }
            try restore(recordedAs: absolutePath(file)) { db, previous, subject in
                try db.restore(from: file, keepingPreviousAt: previous, recordedAs: subject)
            }
        }
    }

    /// Opens the database and runs `replace` with the path for the previous content and the
    /// audit row's subject; store errors become messages that say nothing was replaced.
    private func restore(recordedAs subject: String, _ replace: (AppDatabase, String, String) throws -> Void) throws {
        let db = try database.open()
        let previous = absolutePath(Self.freshPreviousPath(for: database.resolvedPath, at: Date()))
        do {
            try replace(db, previous, subject)
        } catch let error as StoreError {
            throw CLIError(error.description + " Nothing was replaced.")
        }
        say("Restored \(database.resolvedPath) from \(file); the previous content is in \(previous).")
    }

    /// `DB.before-restore-20261123-160512`, or with `-2`, `-3`… when restores follow each other
    /// within a second: the copy of what was there is never overwritten.
    static func freshPreviousPath(for databasePath: String, at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = databasePath + ".before-restore-" + formatter.string(from: date)
        var candidate = base
        var suffix = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return candidate
    }
}
