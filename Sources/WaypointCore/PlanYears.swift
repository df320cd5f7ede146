/// The years a plan spans: the grades the student's school serves (from the roster's
/// grades), kindergarten to 12 — an elementary school's plans hold grades K-5, a middle
/// school's 6-8, a high school's 9-12. Grades 9-12 when the school does not say.
public enum PlanYears {
    /// Courses are planned from the middle grades on; younger students' plans hold milestones.
    public static let courseGrades = 6...12
    /// Graduation credits count from grade 9: a student below it is never judged against
    /// high-school credits (a kindergartner is not "short 24 credits").
    public static let firstCreditGrade = 9

    /// `student`: the student's own grade is always in their plan, even when the roster's
    /// school grades leave it out (a fifth grader held at a K-4 school).
    public static func years(for school: School?, student: Grade? = nil) -> [Grade] {
        years(lowGrade: school?.lowGrade, highGrade: school?.highGrade, student: student)
    }

    /// The same, from the school's grades alone (nil: not known).
    public static func years(lowGrade: Grade?, highGrade: Grade?, student: Grade? = nil) -> [Grade] {
        let span = MilestoneCatalog.grades
        var low = min(span.upperBound, max(span.lowerBound, lowGrade?.rawValue ?? 9))
        var high = min(span.upperBound, max(low, highGrade?.rawValue ?? 12))
        if let grade = student.map({ min(span.upperBound, max(span.lowerBound, $0.rawValue)) }) {
            low = min(low, grade)
            high = max(high, grade)
        }
        return (low...high).compactMap { Grade(rawValue: $0) }
    }

    /// The years of `years` that hold courses.
    public static func courseYears(_ years: [Grade]) -> [Grade] {
        years.filter { courseGrades.contains($0.rawValue) }
    }

    /// Whether the graduation check applies to a student in `grade`. One rule for the plan,
    /// the profile, the caseload, its saved views, exports and the printable plan.
    public static func judgesCredits(_ grade: Grade) -> Bool {
        grade.rawValue >= firstCreditGrade
    }
}
