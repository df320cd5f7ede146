import Foundation
import TerminalKit
import WaypointCatalogs
import WaypointCore
import XCTest
@testable import WaypointUI

/// Issue 16, item 5 on screen: a middle-school plan (grades 6-8, understanding milestones,
/// no graduation check), no K-8 student flagged for credits by the caseload, its views or
/// the profile, and milestones that follow a goal changed on the plan screen.
final class MilestoneBandScreenTests: XCTestCase {
    private let catalogs = CatalogLoader.shipped
    private static let today = CivilDate(year: 2026, month: 11, day: 23)

    private static func grade(_ value: Int) -> Grade { Grade(rawValue: value)! }

    /// A seventh grader at a 6-8 school: last year's courses completed, this year's under way,
    /// the grade-6 interest inventory done.
    static func seventhGrader() -> PlanData {
        var student = Fixtures.entries()[0].student
        student.grade = grade(7)
        var plan = StudentPlan(studentId: 1)
        plan.goals = PlanGoals(postsecondary: .undecided, careerInterests: ["Animals"])
        plan.courses = [
            PlannedCourse(id: 1, studentId: 1, year: grade(6), title: "Math 6", subject: "math", credits: 1, status: .completed, gradeEarned: "B"),
            PlannedCourse(id: 2, studentId: 1, year: grade(7), title: "Pre-Algebra", subject: "math", credits: 1, status: .inProgress),
            PlannedCourse(id: 3, studentId: 1, year: grade(7), title: "Life Science", subject: "science", credits: 1, status: .inProgress),
        ]
        plan.milestones = [MilestoneRecord(studentId: 1, milestoneId: "middle-interest-inventory", status: .done,
                                           completedDate: CivilDate(year: 2025, month: 10, day: 14))]
        let school = School(name: "Jefferson Middle School", lowGrade: grade(6), highGrade: grade(8))
        return PlanData(student: student, schoolName: school.name, years: PlanYears.years(for: school, student: student.grade), plan: plan)
    }

    private static func planState(_ data: PlanData = seventhGrader()) -> AppState {
        var state = ProfileTests.state()
        state.profile?.data?.student.grade = data.student.grade
        XCTAssertEqual(reduce(&state, .command(.profile(.openPlan))), [.loadPlan(studentId: 1, token: 1)])
        _ = reduce(&state, .planLoaded(token: 1, data: data))
        return state
    }

    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    // MARK: The plan of a seventh grader

    func testASeventhGradersPlanOpensOnGradeSevenWithNoGraduationCheck() {
        let state = Self.planState()
        XCTAssertEqual(state.plan?.year, Self.grade(7))
        XCTAssertEqual(state.plan?.data?.courseYears.map(\.rawValue), [6, 7, 8])
        let text = render(state).text
        XCTAssertFalse(text.contains("not on track"), text)
        XCTAssertTrue(text.contains("Credits count from grade 9"), text)
        assertScreen(render(state), matches: "plan-grade7-courses-80x24")
    }

    func testASeventhGradersMilestonesAreTheUnderstandingBand() {
        var state = Self.planState()
        _ = reduce(&state, .command(.plan(.showSection(.milestones))))
        let rows = PlanScreenRows.milestones(state.plan!.data!, catalogs: catalogs, today: state.today)
        XCTAssertEqual(rows.map(\.milestone.id), ["middle-interest-inventory", "career-investigation", "family-informed-pathways",
                                                  "high-school-course-plan", "pathway-chosen"])
        assertScreen(render(state), matches: "plan-grade7-milestones-80x24")
    }

    func testAnElementaryPlanHasNoCourseYears() {
        var data = Self.seventhGrader()
        data.student.grade = Self.grade(0)
        data.plan.courses = []
        data.plan.milestones = []
        data.years = PlanYears.years(for: School(name: "Lincoln Elementary", lowGrade: Self.grade(0), highGrade: Self.grade(5)))
        var state = Self.planState(data)
        XCTAssertTrue(render(state).text.contains("Courses are planned from grade 6"))
        _ = reduce(&state, .command(.plan(.addPlanItem)))
        XCTAssertNil(state.plan?.form, "no course form for a year that holds no courses")
        XCTAssertEqual(state.status?.text, PlanView.noCourseYears)
        _ = reduce(&state, .command(.plan(.showSection(.milestones))))
        XCTAssertTrue(render(state).text.contains("All about me"), render(state).text)
    }

    // MARK: Goal change on screen

    /// Space on "Pathway & goals" steps the goal; once the store has saved it, the milestones
    /// are those of the new goal, with the work recorded under the old one kept and marked.
    func testChangingTheGoalChangesTheMilestonesAndKeepsTheRecordedOnes() {
        var data = PlanScreenTests.data()
        data.student.grade = Self.grade(12)
        data.plan.goals.postsecondary = .apprenticeship
        data.plan.milestones.append(MilestoneRecord(studentId: 1, milestoneId: "fafsa", status: .inProgress, evidence: "FSA ID made"))
        var state = Self.planState(data)
        _ = reduce(&state, .command(.plan(.showSection(.pathway))))
        let effects = reduce(&state, .command(.plan(.cyclePlanStatus)))
        var goals = data.plan.goals
        goals.postsecondary = .military
        XCTAssertEqual(effects.first, .changePlan(.setGoals(studentId: 1, goals), userId: 1, loaded: data.plan))
        var saved = data
        saved.plan.goals = goals
        _ = reduce(&state, .planLoaded(token: state.plan!.requestToken, data: saved))
        _ = reduce(&state, .command(.plan(.showSection(.milestones))))
        let rows = PlanScreenRows.milestones(state.plan!.data!, catalogs: catalogs, today: state.today)
        XCTAssertTrue(rows.contains { $0.milestone.id == "asvab" && $0.kept == nil })
        XCTAssertFalse(rows.contains { $0.milestone.id == "apprenticeship-application" }, "untouched: retired")
        XCTAssertEqual(rows.first { $0.milestone.id == "fafsa" }?.kept, .earlierGoal)
        XCTAssertTrue(render(state).text.contains("FAFSA (earlier goal)"), render(state).text)
    }

    // MARK: No K-8 student flagged for credits

    /// Grades 7, 9 and K, seen yesterday, tier 1, every milestone done, no course planned:
    /// credits are the only thing that could flag any of them.
    private func entries() -> [CaseloadEntry] {
        var entries = Fixtures.entries(count: 3)
        let done = catalogs.milestones.milestones.map { MilestoneRecord(studentId: 1, milestoneId: $0.id, status: .done) }
        for (index, value) in [7, 9, 0].enumerated() {
            entries[index].student.grade = Self.grade(value)
            entries[index].lastContact = ProfileTests.now.addingTimeInterval(-86_400)
            entries[index].tier = 1
            entries[index].plan = PlanSummary(grade: Self.grade(value), pathwayId: nil, requirementSetId: nil, goal: .undecided,
                                              courses: [], milestones: done, catalogs: catalogs, today: Self.today)
        }
        return entries
    }

    private func caseload(view: Character) -> AppState {
        var state = Fixtures.caseloadState()
        state.timeZone = TimeZone(identifier: "UTC")!
        _ = reduce(&state, .tick(ProfileTests.now))
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: entries()))
        _ = reduce(&state, .command(.caseload(.showViews)))
        _ = reduce(&state, .edit(.char(view)))
        return state
    }

    func testNotOnTrackViewLeavesOutKThroughEight() {
        XCTAssertEqual(caseload(view: "3").caseload.rows.map(\.student.grade.rawValue), [9],
                       "only the ninth grader with no courses is short")
    }

    func testNeedsAttentionFlagsNobodyForCredits() {
        XCTAssertEqual(caseload(view: "7").caseload.rows.map(\.student.grade.rawValue), [])
    }

    func testTheCaseloadShowsNoCreditStatusBelowGradeNine() {
        let rows = entries()
        let text = { (entry: CaseloadEntry) in
            CaseloadView.cellText(entry, summary: CaseloadSummary(entry), column: 5, now: ProfileTests.now,
                                  timeZone: TimeZone(identifier: "UTC")!)
        }
        XCTAssertEqual(rows.map(text), [CaseloadView.none, "short", CaseloadView.none])
    }

    func testTheProfileHeaderShowsNoCreditStatusBelowGradeNine() {
        let seventh = PlanSummary(grade: Self.grade(7), pathwayId: nil, requirementSetId: nil, goal: .undecided, courses: [],
                                  milestones: [], catalogs: catalogs, today: Self.today)
        XCTAssertEqual(ProfileView.planLine(seventh, today: Self.today), "Plan: no pathway · next: Career investigation by 2027-03-31")
        let ninth = PlanSummary(grade: Self.grade(9), pathwayId: nil, requirementSetId: nil, goal: .undecided, courses: [],
                                milestones: [], catalogs: catalogs, today: Self.today)
        XCTAssertTrue(ProfileView.planLine(ninth, today: Self.today).hasPrefix("Plan: no pathway · Short"),
                      ProfileView.planLine(ninth, today: Self.today))
    }

    /// v2 "Seniors without FAFSA": not the senior bound for the military.
    func testSeniorsWithoutFAFSALeavesOutThoseItIsNotFor() {
        var state = Fixtures.caseloadState()
        var entries = Fixtures.entries(count: 2)
        for (index, goal) in [PostsecondaryGoal.fourYear, .military].enumerated() {
            entries[index].student.grade = Self.grade(12)
            entries[index].plan = PlanSummary(grade: Self.grade(12), pathwayId: nil, requirementSetId: nil, goal: goal, courses: [],
                                              milestones: [], catalogs: catalogs, today: Self.today)
        }
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: entries))
        _ = reduce(&state, .command(.caseload(.showViews)))
        _ = reduce(&state, .edit(.char("2")))
        XCTAssertEqual(state.caseload.rows.map(\.student.localId), [entries[0].student.localId])
    }
}
