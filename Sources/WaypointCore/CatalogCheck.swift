import Foundation

/// The decoding and checks every catalog shares, so each one reports a mistake the same
/// way: the file, the key path ("sets[1].subjects[0].credits") and what was expected.
struct CatalogCheck {
    let file: String
    private let data: Data

    init(_ source: CatalogSource) {
        file = source.name
        data = source.data
    }

    func error(_ key: String?, _ problem: String) -> CatalogError {
        CatalogError(file: file, line: CatalogLines(data).line(of: key), key: key, problem: problem)
    }

    /// Decodes the file, translating `DecodingError` (whose messages name Swift types and
    /// coding keys) into the file and key a district's IT staff can find in their JSON.
    func decode<File: Decodable>(_ type: File.Type) throws -> File {
        do {
            return try JSONDecoder().decode(File.self, from: data)
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw error(nil, "is not valid JSON (\(context.debugDescription))")
        } catch let DecodingError.dataCorrupted(context) {
            throw error(CatalogKeyPath(context.codingPath).text, "is not valid (\(context.debugDescription))")
        } catch let DecodingError.keyNotFound(key, context) {
            throw error(CatalogKeyPath(context.codingPath + [key]).text, "is missing")
        } catch let DecodingError.valueNotFound(_, context) {
            throw error(CatalogKeyPath(context.codingPath).text, "is missing (null)")
        } catch let DecodingError.typeMismatch(_, context) {
            throw error(CatalogKeyPath(context.codingPath).text, "has the wrong type (\(context.debugDescription))")
        } catch {
            throw self.error(nil, "cannot be read (\(error))")
        }
    }

    /// The top-level list of a catalog: a catalog with nothing in it is a mistake, not a
    /// district choosing to have no pathways.
    func nonEmpty<Element>(_ list: [Element]?, at key: String, of shape: String) throws -> [Element] {
        guard let list, !list.isEmpty else { throw error(key, "expected a non-empty list of \(shape)") }
        return list
    }

    /// Ids are stored in plans and databases, so they must stay stable and easy to type.
    func id(_ id: String, at key: String) throws {
        guard !id.isEmpty, id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) else {
            throw error(key, "expected lower-case letters, digits and hyphens, found \"\(id)\"")
        }
    }

    func text(_ text: String, at key: String) throws {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(key, "is empty") }
    }

    /// The id and title every catalog entry has.
    func entry(id: String, title: String, at key: String) throws {
        try self.id(id, at: key + ".id")
        try text(title, at: key + ".title")
    }

    /// The second occurrence of a value is the one reported; `folded` compares as search does.
    func unique(_ values: [String], folded: Bool = false, at key: (Int) -> String) throws {
        var seen = Set<String>()
        for (index, value) in values.enumerated() {
            guard seen.insert(folded ? SearchText.fold(value) : value).inserted else {
                throw error(key(index), "\"\(value)\" appears twice")
            }
        }
    }

    func range<Value: Comparable>(_ value: Value, in range: ClosedRange<Value>, at key: String, what: String) throws {
        guard range.contains(value) else {
            throw error(key, "expected \(what) from \(range.lowerBound) to \(range.upperBound), found \(value)")
        }
    }

    /// For thresholds with no natural upper bound (counts, days).
    func atLeast<Value: Comparable>(_ value: Value, _ minimum: Value, at key: String, what: String) throws {
        guard value >= minimum else { throw error(key, "expected \(what) of at least \(minimum), found \(value)") }
    }

    func positive(_ credits: Double, at key: String) throws {
        guard credits > 0, credits.isFinite else {
            throw error(key, "expected a number of credits above 0, found \(CreditFormat.text(credits))")
        }
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
