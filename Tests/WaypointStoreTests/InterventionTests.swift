import Foundation
import GRDB
import WaypointCore
import XCTest
@testable import WaypointStore

final class InterventionTests: XCTestCase {
    private var fixture: StoreFixture!
    private var student: Student!
    private let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    private let start = CivilDate(iso: "2026-11-02")!

    override func setUpWithError() throws {
        fixture = try StoreFixture()
        student = try fixture.add("Minh Anh", "Nguyễn")
    }

    private func tutoring(for studentId: Int64? = nil, perWeek: Int = 3, minutes: Int = 30,
                          end: CivilDate? = nil) -> Intervention {
        Intervention(studentId: studentId ?? student.id!, kind: "tutoring", ownerId: fixture.counselor.id!,
                     goal: "Pass Algebra I 📐", startDate: start, endDate: end, sessionsPerWeek: perWeek,
                     minutesPerSession: minutes)
    }

    private func count(_ table: String) throws -> Int {
        try fixture.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)")! }
    }

    func testAnAddedInterventionComesBackAsActive() throws {
        let saved = try fixture.database.addIntervention(tutoring(end: CivilDate(iso: "2027-01-29")), by: 1, now: t0)
        let listed = try fixture.database.interventions(studentId: student.id!)
        XCTAssertEqual(listed, [saved])
        XCTAssertEqual(listed[0].status, .active)
        XCTAssertEqual(listed[0].goal, "Pass Algebra I 📐")
        XCTAssertEqual(listed[0].endDate, CivilDate(iso: "2027-01-29"))
        XCTAssertEqual(listed[0].createdAt, t0)
        XCTAssertEqual(try fixture.database.caseloadInterventions(counselorId: fixture.counselor.id!), [saved])
    }

    func testClosingIsFinalAndKeepsTheClosingNote() throws {
        let saved = try fixture.database.addIntervention(tutoring(), by: 1)
        let end = CivilDate(iso: "2026-12-18")!
        let closed = try fixture.database.closeIntervention(id: saved.id!, status: .completed, endDate: end,
                                                            note: "Passed the unit test", by: fixture.counselor.id!)
        XCTAssertEqual(closed.status, .completed)
        XCTAssertEqual(try fixture.database.interventions(studentId: student.id!), [], "closed ones are hidden by default")
        XCTAssertEqual(try fixture.database.interventions(studentId: student.id!, includeClosed: true), [closed])
        XCTAssertEqual(try fixture.database.interventionNotes(id: saved.id!).map(\.text), ["Passed the unit test"])
        XCTAssertEqual(try fixture.database.interventionNotes(id: saved.id!).map(\.date), [end])

        XCTAssertThrowsError(try fixture.database.closeIntervention(id: saved.id!, status: .discontinued, endDate: end,
                                                                    by: fixture.counselor.id!)) {
            XCTAssertEqual($0 as? StoreError, .interventionClosed(id: saved.id!, status: "completed"))
        }
        XCTAssertThrowsError(try fixture.queue.write { try $0.execute(sql: "UPDATE intervention SET status = 'active'") },
                             "the schema keeps a closed intervention closed")
        XCTAssertThrowsError(try fixture.database.closeIntervention(id: 999, status: .completed, endDate: end,
                                                                    by: fixture.counselor.id!)) {
            XCTAssertEqual($0 as? StoreError, .interventionNotFound(id: 999))
        }
    }

    func testClosingAsActiveIsRefused() throws {
        let saved = try fixture.database.addIntervention(tutoring(), by: 1)
        XCTAssertThrowsError(try fixture.database.closeIntervention(id: saved.id!, status: .active, endDate: start,
                                                                    by: fixture.counselor.id!)) {
            XCTAssertEqual($0 as? StoreError, .notAClosingStatus("active"))
        }
        XCTAssertEqual(try fixture.database.intervention(id: saved.id!).status, .active)
    }

    func testProgressNotesAreAppendOnlyAndInDateOrder() throws {
        let saved = try fixture.database.addIntervention(tutoring(), by: 1)
        try fixture.database.addInterventionNote(interventionId: saved.id!, date: CivilDate(iso: "2026-11-20")!,
                                                 text: "Quiz 72%", by: fixture.counselor.id!, now: t0)
        try fixture.database.addInterventionNote(interventionId: saved.id!, date: CivilDate(iso: "2026-11-13")!,
                                                 text: "Quiz 58%", by: fixture.counselor.id!, now: t0)
        XCTAssertEqual(try fixture.database.interventionNotes(id: saved.id!).map(\.text), ["Quiz 58%", "Quiz 72%"])
        XCTAssertThrowsError(try fixture.queue.write { try $0.execute(sql: "UPDATE intervention_note SET text = 'x'") })
        XCTAssertThrowsError(try fixture.queue.write { try $0.execute(sql: "DELETE FROM intervention_note") })
        XCTAssertEqual(try count("intervention_note"), 2)
        XCTAssertThrowsError(try fixture.database.addInterventionNote(interventionId: 999, date: start, text: "x",
                                                                      by: fixture.counselor.id!)) {
            XCTAssertEqual($0 as? StoreError, .interventionNotFound(id: 999))
        }
    }

    func testAnInterventionIsNeverDeleted() throws {
        let saved = try fixture.database.addIntervention(tutoring(), by: 1)
        XCTAssertThrowsError(try fixture.queue.write { try $0.execute(sql: "DELETE FROM intervention") })
        XCTAssertThrowsError(try fixture.queue.write {
            try $0.execute(sql: "UPDATE intervention SET studentId = studentId + 1")
        }, "the student is fixed")
        XCTAssertThrowsError(try fixture.queue.write { try $0.execute(sql: "DELETE FROM student") },
                             "a student with an intervention is not deleted under it")
        XCTAssertEqual(try fixture.database.interventions(studentId: student.id!).map(\.id), [saved.id])
    }

    func testTheSchemaRefusesImpossibleDosageAndDates() throws {
        let bad: [Intervention] = [
            tutoring(perWeek: 0), tutoring(perWeek: 15), tutoring(minutes: 4), tutoring(minutes: 241),
            tutoring(end: CivilDate(iso: "2026-11-01")),
        ]
        for intervention in bad {
            XCTAssertThrowsError(try fixture.database.addIntervention(intervention, by: 1), "\(intervention)")
        }
        XCTAssertThrowsError(try fixture.database.addIntervention(tutoring(for: 999), by: 1)) {
            XCTAssertEqual($0 as? StoreError, .studentNotFound(id: 999))
        }
        var unowned = tutoring()
        unowned.ownerId = 999
        XCTAssertThrowsError(try fixture.database.addIntervention(unowned, by: 1)) {
            XCTAssertEqual($0 as? StoreError, .counselorNotFound(id: 999))
        }
        XCTAssertThrowsError(try fixture.queue.write {
            try $0.execute(sql: """
                INSERT INTO intervention (studentId, kind, ownerId, goal, startDate, sessionsPerWeek, minutesPerSession,
                                          status, createdAt)
                VALUES (?, 'tutoring', ?, 'x', '2026-11-02', 3, 30, 'paused', ?)
                """, arguments: [self.student.id, self.fixture.counselor.id, self.t0])
        }, "the status is one of active, completed, discontinued")
        XCTAssertEqual(try count("intervention"), 0)
        XCTAssertNoThrow(try fixture.database.addIntervention(tutoring(perWeek: 14, minutes: 240, end: start), by: 1),
                         "the bounds themselves are allowed")
        XCTAssertNoThrow(try fixture.database.addIntervention(tutoring(perWeek: 1, minutes: 5), by: 1))
    }

    func testActiveStudentIdsInOneBatch() throws {
        let other = try fixture.add("Sam", "Okafor")
        let third = try fixture.add("Ana", "Ruiz")
        try fixture.database.addIntervention(tutoring(), by: 1)
        try fixture.database.addIntervention(tutoring(), by: 1)
        let closed = try fixture.database.addIntervention(tutoring(for: other.id!), by: 1)
        try fixture.database.closeIntervention(id: closed.id!, status: .discontinued, endDate: start, by: fixture.counselor.id!)
        XCTAssertEqual(try fixture.database.activeInterventionStudentIds(studentIds: [student.id!, other.id!, third.id!]),
                       [student.id!])
        XCTAssertEqual(try fixture.database.activeInterventionStudentIds(studentIds: []), [])
        XCTAssertEqual(try fixture.database.activeInterventionStudentIds(studentIds: [other.id!, third.id!]), [])
    }

    // MARK: - On screen (issue 15, item 5): tier, area, owner by name, planned weeks, measures

    func testTierAreaOwnerNameWeeksAndMeasureComeBackWithTheNotesValues() throws {
        var planned = tutoring(perWeek: 2)
        planned.tier = 2
        planned.area = .academic
        planned.ownerName = "Sam Ortiz (tutor)"
        planned.plannedWeeks = 8
        planned.measure = "quiz score %"
        let saved = try fixture.database.addIntervention(planned, by: fixture.counselor.id!, now: t0)
        XCTAssertEqual(try fixture.database.intervention(id: saved.id!), saved)
        XCTAssertEqual(saved.ownerName, "Sam Ortiz (tutor)")
        XCTAssertEqual(saved.ownerId, fixture.counselor.id, "the counselor stays responsible")

        let by = fixture.counselor.id!
        try fixture.database.addInterventionNote(interventionId: saved.id!, date: CivilDate(iso: "2026-11-13")!, text: "Week 2",
                                                 sessionsDelivered: 2, measuredValue: 58, by: by, now: t0)
        try fixture.database.addInterventionNote(interventionId: saved.id!, date: CivilDate(iso: "2026-11-06")!, text: "Week 1",
                                                 sessionsDelivered: 2, measuredValue: 61.5, by: by, now: t0)
        try fixture.database.addInterventionNote(interventionId: saved.id!, date: CivilDate(iso: "2026-11-20")!, text: "Absent",
                                                 by: by, now: t0)
        let notes = try fixture.database.interventionNotes(studentId: student.id!)
        XCTAssertEqual(notes.map(\.text), ["Week 1", "Week 2", "Absent"])
        XCTAssertEqual(notes.map(\.sessionsDelivered), [2, 2, nil])
        XCTAssertEqual(notes.map(\.measuredValue), [61.5, 58, nil])
        XCTAssertEqual(try fixture.database.interventionNotes(id: saved.id!), notes)
        XCTAssertEqual(InterventionDosage(saved, notes: notes).text, "4 of 16 sessions, 120 of 480 min")
        XCTAssertEqual(saved.measuredValues(notes), [61.5, 58])
    }

    func testAnOwnerNameThatIsACounselorsNameMakesThemTheOwner() throws {
        let colleague = try fixture.database.insertCounselor(Counselor(givenName: "Sam", familyName: "Okafor"))
        var planned = tutoring()
        planned.ownerName = "  sam OKAFOR "
        let saved = try fixture.database.addIntervention(planned, by: fixture.counselor.id!)
        XCTAssertEqual(saved.ownerId, colleague.id)
        XCTAssertNil(saved.ownerName, "a counselor is named by their record, not as free text")
        XCTAssertEqual(try fixture.database.intervention(id: saved.id!).ownerId, colleague.id)
    }

    func testAValueOnANoteOfAnInterventionThatMeasuresNothingIsRefused() throws {
        let saved = try fixture.database.addIntervention(tutoring(), by: 1)
        XCTAssertThrowsError(try fixture.database.addInterventionNote(interventionId: saved.id!, date: start, text: "72",
                                                                      measuredValue: 72, by: fixture.counselor.id!)) {
            XCTAssertEqual($0 as? StoreError, .interventionMeasuresNothing(id: saved.id!))
            XCTAssertTrue("\($0)".contains("has no measure"), "\($0)")
        }
        XCTAssertEqual(try count("intervention_note"), 0, "nothing is written")
    }

    func testTheSchemaRefusesOutOfRangeTiersWeeksAreasSessionsAndValues() throws {
        let saved = try fixture.database.addIntervention(tutoring(), by: 1)
        let id = fixture.counselor.id!
        for (column, value) in [("tier", "0"), ("tier", "4"), ("plannedWeeks", "53"), ("area", "'cooking'"), ("ownerName", "'  '"),
                                ("measure", "''")] {
            XCTAssertThrowsError(try fixture.queue.write { db in
                try db.execute(sql: """
                    INSERT INTO intervention (studentId, kind, ownerId, goal, startDate, sessionsPerWeek, minutesPerSession,
                                              createdAt, \(column))
                    VALUES (?, 'tutoring', ?, 'x', '2026-11-02', 3, 30, ?, \(value))
                    """, arguments: [self.student.id, id, self.t0])
            }, "\(column) = \(value)")
        }
        for (column, value) in [("sessionsDelivered", "61"), ("sessionsDelivered", "-1"), ("measuredValue", "100001")] {
            XCTAssertThrowsError(try fixture.queue.write { db in
                try db.execute(sql: """
                    INSERT INTO intervention_note (interventionId, date, text, authorId, createdAt, \(column))
                    VALUES (?, '2026-11-02', 'x', ?, ?, \(value))
                    """, arguments: [saved.id, id, self.t0])
            }, "\(column) = \(value)")
        }
        XCTAssertEqual(try count("intervention"), 1)
        XCTAssertEqual(try count("intervention_note"), 0)
    }

    /// A database made before v21 keeps its interventions and notes, with the new fields empty.
    func testTheUpgradeKeepsEarlierInterventionsAndTheirNotes() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v17-contacts")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO school (id, name) VALUES (1, 'Riverside');
                INSERT INTO counselor (id, givenName, familyName) VALUES (1, 'Dana', 'Whitfield');
                INSERT INTO student (id, localId, givenName, familyName, grade, schoolId, searchKey)
                VALUES (1, 'S1', 'Linh', 'Nguyễn', 10, 1, 'linh nguyen');
                INSERT INTO intervention (id, studentId, kind, ownerId, goal, startDate, endDate, sessionsPerWeek,
                                          minutesPerSession, createdAt)
                VALUES (7, 1, 'tutoring', 1, 'Pass Algebra I', '2026-11-02', '2026-12-27', 2, 30, '2026-11-02 10:00:00.000');
                INSERT INTO intervention_note (interventionId, date, text, authorId, createdAt)
                VALUES (7, '2026-11-09', 'Started well', 1, '2026-11-09 10:00:00.000');
                """)
        }
        let database = try AppDatabase(queue, actor: StoreFixture.actor)
        let upgraded = try database.intervention(id: 7)
        XCTAssertEqual(upgraded.goal, "Pass Algebra I")
        XCTAssertNil(upgraded.tier)
        XCTAssertNil(upgraded.plannedWeeks)
        XCTAssertNil(upgraded.measure)
        let notes = try database.interventionNotes(id: 7)
        XCTAssertEqual(notes.map(\.text), ["Started well"])
        XCTAssertNil(notes[0].sessionsDelivered)
        XCTAssertEqual(InterventionDosage(upgraded, notes: notes).text, "0 of 16 sessions, 0 of 480 min",
                       "eight weeks from the start to the end date")
    }
}
