/// Search over students already in memory (a caseload or the whole district), with the
/// names folded once when the index is built, so that a keystroke only compares.
///
/// It finds what `AppDatabase.searchStudents` finds, in the same order: the candidates the
/// full-text index would select (every term a word prefix, or, when a term is short or has
/// letters outside a-z, every term anywhere), ranked by `SearchRanking`.
public struct StudentSearchIndex: Sendable {
    private let fields: [SearchFields]
    /// Each student's place in caseload order (folded name, then ID), which breaks ties of rank.
    private let nameOrder: [Int]
    /// The results of every one-letter search, so the first key of a search is a lookup.
    private let singleLetters: SingleLetterResults

    /// `students` may be a lazy view (`rows.lazy.map(\.student)`): a district's students
    /// copied into an array of their own would add megabytes to the screen's peak memory
    /// for the moment the index is built.
    public init<Students: Collection>(_ students: Students) where Students.Element == Student {
        fields = students.map(SearchFields.init)
        let keys = students.map { (sortKey: $0.sortKey, localId: $0.localId) }
        let sorted = keys.indices.sorted { lhs, rhs in
            if keys[lhs].sortKey != keys[rhs].sortKey { return keys[lhs].sortKey < keys[rhs].sortKey }
            return keys[lhs].localId < keys[rhs].localId
        }
        var order = [Int](repeating: 0, count: students.count)
        for (place, index) in sorted.enumerated() { order[index] = place }
        nameOrder = order
        singleLetters = SingleLetterResults(fields, positionsInNameOrder: sorted)
    }

    public var count: Int { fields.count }

    /// Positions (in the array the index was built from) of the students matching `query`,
    /// best first; with no terms, everyone in name order. `within` limits the search to
    /// positions already found, e.g. for the query before this one when this one only
    /// added letters (see `narrows(_:from:)`).
    public func search(_ query: String, within: [Int]? = nil) -> [Int] {
        let terms = SearchText.terms(SearchText.withoutControlCharacters(query))
        guard !terms.isEmpty else {
            return (within ?? Array(fields.indices)).sorted { nameOrder[$0] < nameOrder[$1] }
        }
        if within == nil, let found = singleLetters.found(for: terms) { return found }
        let anywhere = SearchText.needsSubstringMatch(terms)
        let asciiTerms = terms.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        var found: [(rank: SearchRank, order: Int, index: Int)] = []
        func consider(_ index: Int) {
            let student = fields[index]
            // Outside substring mode the full-text index only finds word prefixes; the ranking
            // alone would also accept letters inside a word. In substring mode every ranked
            // match is a substring already.
            if !anywhere, !terms.allSatisfy({ term in student.tokens.contains { $0.hasPrefix(term) } }) { return }
            // Every ranked match holds each term somewhere; for ASCII text bytes say so fastest.
            let bytesHoldEveryTerm = asciiTerms && student.isASCII
            if bytesHoldEveryTerm, !terms.allSatisfy(student.everythingContainsASCII) { return }
            guard let rank = SearchRanking.rank(student, terms: terms, containsEveryTerm: bytesHoldEveryTerm) else { return }
            found.append((rank, nameOrder[index], index))
        }
        if let within {
            for index in within { consider(index) }
        } else {
            for index in fields.indices { consider(index) }
        }
        found.sort { lhs, rhs in lhs.rank != rhs.rank ? lhs.rank < rhs.rank : lhs.order < rhs.order }
        return found.map(\.index)
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
