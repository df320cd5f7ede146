import Foundation

/// Past advising sessions for the demo district, so "last contact", "not seen in 30 days"
/// and the profile's history show something real: most students were seen once to three
/// times in the last four months, some not at all.
public enum DemoSessions {
    /// Sessions with `studentId` holding the student's index; the author is filled in by the
    /// loader (the student's counselor).
    public static func generate(for students: [Student], today: CivilDate, seed: UInt64) -> [AdvisingSession] {
        var rng = SplitMix64(seed: seed ^ 0x5E55_1045)
        var sessions: [AdvisingSession] = []
        for index in students.indices where rng.chance(0.75) {
            for _ in 0..<(1 + rng.int(below: 3)) {
                let (kind, topics, note) = rng.pick(templates)
                let day = today.adding(days: -(1 + rng.int(below: 120)))
                let start = Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + Double(8 * 3600 + rng.int(below: 8 * 3600)))
                sessions.append(AdvisingSession(studentId: Int64(index), authorId: 0, startedAt: start,
                                                durationMinutes: 5 + rng.int(below: 25), kind: kind, participants: [.student],
                                                topics: topics, note: note))
            }
        }
        return sessions.sorted { $0.startedAt < $1.startedAt }
    }

    private static let templates: [(String, [String], String)] = [
        ("academic", ["grades", "schedule"], "Reviewed first-quarter grades. Agreed on a plan to attend math tutoring on Tuesdays."),
        ("college", ["college list"], "Talked through the college list: two reach, three target, two likely schools."),
        ("college", ["FAFSA"], "Walked through the FAFSA steps and the documents the family will need."),
        ("career", ["interest inventory"], "Went over the interest inventory results; strong interest in health careers."),
        ("career", ["job shadow"], "Set up a job shadow request with a local employer partner."),
        ("attendance", ["attendance"], "Checked in about recent absences; transportation has been the problem."),
        ("personal", ["check-in"], "Quick check-in. Student reports things are going better this month."),
        ("academic", ["credits"], "Credit check for graduation: on track if the spring schedule holds."),
    ]
}
