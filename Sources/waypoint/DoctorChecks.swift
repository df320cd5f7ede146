import Foundation
import WaypointCore
import WaypointCatalogs
import WaypointStore

/// The database's checks: the file, its permissions, its content, its schema.
enum DatabaseChecks {
    static func run(path: String) -> [DoctorFinding] {
        guard FileManager.default.fileExists(atPath: path) else {
            return [.problem("there is no database at \(path)",
                             fix: "start `waypoint` to create it (it offers a demo district), or give the right path with --db")]
        }
        // Before reading: opening the database may change an empty companion's mode (SQLite
        // gives it the database's), hiding a read-only leftover.
        let writable = writability(path)
        let content = contentChecks(path)
        // Permissions after reading: opening a WAL database creates its -wal and -shm with
        // the file's mode, and those belong in the report too.
        return permissions(path) + writable + content
    }

    /// Read-only files beside the database block every write while everything reads fine,
    /// so the other checks would say all is well (issue 12).
    static func writability(_ path: String) -> [DoctorFinding] {
        DatabasePermissions.readOnlyFiles(databasePath: path).map { entry in
            let text = "\(entry.path) is read-only for you (mode \(entry.octalMode)); every save fails until it is fixed"
            guard entry.ownerId == getuid() else {
                return .problem(text + " (it belongs to user \(entry.ownerId), left perhaps by `sudo waypoint`)",
                                fix: "quit every Waypoint on this database, then remove or chown it as that user "
                                    + "(`sudo chown \(getuid()) \(entry.path)`)")
            }
            return .problem(text, fix: "`waypoint doctor --fix --db \(path)` (or chmod 600 \(entry.path))")
        }
    }

    private static func contentChecks(_ path: String) -> [DoctorFinding] {
        do {
            let diagnosis = try AppDatabase.diagnose(path: path)
            guard diagnosis.integrity == ["ok"] else { return [integrity(diagnosis)] }
            return [.ok("\(path) is a Waypoint database (\(size(path)))"), integrity(diagnosis),
                    references(diagnosis), schema(diagnosis)] + imports(diagnosis, path: path)
        } catch let error as StoreError {
            return [.problem(error.description, fix: "restore a backup with `waypoint restore FILE`, or give another path with --db")]
        } catch {
            return [.problem("cannot read \(path): \(error)", fix: "restore a backup with `waypoint restore FILE`")]
        }
    }

    static func permissions(_ path: String) -> [DoctorFinding] {
        DatabasePermissions.entries(databasePath: path).map { entry in
            let name = entry.role == .folder ? "folder \(entry.path)" : entry.path
            if entry.isPrivate {
                return .ok("\(name) is yours only (mode \(entry.octalMode))")
            }
            let exposed = "\(name) can be \(entry.exposure) by other users (mode \(entry.octalMode))"
            guard entry.role == .folder else {
                return .problem(exposed + "; Waypoint refuses to open the database",
                                fix: "`waypoint doctor --fix --db \(path)` (or chmod 600 \(entry.path))")
            }
            if let reason = DatabasePermissions.folderIsLeftAlone(databasePath: path) {
                return .warning(exposed + "; the file names can be seen, not their content",
                                fix: "move the database into a folder of its own (`mkdir -m 700 DIR`); "
                                    + "doctor --fix leaves this folder alone because \(reason)")
            }
            return .warning(exposed + "; the file names can be seen, not their content",
                            fix: "`waypoint doctor --fix --db \(path)` (or chmod 700 \(entry.path))")
        }
    }

    private static func integrity(_ diagnosis: DatabaseDiagnosis) -> DoctorFinding {
        guard diagnosis.integrity != ["ok"] else { return .ok("integrity check: ok") }
        // SQLite gives one finding per line, many for one damaged page: show the first two.
        let lines = diagnosis.integrity.flatMap { $0.split(separator: "\n") }.map(String.init).filter { !$0.hasPrefix("***") }
        let more = lines.count > 2 ? "; \(lines.count - 2) more" : ""
        return .problem("integrity check: the file is damaged (\(lines.prefix(2).joined(separator: "; "))\(more))",
                        fix: "restore the latest backup with `waypoint restore FILE`; keep the damaged file for your IT staff")
    }

    private static func references(_ diagnosis: DatabaseDiagnosis) -> DoctorFinding {
        guard !diagnosis.brokenReferences.isEmpty else { return .ok("foreign keys: every reference leads to its record") }
        return .problem("foreign keys: \(counted(diagnosis.brokenReferences.count, "broken reference")) "
            + "(\(diagnosis.brokenReferences.prefix(3).joined(separator: "; ")))",
            fix: "the file was changed by another program; restore the latest backup with `waypoint restore FILE`")
    }

    private static func schema(_ diagnosis: DatabaseDiagnosis) -> DoctorFinding {
        if !diagnosis.newerMigrations.isEmpty {
            return .problem("schema: made by a newer Waypoint (it has \(diagnosis.newerMigrations.joined(separator: ", ")))",
                            fix: "update Waypoint before using this database")
        }
        if !diagnosis.pendingMigrations.isEmpty {
            return .ok("schema: made by an older Waypoint; \(counted(diagnosis.pendingMigrations.count, "update")) "
                + "(\(diagnosis.pendingMigrations.joined(separator: ", "))) will be applied the next time it is opened")
        }
        return .ok("schema: up to date (\(diagnosis.appliedCount) of \(diagnosis.knownCount) migrations)")
    }

    private static func size(_ path: String) -> String {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        return ByteCountFormatter.string(fromByteCount: bytes, countStyle: .file)
    }
}

/// The district's catalog files: each one that is broken is ignored for the built-in one.
enum CatalogChecks {
    static func run(configDirectory: String) -> [DoctorFinding] {
        let load = CatalogLoader.load(configDirectory: configDirectory)
        let districtFiles = ((try? FileManager.default.contentsOfDirectory(atPath: configDirectory)) ?? [])
            .filter { CatalogLoader.fileNames.contains($0) || PlanLanguage.id(ofFileName: $0) != nil }.sorted()
        var findings = load.warnings.map {
            DoctorFinding.problem("\($0)", fix: "correct the file, or remove it to use the built-in catalog")
        }
        let broken = Set(load.warnings.map { URL(fileURLWithPath: $0.file).lastPathComponent })
        let used = districtFiles.filter { !broken.contains($0) }
        if findings.isEmpty || !used.isEmpty {
            findings.insert(.ok(used.isEmpty ? "catalogs: the built-in ones (no district files)"
                                : "catalogs: district \(used.joined(separator: ", ")), built-in for the rest"), at: 0)
        }
        // A language short of a translation still prints (those lines in English), so this
        // is a warning for whoever keeps the file, not a problem.
        let languages = load.catalogs.planLanguages
        for language in languages.languages {
            let missing = languages.missing(in: language, catalogs: load.catalogs)
            guard !missing.isEmpty else { continue }
            let shown = missing.prefix(3).joined(separator: ", ") + (missing.count > 3 ? ", …" : "")
            findings.append(.warning("the family's plan in \(language.englishName) lacks \(missing.count) translation\(missing.count == 1 ? "" : "s") (\(shown)), shown in English",
                                     fix: "add them to \(language.file); `waypoint plan languages --missing` lists them all"))
        }
        return findings
    }
}
