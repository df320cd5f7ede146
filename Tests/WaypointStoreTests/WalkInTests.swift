import Foundation
import GRDB
import WaypointCore
import WaypointStore
import XCTest

/// Students added by hand (walk-ins): on the adder's caseload, marked, refused where they
/// cannot be kept apart, and merged by the roster import that brings their local ID with
/// everything recorded on them kept.
final class WalkInTests: XCTestCase {
    private var fixture: StoreFixture!
    private var db: AppDatabase { fixture.database }
    private var counselorId: Int64 { fixture.counselor.id! }
    private let now = Date(timeIntervalSince1970: 1_796_000_000)

    override func setUpWithError() throws {
        fixture = try StoreFixture()
    }

    private func walkIn(_ given: String = "Ana", _ family: String = "Lopez", localId: String? = "R-u1",
                        birthDate: String? = nil) throws -> Student {
        try db.addWalkIn(NewWalkIn(givenName: given, familyName: family, grade: Grade(rawValue: 9)!,
                                   schoolId: fixture.school.id!, localId: localId,
                                   birthDate: birthDate.flatMap { CivilDate(iso: $0) }),
                         by: counselorId, at: now)
    }

    /// A roster with students u1 and u2 (local IDs R-u1, R-u2), u1 named as given.
    private func roster(given: String = "Ana", family: String = "Lopez", u1LocalId: String = "R-u1",
                        mode: RosterBundle.Mode = .bulk) -> RosterBundle {
        RosterBundle(version: "1.2", orgsMode: .bulk, usersMode: mode, demographicsMode: .absent,
                     schools: [RosterSchool(sourcedId: "org1", name: "Riverside High", parentSourcedId: nil)],
                     students: [
                         RosterStudent(sourcedId: "u1", localId: u1LocalId, givenName: given, middleName: nil,
                                       familyName: family, preferredName: nil, grade: Grade(rawValue: 10),
                                       schoolSourcedId: "org1", demographics: nil, isActive: true),
                         RosterStudent(sourcedId: "u2", localId: "R-u2", givenName: "Ben", middleName: nil,
                                       familyName: "Okafor", preferredName: nil, grade: Grade(rawValue: 9),
                                       schoolSourcedId: "org1", demographics: nil, isActive: true),
                     ],
                     counselors: [], caseloads: [], contacts: [])
    }

    private func studentCount() throws -> Int {
        try fixture.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM student")! }
    }

    /// Rows that hang off the student, by table: what a merge must keep.
    private func recorded(_ studentId: Int64) throws -> [String: Int] {
        try fixture.queue.read { db in
            var counts: [String: Int] = [:]
            for table in ["advising_session", "follow_up", "plan", "pathway_change", "milestone_status", "student_contact",
                          "intervention", "caseload"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE studentId = ?", arguments: [studentId])!
            }
            counts["session_note"] = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM session_note JOIN advising_session ON advising_session.id = session_note.sessionId
                WHERE advising_session.studentId = ?
                """, arguments: [studentId])!
            counts["intervention_note"] = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM intervention_note JOIN intervention ON intervention.id = intervention_note.interventionId
                WHERE intervention.studentId = ?
                """, arguments: [studentId])!
            return counts
        }
    }

    /// One of every kind of record a counselor keeps about a student.
    private func recordEverything(on student: Student) throws {
        let id = student.id!
        _ = try db.recordSession(AdvisingSession(studentId: id, authorId: counselorId, startedAt: now, durationMinutes: 15,
                                                 kind: "walk-in", participants: [], note: "New to the school today."),
                                 followUps: [(CivilDate(iso: "2026-12-10"), "Check the schedule")], now: now)
        _ = try db.addFollowUp(studentId: id, authorId: counselorId, text: "Call home", dueDate: nil, now: now)
        try db.setPathway(studentId: id, to: "health-science", reason: "Wants to be a nurse", by: counselorId, now: now)
        try db.setMilestone(MilestoneRecord(studentId: id, milestoneId: "fafsa", status: .inProgress),
                            today: CivilDate(iso: "2026-12-03")!, by: counselorId)
        _ = try db.addContact(FamilyContact(givenName: "Rosa", familyName: "Lopez", relationship: .parent, phone: "555-0142"),
                              studentId: id)
        let intervention = try db.addIntervention(
            Intervention(studentId: id, kind: "tutoring", ownerId: counselorId, goal: "Settle in", startDate: CivilDate(iso: "2026-12-03")!,
                         endDate: nil, sessionsPerWeek: 2, minutesPerSession: 30), by: counselorId, now: now)
        _ = try db.addInterventionNote(interventionId: intervention.id!, date: CivilDate(iso: "2026-12-03")!, text: "First week went well",
                                       by: counselorId, now: now)
    }

    func testAWalkInLandsOnTheAddersCaseloadMarkedAndKeepsWhoAddedThem() throws {
        let added = try walkIn(birthDate: "2011-04-30")
        XCTAssertTrue(added.isWalkIn)
        XCTAssertNil(added.sourcedId)
        let caseload = try db.caseload(counselorId: counselorId)
        XCTAssertEqual(caseload.map(\.student.localId), ["R-u1"])
        XCTAssertEqual(caseload.first?.student.isWalkIn, true)
        XCTAssertEqual(caseload.first?.student.birthDate, "2011-04-30")
        XCTAssertEqual(try XCTUnwrap(try db.student(localId: "R-u1")).isWalkIn, true)
        let origin = try XCTUnwrap(try db.walkInOrigin(studentId: added.id!))
        XCTAssertEqual(origin.counselor, "Dana Whitfield")
        XCTAssertEqual(origin.addedAt, now)
    }

    func testWithoutALocalIdAPlaceholderStandsInThatNoImportMatches() throws {
        XCTAssertEqual(try walkIn(localId: nil).localId, "walk-in-1")
        XCTAssertEqual(try walkIn("Ben", "Okafor", localId: nil).localId, "walk-in-2")
        let summary = try db.importRoster(roster())
        XCTAssertEqual(summary.walkInsMerged, 0)
        XCTAssertEqual(try studentCount(), 4)
        XCTAssertEqual(try db.caseload(counselorId: counselorId).filter(\.student.isWalkIn).count, 2)
    }

    func testALocalIdAnotherStudentHoldsIsRefusedAndNothingIsAdded() throws {
        try fixture.add("Marco", "Diaz", localId: "12345")
        _ = try walkIn(localId: "777")
        XCTAssertThrowsError(try walkIn(localId: "12345")) { error in
            XCTAssertEqual((error as? StoreError)?.description,
                           "Local ID 12345 already belongs to Marco Diaz: open that student instead, or check the ID; nothing was added.")
        }
        // Two hand-added students never share a local ID, so a merge has one candidate at most.
        XCTAssertThrowsError(try walkIn("Ana", "Lopez", localId: "777")) { error in
            XCTAssertEqual((error as? StoreError)?.description,
                           "Local ID 777 already belongs to Ana Lopez, also added by hand: open that student instead, "
                               + "or check the ID; nothing was added.")
        }
        XCTAssertEqual(try studentCount(), 2)
    }

    func testAWorkstationJoinedToAHubRefusesAWalkInAndAWalkInHoldsTheJoinBack() throws {
        _ = try walkIn()
        XCTAssertThrowsError(try db.joinHub(url: "postgres://dana@hub/district", counselorId: counselorId)) { error in
            XCTAssertEqual((error as? StoreError)?.description,
                           "This database cannot join the hub: 1 student added by hand is not in the roster yet; import the "
                               + "roster that brings them (matched by local ID), then join.")
        }
        try fixture.queue.write { try $0.execute(sql: "UPDATE sync_state SET hubUrl = 'postgres://dana@hub/district', counselorId = ? WHERE id = 1",
                                                      arguments: [self.counselorId]) }
        XCTAssertThrowsError(try walkIn("Ben", "Okafor", localId: "R-u2")) { error in
            XCTAssertEqual(error as? StoreError, .walkInWhileJoined)
        }
        XCTAssertEqual(try studentCount(), 1)
    }

    func testTheRosterThatBringsAWalkInMergesThemKeepingEveryRecord() throws {
        let added = try walkIn()
        try recordEverything(on: added)
        let before = try recorded(added.id!)
        XCTAssertTrue(before.values.allSatisfy { $0 > 0 }, "\(before)")

        let summary = try db.importRoster(roster())
        XCTAssertEqual(summary.walkInsMerged, 1)
        XCTAssertEqual(summary.students.added, 1)   // u2 only
        XCTAssertEqual(summary.walkInRenames, [])
        XCTAssertTrue(summary.description.contains("students added by hand: 1 merged with the roster's record, everything recorded kept"),
                      summary.description)
        let merged = try XCTUnwrap(try db.student(sourcedId: "u1"))
        XCTAssertEqual(merged.id, added.id)
        XCTAssertFalse(merged.isWalkIn)
        XCTAssertEqual(merged.grade, Grade(rawValue: 10))     // the roster's fields take over
        XCTAssertEqual(try studentCount(), 2)
        XCTAssertEqual(try recorded(added.id!), before)
        XCTAssertEqual(try db.caseload(counselorId: counselorId).map(\.student.sourcedId), ["u1"])
        // Who added them by hand stays on the record.
        XCTAssertEqual(try db.walkInOrigin(studentId: added.id!)?.counselor, "Dana Whitfield")

        // Idempotent: the same roster again changes nothing.
        let again = try db.importRoster(roster())
        XCTAssertEqual(again.total, RosterImportSummary.Counts())
        XCTAssertEqual(again.walkInsMerged, 0)
        XCTAssertEqual(try recorded(added.id!), before)
    }

    func testNamesThatDifferStillMergeAndTheSummaryNamesBoth() throws {
        let added = try walkIn("Ana", "Lopez")
        let summary = try db.importRoster(roster(given: "Ana Sofía", family: "López Ruiz"))
        XCTAssertEqual(summary.walkInsMerged, 1)
        XCTAssertEqual(summary.walkInRenames, [WalkInRename(localId: "R-u1", typed: "Ana Lopez", roster: "Ana Sofía López Ruiz")])
        XCTAssertTrue(summary.description.contains(
            "R-u1: typed as Ana Lopez, the roster says Ana Sofía López Ruiz (the roster's name is kept)"), summary.description)
        XCTAssertEqual(try db.student(sourcedId: "u1")?.id, added.id)
        XCTAssertEqual(try db.student(sourcedId: "u1")?.familyName, "López Ruiz")

        // Accents and case alone are not a different name.
        let second = try StoreFixture()
        _ = try second.database.addWalkIn(NewWalkIn(givenName: "ana", familyName: "lopez", grade: Grade(rawValue: 9)!,
                                                    schoolId: second.school.id!, localId: "R-u1"),
                                          by: second.counselor.id!, at: now)
        XCTAssertEqual(try second.database.importRoster(roster(given: "Ana", family: "López")).walkInRenames, [])
    }

    func testADryRunReportsTheMergeAndWritesNothing() throws {
        let added = try walkIn()
        let dry = try db.importRoster(roster(), dryRun: true)
        XCTAssertEqual(dry.walkInsMerged, 1)
        let still = try XCTUnwrap(try db.student(localId: "R-u1"))
        XCTAssertEqual(still.id, added.id)
        XCTAssertTrue(still.isWalkIn)
        XCTAssertNil(still.sourcedId)
        XCTAssertEqual(try studentCount(), 1)
        // The real import then reports the same.
        XCTAssertEqual(try db.importRoster(roster()), dry)
    }

    func testAStudentAlreadyHereCannotTakeAWalkInsLocalIdAndNothingChanges() throws {
        try db.importRoster(roster())
        let added = try walkIn("Cam", "Tran", localId: "555")
        XCTAssertThrowsError(try db.importRoster(roster(u1LocalId: "555"))) { error in
            XCTAssertEqual(error as? StoreError, .duplicateLocalId("555"))
        }
        XCTAssertEqual(try db.student(sourcedId: "u1")?.localId, "R-u1")
        XCTAssertEqual(try XCTUnwrap(try db.student(localId: "555")).id, added.id)
        XCTAssertTrue(try XCTUnwrap(try db.student(localId: "555")).isWalkIn)
    }

    func testABulkRosterWithoutTheWalkInLeavesThemActiveOnTheCaseload() throws {
        _ = try walkIn(localId: "999")
        let summary = try db.importRoster(roster())
        XCTAssertEqual(summary.students.deactivated, 0)
        XCTAssertEqual(try db.caseload(counselorId: counselorId).map(\.student.localId), ["999"])
    }
}
