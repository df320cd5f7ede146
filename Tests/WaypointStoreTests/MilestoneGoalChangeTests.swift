import Foundation
import WaypointCatalogs
import WaypointCore
import XCTest
@testable import WaypointStore

/// A goal change in the database (issue 16, item 5): which milestones apply is read from
/// the catalog, so changing the goal rewrites no milestone row; what was recorded stays in
/// the database and in view, and the summaries follow the new goal.
final class MilestoneGoalChangeTests: XCTestCase {
    private var fixture: StoreFixture!
    private let today = CivilDate(year: 2026, month: 12, day: 3)

    override func setUpWithError() throws {
        fixture = try StoreFixture()
    }

    private var db: AppDatabase { fixture.database }

    func testChangingTheGoalKeepsEveryRecordedMilestone() throws {
        let id = try fixture.add("Marcus", "Webb", grade: 12).id!
        try db.setGoals(studentId: id, PlanGoals(postsecondary: .fourYear), by: 1)
        try db.setMilestone(MilestoneRecord(studentId: id, milestoneId: "fafsa", status: .inProgress, evidence: "FSA ID made"),
                            today: today, by: 1)
        try db.setMilestone(MilestoneRecord(studentId: id, milestoneId: "college-applications", status: .notStarted,
                                            dueDate: CivilDate(year: 2026, month: 12, day: 31)), today: today, by: 1)
        let before = try db.plan(studentId: id).milestones

        try db.setGoals(studentId: id, PlanGoals(postsecondary: .military), by: 1)
        let plan = try db.plan(studentId: id)
        XCTAssertEqual(plan.milestones, before, "no milestone row is changed or removed by a goal change")

        let items = MilestoneProgress.all(for: plan, studentGrade: Grade(rawValue: 12)!, grades: { $0.rawValue >= 9 },
                                          catalogs: CatalogLoader.shipped, today: today)
        XCTAssertEqual(items.first { $0.milestone.id == "fafsa" }?.kept, .earlierGoal)
        XCTAssertEqual(items.first { $0.milestone.id == "fafsa" }?.record.evidence, "FSA ID made")
        XCTAssertFalse(items.contains { $0.milestone.id == "college-applications" }, "untouched: retired from view")
        XCTAssertTrue(items.contains { $0.milestone.id == "asvab" })

        let source = try XCTUnwrap(db.planSummarySources(studentIds: [id])[id])
        XCTAssertEqual(source.goal, .military)
        XCTAssertEqual(source.summary(grade: Grade(rawValue: 12)!, catalogs: CatalogLoader.shipped, today: today).nextMilestone?.id,
                       "recruiter-meeting")

        try db.setGoals(studentId: id, PlanGoals(postsecondary: .fourYear), by: 1)
        let back = MilestoneProgress.all(for: try db.plan(studentId: id), studentGrade: Grade(rawValue: 12)!, grades: { $0.rawValue >= 9 },
                                         catalogs: CatalogLoader.shipped, today: today)
        XCTAssertEqual(back.first { $0.milestone.id == "college-applications" }?.record.dueDate, CivilDate(year: 2026, month: 12, day: 31),
                       "changing back brings the retired milestone back as it was")
    }

    /// A seventh grader with no courses: never "short" in the caseload export, the profile or
    /// the reports' sources, while a ninth grader with none is.
    func testAMiddleSchoolerIsNotJudgedOnCredits() throws {
        let seventh = try fixture.add("Ana", "Lima", grade: 7).id!
        let ninth = try fixture.add("Ben", "Ortiz", grade: 9).id!
        let sources = try db.planSummarySources(studentIds: [seventh, ninth])
        let young = try XCTUnwrap(sources[seventh]).summary(grade: Grade(rawValue: 7)!, catalogs: CatalogLoader.shipped, today: today)
        let freshman = try XCTUnwrap(sources[ninth]).summary(grade: Grade(rawValue: 9)!, catalogs: CatalogLoader.shipped, today: today)
        XCTAssertTrue(young.isOnTrack)
        XCTAssertFalse(young.judgesCredits)
        XCTAssertNil(young.shortfall)
        XCTAssertFalse(freshman.isOnTrack)
    }
}
