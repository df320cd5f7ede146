import Foundation
import GRDB
import WaypointCatalogs
import WaypointCore
import XCTest
@testable import WaypointStore

/// Test results in the store (issue 16 item 3, migration v25-assessments): one row per
/// student, test and date; the milestones they complete read as done wherever milestones are
/// read, without a status written; a student leaving the caseload takes theirs.
final class AssessmentStoreTests: XCTestCase {
    private var fixture: StoreFixture!
    private var ana: Student!
    private var ben: Student!
    private let catalogs = CatalogLoader.shipped
    private let today = CivilDate(year: 2026, month: 12, day: 3)
    private let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    override func setUpWithError() throws {
        fixture = try StoreFixture()
        ana = try fixture.add("Ana", "Ruiz", grade: 11)
        ben = try fixture.add("Ben", "Ng", grade: 11)
    }

    private func psat(_ student: Student, total: Int = 1140) -> AssessmentResult {
        AssessmentResult(studentId: student.id!, testId: "psat", date: CivilDate(year: 2025, month: 10, day: 15), total: total,
                         scores: ["erw": 560, "math": total - 560])
    }

    private func count(_ sql: String) throws -> Int {
        try fixture.queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    func testAResultCompletesItsMilestoneOnThePlanTheSummaryAndTheToDoList() throws {
        try fixture.database.setGoals(studentId: ana.id!, PlanGoals(postsecondary: .fourYear), by: fixture.counselor.id!)
        func psatItem() throws -> MilestoneProgress? {
            let plan = try fixture.database.plan(studentId: ana.id!)
            return MilestoneProgress.all(for: plan, studentGrade: ana.grade, grades: { (9...12).contains($0.rawValue) },
                                         catalogs: catalogs, today: today).first { $0.milestone.id == "psat" }
        }
        XCTAssertEqual(try psatItem()?.record.status, .notStarted)
        XCTAssertEqual(try psatItem()?.isOverdue, true, "the grade-10 PSAT is overdue for a junior without one")

        _ = try fixture.database.recordAssessments([psat(ana)], by: fixture.counselor.id, source: "tests.csv", now: t0)
        let item = try XCTUnwrap(psatItem())
        XCTAssertEqual(item.record.status, .done)
        XCTAssertEqual(item.record.completedDate, CivilDate(year: 2025, month: 10, day: 15), "done on the day of the sitting")
        XCTAssertEqual(item.record.evidence, "PSAT/NMSQT result of 2025-10-15")
        XCTAssertFalse(item.isOverdue)
        XCTAssertEqual(try count("SELECT count(*) FROM milestone_status WHERE milestoneId = 'psat'"), 0,
                       "derived when read: no status is written for the counselor to find changed")

        let summary = try XCTUnwrap(fixture.database.planSummarySources(studentIds: [ana.id!])[ana.id!])
            .summary(grade: ana.grade, catalogs: catalogs, today: today)
        XCTAssertTrue(summary.completedMilestoneIds.contains("psat"))
        XCTAssertFalse(summary.completedMilestoneIds.contains("sat-act"), "a PSAT is not an SAT")
    }

    func testEitherTestCompletesSATOrACTAndACounselorsOwnStatusStands() throws {
        try fixture.database.setGoals(studentId: ben.id!, PlanGoals(postsecondary: .fourYear), by: fixture.counselor.id!)
        try fixture.database.setMilestone(MilestoneRecord(studentId: ben.id!, milestoneId: "psat", status: .waived,
                                                          evidence: "Family declined"), today: today, by: fixture.counselor.id!)
        _ = try fixture.database.recordAssessments(
            [psat(ben), AssessmentResult(studentId: ben.id!, testId: "act", date: CivilDate(year: 2026, month: 9, day: 12), total: 27)],
            source: "tests.csv", now: t0)
        let items = MilestoneProgress.all(for: try fixture.database.plan(studentId: ben.id!), studentGrade: ben.grade,
                                          grades: { (9...12).contains($0.rawValue) }, catalogs: catalogs, today: today)
        XCTAssertEqual(items.first { $0.milestone.id == "sat-act" }?.record.status, .done, "an ACT completes \"SAT or ACT\"")
        let psatItem = items.first { $0.milestone.id == "psat" }
        XCTAssertEqual(psatItem?.record.status, .waived, "the counselor's waiver is never overwritten")
        XCTAssertEqual(psatItem?.record.evidence, "Family declined")
    }

    func testRemovingTheResultReopensTheMilestone() throws {
        _ = try fixture.database.recordAssessments([psat(ana)], source: "tests.csv", now: t0)
        XCTAssertTrue(try fixture.database.removeAssessment(studentId: ana.id!, testId: "psat",
                                                            date: CivilDate(year: 2025, month: 10, day: 15), by: nil, now: t0))
        XCTAssertFalse(try fixture.database.removeAssessment(studentId: ana.id!, testId: "psat",
                                                             date: CivilDate(year: 2025, month: 10, day: 15), by: nil, now: t0))
        XCTAssertEqual(try fixture.database.plan(studentId: ana.id!).assessmentsTaken, [:])
    }

    func testAnImportLeavesOneAuditRowAndAHandEntryNamesTheStudent() throws {
        _ = try fixture.database.recordAssessments([psat(ana), psat(ben)], by: fixture.counselor.id, source: "tests.csv", now: t0)
        var byHand = psat(ana, total: 1200)
        byHand.source = .hand
        _ = try fixture.database.recordAssessments([byHand], by: fixture.counselor.id, source: "assessment psat 2025-10-15", now: t0)
        let rows = try fixture.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT action, studentId, subject, detail FROM audit_event ORDER BY id")
        }.filter { ($0["detail"] as String).hasPrefix("assessments:") }
        XCTAssertEqual(rows.map { $0["action"] as String }, ["importedABC", "changedPlan"])
        XCTAssertEqual(rows[0]["studentId"] as Int64?, nil, "a file about two students")
        XCTAssertEqual(rows[1]["studentId"] as Int64?, ana.id)
        XCTAssertEqual(rows[1]["detail"] as String, "assessments: Test results: 0 added, 1 updated, 0 unchanged")
        XCTAssertEqual(try fixture.database.assessmentResults(studentId: ana.id!).map(\.source), [.hand])
    }

    /// A student leaving this counselor's scope takes their results off the workstation
    /// (docs/SYNC.md, "Not carried yet"); another student's stay.
    func testAStudentLeavingScopeTakesTheirResultsWithThem() throws {
        _ = try fixture.database.recordAssessments([psat(ana), psat(ben)], source: "tests.csv", now: t0)
        try fixture.queue.write { db in
            try db.execute(sql: "UPDATE student SET sourcedId = 's-ana' WHERE id = ?", arguments: [ana.id!])
            try AppDatabase.removeStudent(db, "s-ana", now: t0)
        }
        XCTAssertEqual(try fixture.database.assessmentResults(studentId: ana.id!), [])
        XCTAssertEqual(try fixture.database.assessmentResults(studentId: ben.id!).count, 1)
    }

    func testTheSchemaHoldsOneRowPerSittingAndOnlyWholeScoresByCatalogIds() throws {
        _ = try fixture.database.recordAssessments([psat(ana)], source: "tests.csv", now: t0)
        let bad = [
            "INSERT INTO assessment_result (studentId, testId, takenOn, total, source, recordedAt) VALUES (\(ana.id!), 'psat', '2025-10-15', 1000, 'import', 'x')",
            "INSERT INTO assessment_result (studentId, testId, takenOn, total, source, recordedAt) VALUES (\(ana.id!), 'sat', '2025-02-30', 1000, 'import', 'x')",
            "INSERT INTO assessment_result (studentId, testId, takenOn, total, source, recordedAt) VALUES (\(ana.id!), 'sat', '2025-10-15', 10.5, 'import', 'x')",
            "INSERT INTO assessment_result (studentId, testId, takenOn, total, source, recordedAt) VALUES (\(ana.id!), 'SAT', '2025-10-15', 1000, 'import', 'x')",
            "INSERT INTO assessment_result (studentId, testId, takenOn, total, source, recordedAt) VALUES (\(ana.id!), 'sat', '2025-10-15', 1000, 'fax', 'x')",
            "INSERT INTO assessment_result (studentId, testId, takenOn, total, scores, source, recordedAt) VALUES (\(ana.id!), 'sat', '2025-10-15', 1000, '{\"math\": \"600\"}', 'import', 'x')",
            "INSERT INTO assessment_result (studentId, testId, takenOn, total, scores, source, recordedAt) VALUES (\(ana.id!), 'sat', '2025-10-15', 1000, '[600]', 'import', 'x')",
            "UPDATE assessment_result SET scores = '{\"Math\": 600}'",
        ]
        for sql in bad {
            XCTAssertThrowsError(try fixture.queue.write { db in try db.execute(sql: sql) }, sql)
        }
        XCTAssertEqual(try count("SELECT count(*) FROM assessment_result"), 1)
    }
}
