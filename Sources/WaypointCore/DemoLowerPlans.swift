import Foundation

extension DemoPlans {
    /// The records of the milestones of `goal` in `grades`: past ones mostly done, those
    /// due soon often begun, later ones rarely. One rule for every school of the demo.
    static func milestones(index: Int, student: Student, goal: PostsecondaryGoal, grades: ClosedRange<Int>, struggling: Bool,
                           catalogs: Catalogs, today: CivilDate, rng: inout SplitMix64) -> [MilestoneRecord] {
        let start = MilestoneProgress.schoolYearStart(containing: today)
        return catalogs.milestones.milestones(for: goal, years: { grades.contains($0.rawValue) }).map { milestone in
            let due = MilestoneCatalog.dueDate(for: milestone, gradeNow: student.grade, schoolYearStart: start)
            let past = due < today
            let state: MilestoneStatus
            if past { state = rng.chance(struggling ? 0.5 : 0.85) ? .done : (rng.chance(0.5) ? .inProgress : .notStarted) }
            else if due.dayNumber - today.dayNumber <= dueSoonDays {
                // Due within two months (the FAFSA in early December): many have done it
                // already, as in a real school, rather than nobody until the deadline.
                let roll = rng.int(below: 100)
                state = roll < 40 ? .done : (roll < 70 ? .inProgress : .notStarted)
            } else { state = rng.chance(0.2) ? .inProgress : .notStarted }
            // Done ahead of time: on some day of the last seven weeks, not all today.
            let doneOn = past ? due : today.adding(days: -(index * 7 % 50))
            return MilestoneRecord(studentId: Int64(index), milestoneId: milestone.id, status: state, dueDate: due,
                                   evidence: state == .done ? "Recorded by counselor" : nil,
                                   completedDate: state == .done ? min(doneOn, today) : nil)
        }
    }

    /// A middle-school (6-8) or elementary (K-5) plan: the milestones of the awareness and
    /// understanding bands from the school's first grade to the student's; in middle school,
    /// the courses of grades 6 to 8 (past years completed with marks), and a pathway chosen
    /// by most eighth graders. The goal stays undecided for most: it is early.
    static func lowerGradesPlan(index: Int, student: Student, catalogs: Catalogs, today: CivilDate,
                                rng: inout SplitMix64) -> StudentPlan {
        var plan = StudentPlan(studentId: Int64(index))
        let grade = max(0, student.grade.rawValue)
        let first = grade >= 6 ? 6 : 0
        if grade >= 7, rng.chance(grade == 8 ? 0.6 : 0.2), !catalogs.pathways.sectors.isEmpty {
            let sector = rng.pick(catalogs.pathways.sectors)
            plan.pathwayId = sector.id
            plan.pathwayHistory = [PathwayChange(date: today.adding(days: -rng.int(below: 60)).noon, fromId: nil, toId: sector.id,
                                                 reason: "Career investigation and a family conversation", authorId: 0)]
            plan.goals = PlanGoals(postsecondary: rng.pick(PostsecondaryGoal.allCases), careerInterests: [sector.title])
        }
        plan.milestones = milestones(index: index, student: student, goal: plan.goals.postsecondary, grades: first...grade,
                                     struggling: rng.chance(0.15), catalogs: catalogs, today: today, rng: &rng)
        guard grade >= 6 else { return plan }
        for year in 6...8 {
            let status: CourseStatus = year < grade ? .completed : (year == grade ? .inProgress : .planned)
            var courses: [(String, String)] = [
                // The catalog's middle-school courses where it has them (courses.json).
                ("english", "English \(year)"),
                ("math", year == 8 ? rng.pick(["Pre-Algebra", "Algebra I"]) : "Math \(year)"),
                ("science", "Science \(year)"),
                ("social-studies", ["World Cultures", "World History", "U.S. History to 1877"][year - 6]),
                ("pe", "Physical Education"),
                ("fine-arts", rng.pick(["Art", "Band", "Choir", "Orchestra"])),
            ]
            if year >= 7 { courses.append(("elective", rng.pick(["Exploring Careers", "Computer Science Discoveries", "Spanish A", "Robotics"]))) }
            for (subject, title) in courses {
                plan.courses.append(PlannedCourse(studentId: Int64(index), year: Grade(rawValue: year)!, title: title, subject: subject,
                                                  credits: 1, level: CourseMarks.level(ofTitle: title, subject: subject), status: status,
                                                  gradeEarned: status == .completed ? rng.pick(["A", "A-", "B+", "B", "B-", "C+", "C"]) : nil))
            }
        }
        return plan
    }
}
