import XCTest
@testable import WaypointCore

/// The search index keeps most names as packed ASCII bytes and ranks them byte by byte; the
/// rest as `SearchFields`. Random names and queries here are searched by the index and by a
/// plain reference (every student ranked with `SearchRanking` on its `SearchFields`, then
/// sorted by rank, folded name and ID), which must agree exactly.
final class PackedSearchIndexTests: XCTestCase {
    /// Pieces names are made of: plain, capitalised, accented (composed and decomposed),
    /// with apostrophes, hyphens and spaces, and other scripts.
    private static let pieces = [
        "an", "ana", "gar", "cia", "li", "lu", "ng", "uy", "en", "o", "b", "ri", "son", "de", "van", "z", "x", "s1", "0",
        "Mar", "JO", "É", "e\u{301}", "ñ", "ü", "ø", "ß", "'", "’", "-", " ", "王", "伟", "김", "ш", "ев", "ç", "1", "k",
    ]
    private static let queryPieces = ["a", "an", "g", "ga", "gar", "li", "o'b", "e", "é", "z", "s1", "1", "王", "ш", "-",
                                      "ana m", "de s", "x", "ng", "uy", "k", "K", "ss", "o", "cia", "ri", "van de"]

    func testTheIndexRanksAsTheReferenceDoesOnRandomNames() {
        let seed = UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000
        print("PackedSearchIndexTests seed: \(seed)")
        var random = SplitMix64(seed: seed)
        for round in 0..<8 {
            let students = (0..<(50 + random.int(below: 150))).map { index in
                Student(localId: "S\(random.int(below: 1000))-\(index)", givenName: Self.name(&random),
                        middleName: random.chance(0.3) ? Self.name(&random) : nil, familyName: Self.name(&random),
                        preferredName: random.chance(0.2) ? Self.name(&random) : nil,
                        grade: Grade(rawValue: 9)!, schoolId: 1)
            }
            let index = StudentSearchIndex(students)
            let ordered = students.indices.sorted {
                Student.precedesByName((students[$0].sortKey, students[$0].localId), (students[$1].sortKey, students[$1].localId))
            }
            let inOrder = StudentSearchIndex(inNameOrder: ordered.map { students[$0] })
            for _ in 0..<40 {
                let query = random.chance(0.5)
                    ? Self.queryPieces[random.int(below: Self.queryPieces.count)]
                    : Self.name(&random)
                let expected = Self.reference(students, query)
                let found = index.search(query)
                XCTAssertEqual(found, expected, "seed \(seed), round \(round), query \(query)")
                XCTAssertEqual(inOrder.search(query).map { ordered[$0] }, expected, "seed \(seed), in order, query \(query)")
                XCTAssertEqual(index.search(query, within: Array(students.indices.reversed())), expected,
                               "seed \(seed), within everyone, query \(query)")
                // One letter more, searched among what was found, as typing does.
                let longer = query + String(Self.queryPieces[random.int(below: Self.queryPieces.count)].prefix(1))
                if StudentSearchIndex.narrows(longer, from: query) {
                    XCTAssertEqual(index.search(longer, within: found), Self.reference(students, longer),
                                   "seed \(seed), narrowed, query \(longer)")
                }
            }
        }
    }

    func testEveryOneLetterSearchMatchesTheReference() {
        var random = SplitMix64(seed: 17)
        let students = (0..<300).map { index in
            Student(localId: "S\(index)", givenName: Self.name(&random), familyName: Self.name(&random),
                    preferredName: random.chance(0.3) ? Self.name(&random) : nil, grade: Grade(rawValue: 10)!, schoolId: 1)
        }
        let index = StudentSearchIndex(students)
        for letter in "abcdefghijklmnopqrstuvwxyz0123456789".map(String.init) {
            XCTAssertEqual(index.search(letter), Self.reference(students, letter), letter)
        }
    }

    /// The search as it was before names were packed: every student's `SearchFields`, the
    /// full-text rule for word prefixes, `SearchRanking`, then rank, name and ID.
    private static func reference(_ students: [Student], _ query: String) -> [Int] {
        let terms = SearchText.terms(SearchText.withoutControlCharacters(query))
        let anywhere = SearchText.needsSubstringMatch(terms)
        return students.indices.compactMap { index -> (SearchRank, Int)? in
            let fields = SearchFields(students[index])
            if !anywhere, !terms.allSatisfy({ term in fields.tokens.contains { $0.hasPrefix(term) } }) { return nil }
            return SearchRanking.rank(fields, terms: terms).map { ($0, index) }
        }
        .sorted { lhs, rhs in
            if lhs.0 != rhs.0 { return lhs.0 < rhs.0 }
            let left = students[lhs.1], right = students[rhs.1]
            return Student.precedesByName((left.sortKey, left.localId), (right.sortKey, right.localId))
        }
        .map(\.1)
    }

    private static func name(_ random: inout SplitMix64) -> String {
        (0..<(1 + random.int(below: 4))).map { _ in pieces[random.int(below: pieces.count)] }.joined()
    }
}

/// Accented Latin names are folded without Foundation (`SearchText.foldLatin`); what comes
/// out must be what Foundation's folding gives, for every letter it knows, with accents
/// composed or written apart, and for random mixtures of them.
final class LatinFoldTests: XCTestCase {
    private static let letters: [String] = {
        (Array(UInt32(0x20)...0x7E) + Array(UInt32(0xA0)...0x24F) + [0x2018, 0x2019, 0x02BC]).compactMap { value in
            Unicode.Scalar(value).map { String(Character($0)) }
        }
    }()
    private static let marks = (UInt32(0x300)...0x36F).compactMap { Unicode.Scalar($0).map { String(Character($0)) } }

    func testEveryLetterAloneAndWithEachAccentFoldsAsFoundationFoldsIt() {
        for letter in Self.letters {
            for text in [letter, letter.uppercased(), "a" + letter + "b"] + Self.marks.map({ letter + $0 }) {
                guard let latin = SearchText.foldLatin(text) else { continue }
                XCTAssertEqual(latin, SearchText.foundationFold(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }

    func testRandomLatinTextFoldsAsFoundationFoldsIt() {
        let seed = UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000
        print("LatinFoldTests seed: \(seed)")
        var random = SplitMix64(seed: seed)
        let pieces = Self.letters + Self.marks + ["e\u{301}", "O'", "-", " ", "ß", "Æ", "’"]
        var compared = 0
        for _ in 0..<5000 {
            let text = (0..<(1 + random.int(below: 8))).map { _ in pieces[random.int(below: pieces.count)] }.joined()
            guard let latin = SearchText.foldLatin(text) else { continue }
            compared += 1
            XCTAssertEqual(latin, SearchText.foundationFold(text), "seed \(seed): \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            XCTAssertEqual(SearchText.fold(text), latin)
        }
        XCTAssertGreaterThan(compared, 500, "seed \(seed)")
    }
}
