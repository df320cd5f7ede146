import Foundation

/// The pathways a student can be on: the three postsecondary readiness routes
/// (college-, career-, military-ready) and the district's industry sectors, each with the
/// program of study a counselor plans courses from.
public struct PathwayCatalog: Equatable, Sendable {
    /// A route is about readiness after high school; a sector is an industry a student
    /// explores. Plans name either, so both live in one catalog.
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case route, sector
    }

    public struct Pathway: Identifiable, Equatable, Sendable {
        public var id: String
        public var title: String
        public var kind: Kind
        /// Course titles in the order a student usually takes them.
        public var programOfStudy: [String]
        public var description: String?

        public init(id: String, title: String, kind: Kind, programOfStudy: [String], description: String? = nil) {
            self.id = id
            self.title = title
            self.kind = kind
            self.programOfStudy = programOfStudy
            self.description = description
        }
    }

    public var pathways: [Pathway]

    public init(pathways: [Pathway]) {
        self.pathways = pathways
    }

    public func pathway(_ id: String) -> Pathway? { pathways.first { $0.id == id } }

    /// The title to show; a plan naming a pathway the district has since removed shows its id.
    public func title(of id: String) -> String { pathway(id)?.title ?? id }

    public var routes: [Pathway] { pathways.filter { $0.kind == .route } }

    public var sectors: [Pathway] { pathways.filter { $0.kind == .sector } }

    public static func decode(_ source: CatalogSource) throws -> PathwayCatalog {
        struct Entry: Decodable {
            var id: String
            var title: String
            var kind: String
            var programOfStudy: [String]?
            var description: String?
        }
        struct File: Decodable { var pathways: [Entry]? }
        let check = CatalogCheck(source)
        let entries = try check.nonEmpty(try check.decode(File.self).pathways, at: "pathways",
                                         of: "{\"id\", \"title\", \"kind\", \"programOfStudy\"}")
        var pathways: [Pathway] = []
        for (index, entry) in entries.enumerated() {
            let key = "pathways[\(index)]"
            try check.entry(id: entry.id, title: entry.title, at: key)
            guard let kind = Kind(rawValue: entry.kind) else {
                throw check.error(key + ".kind", "expected \"route\" or \"sector\", found \"\(entry.kind)\"")
            }
            let courses = entry.programOfStudy ?? []
            for (courseIndex, course) in courses.enumerated() {
                try check.text(course, at: "\(key).programOfStudy[\(courseIndex)]")
            }
            try check.unique(courses, folded: true, at: { "\(key).programOfStudy[\($0)]" })
            pathways.append(Pathway(id: entry.id, title: entry.title, kind: kind, programOfStudy: courses,
                                    description: entry.description))
        }
        try check.unique(pathways.map(\.id), at: { "pathways[\($0)].id" })
        return PathwayCatalog(pathways: pathways)
    }
}
