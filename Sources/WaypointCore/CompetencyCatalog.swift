import Foundation

/// The competencies of the district's "portrait of a graduate", which students collect
/// evidence for. Districts choose their own list, so it is a catalog rather than an enum.
public struct CompetencyCatalog: Equatable, Sendable {
    public struct Competency: Identifiable, Equatable, Sendable, Codable {
        public var id: String
        public var title: String
        /// What the competency looks like in a student's work, for the evidence screen.
        public var description: String?

        public init(id: String, title: String, description: String? = nil) {
            self.id = id
            self.title = title
            self.description = description
        }
    }

    public var competencies: [Competency]

    public init(competencies: [Competency]) {
        self.competencies = competencies
    }

    public func competency(_ id: String) -> Competency? { competencies.first { $0.id == id } }

    public func title(of id: String) -> String { competency(id)?.title ?? id }

    public static func decode(_ source: CatalogSource) throws -> CompetencyCatalog {
        struct File: Decodable { var competencies: [Competency]? }
        let check = CatalogCheck(source)
        let competencies = try check.nonEmpty(try check.decode(File.self).competencies, at: "competencies",
                                              of: "{\"id\", \"title\"}")
        for (index, competency) in competencies.enumerated() {
            try check.entry(id: competency.id, title: competency.title, at: "competencies[\(index)]")
        }
        try check.unique(competencies.map(\.id), at: { "competencies[\($0)].id" })
        return CompetencyCatalog(competencies: competencies)
    }
}
