/// How well a student matches what the counselor typed. Lower ranks come first.
///
/// The order is what a counselor expects when a name is half typed: a family name that
/// starts with it, then a first or preferred name, then the ID, then any other name part,
/// then the letters anywhere in a name.
public enum SearchRank: Int, Comparable, Sendable {
    case familyNamePrefix = 0
    case firstNamePrefix = 1
    case idPrefix = 2
    case otherNamePrefix = 3
    case anywhere = 4

    public static func < (lhs: SearchRank, rhs: SearchRank) -> Bool { lhs.rawValue < rhs.rawValue }
}

public enum SearchRanking {
    /// The rank of `student` for the folded `terms`, or nil when some term matches nothing.
    /// With several terms, every one must match; the worst term decides the rank.
    public static func rank(_ student: Student, terms: [String]) -> SearchRank? {
        rank(SearchFields(student), terms: terms)
    }

    /// The rank of a student whose names were folded beforehand (see `StudentSearchIndex`).
    /// `containsEveryTerm`: the caller has found each term in `fields.everything` already
    /// (byte by byte, for ASCII), so the slower character-by-character search for a term
    /// that starts no name is skipped.
    public static func rank(_ fields: SearchFields, terms: [String], containsEveryTerm: Bool = false) -> SearchRank? {
        guard !terms.isEmpty else { return .familyNamePrefix }
        var worst = SearchRank.familyNamePrefix
        for term in terms {
            let rank: SearchRank
            if matchesPrefix(term, fields.family) {
                rank = .familyNamePrefix
            } else if matchesPrefix(term, fields.first) {
                rank = .firstNamePrefix
            } else if fields.id.hasPrefix(term) {
                rank = .idPrefix
            } else if matchesPrefix(term, fields.other) {
                rank = .otherNamePrefix
            } else if containsEveryTerm || fields.everything.contains(term) {
                rank = .anywhere
            } else {
                return nil
            }
            worst = max(worst, rank)
        }
        return worst
    }

    /// Ranks and orders candidates: best rank first, then by name, then by ID.
    public static func ordered(_ students: [Student], query: String) -> [Student] {
        let terms = SearchText.terms(query)
        return students
            .compactMap { student in rank(student, terms: terms).map { (student, $0, student.sortKey) } }
            .sorted { lhs, rhs in
                if lhs.1 != rhs.1 { return lhs.1 < rhs.1 }
                if lhs.2 != rhs.2 { return lhs.2 < rhs.2 }
                return lhs.0.localId < rhs.0.localId
            }
            .map(\.0)
    }

    private static func matchesPrefix(_ term: String, _ words: [String]) -> Bool {
        words.contains { $0.hasPrefix(term) }
    }
}
