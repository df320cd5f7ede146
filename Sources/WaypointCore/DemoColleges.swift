/// College lists for the demo district's seniors, so the profile's Colleges panel, the
/// to-do list's deadlines and the applications report show something real on the first
/// run: two seniors in five have two to five applications, the early ones decided, the regular
/// ones sent or still being prepared (a few past their deadline), dates around `today`.
public enum DemoColleges {
    /// Fictional institutions: no real college is named.
    static let institutions = [
        "Lakeview State University", "Northfield College", "Riverbend Community College", "Cascade Technical Institute",
        "Eastgate University", "Summit College of the Arts", "Pine Harbor University", "Westbrook College of Nursing",
        "Granite Valley State", "Meridian University", "Harborview Maritime Academy", "Sunridge College",
    ]

    /// Applications whose `studentId` is the index of their student in `students`.
    public static func generate(for students: [Student], today: CivilDate, seed: UInt64) -> [CollegeApplication] {
        var rng = SplitMix64(seed: seed ^ 0xC0_11E6)
        var applications: [CollegeApplication] = []
        for (index, student) in students.enumerated() where student.grade == Grade(rawValue: 12) && rng.chance(0.4) {
            var names = institutions
            for _ in 0..<(2 + rng.int(below: 4)) {
                let name = names.remove(at: rng.int(below: names.count))
                let type: CollegeApplicationType = rng.chance(0.15) ? .earlyDecision : rng.chance(0.3) ? .earlyAction
                    : rng.chance(0.15) ? .rolling : .regular
                // Early deadlines a month back, regular ones in the weeks ahead (a few missed).
                let offset = switch type {
                case .earlyDecision, .earlyAction: -20 - rng.int(below: 25)
                case .regular: rng.chance(0.1) ? -1 - rng.int(below: 5) : rng.int(below: 60)
                case .rolling: 10 + rng.int(below: 90)
                }
                let deadline = type == .rolling && rng.chance(0.5) ? nil : today.adding(days: offset)
                var item = CollegeApplication(studentId: Int64(index), institution: name, type: type, deadline: deadline)
                if offset < 0, type != .regular || rng.chance(0.5) {
                    item.status = rng.pick([.submitted, .submitted, .admitted, .admitted, .waitlisted, .denied])
                    item.transcript = .sent
                    item.recommendation = rng.chance(0.85) ? .sent : .requested
                    if item.status == .admitted, rng.chance(0.5) { item.aidAward = 1000 * (2 + rng.int(below: 24)) }
                } else {
                    item.status = rng.chance(0.5) ? .applying : .considering
                    item.transcript = item.status == .applying && rng.chance(0.6) ? .requested : .notRequested
                    item.recommendation = item.status == .applying && rng.chance(0.5) ? .requested : .notRequested
                }
                applications.append(item)
            }
        }
        return applications
    }
}
