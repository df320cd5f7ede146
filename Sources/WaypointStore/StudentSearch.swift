import GRDB
import WaypointCore

/// Turns folded search terms into a SQL condition that finds every student the ranking
/// could accept. It only selects candidates: `SearchRanking` decides what matches and
/// in which order.
enum StudentSearch {
    /// The FTS5 query: each term as a quoted phrase with a prefix star, all of them required.
    /// Quoting (doubling any `"`) makes `*`, `-`, `OR`, `NEAR(` and parentheses plain text,
    /// so nothing a counselor types can be an FTS syntax error.
    static func ftsPattern(_ terms: [String]) -> String {
        terms.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"*" }
            .joined(separator: " ")
    }

    /// Rows whose search key holds every term as a word prefix (full-text index), or, when
    /// needed, as a substring anywhere. `instr` is used rather than `LIKE` so that `%` and
    /// `_` in a query are plain characters with no escaping to get wrong.
    static func candidateFilter(_ terms: [String]) -> SQL {
        let pattern = ftsPattern(terms)
        var filter: SQL = "student.id IN (SELECT rowid FROM student_ft WHERE student_ft MATCH \(pattern))"
        if SearchText.needsSubstringMatch(terms) {
            let substrings = terms.map { term -> SQL in "instr(student.searchKey, \(term)) > 0" }
            filter += " OR (" + substrings.joined(separator: " AND ") + ")"
        }
        return filter
    }
}
