/// A student's final mark in one course in one term, with its credits. Term GPA is not
/// imported: it is computed from these rows (`termGPA`), so it can never disagree with the
/// marks it summarises.
public struct ABCCourseMark: Equatable, Sendable {
    public var studentId: Int64
    public var term: String
    public var course: String
    public var subject: String?
    public var mark: ABCMark
    public var creditsAttempted: Double
    public var creditsEarned: Double
    /// A core course (English, mathematics, science, social studies): failing one is an
    /// early-warning sign on its own.
    public var isCore: Bool

    public init(studentId: Int64, term: String, course: String, subject: String? = nil, mark: ABCMark,
                creditsAttempted: Double, creditsEarned: Double, isCore: Bool) {
        self.studentId = studentId
        self.term = term
        self.course = course
        self.subject = subject
        self.mark = mark
        self.creditsAttempted = creditsAttempted
        self.creditsEarned = creditsEarned
        self.isCore = isCore
    }

    /// Credit-weighted grade points of the graded marks (pass/no pass and zero-credit courses
    /// left out); nil when none count. Pass the marks of one student and one term.
    public static func termGPA(_ marks: [ABCCourseMark]) -> Double? {
        var points = 0.0
        var credits = 0.0
        for mark in marks {
            guard let value = mark.mark.gradePoints, mark.creditsAttempted > 0 else { continue }
            points += value * mark.creditsAttempted
            credits += mark.creditsAttempted
        }
        return credits == 0 ? nil : points / credits
    }
}
