import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

final class PlanTests: XCTestCase {
    private var fixture: StoreFixture!
    private var student: Student!
    private let today = CivilDate(year: 2026, month: 11, day: 23)

    override func setUpWithError() throws {
        fixture = try StoreFixture()
        student = try fixture.add("Sofía", "García-López", grade: 11)
    }

    private var db: AppDatabase { fixture.database }

    func testAnEmptyPlanReadsAsEmpty() throws {
        let plan = try db.plan(studentId: student.id!)
        XCTAssertNil(plan.pathwayId)
        XCTAssertEqual(plan.goals.postsecondary, .undecided)
        XCTAssertTrue(plan.courses.isEmpty)
    }

    func testPathwayChangesKeepTheirHistory() throws {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        try db.setPathway(studentId: student.id!, to: "health-science", reason: "Interest inventory", by: fixture.counselor.id!, now: t0)
        try db.setPathway(studentId: student.id!, to: "health-science", reason: "again", by: fixture.counselor.id!, now: t0)
        try db.setPathway(studentId: student.id!, to: "information-technology", reason: "Took CS and loved it",
                          by: fixture.counselor.id!, now: t0.addingTimeInterval(86_400))
        let plan = try db.plan(studentId: student.id!)
        XCTAssertEqual(plan.pathwayId, "information-technology")
        XCTAssertEqual(plan.pathwayHistory.map(\.toId), ["health-science", "information-technology"], "setting the same pathway again is no change")
        XCTAssertEqual(plan.pathwayHistory.last?.fromId, "health-science")
        XCTAssertEqual(plan.pathwayHistory.last?.reason, "Took CS and loved it")
        XCTAssertThrowsError(try fixture.queue.write { db in try db.execute(sql: "DELETE FROM pathway_change") })
        XCTAssertThrowsError(try fixture.queue.write { db in try db.execute(sql: "UPDATE pathway_change SET reason = 'x'") })
    }

    func testCoursesAreAddedMovedUpdatedAndRemoved() throws {
        let algebra = try db.addCourse(PlannedCourse(studentId: student.id!, year: Grade(rawValue: 9)!, title: "Algebra I",
                                                     subject: "math", credits: 1, status: .completed, gradeEarned: "B+"), by: 1)
        var geometry = try db.addCourse(PlannedCourse(studentId: student.id!, year: Grade(rawValue: 10)!, title: "Geometry",
                                                      subject: "math", credits: 1), by: 1)
        try db.moveCourse(id: geometry.id!, toYear: Grade(rawValue: 11)!, by: 1)
        geometry.year = Grade(rawValue: 11)!
        geometry.status = .inProgress
        try db.updateCourse(geometry, by: 1)
        var plan = try db.plan(studentId: student.id!)
        XCTAssertEqual(plan.courses.map(\.title), ["Algebra I", "Geometry"])
        XCTAssertEqual(plan.courses(inYear: Grade(rawValue: 11)!).map(\.status), [.inProgress])
        try db.removeCourse(id: algebra.id!, by: 1)
        plan = try db.plan(studentId: student.id!)
        XCTAssertEqual(plan.courses.map(\.title), ["Geometry"])
        XCTAssertThrowsError(try db.removeCourse(id: algebra.id!, by: 1))
        XCTAssertThrowsError(try db.moveCourse(id: 999, toYear: Grade(rawValue: 9)!, by: 1))
    }

    func testTheSchemaRefusesImpossibleCourses() throws {
        let base = PlannedCourse(studentId: student.id!, year: Grade(rawValue: 9)!, title: "Biology", subject: "science", credits: 1)
        var zero = base
        zero.credits = 0
        XCTAssertThrowsError(try db.addCourse(zero, by: 1))
        var blank = base
        blank.title = "  "
        XCTAssertThrowsError(try db.addCourse(blank, by: 1))
        var early = base
        early.year = Grade(rawValue: 3)!
        XCTAssertThrowsError(try db.addCourse(early, by: 1))
        XCTAssertTrue(try db.plan(studentId: student.id!).courses.isEmpty)
    }

    func testMilestonesStampTheirCompletion() throws {
        let id = student.id!
        try db.setMilestone(MilestoneRecord(studentId: id, milestoneId: "fafsa", status: .inProgress,
                                            dueDate: CivilDate(year: 2027, month: 1, day: 31)), today: today, by: 1)
        try db.setMilestone(MilestoneRecord(studentId: id, milestoneId: "campus-visit", status: .done, evidence: "Visited UW"),
                            today: today, by: 1)
        var plan = try db.plan(studentId: id)
        let visit = try XCTUnwrap(plan.milestones.first { $0.milestoneId == "campus-visit" })
        XCTAssertEqual(visit.completedDate, today)
        XCTAssertEqual(visit.evidence, "Visited UW")
        XCTAssertEqual(plan.milestones.first { $0.milestoneId == "fafsa" }?.isOverdue(today: today), false)
        // Editing the evidence later (CLI or screen, which send no completion day) keeps the day it was done.
        let later = CivilDate(year: today.year + 1, month: today.month, day: today.day)
        try db.setMilestone(MilestoneRecord(studentId: id, milestoneId: "campus-visit", status: .done, evidence: "Visited UW, photos"),
                            today: later, by: 1)
        XCTAssertEqual(try db.plan(studentId: id).milestones.first { $0.milestoneId == "campus-visit" }?.completedDate, today)
        try db.setMilestone(MilestoneRecord(studentId: id, milestoneId: "campus-visit", status: .notStarted), today: today, by: 1)
        plan = try db.plan(studentId: id)
        XCTAssertNil(plan.milestones.first { $0.milestoneId == "campus-visit" }?.completedDate)
    }

    func testGoalsAndTheOtherSections() throws {
        let id = student.id!
        try db.setGoals(studentId: id, PlanGoals(postsecondary: .twoYear, careerInterests: ["Nursing", "Radiology"],
                                                 requirementSetId: "generic-24"), by: 1)
        let wbl = try db.addWorkBasedLearning(WorkBasedLearning(studentId: id, kind: .jobShadow, organization: "Valley Clinic", hours: 6), by: 1)
        try db.addCollegeCredit(CollegeCredit(studentId: id, course: "BIO 160", institution: "Green River College", credits: 5), by: 1)
        try db.addCertification(Certification(studentId: id, name: "CPR/First Aid", issuer: "Red Cross", status: .earned, date: today), by: 1)
        try db.addEvidence(CompetencyEvidence(studentId: id, competencyId: "collaboration", artifact: "Group lab report", date: today), by: 1)
        var plan = try db.plan(studentId: id)
        XCTAssertEqual(plan.goals, PlanGoals(postsecondary: .twoYear, careerInterests: ["Nursing", "Radiology"], requirementSetId: "generic-24"))
        XCTAssertEqual(plan.workBasedLearning.map(\.organization), ["Valley Clinic"])
        XCTAssertEqual(plan.collegeCredits.map(\.credits), [5])
        XCTAssertEqual(plan.certifications.map(\.status), [.earned])
        XCTAssertEqual(plan.evidence.map(\.competencyId), ["collaboration"])
        try db.removePlanEntry(.workBasedLearning, id: wbl, by: 1)
        plan = try db.plan(studentId: id)
        XCTAssertTrue(plan.workBasedLearning.isEmpty)
        XCTAssertThrowsError(try db.removePlanEntry(.workBasedLearning, id: wbl, by: 1))
        XCTAssertThrowsError(try db.addWorkBasedLearning(WorkBasedLearning(studentId: id, kind: .internship, organization: "X", hours: -1), by: 1))
    }
}

final class ABCBatchReadTests: XCTestCase {
    func testManyStudentsReadLikeOne() throws {
        var fixture = try StoreFixture()
        let a = try fixture.add("Ana", "Lopez"), b = try fixture.add("Ben", "Okafor")
        let batch = ABCBatch(
            attendance: [ABCAttendance(studentId: a.id!, term: "2026-SP", startDate: "2026-01-06", endDate: "2026-06-12", daysEnrolled: 90, daysPresent: 80),
                         ABCAttendance(studentId: a.id!, term: "2026-FA", startDate: "2026-08-25", endDate: "2026-12-19", daysEnrolled: 60, daysPresent: 59),
                         ABCAttendance(studentId: b.id!, term: "2026-FA", startDate: "2026-08-25", endDate: "2026-12-19", daysEnrolled: 60, daysPresent: 50)],
            incidents: [ABCIncident(studentId: b.id!, date: "2026-10-01", kind: .referral, severity: .minor, suspensionDays: 0)])
        _ = try fixture.database.importABC(batch)
        let all = try fixture.database.abcData(studentIds: [a.id!, b.id!])
        XCTAssertEqual(all[a.id!]?.attendance, try fixture.database.attendance(studentId: a.id!))
        XCTAssertEqual(all[a.id!]?.attendance.first?.term, "2026-FA", "newest term first")
        XCTAssertEqual(all[b.id!]?.incidents.count, 1)
        XCTAssertTrue(try fixture.database.abcData(studentIds: []).isEmpty)
    }
}
