import Foundation

/// Realistic plans for the demo district: each student's past years completed with marks,
/// the current year in progress, later years planned; most on track, some short (a failed
/// course, a missing subject), milestones of past grades mostly done and some overdue, and
/// now and then work-based learning, college credit, a certification or evidence.
public enum DemoPlans {
    /// A milestone due within this many days is done by 40% of students, under way for 30%:
    /// about four in ten seniors have filed the FAFSA by early December.
    static let dueSoonDays = 60

    /// One plan per student, in the same order; `studentId` holds the student's index.
    public static func generate(for students: [Student], catalogs: Catalogs, today: CivilDate, seed: UInt64) -> [StudentPlan] {
        var rng = SplitMix64(seed: seed ^ 0x5EED_0F_9AA5)
        let sectors = catalogs.pathways.sectors
        let routes = catalogs.pathways.routes
        let start = MilestoneProgress.schoolYearStart(containing: today)
        return students.enumerated().map { index, student in
            // The middle and elementary schools' students come last, so the high schools'
            // plans draw the same numbers with or without them.
            if student.grade.rawValue < 9 {
                return lowerGradesPlan(index: index, student: student, catalogs: catalogs, today: today, rng: &rng)
            }
            var plan = StudentPlan(studentId: Int64(index))
            let grade = min(12, max(9, student.grade.rawValue))
            let struggling = rng.chance(0.15)
            let sector = sectors.isEmpty ? nil : rng.pick(sectors)
            if let sector, grade >= 10 || rng.chance(0.5) {
                plan.pathwayId = sector.id
                if rng.chance(0.2), let first = routes.isEmpty ? nil : rng.pick(routes) {
                    plan.pathwayHistory.append(PathwayChange(date: CivilDate(year: start - 1, month: 10, day: 1).noon,
                                                             fromId: nil, toId: first.id, reason: "Chose a readiness route first", authorId: 0))
                }
                plan.pathwayHistory.append(PathwayChange(date: CivilDate(year: start, month: 9, day: 15).noon,
                                                         fromId: plan.pathwayHistory.last?.toId, toId: sector.id,
                                                         reason: "Interest inventory and a career speaker", authorId: 0))
            }
            plan.goals = PlanGoals(postsecondary: rng.pick(PostsecondaryGoal.allCases),
                                   careerInterests: sector.map { [$0.title] } ?? [])
            for year in 9...12 {
                let status: CourseStatus = year < grade ? .completed : (year == grade ? .inProgress : .planned)
                for (subject, title, credits) in courses(year: year, pathway: sector, rng: &rng) {
                    if struggling, year >= grade, rng.chance(0.35) { continue }
                    var mark: String?
                    if status == .completed {
                        mark = struggling && rng.chance(0.2) ? "F" : rng.pick(["A", "A-", "B+", "B", "B-", "C+", "C", "P"])
                    }
                    plan.courses.append(PlannedCourse(studentId: Int64(index), year: Grade(rawValue: year)!, title: title,
                                                      subject: subject, credits: credits,
                                                      level: CourseMarks.level(ofTitle: title, subject: subject),
                                                      status: status, gradeEarned: mark))
                }
            }
            // The milestones of the student's goal, from grade 9 (the high schools serve 9-12) to this one.
            plan.milestones = milestones(index: index, student: student, goal: plan.goals.postsecondary, grades: 9...grade,
                                         struggling: struggling, catalogs: catalogs, today: today, rng: &rng)
            if grade >= 11, rng.chance(0.4) {
                plan.workBasedLearning.append(WorkBasedLearning(
                    studentId: Int64(index), kind: rng.pick([.jobShadow, .internship, .speaker, .mentoring]),
                    organization: rng.pick(["Valley Medical Center", "City Public Works", "Northside Credit Union",
                                            "Riverside Community College", "Cascade Engineering", "Harbor Hotel Group"]),
                    hours: Double(rng.pick([2, 4, 6, 20, 40, 80])), startDate: today.adding(days: -rng.int(below: 300))))
            }
            if grade >= 11, rng.chance(0.25) {
                plan.collegeCredits.append(CollegeCredit(studentId: Int64(index), course: rng.pick(["ENGL 101", "MATH 141", "PSYC 100", "BIOL 160"]),
                                                         institution: "Riverside Community College", credits: 5))
            }
            if grade == 12, rng.chance(0.2) {
                plan.certifications.append(Certification(studentId: Int64(index), name: rng.pick(["CPR/First Aid", "OSHA 10", "ServSafe Food Handler", "CompTIA IT Fundamentals"]),
                                                         issuer: "Industry partner", status: rng.chance(0.6) ? .earned : .inProgress,
                                                         date: today.adding(days: -rng.int(below: 200))))
            }
            if let competency = catalogs.competencies.competencies.isEmpty ? nil : rng.pick(catalogs.competencies.competencies),
               rng.chance(0.3) {
                plan.evidence.append(CompetencyEvidence(studentId: Int64(index), competencyId: competency.id,
                                                        artifact: rng.pick(["Group science project", "Reflection essay", "Internship supervisor's note", "Portfolio presentation"]),
                                                        date: today.adding(days: -rng.int(below: 400))))
            }
            return plan
        }
    }

    /// A typical year of courses: (subject id, title, credits).
    private static func courses(year: Int, pathway: PathwayCatalog.Pathway?, rng: inout SplitMix64) -> [(String, String, Double)] {
        var list: [(String, String, Double)] = [
            ("english", ["English 9", "English 10", rng.pick(["English 11", "AP English Language"]), rng.pick(["English 12", "AP English Literature"])][year - 9], 1),
            ("math", ["Algebra I", "Geometry", "Algebra II", rng.pick(["Precalculus", "Statistics", "AP Calculus AB"])][year - 9], 1),
            ("social-studies", ["World History", "World History II", "U.S. History", "Government and Economics"][year - 9], 1),
        ]
        if year <= 11 { list.append(("science", ["Biology", "Chemistry", rng.pick(["Physics", "AP Environmental Science"])][year - 9], 1)) }
        switch year {
        case 9: list += [("pe", "Physical Education", 1), ("world-language", "Spanish I", 1)]
        case 10: list += [("health", "Health", 0.5), ("world-language", "Spanish II", 1), ("fine-arts", rng.pick(["Art I", "Choir", "Band"]), 1)]
        default: break
        }
        let program = pathway?.programOfStudy ?? []
        if program.indices.contains(year - 9) {
            list.append(("cte", program[year - 9], 1))
        } else {
            list.append(("elective", rng.pick(["Psychology", "Yearbook", "Leadership", "Creative Writing"]), 1))
        }
        if year >= 11 { list.append(("elective", rng.pick(["Sociology", "Digital Photography", "Study Skills", "Peer Tutoring"]), 1)) }
        if year == 12 { list.append(("elective", "Senior Seminar", 1)) }
        return list
    }
}

extension CivilDate {
    /// Noon UTC of the day: a timestamp that stays on the same date in every US time zone.
    var noon: Date { Date(timeIntervalSince1970: Double(dayNumber) * 86_400 + 12 * 3600) }
}

extension DemoPlans {
    /// The demo's past years as a district has them: completed courses come from the
    /// student information system's transcript rather than typed by hand. Returns the plans
    /// without those courses and the marks that bring them back through the placement an
    /// import uses, so the plan shows them as imported (`*`). For one student in 25 the
    /// counselor's own entry of one course stays in the plan with a mark that differs from
    /// the transcript's (typed before a grade change): a conflict (`!`) to settle. Year-long
    /// terms ("2025-YR") carry the course's credits. `studentId` holds the student's index.
    public static func transcript(_ plans: [StudentPlan], students: [Student], today: CivilDate)
        -> (plans: [StudentPlan], marks: [ImportedMark]) {
        let start = MilestoneProgress.schoolYearStart(containing: today)
        var kept: [StudentPlan] = []
        var marks: [ImportedMark] = []
        for var plan in plans {
            let index = Int(plan.studentId)
            guard students.indices.contains(index) else { kept.append(plan); continue }
            let grade = students[index].grade.rawValue
            var conflictLeft = index % 25 == 7
            var courses: [PlannedCourse] = []
            for course in plan.courses {
                guard course.status == .completed, let text = course.gradeEarned, var mark = ABCMark(text) else {
                    courses.append(course)
                    continue
                }
                if conflictLeft, case .letter(let letter) = mark, letter != "F" {
                    conflictLeft = false
                    courses.append(course)
                    let base = String(letter.prefix(1))
                    mark = ABCMark(letter.hasSuffix("-") ? base : base + "-") ?? mark
                }
                marks.append(ImportedMark(studentId: plan.studentId, term: "\(start - (grade - course.year.rawValue))-YR",
                                          course: course.title, subject: course.subject, mark: mark, credits: course.credits,
                                          source: .transcript))
            }
            plan.courses = courses
            kept.append(plan)
        }
        return (kept, marks)
    }
}
