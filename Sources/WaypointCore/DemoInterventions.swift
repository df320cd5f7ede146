/// Interventions for the demo district: about half of the tier 3 students and a third of
/// tier 2 have tutoring, mentoring or an attendance plan under way, so the needs-attention
/// view shows both the covered and the uncovered.
public enum DemoInterventions {
    /// `studentId` holds the student's index and `ownerId` is filled in by the loader.
    public static func generate(for students: [Student], abc: ABCBatch, rules: EarlyWarningRules, today: CivilDate,
                                seed: UInt64) -> [Intervention] {
        var rng = SplitMix64(seed: seed ^ 0x1A7E_2026)
        var byStudent: [Int64: ABCBatch] = [:]
        for row in abc.attendance { byStudent[row.studentId, default: ABCBatch()].attendance.append(row) }
        for row in abc.incidents { byStudent[row.studentId, default: ABCBatch()].incidents.append(row) }
        for row in abc.marks { byStudent[row.studentId, default: ABCBatch()].marks.append(row) }
        var result: [Intervention] = []
        for index in students.indices {
            let data = byStudent[Int64(index)] ?? ABCBatch()
            let assessment = EarlyWarning.evaluate(attendance: data.attendance, incidents: data.incidents, marks: data.marks, rules: rules)
            guard let tier = assessment.tier, tier >= 2, rng.chance(tier == 3 ? 0.5 : 0.33) else { continue }
            let kinds = assessment.indicators.map { indicator -> (String, String) in
                switch indicator.kind {
                case .attendance: ("attendance-plan", "Attend at least 95% of school days this month")
                case .behavior: ("mentoring", "No referrals for six weeks; weekly check-in with a mentor")
                case .courses: ("tutoring", "Raise core course grades to C or better by the end of term")
                }
            }
            guard let (kind, goal) = kinds.first else { continue }
            result.append(Intervention(studentId: Int64(index), kind: kind, ownerId: 0, goal: goal,
                                       startDate: today.adding(days: -(7 + rng.int(below: 40))),
                                       sessionsPerWeek: kind == "tutoring" ? 3 : 1, minutesPerSession: kind == "tutoring" ? 30 : 20))
        }
        return result
    }
}
