import Foundation
import GRDB
import SyncTestSupport
import WaypointCatalogs
import WaypointCore
@testable import WaypointStore
@testable import WaypointSync
import XCTest

/// A counselor's first sync on a new workstation brings their whole caseload (plans, sessions
/// with topics and notes, follow-ups, interventions and their notes) exactly as it was written
/// on the workstation that pushed it, with the hub's versions, and queues none of it back.
/// Also the fixed input for counting the instructions a first pull's apply costs
/// (docs/PERFORMANCE.md, "Sync with a hub").
final class FirstPullTests: XCTestCase {
    func testAFirstPullBringsTheWholeCaseloadAsItWasWritten() async throws {
        let district = try SyncFixture.make(students: 24, counselors: 2, seed: 7)
        let a = try district.workstation(0)
        let caseload = try XCTUnwrap(district.caseloads[a.sourcedId])
        XCTAssertGreaterThanOrEqual(caseload.count, 8)
        try Self.writeCaseload(caseload, on: a)
        let pushed = try await a.sync()
        XCTAssertEqual(pushed.refused, 0)
        XCTAssertEqual(try a.database.pendingChangeCount(), 0)

        // The district hands the caseload over again (as a roster import at the hub logs it),
        // so a workstation that pulls from the start hears each student enter its scope and
        // takes the student's whole record in one go, the way a first sync does at a real hub.
        for student in caseload { await district.hub.move(student, from: a.sourcedId, to: a.sourcedId) }

        // The same counselor on a second, new workstation.
        let b = try district.workstation(0)
        let first = try await b.sync()
        XCTAssertEqual(first.studentsEntered, caseload.count)
        XCTAssertEqual(try b.database.pendingChangeCount(), 0, "what a pull writes is never queued back to the hub")
        let written = try Self.records(caseload, on: a)
        XCTAssertGreaterThan(written.count, 500, "a caseload's worth of records")
        XCTAssertEqual(try Self.records(caseload, on: b), written)
        XCTAssertEqual(try Self.versions(on: b), try Self.versions(on: a), "each record with the hub's version, the base of its next change")

        // The same records applied one by one, as changes from the log are, give the same rows.
        let c = try district.workstation(0)
        var fetched: [HubChange] = []
        for student in caseload { fetched += try await c.link.fetchStudent(student) }
        let oneByOne = PullPage(changes: fetched.enumerated().map { index, change in
            HubChange(seq: Int64(index + 1), table: change.table, uid: change.uid, op: change.op, version: change.version, payload: change.payload)
        }, scope: [], nextCheckpoint: Int64(fetched.count), hasMore: false)
        try c.database.applyPull(oneByOne)
        XCTAssertEqual(try Self.records(caseload, on: c), written)
        XCTAssertEqual(try Self.versions(on: c), try Self.versions(on: a))

        // Applied again (a pull repeated after a crash before its checkpoint), nothing changes.
        let page = PullPage(changes: [], scope: caseload.enumerated().map { ScopeChange(seq: Int64($0.offset + 1), student: $0.element, entered: true) },
                            nextCheckpoint: first.checkpoint, hasMore: false)
        var entered: [String: [HubChange]] = [:]
        for student in caseload { entered[student] = try await b.link.fetchStudent(student) }
        try b.database.applyPull(page, entered: entered)
        XCTAssertEqual(try Self.records(caseload, on: b), written)
        XCTAssertEqual(try Self.versions(on: b), try Self.versions(on: a))
        XCTAssertEqual(try b.database.pendingChangeCount(), 0)
        let idle = try await b.sync()
        XCTAssertEqual(idle.pulled, 0)
    }

    /// Plans and a year of sessions for every student, through the counselor's own writes;
    /// a follow-up and an intervention with a progress note for every third.
    static func writeCaseload(_ caseload: [String], on station: Workstation) throws {
        let today = CivilDate(year: 2026, month: 12, day: 3)
        let students = try caseload.map { try XCTUnwrap(station.database.student(sourcedId: $0)) }
        // The generators name students by their index.
        let indexed = students.indices.map { index in
            var student = students[index]
            student.id = Int64(index)
            return student
        }
        let plans = DemoPlans.generate(for: indexed, catalogs: CatalogLoader.shipped, today: today, seed: 5)
        for plan in plans {
            try station.database.writePlan(plan, studentId: students[Int(plan.studentId)].id!, by: station.counselorId, today: today)
        }
        let sessions = (0..<3).flatMap { span in
            DemoSessions.generate(for: indexed, today: today.adding(days: -120 * span), seed: UInt64(13 + span))
        }
        for var session in sessions {
            session.studentId = students[Int(session.studentId)].id!
            session.authorId = station.counselorId
            session.isConfidential = false
            try station.database.recordSession(session)
        }
        for (index, student) in students.enumerated() where index % 3 == 0 {
            try station.database.addFollowUp(studentId: student.id!, authorId: station.counselorId, text: "Bring the transcript",
                                             dueDate: today.adding(days: 7))
            let intervention = try station.database.addIntervention(
                Intervention(studentId: student.id!, kind: "attendance", ownerId: station.counselorId, goal: "Attend every day",
                             startDate: today.adding(days: -30), endDate: today.adding(days: 30), sessionsPerWeek: 1,
                             minutesPerSession: 20),
                by: station.counselorId)
            try station.database.addInterventionNote(interventionId: intervention.id!, date: today.adding(days: -2),
                                                     text: "Came every day this week", by: station.counselorId)
            // Every other one is closed: a closed intervention applied again must not count
            // as a change to it.
            if index % 6 == 0 {
                try station.database.closeIntervention(id: intervention.id!, status: .completed, endDate: today.adding(days: -1),
                                                       by: station.counselorId)
            }
        }
    }

    /// Every synced record of these students, as table/uid -> payload.
    static func records(_ students: [String], on station: Workstation) throws -> [String: String] {
        try station.database.read { db in
            var all: [String: String] = [:]
            for table in SyncTable.all where table.name != "audit_event" {
                for student in students {
                    for (uid, payload) in try SyncRows.payloads(db, table: table.name, student: student) {
                        all["\(table.name)/\(uid)"] = payload
                    }
                }
            }
            return all
        }
    }

    /// The hub version each record was last seen at (audit rows go up, never round).
    static func versions(on station: Workstation) throws -> [String: Int64] {
        try station.database.read { db in
            var all: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT tableName, uid, hubVersion FROM sync_key WHERE tableName <> 'audit_event'") {
                all["\(row["tableName"] as String)/\(row["uid"] as String)"] = row["hubVersion"]
            }
            return all
        }
    }
}
