import Foundation
import Interchange
import WaypointEffects
import WaypointStore

/// A file named on the command line as the audit trail records it: absolute, so a row
/// still says where the copy went when read from another folder.
func absolutePath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}

/// Refuses, before any work, an output file that already exists: exports, like backups,
/// never overwrite a file.
func refuseExistingOutput(_ path: String) throws {
    guard !FileManager.default.fileExists(atPath: path) else { throw CLIError(ExportError.exists(path: path).description) }
}

/// Sends an export to standard output, or with `file` into a new owner-only file (0600,
/// never over an existing one), with its audit row either way; the row of a file names it.
func sendExport(_ text: String, to file: String?, db: AppDatabase, _ entry: AuditEntry) throws {
    guard let file else {
        try withAudit(db, entry) { print(text, terminator: "") }
        return
    }
    var recorded = entry
    recorded.detail += " to \(absolutePath(file))"
    try withAudit(db, recorded, file: file) { try writeNewPrivateFile(text, to: file) }
    warn("Wrote \(file)")
}

/// ``NewPrivateFile/write(_:to:)`` with its refusal as a command-line error.
func writeNewPrivateFile(_ text: String, to file: String) throws {
    do {
        try NewPrivateFile.write(text, to: file)
    } catch let error as ExportError {
        throw CLIError(error.description)
    }
}
