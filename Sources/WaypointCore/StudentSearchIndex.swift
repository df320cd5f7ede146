import Foundation

/// Search over students already in memory (a caseload or the whole district), with the
/// names folded once when the index is built, so that a keystroke only compares.
///
/// It finds what `AppDatabase.searchStudents` finds, in the same order: the candidates the
/// full-text index would select (every term a word prefix, or, when a term is short or has
/// letters outside a-z, every term anywhere), ranked by `SearchRanking`.
public struct StudentSearchIndex: Sendable {
    private let names: PackedNames
    /// Each student's place in caseload order (folded name, then ID), which breaks ties of
    /// rank, and the positions in that order; both nil when the students came in that order.
    private let nameOrder: [Int32]?
    private let byPlace: [Int]?
    /// The results of every one-letter search, so the first key of a search is a lookup.
    private let singleLetters: SingleLetterResults

    /// `students` may be a lazy view (`rows.lazy.map(\.student)`): a district's students
    /// copied into an array of their own would add megabytes to the screen's peak memory
    /// for the moment the index is built.
    public init<Students: Collection>(_ students: Students) where Students.Element == Student {
        let keys = students.map { (sortKey: $0.sortKey, localId: $0.localId) }
        let sorted = keys.indices.sorted { Student.precedesByName(keys[$0], keys[$1]) }
        var order = [Int32](repeating: 0, count: students.count)
        for (place, index) in sorted.enumerated() { order[index] = Int32(place) }
        self.init(packing: students, nameOrder: order, byPlace: sorted)
    }

    /// For students already in caseload order (`AppDatabase.caseload` reads them so): a
    /// district's names need not be folded and sorted a second time.
    public init<Students: Collection>(inNameOrder students: Students) where Students.Element == Student {
        assert(zip(students, students.dropFirst()).allSatisfy { lhs, rhs in
            !Student.precedesByName((rhs.sortKey, rhs.localId), (lhs.sortKey, lhs.localId))
        }, "students out of caseload order")
        self.init(packing: students, nameOrder: nil, byPlace: nil)
    }

    private init<Students: Collection>(packing students: Students, nameOrder: [Int32]?, byPlace: [Int]?)
    where Students.Element == Student {
        var names = PackedNames(reservingCapacity: students.count)
        var fallbackRanks: [Int: [Int8]] = [:]
        var memo: [[String]: [Int8]] = [:]
        for student in students {
            let index = names.count
            names.append(student)
            if names.fallback[index] != nil {
                fallbackRanks[index] = SingleLetterResults.ranks(ofUnpacked: student, memo: &memo)
            }
        }
        names.shrink()
        self.names = names
        self.nameOrder = nameOrder
        self.byPlace = byPlace
        singleLetters = SingleLetterResults(names, byPlace: byPlace, fallbackRanks: fallbackRanks)
    }

    public var count: Int { names.count }

    /// Positions (in the array the index was built from) of the students matching `query`,
    /// best first; with no terms, everyone in name order. `within` limits the search to
    /// positions already found, e.g. for the query before this one when this one only
    /// added letters (see `narrows(_:from:)`).
    public func search(_ query: String, within: [Int]? = nil) -> [Int] {
        let terms = SearchText.terms(SearchText.withoutControlCharacters(query))
        if !terms.isEmpty, within == nil, let found = singleLetters.found(for: terms) { return found }
        let anywhere = SearchText.needsSubstringMatch(terms)
        // A packed student's names are printable ASCII, so they hold a term only if each of
        // its characters is canonically one ASCII character: then compared as bytes.
        let packedTerms: [[UInt8]]? = terms.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
            ? terms.map { Array($0.utf8) }
            : Self.asASCII(terms)
        // Candidates by place in name order, so that each rank's matches come out in order.
        var buckets = [[Int]](repeating: [], count: 5)
        func consider(_ index: Int) {
            let rank: SearchRank? = names.withRecord(index) { record in
                if let record {
                    guard let packedTerms else { return nil }
                    return PackedNames.rank(record, terms: packedTerms, wordPrefixesOnly: !anywhere)
                }
                guard let student = names.fallback[index] else { return nil }
                return Self.rank(student, terms: terms, anywhere: anywhere)
            }
            if let rank { buckets[rank.rawValue].append(index) }
        }
        let count = names.count
        if let within {
            var chosen = [Bool](repeating: false, count: count)
            for index in within { chosen[nameOrder.map { Int($0[index]) } ?? index] = true }
            for place in 0..<count where chosen[place] { consider(byPlace?[place] ?? place) }
        } else {
            for place in 0..<count { consider(byPlace?[place] ?? place) }
        }
        return Array(buckets.joined())
    }

    /// The rank of a student whose names are not plain ASCII, as before they were packed.
    private static func rank(_ student: SearchFields, terms: [String], anywhere: Bool) -> SearchRank? {
        // Outside substring mode the full-text index only finds word prefixes; the ranking
        // alone would also accept letters inside a word. In substring mode every ranked
        // match is a substring already.
        if !anywhere, !terms.allSatisfy({ term in student.tokens.contains { $0.hasPrefix(term) } }) { return nil }
        // Every ranked match holds each term somewhere; for ASCII text bytes say so fastest.
        let bytesHoldEveryTerm = student.isASCII && terms.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        if bytesHoldEveryTerm, !terms.allSatisfy(student.everythingContainsASCII) { return nil }
        return SearchRanking.rank(student, terms: terms, containsEveryTerm: bytesHoldEveryTerm)
    }

    /// Terms with characters outside ASCII as the ASCII bytes they are canonically equal to,
    /// or nil when some character is no ASCII character in any form (then no printable-ASCII
    /// name holds the term, as `String` compares them).
    private static func asASCII(_ terms: [String]) -> [[UInt8]]? {
        var result: [[UInt8]] = []
        for term in terms {
            var bytes: [UInt8] = []
            for character in term {
                let composed = String(character).precomposedStringWithCanonicalMapping
                guard composed.utf8.count == 1, let byte = composed.utf8.first, (0x20..<0x7F).contains(byte) else { return nil }
                bytes.append(byte)
            }
            result.append(bytes)
        }
        return result
    }

    /// Whether every student matching `query` also matches `previous`: each earlier term is
    /// the start of the term in its place, terms were only added, and the query did not go
    /// from word prefixes to substrings (which finds letters inside words the previous one
    /// skipped). Then the new search can look only among the previous results.
    public static func narrows(_ query: String, from previous: String) -> Bool {
        let old = SearchText.terms(SearchText.withoutControlCharacters(previous))
        let new = SearchText.terms(SearchText.withoutControlCharacters(query))
        guard !old.isEmpty, new.count >= old.count else { return false }
        guard SearchText.needsSubstringMatch(old) || !SearchText.needsSubstringMatch(new) else { return false }
        return zip(old, new).allSatisfy { $1.hasPrefix($0) }
    }
}
