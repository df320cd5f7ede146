extension EarlyWarning {
    /// Attendance rate per term, oldest first, for the profile's sparkline; terms with no
    /// enrolled days are left out rather than drawn as 0%, which would read as absent.
    /// Pass one student's rows.
    public static func trend(attendance: [ABCAttendance]) -> [(term: String, rate: Double)] {
        let byTerm = Dictionary(grouping: attendance, by: \.term)
        return oldestFirst(byTerm.keys).compactMap { term in rate(byTerm[term]!).map { (term, $0) } }
    }

    /// Term GPA per term, oldest first, computed by `ABCCourseMark.termGPA`; terms with only
    /// pass/no pass marks have no GPA and are left out. Pass one student's marks.
    public static func gpaTrend(marks: [ABCCourseMark]) -> [(term: String, gpa: Double)] {
        let byTerm = Dictionary(grouping: marks, by: \.term)
        return oldestFirst(byTerm.keys).compactMap { term in ABCCourseMark.termGPA(byTerm[term]!).map { (term, $0) } }
    }

    private static func oldestFirst(_ terms: Dictionary<String, some Any>.Keys) -> [String] {
        terms.sorted { ABCTerm.isLater($1, than: $0) }
    }
}
