import Foundation
import WaypointCatalogs
import XCTest
@testable import WaypointCore

/// Milestones by goal and grade band (issue 16, item 5): the catalog says which goals and
/// which grade each milestone is for; a student's milestones follow their goal and the
/// grades their school serves, and a goal change loses nothing recorded.
final class MilestoneBandTests: XCTestCase {
    private let catalogs = CatalogLoader.shipped
    private let today = CivilDate(year: 2026, month: 12, day: 3)

    private func grade(_ value: Int) -> Grade { Grade(rawValue: value)! }

    private func school(_ low: Int, _ high: Int) -> School {
        School(name: "School", lowGrade: grade(low), highGrade: grade(high))
    }

    /// The ids a student has, as the plan screen lists them.
    private func ids(goal: PostsecondaryGoal, grade value: Int, school: School?, records: [MilestoneRecord] = [],
                     pathwayId: String? = nil) -> [String] {
        items(goal: goal, grade: value, school: school, records: records, pathwayId: pathwayId).map(\.milestone.id)
    }

    private func items(goal: PostsecondaryGoal, grade value: Int, school: School?, records: [MilestoneRecord] = [],
                       pathwayId: String? = nil) -> [MilestoneProgress] {
        let plan = StudentPlan(studentId: 1, pathwayId: pathwayId, goals: PlanGoals(postsecondary: goal), milestones: records)
        let years = PlanYears.years(for: school, student: grade(value))
        return MilestoneProgress.all(for: plan, studentGrade: grade(value), grades: { years.contains($0) },
                                     catalogs: catalogs, today: today)
    }

    // MARK: Plan years

    func testPlansSpanTheGradesTheSchoolServes() {
        XCTAssertEqual(PlanYears.years(for: school(0, 5)).map(\.rawValue), Array(0...5))
        XCTAssertEqual(PlanYears.years(for: school(6, 8)).map(\.rawValue), [6, 7, 8])
        XCTAssertEqual(PlanYears.years(for: school(9, 12)).map(\.rawValue), [9, 10, 11, 12])
        XCTAssertEqual(PlanYears.years(for: nil).map(\.rawValue), [9, 10, 11, 12], "no school grades: a high school")
        XCTAssertEqual(PlanYears.years(for: School(name: "PK-2", lowGrade: grade(-1), highGrade: grade(2))).map(\.rawValue),
                       [0, 1, 2], "pre-kindergarten plans start at kindergarten")
        XCTAssertEqual(PlanYears.years(for: school(0, 4), student: grade(5)).map(\.rawValue), Array(0...5),
                       "the student's own grade is always in the plan")
        XCTAssertEqual(PlanYears.courseYears(PlanYears.years(for: school(0, 5))), [], "no courses in an elementary plan")
        XCTAssertEqual(PlanYears.courseYears(PlanYears.years(for: school(0, 8))).map(\.rawValue), [6, 7, 8])
    }

    // MARK: Grade bands

    func testTheBandsAreAwarenessUnderstandingReadiness() {
        XCTAssertEqual((0...12).map { GradeBand(grade($0)) },
                       Array(repeating: .awareness, count: 5) + Array(repeating: .understanding, count: 5)
                           + Array(repeating: .readiness, count: 3))
    }

    func testAKindergartnerHasAwarenessMilestonesOnly() {
        let kindergarten = items(goal: .undecided, grade: 0, school: school(0, 5))
        XCTAssertEqual(kindergarten.map(\.milestone.id),
                       ["all-about-me", "career-day", "family-informed-awareness", "career-exploration"])
        XCTAssertEqual(Set(kindergarten.prefix(3).map(\.milestone.band)), [.awareness])
        // Due dates fall in the year the student reaches each grade: October of kindergarten, this
        // fall, is past in December; grade 2's career day is in April 2029.
        XCTAssertEqual(kindergarten.filter(\.isOverdue).map(\.milestone.id), ["all-about-me"])
        XCTAssertEqual(kindergarten[1].record.dueDate, CivilDate(year: 2029, month: 4, day: 30))
    }

    func testASeventhGraderHasUnderstandingMilestonesWithAPathwayByTheEndOfGradeEight() {
        let seventh = ids(goal: .undecided, grade: 7, school: school(6, 8))
        XCTAssertEqual(seventh, ["middle-interest-inventory", "career-investigation", "family-informed-pathways",
                                 "high-school-course-plan", "pathway-chosen"])
        let chosen = items(goal: .undecided, grade: 7, school: school(6, 8), pathwayId: "health-science")
        XCTAssertEqual(chosen.first { $0.milestone.id == "pathway-chosen" }?.record.status, .done)
    }

    func testAHighSchoolPlanHasNoEarlierBands() {
        let freshman = ids(goal: .fourYear, grade: 9, school: school(9, 12))
        XCTAssertEqual(freshman.first, "career-interest-inventory")
        XCTAssertFalse(freshman.contains("pathway-chosen"))
        XCTAssertFalse(freshman.contains("all-about-me"))
    }

    // MARK: Goals

    func testReadinessFollowsTheGoal() {
        let senior = { (goal: PostsecondaryGoal) in Set(self.ids(goal: goal, grade: 12, school: self.school(9, 12))) }
        let college = senior(.fourYear), military = senior(.military), apprenticeship = senior(.apprenticeship)
        XCTAssertTrue(college.isSuperset(of: ["fafsa", "college-applications", "registration", "psat", "sat-act"]))
        XCTAssertFalse(college.contains("asvab"))
        XCTAssertTrue(military.isSuperset(of: ["asvab", "recruiter-meeting", "enlistment-decision", "graduation"]))
        XCTAssertTrue(military.isDisjoint(with: ["fafsa", "college-applications", "registration"]))
        XCTAssertTrue(apprenticeship.isSuperset(of: ["apprenticeship-application", "job-applications", "job-shadow", "internship"]))
        XCTAssertTrue(apprenticeship.isDisjoint(with: ["fafsa", "college-applications", "registration", "asvab"]))
        XCTAssertTrue(senior(.certificate).isSuperset(of: ["fafsa", "placement-testing"]), "technical programs take federal aid")
        XCTAssertTrue(senior(.undecided).isSuperset(of: ["fafsa", "psat", "internship"]), "undecided keeps the doors open")
        for goal in PostsecondaryGoal.allCases {
            XCTAssertTrue(senior(goal).isSuperset(of: ["exit-interview", "graduation", "career-interest-inventory"]), goal.rawValue)
        }
    }

    /// The heart of item 5: changing the goal adds the new goal's milestones and retires the
    /// ones that no longer apply, but a milestone with a status, evidence or a done date stays
    /// listed, marked, never overdue; changing back restores everything as it was.
    func testAGoalChangeLosesNothingRecorded() {
        let records = [
            MilestoneRecord(studentId: 1, milestoneId: "fafsa", status: .inProgress, evidence: "Started with mom"),
            MilestoneRecord(studentId: 1, milestoneId: "sat-act", status: .done, completedDate: CivilDate(year: 2026, month: 5, day: 2)),
            MilestoneRecord(studentId: 1, milestoneId: "campus-visit", status: .notStarted, evidence: "Booked for spring break"),
            MilestoneRecord(studentId: 1, milestoneId: "college-applications", status: .notStarted,
                            dueDate: CivilDate(year: 2026, month: 11, day: 30)),
            MilestoneRecord(studentId: 1, milestoneId: "psat", status: .done),
        ]
        let asCollege = items(goal: .fourYear, grade: 12, school: school(9, 12), records: records)
        XCTAssertTrue(asCollege.allSatisfy { $0.kept == nil })
        XCTAssertTrue(asCollege.contains { $0.milestone.id == "college-applications" && $0.isOverdue })

        let asMilitary = items(goal: .military, grade: 12, school: school(9, 12), records: records)
        let byId = Dictionary(uniqueKeysWithValues: asMilitary.map { ($0.milestone.id, $0) })
        XCTAssertNotNil(byId["asvab"], "the new goal's milestones are added")
        XCTAssertNil(byId["asvab"]?.kept)
        for id in ["fafsa", "sat-act", "campus-visit", "psat"] {
            XCTAssertEqual(byId[id]?.kept, .earlierGoal, "\(id) holds work: kept")
            XCTAssertEqual(byId[id]?.isOverdue, false, "\(id): kept milestones are history, never overdue")
        }
        XCTAssertEqual(byId["fafsa"]?.record.evidence, "Started with mom")
        XCTAssertEqual(byId["fafsa"]?.record.status, .inProgress)
        XCTAssertEqual(byId["sat-act"]?.record.completedDate, CivilDate(year: 2026, month: 5, day: 2))
        XCTAssertNil(byId["college-applications"], "untouched and not started: retired")
        XCTAssertNil(byId["registration"], "never recorded: retired")
        XCTAssertEqual(MilestoneProgress.next(in: asMilitary, grade: grade(12))?.milestone.id, "recruiter-meeting",
                       "what is next comes from the new goal, not a kept one")

        let back = items(goal: .fourYear, grade: 12, school: school(9, 12), records: records)
        XCTAssertEqual(back, asCollege, "changing the goal back restores the plan as it was")
    }

    func testWorkRecordedAtAnotherSchoolIsKept() {
        // Grade 8's pathway milestone, done in middle school, seen from a 9-12 plan.
        let done = MilestoneRecord(studentId: 1, milestoneId: "high-school-course-plan", status: .done)
        let kept = items(goal: .fourYear, grade: 9, school: school(9, 12), records: [done])
        XCTAssertEqual(kept.first { $0.milestone.id == "high-school-course-plan" }?.kept, .otherGrades)
    }

    func testTheSummaryFollowsTheGoal() {
        let december = CivilDate(year: 2026, month: 12, day: 3)
        func next(_ goal: PostsecondaryGoal) -> String? {
            PlanSummary(grade: grade(12), pathwayId: nil, requirementSetId: nil, goal: goal, courses: [], milestones: [],
                        catalogs: catalogs, today: december).nextMilestone?.id
        }
        XCTAssertEqual(next(.fourYear), "college-applications")
        XCTAssertEqual(next(.military), "recruiter-meeting")
        XCTAssertNotEqual(next(.apprenticeship), "fafsa")
    }

    // MARK: Credits

    func testNoStudentBelowGradeNineIsJudgedAgainstHighSchoolCredits() {
        for value in 0...8 {
            let summary = PlanSummary(grade: grade(value), pathwayId: nil, requirementSetId: nil, goal: .undecided,
                                      courses: [], milestones: [], catalogs: catalogs, today: today)
            XCTAssertFalse(summary.judgesCredits, "grade \(value)")
            XCTAssertTrue(summary.isOnTrack, "grade \(value): nothing flags the student")
            XCTAssertNil(summary.shortfall, "grade \(value): not \"short 24 credits\"")
        }
        let freshman = PlanSummary(grade: grade(9), pathwayId: nil, requirementSetId: nil, goal: .undecided,
                                   courses: [], milestones: [], catalogs: catalogs, today: today)
        XCTAssertTrue(freshman.judgesCredits)
        XCTAssertFalse(freshman.isOnTrack, "a ninth grader with no courses planned is still short")
    }

    // MARK: Reports

    func testAMilestoneReportCountsOnlyTheStudentsItIsFor() {
        let fafsa = catalogs.milestones.milestone("fafsa")!
        let students = (0..<4).map { index in
            ReportStudent(student: Student(id: Int64(index), localId: "S\(index)", givenName: "A", familyName: "B", grade: grade(12), schoolId: 1),
                          schoolName: "High", counselorName: nil, pathwayTitle: nil, lastContact: nil,
                          completedMilestoneIds: index == 0 ? ["fafsa"] : [], tier: nil,
                          goal: [.fourYear, .twoYear, .military, .apprenticeship][index])
        }
        let report = Reports.milestone(students, id: "fafsa", title: "FAFSA", grade: grade(12), by: .grade, minimumGroup: 1,
                                       applies: fafsa.applies(to:))
        XCTAssertEqual(report.total.count, 2, "the military and apprenticeship seniors are not counted as missing it")
        XCTAssertEqual(report.total.values, [50])
    }
}
