import Foundation
import WaypointStore

/// Plain copies of student records that a killed backup or restore left behind (see
/// ``LeftoverCopies``). Any command that opens the database removes them; doctor, which
/// changes nothing unless asked, names them.
enum LeftoverChecks {
    static func run(databasePath: String) -> [DoctorFinding] {
        let found = LeftoverCopies.find(databasePath: databasePath)
        guard !found.isEmpty else { return [.ok("no copies left behind by a stopped backup or restore")] }
        return [.warning("plain copies of student records left behind by a stopped backup or restore (\(found.count)): "
                         + found.joined(separator: ", "),
                         fix: "`waypoint doctor --fix --db \(databasePath)` removes them "
                            + "(so does any Waypoint command that opens the database)")]
    }

    /// `doctor --fix`: removes them and says so.
    static func fix(databasePath: String) {
        for path in LeftoverCopies.remove(databasePath: databasePath) { print("FIXED    removed \(path)") }
    }
}

/// Imports that stopped part-way (a kill, a power cut): each is applied in short chunks under
/// an `import_batch` row, so the rest can be applied later from what it stored (issue 12).
enum InterruptedImportChecks {
    /// `doctor --fix`: applies the rest of each one that can be finished, and says so.
    static func fix(databasePath: String) throws {
        guard let diagnosis = try? AppDatabase.diagnose(path: databasePath), !diagnosis.unfinishedImports.isEmpty else { return }
        do {
            for sentence in try AppDatabase.open(path: databasePath).finishInterruptedImports() {
                print("FIXED    \(sentence)")
            }
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
    }
}

extension DatabaseChecks {
    static func imports(_ diagnosis: DatabaseDiagnosis, path: String) -> [DoctorFinding] {
        guard !diagnosis.unfinishedImports.isEmpty else { return [.ok("no import stopped part-way")] }
        return diagnosis.unfinishedImports.map { batch in
            .warning(batch.description, fix: batch.canFinish
                ? "`waypoint doctor --fix --db \(path)` applies the rest (so does the next import); if it is still running elsewhere, let it finish"
                : "delete \(path) and load the demo again (`waypoint demo --db \(path)`)")
        }
    }
}

/// Drafts and audit rows kept beside the database while it was busy (see ``DraftsAside``,
/// ``AuditAside``) that no Waypoint has taken back yet: a process killed while waiting leaves
/// them for its counselor's next start. Doctor names each one and what to do; it never removes them.
enum DraftsAsideChecks {
    static func run(databasePath: String) -> [DoctorFinding] {
        let files = DraftsAside(databasePath: databasePath).leftovers()
        guard !files.isEmpty else { return [.ok("no drafts waiting beside the database")] }
        return files.map { path in
            let name = URL(fileURLWithPath: path).lastPathComponent
            if name.hasPrefix("audit-"), name.hasSuffix(".json") {
                return .warning("an audit row kept while the database was busy: \(path)",
                                fix: "start Waypoint on this database: the row is taken into the audit trail with its time")
            }
            guard name.hasSuffix(".json") else {
                return .warning("a draft set apart (it could not be used, or a newer one was saved): \(path)",
                                fix: "open it in a text editor, copy what you need into a new session, then delete it")
            }
            let counselor = name.split(separator: ".").first.map { $0.replacingOccurrences(of: "-", with: " ") } ?? "its counselor"
            return .warning("an unsaved draft of \(counselor), kept while the database was busy: \(path)",
                            fix: "start Waypoint on this database as \(counselor): the draft is saved and offered back")
        }
    }
}
