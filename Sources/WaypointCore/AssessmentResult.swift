import Foundation

/// One student's result on one sitting of a test: the SAT of 2026-10-04, total 1250 (Reading
/// and Writing 620, Math 630). One per student, test and date: a re-import of the same sitting
/// updates it, never adds a second.
public struct AssessmentResult: Equatable, Sendable {
    /// Where a result came from: the district's file, or a counselor typing a paper report.
    public enum Source: String, Sendable, CaseIterable {
        case imported = "import"
        case hand
    }

    public var id: Int64?
    public var studentId: Int64
    public var testId: String
    public var date: CivilDate
    public var total: Int
    /// Sub-scores by the catalog's ids ("erw", "math").
    public var scores: [String: Int]
    public var source: Source

    public init(id: Int64? = nil, studentId: Int64, testId: String, date: CivilDate, total: Int,
                scores: [String: Int] = [:], source: Source = .imported) {
        self.id = id
        self.studentId = studentId
        self.testId = testId
        self.date = date
        self.total = total
        self.scores = scores
        self.source = source
    }

    /// Same sitting (student, test, date) and same scores: re-importing it changes nothing.
    public func sameScores(as other: AssessmentResult) -> Bool {
        total == other.total && scores == other.scores
    }

    /// "1250 (Reading and Writing 620, Math 630)", sub-scores in the catalog's order.
    public func scoreText(_ catalog: AssessmentCatalog, short: Bool = false) -> String {
        let ordered = orderedScores(catalog)
        guard !ordered.isEmpty else { return String(total) }
        let parts = ordered.map { short ? "\($0.id.uppercased()) \($0.value)" : "\($0.title) \($0.value)" }
        return "\(total) (\(parts.joined(separator: ", ")))"
    }

    /// The sub-scores in catalog order (ids the catalog no longer has come last, by id).
    public func orderedScores(_ catalog: AssessmentCatalog) -> [(id: String, title: String, value: Int)] {
        let test = catalog.test(testId)
        let known = (test?.scores ?? []).compactMap { score in scores[score.id].map { (id: score.id, title: score.title, value: $0) } }
        let unknown = scores.keys.filter { test?.score($0) == nil }.sorted().map { (id: $0, title: $0, value: scores[$0]!) }
        return known + unknown
    }
}

/// What the profile and the plan show of a student's tests: for each test taken, its best
/// total and its latest sitting, in catalog order.
public struct AssessmentSummary: Equatable, Sendable {
    public struct Line: Equatable, Sendable {
        public var testId: String
        public var best: AssessmentResult
        public var latest: AssessmentResult
        public var sittings: Int
    }

    public var lines: [Line]

    public init(_ results: [AssessmentResult], catalog: AssessmentCatalog) {
        let byTest = Dictionary(grouping: results, by: \.testId)
        let order = catalog.tests.map(\.id) + byTest.keys.filter { catalog.test($0) == nil }.sorted()
        lines = order.compactMap { id in
            guard let taken = byTest[id], !taken.isEmpty else { return nil }
            // Ties go to the later sitting: the one the student is more likely to send.
            let best = taken.max { ($0.total, $0.date) < ($1.total, $1.date) }!
            let latest = taken.max { ($0.date, $0.total) < ($1.date, $1.total) }!
            return Line(testId: id, best: best, latest: latest, sittings: taken.count)
        }
    }

    public var isEmpty: Bool { lines.isEmpty }

    /// The test ids with at least one result: what completes milestones (`completedBy`).
    public var taken: Set<String> { Set(lines.map(\.testId)) }

    /// "SAT 1250 (2026-10-04) · ACT 27 best, 25 latest · AP Bio 4": one compact line.
    public func text(_ catalog: AssessmentCatalog) -> String {
        lines.map { line in
            let name = catalog.short(of: line.testId)
            if line.sittings == 1 || line.best == line.latest {
                return "\(name) \(line.best.total)" + (line.sittings > 1 ? " best of \(line.sittings)" : "")
            }
            return "\(name) \(line.best.total) best, \(line.latest.total) latest"
        }.joined(separator: " · ")
    }
}

/// A result typed by a counselor from a paper score report (`waypoint assessment add`, `t` on
/// the profile): each value checked by the catalog's one rule. A problem names the field
/// (`test`, `date`, `total`, `scores`, or a sub-score's id) and what was expected.
public enum AssessmentEntry {
    public struct Problem: Error, Equatable, Sendable {
        public var field: String
        public var expected: String
    }

    /// `scores`: "erw=620 math=630" pairs, split on spaces or commas by the caller's form.
    public static func check(studentId: Int64, testId: String, date: String, total: String, scores: [String],
                             catalog: AssessmentCatalog, today: CivilDate) -> Result<AssessmentResult, Problem> {
        guard catalog.test(testId) != nil else {
            return .failure(Problem(field: "test", expected: catalog.problems(testId: testId, total: nil, scores: [:])[0].expected))
        }
        guard let day = CivilDate(iso: date), day.iso == date else {
            return .failure(Problem(field: "date", expected: "a date as YYYY-MM-DD"))
        }
        guard day <= today else {
            return .failure(Problem(field: "date", expected: "the date the test was taken, not after today (\(today.iso))"))
        }
        guard let totalValue = wholeNumber(total) else {
            return .failure(Problem(field: "total", expected: "a whole number (digits only)"))
        }
        var subScores: [String: Int] = [:]
        for pair in scores {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                return .failure(Problem(field: "scores", expected: "ID=VALUE, e.g. math=630"))
            }
            guard subScores[parts[0]] == nil else {
                return .failure(Problem(field: parts[0], expected: "one value (it is given twice)"))
            }
            guard let value = wholeNumber(parts[1]) else {
                return .failure(Problem(field: parts[0], expected: "a whole number (digits only)"))
            }
            subScores[parts[0]] = value
        }
        if let problem = catalog.problems(testId: testId, total: totalValue, scores: subScores).first {
            return .failure(Problem(field: problem.field, expected: problem.expected))
        }
        return .success(AssessmentResult(studentId: studentId, testId: testId, date: day, total: totalValue,
                                         scores: subScores, source: .hand))
    }

    /// "1250"; not "1,250", "12.5", "-3" or a number too long to be a score.
    public static func wholeNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}
