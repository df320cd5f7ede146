import Foundation
import WaypointCatalogs
import XCTest
@testable import WaypointCore

/// Choosing a pathway is what the "Pathway selection" milestone asks for: the milestone reads
/// the plan, so "on track" never sits beside "Pathway selection, 976 days overdue" (issue 15).
final class PathwayMilestoneTests: XCTestCase {
    private let today = CivilDate(year: 2026, month: 12, day: 3)
    private let junior = Grade(rawValue: 11)!

    private func pathwaySelection(pathwayId: String?, records: [MilestoneRecord] = []) throws -> MilestoneProgress {
        let plan = StudentPlan(studentId: 1, pathwayId: pathwayId, milestones: records)
        let items = MilestoneProgress.all(for: plan, studentGrade: junior, grades: { _ in true },
                                          catalogs: try CatalogLoader.defaults(), today: today)
        return try XCTUnwrap(items.first { $0.milestone.id == "pathway-selection" })
    }

    func testTheBuiltInPathwaySelectionIsDoneByAPathway() throws {
        // Grade 8's "Pathway chosen" (middle school) and grade 9's "Pathway selection" (a high
        // school starting at 9): one pathway completes both.
        XCTAssertEqual(try CatalogLoader.defaults().milestones.milestones.filter(\.doneByPathway).map(\.id),
                       ["pathway-chosen", "pathway-selection"])
    }

    func testWithoutAPathwayItIsOverdue() throws {
        let item = try pathwaySelection(pathwayId: nil)
        XCTAssertTrue(item.isOverdue)
        XCTAssertEqual(item.record.status, .notStarted)
    }

    func testAChosenPathwayMakesItDoneAndNotOverdue() throws {
        let item = try pathwaySelection(pathwayId: "health-science")
        XCTAssertEqual(item.record.status, .done)
        XCTAssertFalse(item.isOverdue)
        let inProgress = MilestoneRecord(studentId: 1, milestoneId: "pathway-selection", status: .inProgress)
        XCTAssertEqual(try pathwaySelection(pathwayId: "health-science", records: [inProgress]).record.status, .done)
    }

    func testAWaiverStaysAWaiver() throws {
        let waived = MilestoneRecord(studentId: 1, milestoneId: "pathway-selection", status: .waived)
        XCTAssertEqual(try pathwaySelection(pathwayId: "health-science", records: [waived]).record.status, .waived)
    }

    /// Saved views ("9th graders without a pathway selection") filter on the summary's ids.
    func testThePlanSummaryCountsItCompleted() throws {
        let catalogs = try CatalogLoader.defaults()
        let inventory = MilestoneRecord(studentId: 1, milestoneId: "career-interest-inventory", status: .done)
        let with = PlanSummary(grade: Grade(rawValue: 9)!, pathwayId: "health-science", requirementSetId: nil, goal: .fourYear, courses: [],
                               milestones: [inventory], catalogs: catalogs, today: CivilDate(year: 2027, month: 4, day: 2))
        XCTAssertTrue(with.completedMilestoneIds.contains("pathway-selection"))
        XCTAssertNotEqual(with.nextMilestone?.id, "pathway-selection")
        let without = PlanSummary(grade: Grade(rawValue: 9)!, pathwayId: nil, requirementSetId: nil, goal: .fourYear, courses: [],
                                  milestones: [inventory], catalogs: catalogs, today: CivilDate(year: 2027, month: 4, day: 2))
        XCTAssertFalse(without.completedMilestoneIds.contains("pathway-selection"))
        XCTAssertEqual(without.nextMilestone?.id, "pathway-selection")
        XCTAssertEqual(without.nextMilestone?.isOverdue, true)
    }

    func testACatalogFileCanMarkItsOwnMilestone() throws {
        let catalog = try MilestoneCatalog.decode(CatalogSource(name: "milestones.json", data: Data("""
            { "milestones": [ { "id": "choose-path", "title": "Choose a path", "grade": 8, "dueMonth": 4, "doneByPathway": true },
                              { "id": "fafsa", "title": "FAFSA", "grade": 12, "dueMonth": 12 } ] }
            """.utf8)))
        XCTAssertEqual(catalog.milestones.map(\.doneByPathway), [true, false])
    }
}
