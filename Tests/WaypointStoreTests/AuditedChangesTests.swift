import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

/// Every change a counselor makes leaves one audit row, in the same transaction: who, about
/// which student, what, and the change old -> new.
final class AuditedChangesTests: XCTestCase {
    private var fixture: StoreFixture!
    private var student: Student!
    private var db: AppDatabase { fixture.database }
    private var dana: Int64 { fixture.counselor.id! }
    private let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    private let today = CivilDate(iso: "2026-11-20")!

    override func setUpWithError() throws {
        fixture = try StoreFixture()
        student = try fixture.add("Minh Anh", "Nguyễn")
    }

    /// The newest row, checked for the parts every change shares.
    @discardableResult
    private func latest(_ action: AuditAction, counselor: Int64?, file: StaticString = #filePath,
                        line: UInt = #line) throws -> AuditEvent {
        let event = try XCTUnwrap(db.auditEvents(AuditQuery(limit: 1)).first, file: file, line: line)
        XCTAssertEqual(event.action, action, file: file, line: line)
        XCTAssertEqual(event.counselorId, counselor, file: file, line: line)
        XCTAssertEqual(event.studentId, student.id, file: file, line: line)
        XCTAssertEqual(event.actor, "test-user", file: file, line: line)
        return event
    }

    private func rowCount() throws -> Int { try db.auditEvents().count }

    private func session(confidential: Bool = false) throws -> AdvisingSession {
        try db.recordSession(AdvisingSession(studentId: student.id!, authorId: dana, startedAt: t0, durationMinutes: 15,
                                             kind: "college", participants: [.student], topics: ["FAFSA"],
                                             isConfidential: confidential, note: "Private words 🤐"),
                             followUps: [(nil, "Send the FAFSA link")], now: t0)
    }

    func testAddingASessionRecordsItWithoutItsNote() throws {
        let saved = try session()
        let event = try latest(.addedSession, counselor: dana)
        XCTAssertEqual(event.subject, "session \(saved.id!)")
        XCTAssertEqual(event.at, t0)
        XCTAssertTrue(event.detail.contains("kind: college"), event.detail)
        XCTAssertTrue(event.detail.contains("topics: FAFSA"), event.detail)
        XCTAssertTrue(event.detail.contains("follow-ups added: 1"), event.detail)
        XCTAssertFalse(event.detail.contains("Private words"), "the trail is not a copy of the note")
    }

    func testAmendingASessionRecordsEachChangedFieldOldToNew() throws {
        let saved = try session()
        try db.amendSession(id: saved.id!, note: "Better words", kind: "career", topics: ["FAFSA", "jobs"],
                            participants: [.student], durationMinutes: 30, isConfidential: true, by: dana, now: t0)
        let event = try latest(.amendedSession, counselor: dana)
        XCTAssertEqual(event.subject, "session \(saved.id!)")
        // The session became confidential: its topics are named as changed, never shown.
        for change in ["kind: college -> career", "durationMinutes: 15 -> 30", "isConfidential: no -> yes",
                       "topics changed, withheld: confidential session", "noteVersion: 1 -> 2"] {
            XCTAssertTrue(event.detail.contains(change), "\(change) in \(event.detail)")
        }
        XCTAssertFalse(event.detail.contains("Better words"))
        XCTAssertFalse(event.detail.contains("jobs"))
    }

    func testAmendingAnOpenSessionShowsItsTopicsOldToNew() throws {
        let saved = try session()
        try db.amendSession(id: saved.id!, note: "Private words 🤐", kind: "college", topics: ["FAFSA", "jobs"],
                            participants: [.student, .teacher], durationMinutes: 15, isConfidential: false, by: dana, now: t0)
        XCTAssertEqual(try latest(.amendedSession, counselor: dana).detail,
                       "participants: student -> student,teacher; topics: FAFSA -> FAFSA, jobs")
    }

    /// Found in the issue: `waypoint audit --json`, which asks for no identity, printed a
    /// confidential session's topics and participants.
    func testAConfidentialSessionsTopicsAndParticipantsNeverReachTheTrail() throws {
        let saved = try db.recordSession(AdvisingSession(
            studentId: student.id!, authorId: dana, startedAt: t0, durationMinutes: 15, kind: "personal",
            participants: [.parentGuardian], topics: ["Pregnancy"], isConfidential: true, note: "Private words 🤐"), now: t0)
        XCTAssertEqual(try latest(.addedSession, counselor: dana).detail, "added (kind: personal; startedAt: "
            + "\(try db.reader.read { try String.fetchOne($0, sql: "SELECT startedAt FROM advising_session") }!)"
            + "; durationMinutes: 15; isConfidential: yes; isArchived: no; noteVersion: 1); "
            + "participants and topics withheld: confidential session")
        try db.amendSession(id: saved.id!, note: "Private words 🤐", kind: "personal", topics: ["Pregnancy", "Housing"],
                            participants: [.student], durationMinutes: 15, isConfidential: true, by: dana, now: t0)
        XCTAssertEqual(try latest(.amendedSession, counselor: dana).detail,
                       "participants and topics changed, withheld: confidential session",
                       "a change of topics alone is still recorded, without them")
        // Made open to colleagues again: the topics it had while confidential stay out of the trail.
        try db.amendSession(id: saved.id!, note: "Private words 🤐", kind: "personal", topics: ["Housing"],
                            participants: [.student], durationMinutes: 15, isConfidential: false, by: dana, now: t0)
        XCTAssertEqual(try latest(.amendedSession, counselor: dana).detail,
                       "isConfidential: yes -> no; topics changed, withheld: confidential session")
        for event in try db.auditEvents() {
            for secret in ["Pregnancy", "parent-guardian", "Housing"] {
                XCTAssertFalse(event.detail.contains(secret), "\(secret) in \(event.detail)")
            }
        }
    }

    /// The trail is append-only, and databases written before this fix hold rows with a
    /// confidential session's topics: they are withheld as they are read, for every reader.
    func testOlderRowsAboutAConfidentialSessionAreWithheldWhenRead() throws {
        let secret = try session(confidential: true)
        let open = try session()
        let wasSecret = try session()
        try fixture.queue.write { db in
            let old = "INSERT INTO audit_event (at, actor, action, studentId, subject, detail) VALUES (?, 'old', ?, ?, ?, ?)"
            try db.execute(sql: old, arguments: ["2026-01-01T00:00:00.000Z", "addedSession", student.id, "session \(secret.id!)",
                                                 "added (kind: college; participants: student; isConfidential: yes; topics: Pregnancy; noteVersion: 1)"])
            try db.execute(sql: old, arguments: ["2026-01-01T00:00:01.000Z", "amendedSession", student.id, "session \(secret.id!)",
                                                 "topics: Pregnancy -> Pregnancy, Housing; noteVersion: 1 -> 2"])
            try db.execute(sql: old, arguments: ["2026-01-01T00:00:02.000Z", "amendedSession", student.id, "session \(open.id!)",
                                                 "topics: FAFSA -> FAFSA, AP"])
            // Confidential when this row was written, open to colleagues now.
            try db.execute(sql: old, arguments: ["2026-01-01T00:00:03.000Z", "amendedSession", student.id, "session \(wasSecret.id!)",
                                                 "isConfidential: no -> yes; topics: FAFSA -> Grief"])
            try db.execute(sql: old, arguments: ["2026-01-01T00:00:04.000Z", "amendedSession", student.id, "session \(wasSecret.id!)",
                                                 "topics: Grief -> Grief, Loss"])
        }
        let details = try db.auditEvents(AuditQuery(since: Date(timeIntervalSince1970: 0))).filter { $0.actor == "old" }
            .sorted { $0.id < $1.id }.map(\.detail)
        XCTAssertEqual(details, ["added (details withheld: confidential session)", "details withheld: confidential session",
                                 "topics: FAFSA -> FAFSA, AP", "details withheld: confidential session",
                                 "details withheld: confidential session"])
    }

    func testArchivingASessionIsRecorded() throws {
        let saved = try session()
        try db.archiveSession(id: saved.id!, by: dana, now: t0)
        XCTAssertEqual(try latest(.archivedSession, counselor: dana).detail, "isArchived: no -> yes")
    }

    func testFollowUpsAddedAndClosedAreRecorded() throws {
        let id = try db.addFollowUp(studentId: student.id!, authorId: dana, text: "Call home", dueDate: today, now: t0)
        XCTAssertEqual(try latest(.addedFollowUp, counselor: dana).subject, "follow-up \(id)")
        try db.setFollowUpStatus(id: id, to: .done, by: dana, now: t0)
        XCTAssertEqual(try latest(.changedFollowUp, counselor: dana).detail, "status: open -> done")
        try db.setFollowUpStatus(id: id, to: .open, by: nil, now: t0)
        XCTAssertEqual(try latest(.changedFollowUp, counselor: nil).detail, "status: done -> open",
                       "a command run without a counselor is still recorded, by its operating-system user")
    }

    func testPathwayAndGoalsRecordOldAndNewValues() throws {
        try db.setPathway(studentId: student.id!, to: "health-science", reason: "Likes biology", by: dana, now: t0)
        XCTAssertEqual(try latest(.changedPlan, counselor: dana).detail, "pathwayId: none -> health-science")
        try db.setPathway(studentId: student.id!, to: "it", reason: "Robotics club", by: dana, now: t0)
        XCTAssertEqual(try latest(.changedPlan, counselor: dana).detail, "pathwayId: health-science -> it")
        try db.setGoals(studentId: student.id!, PlanGoals(postsecondary: .fourYear, careerInterests: ["nursing"]), by: dana)
        let goals = try latest(.changedPlan, counselor: dana)
        XCTAssertEqual(goals.subject, "plan")
        XCTAssertEqual(goals.detail, #"postsecondaryGoal: undecided -> 4-year; careerInterests: [] -> ["nursing"]"#)
    }

    func testEveryCourseChangeIsRecorded() throws {
        let course = try db.addCourse(PlannedCourse(studentId: student.id!, year: Grade(rawValue: 10)!, title: "Chemistry",
                                                    subject: "science", credits: 1), by: dana)
        let added = try latest(.changedPlan, counselor: dana)
        XCTAssertEqual(added.subject, "plan course \(course.id!) Chemistry")
        XCTAssertTrue(added.detail.hasPrefix("added (year: 10; title: Chemistry; subject: science; credits: 1"), added.detail)

        var done = course
        done.status = .completed
        done.gradeEarned = "A-"
        try db.updateCourse(done, by: dana)
        XCTAssertEqual(try latest(.changedPlan, counselor: dana).detail, "status: planned -> completed; gradeEarned: none -> A-")
        try db.moveCourse(id: course.id!, toYear: Grade(rawValue: 11)!, by: dana)
        XCTAssertEqual(try latest(.changedPlan, counselor: dana).detail, "year: 10 -> 11")
        try db.removeCourse(id: course.id!, by: dana)
        XCTAssertTrue(try latest(.changedPlan, counselor: dana).detail.hasPrefix("removed (year: 11; title: Chemistry"))
    }

    func testMilestoneStatusWaiverAndEvidenceAreRecorded() throws {
        try db.setMilestone(MilestoneRecord(studentId: student.id!, milestoneId: "fafsa", status: .inProgress),
                            today: today, by: dana)
        let first = try latest(.changedPlan, counselor: dana)
        XCTAssertEqual(first.subject, "plan milestone fafsa")
        XCTAssertEqual(first.detail, "added (milestoneId: fafsa; status: in-progress)")
        try db.setMilestone(MilestoneRecord(studentId: student.id!, milestoneId: "fafsa", status: .done, evidence: "Receipt"),
                            today: today, by: dana)
        XCTAssertEqual(try latest(.changedPlan, counselor: dana).detail,
                       "status: in-progress -> done; evidence: none -> Receipt; completedDate: none -> 2026-11-20")
        try db.setMilestone(MilestoneRecord(studentId: student.id!, milestoneId: "fafsa", status: .waived, evidence: "Receipt"),
                            today: today, by: dana)
        XCTAssertEqual(try latest(.changedPlan, counselor: dana).detail, "status: done -> waived; completedDate: 2026-11-20 -> none")
    }

    func testPlanEntriesAddedAndRemovedAreRecorded() throws {
        let wbl = try db.addWorkBasedLearning(WorkBasedLearning(studentId: student.id!, kind: .internship,
                                                                organization: "Valley Clinic", hours: 40), by: dana)
        let internship = try latest(.changedPlan, counselor: dana)
        XCTAssertEqual(internship.subject, "plan work-based learning \(wbl)")
        XCTAssertEqual(internship.detail, "added (kind: internship; organization: Valley Clinic; hours: 40)")
        let credit = try db.addCollegeCredit(CollegeCredit(studentId: student.id!, course: "ENG 101", institution: "River CC",
                                                           credits: 3), by: dana)
        XCTAssertEqual(try latest(.changedPlan, counselor: dana).subject, "plan college credit \(credit)")
        let certification = try db.addCertification(Certification(studentId: student.id!, name: "CNA", issuer: "State",
                                                                   status: .earned, date: today), by: dana)
        XCTAssertEqual(try latest(.changedPlan, counselor: dana).detail,
                       "added (name: CNA; issuer: State; status: earned; date: 2026-11-20)")
        let evidence = try db.addEvidence(CompetencyEvidence(studentId: student.id!, competencyId: "communication",
                                                             artifact: "Essay", date: today), by: dana)
        XCTAssertEqual(try latest(.changedPlan, counselor: dana).subject, "plan evidence \(evidence)")
        try db.removePlanEntry(.certification, id: certification, by: dana)
        let removed = try latest(.changedPlan, counselor: dana)
        XCTAssertEqual(removed.subject, "plan certification \(certification)")
        XCTAssertTrue(removed.detail.hasPrefix("removed (name: CNA"), removed.detail)
    }

    func testInterventionsAddedNotedAndClosedAreRecorded() throws {
        let saved = try db.addIntervention(Intervention(studentId: student.id!, kind: "tutoring", ownerId: dana,
                                                        goal: "Pass Algebra I", startDate: today, sessionsPerWeek: 2,
                                                        minutesPerSession: 30), by: dana, now: t0)
        let added = try latest(.addedIntervention, counselor: dana)
        XCTAssertEqual(added.subject, "intervention \(saved.id!) tutoring")
        XCTAssertTrue(added.detail.contains("sessionsPerWeek: 2; minutesPerSession: 30"), added.detail)
        try db.addInterventionNote(interventionId: saved.id!, date: today, text: "Quiz 8/10", by: dana, now: t0)
        XCTAssertEqual(try latest(.notedIntervention, counselor: dana).detail, "progressNotes: 0 -> 1; note dated 2026-11-20")
        try db.closeIntervention(id: saved.id!, status: .completed, endDate: today, by: dana, now: t0)
        XCTAssertEqual(try latest(.closedIntervention, counselor: dana).detail,
                       "endDate: none -> 2026-11-20; status: active -> completed")
    }

    func testAFailedChangeWritesNoAuditRow() throws {
        let before = try rowCount()
        XCTAssertThrowsError(try db.addCourse(PlannedCourse(studentId: student.id!, year: Grade(rawValue: 10)!,
                                                            title: "Chemistry", subject: "science", credits: 0), by: dana))
        XCTAssertThrowsError(try db.moveCourse(id: 9999, toYear: Grade(rawValue: 11)!, by: dana))
        XCTAssertThrowsError(try db.addWorkBasedLearning(WorkBasedLearning(studentId: student.id!, kind: .internship,
                                                                           organization: "X", hours: -1), by: dana))
        XCTAssertThrowsError(try db.setFollowUpStatus(id: 9999, to: .done, by: dana))
        let saved = try session()
        let afterSession = try rowCount()
        let colleague = try db.insertCounselor(Counselor(givenName: "Sam", familyName: "Okafor"))
        XCTAssertThrowsError(try db.archiveSession(id: saved.id!, by: colleague.id!), "not the author")
        XCTAssertEqual(before + 1, afterSession, "only the session")
        XCTAssertEqual(try rowCount(), afterSession)
    }

    func testAWriteThatChangesNothingRecordsNothing() throws {
        try db.setPathway(studentId: student.id!, to: "it", reason: "Robotics", by: dana, now: t0)
        let before = try rowCount()
        try db.setPathway(studentId: student.id!, to: "it", reason: "Robotics again", by: dana, now: t0)
        try db.setGoals(studentId: student.id!, PlanGoals(), by: dana)
        XCTAssertEqual(try rowCount(), before)
    }
}
