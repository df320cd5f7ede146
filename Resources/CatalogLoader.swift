import Foundation
import WaypointCore

/// The catalogs Waypoint runs with, and what was wrong with any district file it ignored.
public struct CatalogLoad: Sendable {
    public var catalogs: Catalogs
    /// One per district file that could not be used; each names the file, the key and the
    /// problem, and says the built-in catalog is used instead.
    public var warnings: [CatalogError]

    public init(catalogs: Catalogs, warnings: [CatalogError]) {
        self.catalogs = catalogs
        self.warnings = warnings
    }
}

/// Loads the catalogs: the district's own file from the config folder when there is one
/// and it is valid, otherwise the default compiled into Waypoint. A broken district file
/// must not lock a counselor out of their caseload on a school morning, so it is ignored
/// with a warning that names the file and the key, and the built-in catalog is used.
public enum CatalogLoader {
    /// Reads catalog files: the district's own where there is one and it is valid, else the
    /// built-in one, keeping a warning for each district file it could not use.
    private struct Reading {
        let configDirectory: String
        var warnings: [CatalogError] = []

        /// The district's file `name`, decoded; nil when there is none or it is broken (then
        /// with a warning that ends in `fallback`). `warn` false: a second reading of a file,
        /// whose warning (if the first reading had one) is not repeated.
        mutating func district<Catalog>(_ name: String, fallback: String, warn: Bool = true,
                                        _ decode: (CatalogSource) throws -> Catalog) -> Catalog? {
            let path = URL(fileURLWithPath: configDirectory).appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            do {
                let data: Data
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: path))
                } catch {
                    throw CatalogError(file: path, key: nil, problem: "cannot be read (\(error.localizedDescription))")
                }
                return try decode(CatalogSource(name: path, data: data))
            } catch {
                var warning = error as? CatalogError ?? CatalogError(file: path, key: nil, problem: "\(error)")
                warning.problem += "; \(fallback)"
                if warn || !warnings.contains(where: { $0.file == warning.file }) { warnings.append(warning) }
                return nil
            }
        }

        mutating func catalog<Catalog>(_ name: String, warn: Bool = true, _ decode: (CatalogSource) throws -> Catalog) -> Catalog {
            if let own = district(name, fallback: "the built-in catalog is used instead", warn: warn, decode) { return own }
            do {
                return try decode(builtIn(name))
            } catch {
                // The built-in catalogs are checked by the tests, so this is a build mistake.
                preconditionFailure("the built-in catalog is broken: \(error)")
            }
        }
    }

    /// The early-warning rules alone, read as ``load(configDirectory:)`` reads them, with
    /// the warning for a broken district file: for a command that needs only them (`student
    /// show`), decoding all eleven catalogs was a third of its instructions (issue 17).
    public static func loadEarlyWarning(configDirectory: String) -> (rules: EarlyWarningRules, warnings: [CatalogError]) {
        var reading = Reading(configDirectory: configDirectory)
        let rules = reading.catalog("early-warning.json", EarlyWarningRules.decode)
        return (rules, reading.warnings)
    }

    public static func load(configDirectory: String) -> CatalogLoad {
        var reading = Reading(configDirectory: configDirectory)
        func district<Catalog>(_ name: String, fallback: String, _ decode: (CatalogSource) throws -> Catalog) -> Catalog? {
            reading.district(name, fallback: fallback, decode)
        }
        func catalog<Catalog>(_ name: String, warn: Bool = true, _ decode: (CatalogSource) throws -> Catalog) -> Catalog {
            reading.catalog(name, warn: warn, decode)
        }
        // English first (the district's wording when it has its own file); then every other
        // language, built in or the district's own `plan-text-vi.json`, checked against that
        // English. A broken file for a language Waypoint does not ship has no built-in to
        // fall back on: that language is left out, with the warning.
        let english = catalog(PlanLanguage.fileName(of: "en")) { try PlanLanguage.decode($0, english: nil) }
        let districtFiles = (try? FileManager.default.contentsOfDirectory(atPath: configDirectory)) ?? []
        let languageIds = Set(fileNames.compactMap(PlanLanguage.id(ofFileName:)) + districtFiles.compactMap(PlanLanguage.id(ofFileName:)))
        let others = languageIds.subtracting([english.id]).sorted().compactMap { id -> PlanLanguage? in
            let name = PlanLanguage.fileName(of: id)
            let decode = { (source: CatalogSource) in try PlanLanguage.decode(source, english: english) }
            return EmbeddedCatalogs.files[name] == nil
                ? district(name, fallback: "plans cannot be written in this language until it is corrected", decode)
                : catalog(name, decode)
        }
        // Courses are filed under the requirement sets' subject areas, and the sets may
        // name courses by code: the sets are read for their areas, then the courses, then
        // the sets once more with the courses to check the codes they name.
        let areas = catalog("requirement-sets.json") { try RequirementSetCatalog.decode($0) }.subjectAreas.map(\.id)
        let courses = catalog("courses.json") { source in
            // The built-in courses are filed under the built-in areas; a district that
            // renamed its areas gets them unchecked rather than no catalog at all.
            try CourseCatalog.decode(source, subjectAreas: source.name.hasSuffix(builtInSuffix) ? nil : areas)
        }
        let requirementSets = catalog("requirement-sets.json", warn: false) { try RequirementSetCatalog.decodeWithCourses($0, courses: courses) }
        let catalogs = Catalogs(
            sessionKinds: catalog("session-kinds.json", KindCatalog.sessionKinds),
            pathways: catalog("pathways.json", PathwayCatalog.decode),
            milestones: catalog("milestones.json", MilestoneCatalog.decode),
            competencies: catalog("competencies.json", CompetencyCatalog.decode),
            requirementSets: requirementSets,
            earlyWarning: catalog("early-warning.json", EarlyWarningRules.decode),
            interventionKinds: catalog("intervention-kinds.json", KindCatalog.interventionKinds),
            planLanguages: PlanLanguageCatalog(english: english, others: others),
            assessments: catalog("assessments.json", AssessmentCatalog.decode),
            courses: courses)
        return CatalogLoad(catalogs: catalogs, warnings: reading.warnings)
    }

    /// The defaults alone, for tests and for the CLI before a config folder exists. Throws
    /// only if a built-in file is broken, which the tests prevent.
    /// The shipped catalogs, decoded once. Tests check that every shipped file loads, so a
    /// failure here is a broken build, not bad input.
    public static let shipped: Catalogs = {
        do {
            return try defaults()
        } catch {
            preconditionFailure("a built-in catalog does not load: \(error)")
        }
    }()

    public static func defaults() throws -> Catalogs {
        Catalogs(
            sessionKinds: try KindCatalog.sessionKinds(builtIn("session-kinds.json")),
            pathways: try PathwayCatalog.decode(builtIn("pathways.json")),
            milestones: try MilestoneCatalog.decode(builtIn("milestones.json")),
            competencies: try CompetencyCatalog.decode(builtIn("competencies.json")),
            requirementSets: try RequirementSetCatalog.decodeWithCourses(builtIn("requirement-sets.json"), courses: try builtInCourses()),
            earlyWarning: try EarlyWarningRules.decode(builtIn("early-warning.json")),
            interventionKinds: try KindCatalog.interventionKinds(builtIn("intervention-kinds.json")),
            planLanguages: try shippedLanguages(),
            assessments: try AssessmentCatalog.decode(builtIn("assessments.json")),
            courses: try builtInCourses())
    }

    private static func shippedLanguages() throws -> PlanLanguageCatalog {
        let english = try PlanLanguage.decode(builtIn(PlanLanguage.fileName(of: "en")), english: nil)
        let others = try fileNames.filter { PlanLanguage.id(ofFileName: $0).map { $0 != english.id } ?? false }
            .map { try PlanLanguage.decode(builtIn($0), english: english) }
        return PlanLanguageCatalog(english: english, others: others)
    }

    /// The built-in courses, checked against the built-in subject areas.
    static func builtInCourses() throws -> CourseCatalog {
        let areas = try RequirementSetCatalog.decode(builtIn("requirement-sets.json")).subjectAreas.map(\.id)
        return try CourseCatalog.decode(builtIn("courses.json"), subjectAreas: areas)
    }

    /// The names of the catalog files a district may put in its config folder.
    public static var fileNames: [String] { EmbeddedCatalogs.files.keys.sorted() }

    static func builtIn(_ name: String) -> CatalogSource {
        CatalogSource(name: name + builtInSuffix, data: Data(EmbeddedCatalogs.files[name]!))
    }

    /// What a built-in file's name ends with in messages.
    static let builtInSuffix = " (built in)"
}
