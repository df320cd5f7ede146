/// Test results for the demo district's high-school students, so the profile's Tests line
/// and the milestones they complete ("PSAT", "SAT or ACT", "ASVAB") show on the first run:
/// the PSAT in October of grade 10, the SAT or ACT in the spring of grade 11 (a retake in the
/// fall of grade 12), AP exams in May, the ASVAB for a few, the state tests of grade 11.
/// Only sittings on or before `today`. `studentId` is the student's index in `students`.
public enum DemoAssessments {
    public static func generate(for students: [Student], catalog: AssessmentCatalog, today: CivilDate,
                                seed: UInt64) -> [AssessmentResult] {
        var rng = SplitMix64(seed: seed ^ 0xA55E_55)
        let start = MilestoneProgress.schoolYearStart(containing: today)
        let apExams = catalog.tests.filter { $0.kind == .ap }.map(\.id)
        var results: [AssessmentResult] = []
        for (index, student) in students.enumerated() where student.grade.rawValue >= 10 && student.grade.rawValue <= 12 {
            // The calendar year a school year of `grade` starts in, for this student.
            let year = { (grade: Int) in start - (student.grade.rawValue - grade) }
            // A strength shared by a student's tests, so their scores agree with each other.
            let strength = Double(rng.int(below: 1000)) / 1000
            var sittings: [(String, CivilDate)] = []
            if rng.chance(0.75) { sittings.append(("psat", CivilDate(year: year(10), month: 10, day: 15))) }
            if student.grade.rawValue >= 11 {
                if rng.chance(0.65) { sittings.append(("sat", CivilDate(year: year(11) + 1, month: 3, day: 14))) }
                if rng.chance(0.3) { sittings.append(("act", CivilDate(year: year(11) + 1, month: 4, day: 11))) }
                if rng.chance(0.15) { sittings.append(("asvab", CivilDate(year: year(11) + 1, month: 2, day: 5))) }
                if rng.chance(0.9) {
                    sittings.append(("state-ela-11", CivilDate(year: year(11) + 1, month: 4, day: 22)))
                    sittings.append(("state-math-11", CivilDate(year: year(11) + 1, month: 4, day: 23)))
                }
                if !apExams.isEmpty, rng.chance(0.4) {
                    for _ in 0..<(1 + rng.int(below: 2)) {
                        sittings.append((rng.pick(apExams), CivilDate(year: year(11) + 1, month: 5, day: 6 + rng.int(below: 10))))
                    }
                }
            }
            if student.grade.rawValue == 12, sittings.contains(where: { $0.0 == "sat" }), rng.chance(0.4) {
                sittings.append(("sat", CivilDate(year: year(12), month: 10, day: 3)))
            }
            for (testId, date) in sittings where date <= today {
                guard let test = catalog.test(testId),
                      !results.contains(where: { $0.studentId == Int64(index) && $0.testId == testId && $0.date == date }) else { continue }
                // Later sittings go a little better, as they tend to.
                let level = min(1, strength + (date > CivilDate(year: year(11) + 1, month: 6, day: 1) ? 0.05 : 0)
                                + Double(rng.int(below: 100)) / 1000)
                results.append(result(test, level: level, studentIndex: index, date: date))
            }
        }
        return results
    }

    /// A result at `level` (0 to 1) of each range; SAT-style sub-scores in tens adding up to the
    /// total, an ACT composite the mean of its four.
    static func result(_ test: AssessmentCatalog.Test, level: Double, studentIndex: Int, date: CivilDate) -> AssessmentResult {
        func at(_ range: ClosedRange<Int>, tens: Bool) -> Int {
            let value = range.lowerBound + Int(Double(range.upperBound - range.lowerBound) * (0.25 + 0.6 * level))
            return tens ? min(range.upperBound, value / 10 * 10) : value
        }
        let tens = test.total.range.upperBound >= 400
        var scores: [String: Int] = [:]
        for (position, score) in test.scores.enumerated() {
            // Each sub-score a little above or below the student's level: -10% to +10% of its range.
            let spread = Double((position * 37 + studentIndex) % 11 - 5) / 50
            let width = Double(score.range.upperBound - score.range.lowerBound)
            var value = at(score.range, tens: false) + Int((spread * width).rounded())
            if score.range.upperBound >= 400 { value = value / 10 * 10 }
            scores[score.id] = min(score.range.upperBound, max(score.range.lowerBound, value))
        }
        var total = at(test.total.range, tens: tens)
        if test.id == "sat" || test.id == "psat", let erw = scores["erw"], let math = scores["math"] { total = erw + math }
        if test.id == "act", !scores.isEmpty { total = Int((Double(scores.values.reduce(0, +)) / Double(scores.count)).rounded()) }
        total = min(test.total.range.upperBound, max(test.total.range.lowerBound, total))
        return AssessmentResult(studentId: Int64(studentIndex), testId: test.id, date: date, total: total, scores: scores)
    }
}
