import ArgumentParser
import Foundation
import WaypointCore
import WaypointStore

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the whole database to a new file (readable by you only).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption
    @Argument(help: "The backup file to create; an existing file is never overwritten.") var file: String

    func run() throws {
        let db = try database.openToRecord()
        let counselor = try acting.resolveIfKnown(in: db)
        do {
            try withAudit(db, AuditEntry(.backedUp, counselorId: counselor?.id, subject: file), file: file) {
                try db.backup(to: file)
            }
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
        print("Backed up \(database.resolvedPath) to \(file).")
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database's content with a backup, after checking the backup; the current content is kept beside it.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The backup file made by `waypoint backup`.") var file: String

    func run() throws {
        let db = try database.open()
        let stamp = LocalTime.format(Date(), timeZone: .current).replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: ":", with: "")
        let previous = database.resolvedPath + ".before-restore-\(stamp)"
        do {
            try db.restore(from: file, keepingPreviousAt: previous)
        } catch let error as StoreError {
            throw CLIError(error.description + " Nothing was replaced.")
        }
        print("Restored \(database.resolvedPath) from \(file); the previous content is in \(previous).")
    }
}
