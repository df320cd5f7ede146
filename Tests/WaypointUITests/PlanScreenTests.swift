import Foundation
import TerminalKit
import WaypointCatalogs
import WaypointCore
import XCTest
@testable import WaypointUI

final class PlanScreenTests: XCTestCase {
    static func data() -> PlanData {
        var student = Fixtures.entries()[0].student
        student.grade = Grade(rawValue: 11)!
        var plan = StudentPlan(studentId: 1, pathwayId: "health-science")
        plan.goals = PlanGoals(postsecondary: .fourYear, careerInterests: ["Nursing"])
        let nine = Grade(rawValue: 9)!, ten = Grade(rawValue: 10)!, eleven = Grade(rawValue: 11)!, twelve = Grade(rawValue: 12)!
        plan.courses = [
            PlannedCourse(id: 1, studentId: 1, year: nine, title: "English 9", subject: "english", credits: 1, status: .completed, gradeEarned: "A"),
            PlannedCourse(id: 2, studentId: 1, year: nine, title: "Algebra I", subject: "math", credits: 1, status: .completed, gradeEarned: "B"),
            PlannedCourse(id: 3, studentId: 1, year: ten, title: "Geometry", subject: "math", credits: 1, status: .completed, gradeEarned: "F"),
            PlannedCourse(id: 4, studentId: 1, year: eleven, title: "Algebra II", subject: "math", credits: 1, status: .inProgress),
            PlannedCourse(id: 5, studentId: 1, year: eleven, title: "Anatomy and Physiology", subject: "science", credits: 1, status: .inProgress),
            PlannedCourse(id: 6, studentId: 1, year: twelve, title: "AP Calculus AB", subject: "math", credits: 1, level: .ap),
        ]
        plan.milestones = [MilestoneRecord(studentId: 1, milestoneId: "career-interest-inventory", status: .done,
                                           completedDate: CivilDate(year: 2024, month: 10, day: 3))]
        return PlanData(student: student, schoolName: "Riverside High School", years: [nine, ten, eleven, twelve], plan: plan)
    }

    static func state(size: Size = Size(width: 80, height: 24), data: PlanData = data()) -> AppState {
        var state = ProfileTests.state(size: size)
        let effects = reduce(&state, .command(.profile(.openPlan)))
        XCTAssertEqual(effects, [.loadPlan(studentId: 1, token: 1)])
        _ = reduce(&state, .planLoaded(token: 1, data: data))
        return state
    }

    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    func testCoursesAt80x24ShowOneYearAndTheCheck() {
        let state = Self.state()
        XCTAssertEqual(state.plan?.year.rawValue, 9, "the student's grade 9 (fixture) opens first")
        assertScreen(render(state), matches: "plan-courses-80x24")
    }

    func testCoursesAt120x40ShowTheYearsSideBySide() {
        assertScreen(render(Self.state(size: Size(width: 120, height: 40))), matches: "plan-courses-120x40")
    }

    func testMilestonesAt80x24() {
        var state = Self.state()
        _ = reduce(&state, .command(.plan(.nextSection)))
        assertScreen(render(state), matches: "plan-milestones-80x24")
    }

    /// `m` on the profile: the plan opens on the milestones with this year's next one
    /// selected (the one the caseload's "Next milestone" names), ready for Space.
    static func milestonesState(size: Size = Size(width: 80, height: 24)) -> AppState {
        var state = ProfileTests.state(size: size)
        XCTAssertEqual(KeyRouter.action(for: .char("m"), in: state), .command(.profile(.openMilestones)))
        XCTAssertEqual(reduce(&state, .command(.profile(.openMilestones))), [.loadPlan(studentId: 1, token: 1)])
        _ = reduce(&state, .planLoaded(token: 1, data: data()))
        return state
    }

    func testMOpensTheMilestonesOnTheNextOneDue() {
        let state = Self.milestonesState()
        XCTAssertEqual(state.plan?.section, .milestones)
        let rows = PlanScreenRows.milestones(Self.data(), catalogs: state.catalogs, today: state.today)
        XCTAssertEqual(rows[state.plan!.milestones.selected].milestone.id, "dual-enrollment-course",
                       "grade 11's soonest open milestone, not a past grade's")
        XCTAssertTrue(Keymaps.profile.hints(for: ProfileTests.state()).contains { $0.keys == "m" && $0.title == "Milestones" })
    }

    /// Not started to done: `m`, Space, Space, even when the second Space comes before the
    /// store's answer; the day it was done is shown at once.
    func testSpaceTwiceMarksItDoneWithTheDay() {
        var state = Self.milestonesState()
        let today = state.today
        let first = reduce(&state, .command(.plan(.cyclePlanStatus)))
        XCTAssertEqual(first.first, .changePlan(.setMilestone(MilestoneRecord(
            studentId: 1, milestoneId: "dual-enrollment-course", status: .inProgress, dueDate: CivilDate(year: 2026, month: 12, day: 31))),
            userId: 1, loaded: Self.data().plan))
        let second = reduce(&state, .command(.plan(.cyclePlanStatus)))
        guard case .changePlan(.setMilestone(let record), _, let loaded)? = second.first else { return XCTFail("\(second)") }
        XCTAssertEqual(record.status, .done)
        XCTAssertEqual(record.completedDate, today)
        XCTAssertEqual(loaded?.milestones.first { $0.milestoneId == "dual-enrollment-course" }?.status, .inProgress,
                       "compared with the step the first Space asked for")
        XCTAssertEqual(state.status?.text, "Dual-enrollment course: done \(today.iso).")
        assertScreen(render(state), matches: "plan-milestone-done-80x24")
    }

    func testTheTabBarsNumberKeysShowTheirSections() {
        var state = Self.state()
        for (key, section) in zip("1234", PlanState.Section.allCases) {
            XCTAssertEqual(KeyRouter.action(for: .char(key), in: state), .command(.plan(.showSection(section))))
        }
        _ = reduce(&state, .command(.plan(.showSection(.pathway))))
        XCTAssertEqual(state.plan?.section, .pathway)
        _ = reduce(&state, .command(.plan(.showSection(.milestones))))
        XCTAssertEqual(state.plan?.section, .milestones)
        _ = reduce(&state, .command(.plan(.showSection(.courses))))
        _ = reduce(&state, .command(.plan(.addPlanItem)))
        XCTAssertEqual(KeyRouter.action(for: .char("2"), in: state), .edit(.char("2")), "in a form, digits are typed")
    }

    func testMovingACourseToTheNextYearIsOneKey() {
        var state = Self.state()
        _ = reduce(&state, .command(.plan(.nextYear)))
        XCTAssertEqual(state.plan?.selectedCourse?.title, "Geometry")
        XCTAssertEqual(KeyRouter.action(for: .char(">"), in: state), .command(.plan(.moveCourseLater)))
        let effects = reduce(&state, .command(.plan(.moveCourseLater)))
        XCTAssertEqual(effects.first, .changePlan(.moveCourse(id: 3, year: Grade(rawValue: 11)!), userId: 1,
                                                  loaded: Self.data().plan), "compared with the plan as shown")
        XCTAssertEqual(state.plan?.year.rawValue, 11, "the selection follows the course")
        XCTAssertEqual(state.status?.text, "Moved Geometry to grade 11.")
    }

    func testAddingACourseThroughTheForm() {
        var state = Self.state()
        _ = reduce(&state, .command(.plan(.addPlanItem)))
        XCTAssertEqual(Keymaps.context(for: state), .planForm)
        for character in "Chemistry" { _ = reduce(&state, .edit(.char(character))) }
        _ = reduce(&state, .command(.field(.nextField)))
        _ = reduce(&state, .edit(.char("s")))
        XCTAssertEqual(state.plan?.form?["subject"], "science")
        let effects = reduce(&state, .command(.plan(.submitForm)))
        guard case .changePlan(.addCourse(let course), _, _)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(course.title, "Chemistry")
        XCTAssertEqual(course.year.rawValue, 9)
        XCTAssertNil(state.plan?.form)
    }

    func testABadCreditValueNamesTheField() {
        var state = Self.state()
        _ = reduce(&state, .command(.plan(.addPlanItem)))
        for character in "Band" { _ = reduce(&state, .edit(.char(character))) }
        _ = reduce(&state, .command(.field(.nextField)))
        _ = reduce(&state, .command(.field(.nextField)))
        _ = reduce(&state, .edit(.ctrl("u")))
        for character in "lots" { _ = reduce(&state, .edit(.char(character))) }
        XCTAssertEqual(reduce(&state, .command(.plan(.submitForm))), [])
        XCTAssertEqual(state.plan?.form?.error, "Credits: expected a number from 0.25 to 10, not \"lots\"")
    }

    func testAMarkThatIsNotAMarkNamesTheField() throws {
        var state = Self.state()
        let course = try XCTUnwrap(state.plan?.data?.plan.courses.first { $0.title == "English 9" })
        XCTAssertEqual(course.gradeEarned, "A")
        _ = reduce(&state, .command(.plan(.editPlanItem)))
        let fields = try XCTUnwrap(state.plan?.form?.fields.map(\.key))
        let gradeIndex = try XCTUnwrap(fields.firstIndex(of: "grade"))
        for _ in 0..<gradeIndex { _ = reduce(&state, .command(.field(.nextField))) }
        _ = reduce(&state, .edit(.ctrl("u")))
        _ = reduce(&state, .edit(.char("E")))
        XCTAssertEqual(reduce(&state, .command(.plan(.submitForm))), [])
        XCTAssertEqual(state.plan?.form?.error,
                       "Grade earned: expected a letter from A+ to F, P or NP, or a percentage from 0 to 100, not \"E\"")
    }

    func testSpaceAdvancesAMilestoneAndWWaivesIt() {
        var state = Self.state()
        _ = reduce(&state, .command(.plan(.nextSection)))
        _ = reduce(&state, .command(.list(.moveDown)))
        let rows = PlanScreenRows.milestones(state.plan!.data!, catalogs: state.catalogs, today: state.today)
        let before = rows[state.plan!.milestones.selected].record.status
        let effects = reduce(&state, .command(.plan(.cyclePlanStatus)))
        guard case .changePlan(.setMilestone(let record), _, _)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(record.status, before.next)
        let waive = reduce(&state, .command(.plan(.waiveMilestone)))
        guard case .changePlan(.setMilestone(let waived), _, _)? = waive.first else { return XCTFail("\(waive)") }
        XCTAssertEqual(waived.status, .waived)
    }

    /// The plan has a pathway, so "Pathway selection" reads done; Space says why instead of
    /// storing a status the screen would not show.
    func testPathwaySelectionIsDoneByThePathwayAndSpaceSaysWhy() {
        var state = Self.state()
        _ = reduce(&state, .command(.plan(.nextSection)))
        let rows = PlanScreenRows.milestones(state.plan!.data!, catalogs: state.catalogs, today: state.today)
        let index = rows.firstIndex { $0.milestone.id == "pathway-selection" }!
        _ = reduce(&state, .command(.list(.moveTop)))
        for _ in 0..<index { _ = reduce(&state, .command(.list(.moveDown))) }
        let row = rows[state.plan!.milestones.selected]
        XCTAssertEqual(row.milestone.id, "pathway-selection")
        XCTAssertEqual(row.record.status, .done)
        XCTAssertFalse(row.isOverdue)
        XCTAssertEqual(reduce(&state, .command(.plan(.cyclePlanStatus))), [])
        XCTAssertEqual(state.status?.text, "Pathway selection is done while the plan has a pathway (Pathway tab).")
        let line = render(state).text.split(separator: "\n").first { $0.contains("Pathway selection") }
        XCTAssertNotNil(line)
        XCTAssertFalse(line?.contains("overdue") ?? true, String(line ?? ""))
    }

    func testEditingTheEvidenceOfADoneMilestoneKeepsTheDayItWasDone() throws {
        var state = Self.state()
        _ = reduce(&state, .command(.plan(.nextSection)))
        let rows = PlanScreenRows.milestones(state.plan!.data!, catalogs: state.catalogs, today: state.today)
        let index = try XCTUnwrap(rows.firstIndex { $0.record.milestoneId == "career-interest-inventory" })
        _ = reduce(&state, .command(.list(.moveDown)))
        _ = reduce(&state, .command(.list(.moveTop)))
        for _ in 0..<index { _ = reduce(&state, .command(.list(.moveDown))) }
        _ = reduce(&state, .command(.plan(.editPlanItem)))
        _ = reduce(&state, .command(.field(.nextField)))
        _ = reduce(&state, .command(.field(.nextField)))
        for character in "Inventory on file" { _ = reduce(&state, .edit(.char(character))) }
        let effects = reduce(&state, .command(.plan(.submitForm)))
        guard case .changePlan(.setMilestone(let record), _, _)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(record.status, .done)
        XCTAssertEqual(record.completedDate, CivilDate(year: 2024, month: 10, day: 3))
    }

    func testChangingThePathwayAsksForAReason() {
        var state = Self.state()
        _ = reduce(&state, .command(.plan(.changePathway)))
        XCTAssertEqual(state.plan?.section, .pathway)
        _ = reduce(&state, .edit(.char("i")))
        XCTAssertEqual(state.plan?.form?["pathway"], "information-technology")
        XCTAssertEqual(reduce(&state, .command(.plan(.submitForm))), [])
        XCTAssertEqual(state.plan?.form?.error, "Reason: required")
        _ = reduce(&state, .command(.field(.nextField)))
        for character in "Loved the coding class" { _ = reduce(&state, .edit(.char(character))) }
        let effects = reduce(&state, .command(.plan(.submitForm)))
        XCTAssertEqual(effects.first, .changePlan(.setPathway(studentId: 1, pathwayId: "information-technology",
                                                              reason: "Loved the coding class"), userId: 1,
                                             loaded: Self.data().plan))
    }

    func testRemovingAsksFirst() {
        var state = Self.state()
        _ = reduce(&state, .command(.plan(.removePlanItem)))
        XCTAssertEqual(Keymaps.context(for: state), .planConfirm)
        let effects = reduce(&state, .command(.plan(.confirmRemoval)))
        XCTAssertEqual(effects.first, .changePlan(.removeCourse(id: 1), userId: 1, loaded: Self.data().plan))
    }

    func testSeniorsWithoutFAFSAIsTwoKeystrokes() {
        var state = Fixtures.caseloadState()
        var entries = Fixtures.entries(count: 4)
        for index in entries.indices { entries[index].student.grade = Grade(rawValue: index < 3 ? 12 : 11)! }
        let catalogs = CatalogLoader.shipped
        func summary(_ done: Set<String>) -> PlanSummary {
            PlanSummary(grade: Grade(rawValue: 12)!, pathwayId: nil, requirementSetId: nil, goal: .fourYear, courses: [],
                        milestones: done.map { MilestoneRecord(studentId: 1, milestoneId: $0, status: .done) },
                        catalogs: catalogs, today: CivilDate(year: 2026, month: 11, day: 23))
        }
        entries[0].plan = summary(["fafsa"])
        entries[1].plan = summary([])
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: entries))
        XCTAssertEqual(KeyRouter.action(for: .char("v"), in: state), .command(.caseload(.showViews)))
        _ = reduce(&state, .command(.caseload(.showViews)))
        XCTAssertEqual(KeyRouter.action(for: .char("2"), in: state), .edit(.char("2")))
        _ = reduce(&state, .edit(.char("2")))
        XCTAssertEqual(state.caseload.rows.map(\.student.localId), ["S100002", "S100003"])
        XCTAssertNil(state.overlay)
    }

    func testSortingByNextMilestonePutsOverdueFirst() {
        var state = Fixtures.caseloadState()
        var entries = Fixtures.entries(count: 3)
        let catalogs = CatalogLoader.shipped
        let today = CivilDate(year: 2026, month: 11, day: 23)
        func plan(dueIn days: Int) -> PlanSummary {
            var summary = PlanSummary(grade: Grade(rawValue: 12)!, pathwayId: nil, requirementSetId: nil, goal: .fourYear, courses: [],
                                      milestones: [], catalogs: catalogs, today: today)
            summary.nextMilestone = .init(id: "fafsa", title: "FAFSA", due: today.adding(days: days), isOverdue: days < 0)
            return summary
        }
        entries[0].plan = plan(dueIn: 30)
        entries[2].plan = plan(dueIn: -5)
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: entries))
        _ = reduce(&state, .command(.caseload(.cycleSort)))
        _ = reduce(&state, .command(.caseload(.cycleSort)))
        XCTAssertEqual(state.caseload.sort, .nextMilestone)
        XCTAssertEqual(state.caseload.rows.map(\.student.localId), ["S100003", "S100001", "S100002"])
        _ = reduce(&state, .command(.caseload(.cycleSort)))
        XCTAssertEqual(state.caseload.sort, .tier)
        _ = reduce(&state, .command(.caseload(.cycleSort)))
        XCTAssertEqual(state.caseload.sort, .name)
    }

    /// `s` puts the selection at the top of the new order: the first row is what the sort
    /// brought forward (issue 15), not the student who was selected, now somewhere else.
    func testSortingSelectsTheTopOfTheNewOrder() {
        var state = Fixtures.caseloadState()
        var entries = Fixtures.entries(count: 4)
        entries[3].lastContact = ProfileTests.now
        entries[0].lastContact = ProfileTests.now.addingTimeInterval(-86_400)
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: entries))
        _ = reduce(&state, .command(.list(.moveDown)))
        _ = reduce(&state, .command(.list(.moveDown)))
        XCTAssertEqual(state.caseload.selectedEntry?.student.localId, "S100003")
        _ = reduce(&state, .command(.caseload(.cycleSort)))
        XCTAssertEqual(state.caseload.sort, .lastContact)
        XCTAssertEqual(state.caseload.rows.map(\.student.localId), ["S100002", "S100003", "S100001", "S100004"])
        XCTAssertEqual(state.caseload.table.selected, 0)
        XCTAssertEqual(state.caseload.table.offset, 0)
        XCTAssertEqual(state.caseload.selectedEntry?.student.localId, "S100002")
    }

    func testTierViewAndSort() {
        var state = Fixtures.caseloadState()
        var entries = Fixtures.entries(count: 4)
        entries[1].tier = 3
        entries[2].tier = 2
        entries[3].tier = 1
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: entries))
        _ = reduce(&state, .command(.caseload(.showViews)))
        _ = reduce(&state, .edit(.char("6")))
        XCTAssertEqual(state.caseload.rows.map(\.student.localId), ["S100002", "S100003"])
        _ = reduce(&state, .command(.caseload(.showViews)))
        _ = reduce(&state, .edit(.char("1")))
        for _ in 0..<3 { _ = reduce(&state, .command(.caseload(.cycleSort))) }
        XCTAssertEqual(state.caseload.rows.map(\.student.localId), ["S100002", "S100003", "S100004", "S100001"])
    }
}
