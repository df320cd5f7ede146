import Foundation

/// The kinds of intervention a student can be given (tutoring, mentoring, an attendance
/// plan, …). A catalog rather than an enum: districts name their MTSS supports their own way.
public struct InterventionKindCatalog: Equatable, Sendable {
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

    /// An id the catalog no longer has (a district removed it) still shows, as itself.
    public func title(of id: String) -> String { kind(id)?.title ?? id }

    public static func decode(_ source: CatalogSource) throws -> InterventionKindCatalog {
        struct File: Decodable { var interventionKinds: [Kind]? }
        let check = CatalogCheck(source)
        let kinds = try check.nonEmpty(try check.decode(File.self).interventionKinds, at: "interventionKinds",
                                       of: "{\"id\", \"title\"}")
        for (index, kind) in kinds.enumerated() {
            try check.entry(id: kind.id, title: kind.title, at: "interventionKinds[\(index)]")
        }
        try check.unique(kinds.map(\.id), at: { "interventionKinds[\($0)].id" })
        return InterventionKindCatalog(kinds: kinds)
    }
}
