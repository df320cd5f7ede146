import Foundation

/// Every catalog a district can override, loaded and validated.
public struct Catalogs: Equatable, Sendable {
    public var sessionKinds: SessionKindCatalog

    public init(sessionKinds: SessionKindCatalog) {
        self.sessionKinds = sessionKinds
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
public struct CatalogError: Error, Equatable, CustomStringConvertible {
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
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: source.data)
        } catch let DecodingError.dataCorrupted(context) {
            throw CatalogError(file: source.name, key: nil, problem: "is not valid JSON (\(context.debugDescription))")
        } catch let DecodingError.keyNotFound(key, context) {
            throw CatalogError(file: source.name, key: CatalogKeyPath(context.codingPath + [key]).text,
                               problem: "is missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw CatalogError(file: source.name, key: CatalogKeyPath(context.codingPath).text,
                               problem: "has the wrong type (\(context.debugDescription))")
        } catch {
            throw CatalogError(file: source.name, key: nil, problem: "cannot be read (\(error))")
        }
        guard let kinds = file.sessionKinds, !kinds.isEmpty else {
            throw CatalogError(file: source.name, key: "sessionKinds", problem: "expected a non-empty list of {\"id\", \"title\"}")
        }
        var seen = Set<String>()
        for (index, kind) in kinds.enumerated() {
            let key = "sessionKinds[\(index)]"
            guard !kind.id.isEmpty, kind.id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) else {
                throw CatalogError(file: source.name, key: key + ".id",
                                   problem: "expected lower-case letters, digits and hyphens, found \"\(kind.id)\"")
            }
            guard !kind.title.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CatalogError(file: source.name, key: key + ".title", problem: "is empty")
            }
            guard seen.insert(kind.id).inserted else {
                throw CatalogError(file: source.name, key: key + ".id", problem: "\"\(kind.id)\" appears twice")
            }
        }
        return SessionKindCatalog(kinds: kinds)
    }
}

struct CatalogKeyPath {
    var path: [CodingKey]
    init(_ path: [CodingKey]) { self.path = path }
    var text: String {
        path.reduce("") { text, key in
            if let index = key.intValue { return text + "[\(index)]" }
            return text.isEmpty ? key.stringValue : text + "." + key.stringValue
        }
    }
}
