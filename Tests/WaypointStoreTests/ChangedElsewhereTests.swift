import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

/// Compare-and-set: a save given what its screen loaded is refused, with both versions and
/// nothing written, when another window changed the record since; a fresh one is saved.
final class ChangedElsewhereTests: XCTestCase {
    private var fixture: StoreFixture!
    private var student: Student!
    private let today = CivilDate(year: 2026, month: 11, day: 23)

    override func setUpWithError() throws {
        fixture = try StoreFixture()
        student = try fixture.add("Sofía", "García-López", grade: 11)
    }

    private var db: AppDatabase { fixture.database }
    private var studentId: Int64 { student.id! }
    private var counselorId: Int64 { fixture.counselor.id! }

    private func conflict(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> ChangedElsewhere? {
        do {
            try body()
            XCTFail("the stale save was accepted", file: file, line: line)
        } catch StoreError.changedElsewhere(let conflict) {
            return conflict
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }

    func testAStaleMilestoneEditIsRefusedWithBothVersions() throws {
        let loaded = MilestoneRecord(studentId: studentId, milestoneId: "fafsa")
        // The other window marks it done with evidence.
        try db.setMilestone(MilestoneRecord(studentId: studentId, milestoneId: "fafsa", status: .done, evidence: "Confirmation #42"),
                            today: today, by: nil, loaded: loaded)
        var mine = loaded
        mine.status = .inProgress
        mine.evidence = "Started with mom"
        let refused = conflict { try db.setMilestone(mine, today: today, by: nil, loaded: loaded) }
        XCTAssertEqual(refused?.subject, .milestone(id: "fafsa"))
        XCTAssertEqual(refused?.record(), "Milestone fafsa for Sofía García-López (\(student.localId))",
                       "named by whose it is, not by internal ids; the catalog title is the screen's to add")
        XCTAssertEqual(refused?.theirs, "done, no due date, evidence “Confirmation #42”")
        XCTAssertEqual(refused?.yours, "in progress, no due date, evidence “Started with mom”")
        let stored = try db.plan(studentId: studentId).milestones.first { $0.milestoneId == "fafsa" }
        XCTAssertEqual(stored?.status, .done, "theirs is intact")
        XCTAssertEqual(stored?.evidence, "Confirmation #42")
        // Loaded afresh, the same edit is saved.
        try db.setMilestone(mine, today: today, by: nil, loaded: stored)
        XCTAssertEqual(try db.plan(studentId: studentId).milestones.first?.evidence, "Started with mom")
    }

    func testAStaleCourseMoveMarkOrRemovalIsRefused() throws {
        let course = try db.addCourse(PlannedCourse(studentId: studentId, year: Grade(rawValue: 11)!, title: "Chemistry",
                                                    subject: "science", credits: 1), by: nil)
        var theirs = course
        theirs.status = .inProgress
        try db.updateCourse(theirs, by: nil, loaded: course)
        var marked = course
        marked.status = .completed
        let refusedMark = conflict { try db.updateCourse(marked, by: nil, loaded: course) }
        XCTAssertEqual(refusedMark?.theirs, "Chemistry, grade 11, in progress, 1 credit")
        XCTAssertEqual(refusedMark?.record(), "The course Chemistry for Sofía García-López (\(student.localId))")
        XCTAssertEqual(conflict { try db.moveCourse(id: course.id!, toYear: Grade(rawValue: 12)!, by: nil, loaded: course) }?.yours,
                       "moved to grade 12")
        XCTAssertNotNil(conflict { try db.removeCourse(id: course.id!, by: nil, loaded: course) })
        XCTAssertEqual(try db.course(id: course.id!), theirs, "nothing of the stale saves was written")
        try db.moveCourse(id: course.id!, toYear: Grade(rawValue: 12)!, by: nil, loaded: theirs)
        XCTAssertEqual(try db.course(id: course.id!)?.year.rawValue, 12)
    }

    func testACourseRemovedElsewhereIsNotEditedBack() throws {
        let course = try db.addCourse(PlannedCourse(studentId: studentId, year: Grade(rawValue: 11)!, title: "Band",
                                                    subject: "arts", credits: 1), by: nil)
        try db.removeCourse(id: course.id!, by: nil, loaded: course)
        var mine = course
        mine.status = .completed
        XCTAssertEqual(conflict { try db.updateCourse(mine, by: nil, loaded: course) }?.theirs, "removed from the plan")
        XCTAssertNil(try db.course(id: course.id!))
    }

    func testAStalePathwayChangeIsRefused() throws {
        let loaded = try db.plan(studentId: studentId)
        try db.setPathway(studentId: studentId, to: "health-science", reason: "other window", by: counselorId, loaded: loaded)
        let refused = conflict {
            try db.setPathway(studentId: studentId, to: "information-technology", reason: "mine", by: counselorId, loaded: loaded)
        }
        XCTAssertEqual(refused?.theirs, "health-science")
        XCTAssertEqual(refused?.yours, "information-technology")
        XCTAssertEqual(refused?.subject, .pathway(theirs: "health-science", yours: "information-technology"))
        XCTAssertEqual(refused?.record(), "The pathway of Sofía García-López (\(student.localId))")
        let plan = try db.plan(studentId: studentId)
        XCTAssertEqual(plan.pathwayId, "health-science")
        XCTAssertEqual(plan.pathwayHistory.count, 1, "no history row for the refused change")
        try db.setPathway(studentId: studentId, to: "information-technology", reason: "mine", by: counselorId, loaded: plan)
        XCTAssertEqual(try db.plan(studentId: studentId).pathwayId, "information-technology")
    }

    func testAStaleGoalEditIsRefused() throws {
        let loaded = try db.plan(studentId: studentId).goals
        try db.setGoals(studentId: studentId, PlanGoals(postsecondary: .fourYear, careerInterests: ["Nursing"]), by: nil, loaded: loaded)
        let refused = conflict {
            try db.setGoals(studentId: studentId, PlanGoals(postsecondary: .military, careerInterests: []), by: nil, loaded: loaded)
        }
        XCTAssertEqual(refused?.theirs, "4-year college; career interests: Nursing")
        XCTAssertEqual(refused?.record(), "The goals of Sofía García-López (\(student.localId))")
        XCTAssertEqual(try db.plan(studentId: studentId).goals.careerInterests, ["Nursing"])
        let fresh = try db.plan(studentId: studentId).goals
        try db.setGoals(studentId: studentId, PlanGoals(postsecondary: .military), by: nil, loaded: fresh)
        XCTAssertEqual(try db.plan(studentId: studentId).goals.postsecondary, .military)
    }

    func testAFollowUpClosedElsewhereIsNotClosedAgain() throws {
        let id = try db.addFollowUp(studentId: studentId, authorId: counselorId, text: "Call home", dueDate: nil)
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        try db.setFollowUpStatus(id: id, to: .done, by: nil, loaded: .open, now: t0)
        let refused = conflict { try db.setFollowUpStatus(id: id, to: .dropped, by: nil, loaded: .open, now: t0.addingTimeInterval(60)) }
        XCTAssertEqual(refused?.record(), "The follow-up “Call home” for Sofía García-López (\(student.localId))")
        XCTAssertEqual(refused?.theirs, "done")
        XCTAssertEqual(refused?.yours, "dropped")
        let stored = try db.followUps(studentId: studentId, statuses: [.done, .dropped], viewerId: nil).first
        XCTAssertEqual(stored?.status, .done)
        XCTAssertEqual(stored?.closedAt, t0, "the first close keeps its time")
        try db.setFollowUpStatus(id: id, to: .dropped, by: nil, loaded: .done)
        XCTAssertEqual(try db.followUps(studentId: studentId, statuses: [.dropped], viewerId: nil).count, 1)
    }

    func testAnAmendmentOverANoteAmendedElsewhereIsRefusedAndBothTextsSurvive() throws {
        let session = try db.recordSession(AdvisingSession(studentId: studentId, authorId: counselorId, startedAt: Date(),
                                                           durationMinutes: 20, kind: "academic", note: "First note"))
        XCTAssertEqual(session.noteVersion, 1)
        let loaded = try db.session(id: session.id!, viewerId: counselorId).session
        XCTAssertEqual(loaded.noteVersion, 1)
        func amend(_ note: String, over version: Int) throws {
            try db.amendSession(id: session.id!, note: note, kind: loaded.kind, topics: [], participants: [.student],
                                durationMinutes: 20, isConfidential: false, by: counselorId, loadedNoteVersion: version)
        }
        try amend("Window A's text", over: 1)
        let refused = conflict { try amend("Window B's text", over: 1) }
        XCTAssertEqual(refused?.record(), "The note of the \(CivilDate.today(now: loaded.startedAt).iso) session with "
                       + "Sofía García-López (\(student.localId))")
        XCTAssertEqual(refused?.theirs, "Window A's text")
        XCTAssertEqual(refused?.yours, "Window B's text")
        XCTAssertEqual(try db.noteHistory(sessionId: session.id!, viewerId: counselorId).map(\.text), ["First note", "Window A's text"])
        try amend("Window B's text", over: 2)
        XCTAssertEqual(try db.noteHistory(sessionId: session.id!, viewerId: counselorId).map(\.text),
                       ["First note", "Window A's text", "Window B's text"], "both amendments are in the history")
    }

    func testTheErrorShowsBothVersions() {
        let error = StoreError.changedElsewhere(ChangedElsewhere(.milestone(id: "fafsa"), student: "Omar Abdel-Rahman (S105596)",
                                                                 theirs: "Done", yours: "Waived"))
        XCTAssertEqual(error.description, """
            Milestone fafsa for Omar Abdel-Rahman (S105596) was changed in another window or by a command since it was loaded; nothing was saved.
              Theirs (saved): Done
              Yours (not saved): Waived
            """)
    }
}
