import Foundation
import WaypointStore

/// Sends student records out (to standard output or a file) only with a row in the audit
/// trail to show for it.
///
/// Output to the terminal is recorded first: if the row cannot be written, nothing is
/// shown. A file is written first and recorded after: if the row cannot be written, the
/// file is removed. Either way, no copy leaves Waypoint without a trace.
public func withAudit(_ db: AppDatabase, _ entry: AuditEntry, file: String? = nil, _ send: () throws -> Void) throws {
    guard let file else {
        try db.recordAudit(entry)
        try send()
        return
    }
    try send()
    do {
        try db.recordAudit(entry)
    } catch {
        try? FileManager.default.removeItem(atPath: file)
        throw AuditedOutputError(description: "\(file) was removed because the audit trail could not record it: \(error)")
    }
}

/// A file sent out whose audit row could not be written, and so was removed.
public struct AuditedOutputError: Error, CustomStringConvertible {
    public var description: String
}
