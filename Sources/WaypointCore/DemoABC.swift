/// Attendance, behavior and course marks for the demo district, three terms back: most
/// students attend well and pass, some are chronically absent, a few are suspended or fail
/// a core course, so early warning has real cases to find.
public enum DemoABC {
    /// Rows with `studentId` holding the student's index.
    public static func generate(for students: [Student], today: CivilDate, seed: UInt64) -> ABCBatch {
        var rng = SplitMix64(seed: seed ^ 0xABC0_2026)
        let start = MilestoneProgress.schoolYearStart(containing: today)
        let terms: [(name: String, start: CivilDate, end: CivilDate, days: Int)] = [
            ("\(start - 1)-FA", CivilDate(year: start - 1, month: 8, day: 25), CivilDate(year: start - 1, month: 12, day: 19), 80),
            ("\(start)-SP", CivilDate(year: start, month: 1, day: 6), CivilDate(year: start, month: 6, day: 12), 96),
            ("\(start)-FA", CivilDate(year: start, month: 8, day: 25), min(today, CivilDate(year: start, month: 12, day: 19)), 60),
        ]
        let core = [("English", "English"), ("Math", "Mathematics"), ("Science", "Science"), ("Social Studies", "Social Studies")]
        var batch = ABCBatch()
        for (index, _) in students.enumerated() {
            let id = Int64(index)
            let profile = rng.int(below: 100)       // 0-79 doing fine, 80-91 struggling, 92-99 in trouble
            for term in terms {
                let absentShare = profile < 80 ? 0.01 + Double(rng.int(below: 5)) / 100 : (profile < 92 ? 0.08 + Double(rng.int(below: 6)) / 100 : 0.15 + Double(rng.int(below: 15)) / 100)
                let absent = Int((Double(term.days) * absentShare).rounded())
                batch.attendance.append(ABCAttendance(studentId: id, term: term.name, startDate: term.start.iso, endDate: term.end.iso,
                                                      daysEnrolled: term.days, daysPresent: term.days - absent))
                for (course, subject) in core {
                    let letters = profile < 80 ? ["A", "A-", "B+", "B", "B-", "C+"] : (profile < 92 ? ["B-", "C+", "C", "C-", "D+", "D"] : ["C-", "D", "D-", "F", "F"])
                    let letter = rng.pick(letters)
                    let earned = letter == "F" ? 0.0 : 0.5
                    batch.marks.append(ABCCourseMark(studentId: id, term: term.name, course: "\(course) \(term.name)", subject: subject,
                                                     mark: ABCMark(letter)!, creditsAttempted: 0.5, creditsEarned: earned, isCore: true))
                }
            }
            let incidents = profile < 85 ? (rng.chance(0.1) ? 1 : 0) : 1 + rng.int(below: 3)
            for number in 0..<incidents {
                let date = today.adding(days: -(5 + rng.int(below: 200)))
                let suspended = profile >= 92 && number == 0
                batch.incidents.append(ABCIncident(studentId: id, date: date.iso,
                                                   kind: suspended ? .suspension : rng.pick([.referral, .detention]),
                                                   severity: suspended ? .major : .minor, suspensionDays: suspended ? Double(1 + rng.int(below: 3)) : 0,
                                                   incidentId: "INC-\(index)-\(number)"))
            }
        }
        return batch
    }
}
