import Foundation
import WaypointCore

/// Audit rows the database could not take because another program held its write lock:
/// "who viewed which student" must not vanish because an import was running and the
/// process was then killed. Each is kept at once, with the moment it happened, in a private
/// file in the same folder as the drafts kept aside (`<database>.unsaved-drafts`, 0700), named
/// `audit-<random>.json` (0600), written whole or not at all; it is removed once the
/// database has the row, and taken in at the next start otherwise.
extension DraftsAside {
    static let auditPrefix = "audit-"

    private struct AuditFile: Codable {
        var format: Int
        var action: String
        var counselorId: Int64?
        var studentId: Int64?
        var subject: String
        var detail: String
        var at: Double
    }

    /// Keeps `entry`, which happened `at`; returns the file's path, to remove once stored.
    public func keepAudit(_ entry: AuditEntry, at: Date) throws -> String {
        let content = AuditFile(format: 1, action: entry.action.rawValue, counselorId: entry.counselorId,
                                studentId: entry.studentId, subject: entry.subject, detail: entry.detail,
                                at: at.timeIntervalSince1970)
        let target = (folder as NSString).appendingPathComponent("\(Self.auditPrefix)\(UUID().uuidString.lowercased()).json")
        try writeWhole(try JSONEncoder().encode(content), to: target)
        return target
    }

    /// Forgets a kept audit row: the database has it.
    public func removeAudit(_ path: String) { removeFile(path) }

    /// The audit rows kept aside, oldest first, or why a file cannot be used.
    func keptAudit() -> [(path: String, kept: Result<(entry: AuditEntry, at: Date), DraftAsideDamage>)] {
        NewFile.removeStale(in: folder, prefix: Self.auditPrefix)
        return leftovers().filter {
            let name = ($0 as NSString).lastPathComponent
            return name.hasPrefix(Self.auditPrefix) && name.hasSuffix(".json")
        }.map { path in
            guard let data = FileManager.default.contents(atPath: path),
                  let file = try? JSONDecoder().decode(AuditFile.self, from: data), file.format == 1,
                  let action = AuditAction(rawValue: file.action) else {
                return (path, .failure(DraftAsideDamage(path: path, reason: "it is not an audit row Waypoint wrote, or it was cut short")))
            }
            let entry = AuditEntry(action, counselorId: file.counselorId, studentId: file.studentId,
                                   subject: file.subject, detail: file.detail)
            return (path, .success((entry, Date(timeIntervalSince1970: file.at))))
        }.sorted { lhs, rhs in
            switch (lhs.kept, rhs.kept) {
            case (.success(let a), .success(let b)): a.at < b.at
            default: lhs.path < rhs.path
            }
        }
    }
}

extension AppDatabase {
    /// Takes the audit rows kept aside (a Waypoint killed while the database was busy) into
    /// the trail, each with the moment it happened, in one transaction; returns what to
    /// tell the counselor. A file that cannot be read is renamed `…damaged` and named. A
    /// busy database throws, and the files stay for the next start.
    public func takeAuditAside(now: Date) throws -> [String] {
        guard let aside = draftsAside else { return [] }
        let files = aside.keptAudit()
        guard !files.isEmpty else { return [] }
        var notes: [String] = []
        var stored: [String] = []
        try write { db in
            for file in files {
                switch file.kept {
                case .success(let kept):
                    try recordAudit(db, kept.entry, now: kept.at)
                    stored.append(file.path)
                case .failure(let damage):
                    let apart = aside.setApart(damage.path, suffix: DraftsAside.damagedSuffix, now: now)
                    notes.append("An audit row kept while the database was busy could not be read (\(damage.reason)); "
                                 + "it is in \(apart).")
                }
            }
        }
        stored.forEach(aside.removeAudit)
        return notes
    }
}
