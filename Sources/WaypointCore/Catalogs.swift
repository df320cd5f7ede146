import Foundation

/// Every catalog a district can override, loaded and validated.
public struct Catalogs: Equatable, Sendable {
    public var sessionKinds: SessionKindCatalog
    public var pathways: PathwayCatalog
    public var milestones: MilestoneCatalog
    public var competencies: CompetencyCatalog
    public var requirementSets: RequirementSetCatalog
    public var earlyWarning: EarlyWarningRules
    public var interventionKinds: InterventionKindCatalog

    public init(sessionKinds: SessionKindCatalog, pathways: PathwayCatalog, milestones: MilestoneCatalog,
                competencies: CompetencyCatalog, requirementSets: RequirementSetCatalog,
                earlyWarning: EarlyWarningRules, interventionKinds: InterventionKindCatalog) {
        self.sessionKinds = sessionKinds
        self.pathways = pathways
        self.milestones = milestones
        self.competencies = competencies
        self.requirementSets = requirementSets
        self.earlyWarning = earlyWarning
        self.interventionKinds = interventionKinds
    }
}

/// A catalog file's bytes and the name to use for it in errors.
public struct CatalogSource: Sendable {
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

/// What is wrong with a catalog file: which file, which key, what was expected.
public struct CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var key: String?
    public var problem: String

    public init(file: String, key: String?, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    public var description: String {
        "\(file): \(key.map { "\($0): " } ?? "")\(problem)"
    }
}

/// The kinds of advising session (academic, college, career, …).
public struct SessionKindCatalog: Equatable, Sendable {
    public struct Kind: Equatable, Sendable, Codable {
        public var id: String
        public var title: String

        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    public var kinds: [Kind]

    public init(kinds: [Kind]) {
        self.kinds = kinds
    }

    public func kind(_ id: String) -> Kind? { kinds.first { $0.id == id } }

    public func title(of id: String) -> String { kind(id)?.title ?? id }

    public static func decode(_ source: CatalogSource) throws -> SessionKindCatalog {
        struct File: Decodable { var sessionKinds: [Kind]? }
        let check = CatalogCheck(source)
        let kinds = try check.nonEmpty(try check.decode(File.self).sessionKinds, at: "sessionKinds",
                                       of: "{\"id\", \"title\"}")
        for (index, kind) in kinds.enumerated() {
            try check.entry(id: kind.id, title: kind.title, at: "sessionKinds[\(index)]")
        }
        try check.unique(kinds.map(\.id), at: { "sessionKinds[\($0)].id" })
        return SessionKindCatalog(kinds: kinds)
    }
}
