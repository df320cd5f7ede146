import Foundation
import TerminalKit
import WaypointCore
import WaypointStore
import XCTest
@testable import WaypointEffects
@testable import WaypointUI

/// The main loop with a second instance writing to the same file: its commits reload the
/// screen at the next check, this instance's own writes do not, and a save over the other's
/// change comes back as a conflict carrying the save to apply over theirs.
final class TwoInstancesFlowTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-flow-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testAnotherInstancesCommitReloadsTheScreenAndOwnWritesDoNot() throws {
        let path = folder.appendingPathComponent("waypoint.sqlite").path
        let size = Size(width: 100, height: 30)
        let backend = InMemoryBackend(size: size)
        let runner = EffectRunner(database: try AppDatabase.open(path: path), demoSize: (students: 40, counselors: 1, seed: 7))
        let app = App(state: AppState(size: size), terminal: Terminal(backend: backend), runner: runner)
        app.outsideChangeInterval = 0
        app.start()
        app.handleSettled(.key(.char("d")))
        XCTAssertFalse(app.checkForOutsideChanges(), "its own writes (the demo) are not news")
        app.handleSettled(.key(.enter))
        let studentId = try XCTUnwrap(app.state.profile?.studentId)
        app.render()

        let other = try AppDatabase.open(path: path)
        try other.recordSession(AdvisingSession(studentId: studentId, authorId: try XCTUnwrap(app.state.userId), startedAt: Date(),
                                                durationMinutes: 10, kind: "college", note: "Written in the other window"))
        XCTAssertFalse(backend.text.contains("Written in the other window"))
        XCTAssertTrue(app.checkForOutsideChanges())
        app.render()
        XCTAssertTrue(backend.text.contains("Written in the other window"), backend.text)
        XCTAssertFalse(app.checkForOutsideChanges(), "one change, one reload")
    }

    func testARefusedSaveComesBackAsAConflictWithTheSaveComparedWithTheirs() throws {
        let database = try AppDatabase.inMemory()
        let school = try database.insertSchool(School(name: "Riverside", lowGrade: Grade(rawValue: 9), highGrade: Grade(rawValue: 12)))
        let counselor = try database.insertCounselor(Counselor(givenName: "Dana", familyName: "Whitfield"))
        let student = try database.insertStudent(Student(localId: "S1", givenName: "Ana", familyName: "Lima",
                                                         grade: Grade(rawValue: 10)!, schoolId: school.id!))
        let course = try database.addCourse(PlannedCourse(studentId: student.id!, year: Grade(rawValue: 11)!, title: "Chemistry",
                                                          subject: "science", credits: 1), by: nil)
        let shown = try database.plan(studentId: student.id!)
        var theirs = course
        theirs.status = .inProgress
        try database.updateCourse(theirs, by: nil)
        let runner = EffectRunner(database: database)
        let move = PlanChange.moveCourse(id: course.id!, year: Grade(rawValue: 12)!)
        let fresh = try database.plan(studentId: student.id!)
        XCTAssertEqual(runner.run(.changePlan(move, userId: counselor.id, loaded: shown)), [.changedElsewhere(Conflict(
            record: "The course Chemistry for Ana Lima (S1)", theirs: "Chemistry, grade 11, in progress, 1 credit",
            yours: "moved to grade 12", retry: .changePlan(move, userId: counselor.id, loaded: fresh)))])
        XCTAssertEqual(try database.course(id: course.id!)?.year.rawValue, 11, "nothing moved")
        XCTAssertEqual(runner.run(.changePlan(move, userId: counselor.id, loaded: fresh)), [])
        XCTAssertEqual(try database.course(id: course.id!)?.year.rawValue, 12)
    }

    /// The modal names the record as the counselor knows it: the catalog's titles, the
    /// student's name and local ID, never internal ids.
    func testAConflictNamesTheMilestoneAndPathwayByTitleAndTheStudentByName() throws {
        let database = try AppDatabase.inMemory()
        let school = try database.insertSchool(School(name: "Riverside", lowGrade: Grade(rawValue: 9), highGrade: Grade(rawValue: 12)))
        let student = try database.insertStudent(Student(localId: "S105596", givenName: "Omar", familyName: "Abdel-Rahman",
                                                         grade: Grade(rawValue: 10)!, schoolId: school.id!))
        let studentId = try XCTUnwrap(student.id)
        let runner = EffectRunner(database: database)
        let shown = try database.plan(studentId: studentId)
        try database.setMilestone(MilestoneRecord(studentId: studentId, milestoneId: "psat", status: .inProgress,
                                                  evidence: "W1 evidence"), today: CivilDate(year: 2026, month: 11, day: 23), by: nil)
        let counselor = try database.insertCounselor(Counselor(givenName: "Dana", familyName: "Whitfield"))
        try database.setPathway(studentId: studentId, to: "career-ready", reason: "other window", by: counselor.id!)
        let mine = MilestoneRecord(studentId: studentId, milestoneId: "psat", status: .done, evidence: "W2 evidence")
        guard case .changedElsewhere(let milestone)? = runner.run(.changePlan(.setMilestone(mine), userId: nil, loaded: shown)).first
        else { return XCTFail("the stale milestone was saved") }
        XCTAssertEqual(milestone.record, "PSAT for Omar Abdel-Rahman (S105596)")
        XCTAssertEqual(milestone.yours, "done, no due date, evidence “W2 evidence”")
        let pathway = PlanChange.setPathway(studentId: studentId, pathwayId: "military-ready", reason: "mine")
        guard case .changedElsewhere(let refused)? = runner.run(.changePlan(pathway, userId: counselor.id, loaded: shown)).first
        else { return XCTFail("the stale pathway was saved") }
        XCTAssertEqual(refused.record, "The pathway of Omar Abdel-Rahman (S105596)")
        XCTAssertEqual(refused.theirs, "Career-ready")
        XCTAssertEqual(refused.yours, "Military-ready")
    }
}
