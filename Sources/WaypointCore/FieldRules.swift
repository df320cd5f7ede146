import Foundation

/// A number a counselor types into a form or a command: its range, whether it must be
/// whole, and the one sentence that says what was expected.
///
/// Each rule exists once, in `FieldRules`; the plan forms, the command line and the
/// schema's CHECK constraints all take it from there (a store test compares the schema's
/// text with `sqlCheck`), so the three can no longer drift apart.
public struct NumberRule: Equatable, Sendable {
    public let range: ClosedRange<Double>
    public let isWhole: Bool

    public init(_ range: ClosedRange<Double>, whole: Bool = false) {
        self.range = range
        isWhole = whole
    }

    /// The value of `text` (a decimal comma is read as a point), or why it is not one.
    public func parse(_ text: String) -> Result<Double, FieldProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard let value = Double(trimmed), value.isFinite else { return .failure(expectation(for: text)) }
        if let problem = problem(value) { return .failure(problem) }
        return .success(value)
    }

    /// Why `value` breaks the rule, or nil.
    public func problem(_ value: Double) -> FieldProblem? {
        guard range.contains(value), !isWhole || value == value.rounded() else {
            return expectation(for: CreditFormat.text(value))
        }
        return nil
    }

    /// "expected a number from 0.25 to 10, not "abc"".
    private func expectation(for text: String) -> FieldProblem {
        let kind = isWhole ? "a whole number" : "a number"
        return FieldProblem("expected \(kind) from \(CreditFormat.text(range.lowerBound)) to \(CreditFormat.text(range.upperBound)), not \"\(text)\"")
    }

    /// The SQL CHECK that holds `column` to this rule, as the schema states it.
    public func sqlCheck(_ column: String) -> String {
        "\(column) BETWEEN \(CreditFormat.text(range.lowerBound)) AND \(CreditFormat.text(range.upperBound))"
    }
}

/// What is wrong with a typed value, in words that follow the field's name
/// ("Credits: expected a number from 0.25 to 10, not "11"").
public struct FieldProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Every typed number's rule, in one place.
public enum FieldRules {
    /// A high-school course: a quarter credit up to a ten-credit block (a CTE program).
    public static let courseCredits = NumberRule(0.25...10)
    /// Early college credit: a half semester-hour up to an associate degree's worth.
    public static let collegeCredits = NumberRule(0.5...60)
    /// Work-based learning: none (a speaker) up to a long apprenticeship.
    public static let workBasedLearningHours = NumberRule(0...5000)
    /// A session's length: up to a whole day.
    public static let sessionMinutes = NumberRule(0...1440, whole: true)
    /// An intervention: more than twice a day, or beyond four hours a session, is a typing
    /// mistake, not a plan.
    public static let interventionSessionsPerWeek = NumberRule(1...14, whole: true)
    public static let interventionMinutesPerSession = NumberRule(5...240, whole: true)
    /// How long it is planned to run: up to a school year.
    public static let interventionPlannedWeeks = NumberRule(1...52, whole: true)
    /// The MTSS tier it is given at (1 universal, 2 targeted, 3 intensive).
    public static let interventionTier = NumberRule(1...3, whole: true)
    /// Sessions delivered since the previous progress note: up to two months of daily ones.
    public static let interventionSessionsDelivered = NumberRule(0...60, whole: true)
    /// A progress note's measured value (a weekly score, minutes attended, a count); a
    /// change can be negative. Wider than any real measure, narrow enough to catch a typo.
    public static let interventionMeasuredValue = NumberRule(-100_000...100_000)
    /// A planned course's school year: the grades courses are planned in (the database's
    /// check on plan_course.year says the same).
    public static let courseYear = NumberRule(Double(PlanYears.courseGrades.lowerBound)...Double(PlanYears.courseGrades.upperBound),
                                              whole: true)
}
