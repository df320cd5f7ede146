import Foundation

/// The tests a district records results of (PSAT/NMSQT, SAT, ACT, each AP exam, the ASVAB,
/// its state tests), each with the range of its total score and its named sub-scores. A
/// catalog rather than an enum: states name their tests their own way, and a district adds
/// its own in `assessments.json` (docs/CATALOGS.md).
public struct AssessmentCatalog: Equatable, Sendable {
    /// What family a test belongs to, for grouping on the profile.
    public enum Kind: String, CaseIterable, Sendable {
        case college, ap, military, state, other
    }

    /// A score and its range, inclusive: "Total 400-1600", "Math 200-800".
    public struct Score: Equatable, Sendable {
        public var id: String
        public var title: String
        public var range: ClosedRange<Int>

        public init(id: String, title: String, range: ClosedRange<Int>) {
            self.id = id
            self.title = title
            self.range = range
        }
    }

    public struct Test: Identifiable, Equatable, Sendable {
        public var id: String
        public var title: String
        /// A few characters for a compact line ("PSAT", "AP Calc AB").
        public var short: String
        public var kind: Kind
        /// The total (or composite, or percentile) every result has; `id` is "total".
        public var total: Score
        /// Named sub-scores a result may carry, each in its own range.
        public var scores: [Score]

        public init(id: String, title: String, short: String? = nil, kind: Kind = .other, total: Score, scores: [Score] = []) {
            self.id = id
            self.title = title
            self.short = short ?? title
            self.kind = kind
            self.total = total
            self.scores = scores
        }

        public func score(_ id: String) -> Score? { scores.first { $0.id == id } }
    }

    public var tests: [Test]

    public init(tests: [Test]) {
        self.tests = tests
    }

    public func test(_ id: String) -> Test? { tests.first { $0.id == id } }

    /// A test the district has since removed still shows, as its id.
    public func title(of id: String) -> String { test(id)?.title ?? id }
    public func short(of id: String) -> String { test(id)?.short ?? id }

    /// What is wrong with a result, as (field, expected) pairs: the one check for the
    /// import, `waypoint assessment add` and the store. Empty when the result is fine.
    /// The field is `test`, `total` or the sub-score's id.
    public func problems(testId: String, total: Int?, scores: [String: Int]) -> [(field: String, expected: String)] {
        guard let test = test(testId) else {
            return [("test", "a test of the assessment catalog (\(tests.map(\.id).joined(separator: ", ")))")]
        }
        var problems: [(String, String)] = []
        if let total, !test.total.range.contains(total) {
            problems.append(("total", "\(test.title) \(test.total.title.lowercased()) " + Self.rangeText(test.total.range)))
        }
        for (id, value) in scores.sorted(by: { $0.key < $1.key }) {
            guard let score = test.score(id) else {
                let named = test.scores.isEmpty ? "\(test.title) has no sub-scores"
                    : "a sub-score of \(test.title) (\(test.scores.map(\.id).joined(separator: ", ")))"
                problems.append((id, named))
                continue
            }
            if !score.range.contains(value) {
                problems.append((id, "\(test.title) \(score.title) " + Self.rangeText(score.range)))
            }
        }
        return problems
    }

    static func rangeText(_ range: ClosedRange<Int>) -> String {
        "from \(range.lowerBound) to \(range.upperBound)"
    }

    /// assessments.json: `{"assessments": [{"id", "title", "short", "kind", "total": {"title",
    /// "min", "max"}, "scores": [{"id", "title", "min", "max"}]}]}`.
    public static func decode(_ source: CatalogSource) throws -> AssessmentCatalog {
        struct Range: Decodable {
            var id: String?
            var title: String?
            var min: Int
            var max: Int
        }
        struct Entry: Decodable {
            var id: String
            var title: String
            var short: String?
            var kind: String?
            var total: Range
            var scores: [Range]?
        }
        struct File: Decodable { var assessments: [Entry]? }
        let check = CatalogCheck(source)
        let entries = try check.nonEmpty(try check.decode(File.self).assessments, at: "assessments",
                                         of: "{\"id\", \"title\", \"total\": {\"min\", \"max\"}}")
        func range(_ range: Range, at key: String) throws -> ClosedRange<Int> {
            guard range.min <= range.max else {
                throw check.error(key + ".max", "expected a maximum no lower than min (\(range.min)), found \(range.max)")
            }
            return range.min...range.max
        }
        var tests: [Test] = []
        for (index, entry) in entries.enumerated() {
            let key = "assessments[\(index)]"
            try check.entry(id: entry.id, title: entry.title, at: key)
            if let short = entry.short { try check.text(short, at: key + ".short") }
            let kind = try entry.kind.map { word in
                guard let kind = Kind(rawValue: word) else {
                    throw check.error(key + ".kind", "expected one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(word)\"")
                }
                return kind
            } ?? .other
            if let title = entry.total.title { try check.text(title, at: key + ".total.title") }
            let total = Score(id: "total", title: entry.total.title ?? "Total", range: try range(entry.total, at: key + ".total"))
            var scores: [Score] = []
            for (position, score) in (entry.scores ?? []).enumerated() {
                let scoreKey = "\(key).scores[\(position)]"
                guard let id = score.id else { throw check.error(scoreKey + ".id", "is missing") }
                guard let title = score.title else { throw check.error(scoreKey + ".title", "is missing") }
                try check.entry(id: id, title: title, at: scoreKey)
                // "total" names the total in a file's columns and a result's JSON.
                if id == "total" { throw check.error(scoreKey + ".id", "expected a name other than \"total\" (the total has its own key)") }
                scores.append(Score(id: id, title: title, range: try range(score, at: scoreKey)))
            }
            try check.unique(scores.map(\.id), at: { "\(key).scores[\($0)].id" })
            tests.append(Test(id: entry.id, title: entry.title, short: entry.short, kind: kind, total: total, scores: scores))
        }
        try check.unique(tests.map(\.id), at: { "assessments[\($0)].id" })
        return AssessmentCatalog(tests: tests)
    }
}
