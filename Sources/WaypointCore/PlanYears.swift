/// The years a plan spans: grades 9-12, or from grade 6 at a school whose grades start
/// in the middle grades (a 6-12 school, or a middle school feeding a high school).
public enum PlanYears {
    public static func years(for school: School?) -> [Grade] {
        years(lowGrade: school?.lowGrade)
    }

    /// The years of a plan at a school whose grades start at `lowGrade` (nil: not known).
    public static func years(lowGrade: Grade?) -> [Grade] {
        let low = lowGrade?.rawValue ?? 9
        let first = max(6, min(9, low))
        return (first...12).compactMap { Grade(rawValue: $0) }
    }
}
