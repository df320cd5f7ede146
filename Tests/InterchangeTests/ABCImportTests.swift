import Foundation
import GRDB
import Interchange
import WaypointCore
import WaypointStore
import XCTest

final class ABCImportTests: XCTestCase {
    func testEachLayoutImportsAndReadsBackNewestTermFirst() throws {
        let fixture = try ABCFixture()
        let ana = try XCTUnwrap(fixture.db.student(localId: "1001")?.id)
        let ben = try XCTUnwrap(fixture.db.student(localId: "1002")?.id)

        let attendance = try fixture.db.importABC(fixture.read(fixture.file("attendance.csv", ABCFixture.attendance)))
        XCTAssertEqual(attendance.attendance, .init(added: 3))
        XCTAssertEqual(try fixture.db.attendance(studentId: ana).map(\.term), ["2026-FA", "2026-SP"])
        XCTAssertEqual(try fixture.db.attendance(studentId: ben).first?.daysPresent, 76, "daysAbsent 4 of 80")

        let behavior = try fixture.db.importABC(fixture.read(fixture.file("behavior.csv", ABCFixture.behavior)))
        XCTAssertEqual(behavior.incidents, .init(added: 3))
        let incidents = try fixture.db.incidents(studentId: ben)
        XCTAssertEqual(incidents.map(\.kind), [.detention, .suspension])
        XCTAssertEqual(incidents.last?.suspensionDays, 2.5)
        XCTAssertEqual(incidents.last?.incidentId, "B-77")

        let marks = try fixture.db.importABC(fixture.read(fixture.file("marks.csv", ABCFixture.marks)))
        XCTAssertEqual(marks.marks, .init(added: 4))
        let anaMarks = try fixture.db.courseMarks(studentId: ana)
        XCTAssertEqual(anaMarks.map(\.course), ["Algebra I", "Ceramics", "English 9"])
        XCTAssertEqual(anaMarks.first?.mark, .letter("B+"))
        XCTAssertEqual(try XCTUnwrap(ABCCourseMark.termGPA(anaMarks.filter { $0.term == "2026-FA" })), 3.3, accuracy: 0.001,
                       "P is left out of GPA")
        XCTAssertTrue(anaMarks.last?.mark.isFailing == true && anaMarks.last?.isCore == true)
        XCTAssertEqual(try fixture.db.courseMarks(studentId: ben).first?.mark, .percent(72))
    }

    func testEachErrorKindIsNamedWithFileLineAndColumn() throws {
        let fixture = try ABCFixture()
        let attendanceHeader = "studentSourcedId,localId,term,startDate,endDate,daysEnrolled,daysPresent\n"
        let behaviorHeader = "studentSourcedId,incidentId,date,kind,severity,suspensionDays\n"
        let marksHeader = "localId,term,course,subject,mark,creditsAttempted,creditsEarned,core\n"
        let cases: [(String, String, String)] = [
            ("a.csv", attendanceHeader + "U9,,2026-FA,2026-08-20,2026-12-18,80,70\n",
             "a.csv:2:1: studentSourcedId \"U9\": expected the sourcedId of a student in the database"),
            ("a.csv", attendanceHeader + ",9999,2026-FA,2026-08-20,2026-12-18,80,70\n",
             "a.csv:2:2: localId \"9999\": expected the local ID of a student in the database"),
            ("a.csv", attendanceHeader + "U1,1002,2026-FA,2026-08-20,2026-12-18,80,70\n",
             "a.csv:2:2: localId \"1002\": expected the local ID of the student with sourcedId \"U1\""),
            ("a.csv", attendanceHeader + "U1,,2026-FA,2026-08-20,2026-12-18,eighty,70\n",
             "a.csv:2:6: daysEnrolled \"eighty\": expected a whole number from 0 to 366"),
            ("a.csv", attendanceHeader + "U1,,2026-FA,08/20/2026,2026-12-18,80,70\n",
             "a.csv:2:4: startDate \"08/20/2026\": expected an ISO 8601 date (YYYY-MM-DD)"),
            ("a.csv", attendanceHeader + "U1,,2026-FA,2026-08-20,2026-02-30,80,70\n",
             "a.csv:2:5: endDate \"2026-02-30\": expected an ISO 8601 date"),
            ("a.csv", attendanceHeader + "U1,,2026-FA,2026-08-20,2026-12-18,80,81\n",
             "a.csv:2:7: daysPresent \"81\": expected at most daysEnrolled (80)"),
            ("a.csv", attendanceHeader + "U1,,Fall,2026-08-20,2026-12-18,80,70\n",
             "a.csv:2:3: term \"Fall\": expected a term as YYYY-CODE"),
            ("a.csv", attendanceHeader + "U1,,2026-FA,2026-08-20,2026-12-18,80,70\nU1,,2026-FA,2026-08-20,2026-12-18,80,71\n",
             "a.csv:3:3: term \"2026-FA\": expected one row per student and term; line 2 already has this one"),
            ("a.csv", "studentSourcedId,term,startDate,endDate,daysEnrolled\nU1,2026-FA,2026-08-20,2026-12-18,80\n",
             "a.csv:1:6: header \"studentSourcedId,term,startDate,endDate,daysEnrolled\": expected a required column \"daysPresent\" or \"daysAbsent\""),
            ("b.csv", behaviorHeader + "U1,,2026-09-14,referral,medium,0\n",
             "b.csv:2:5: severity \"medium\": expected one of minor, major"),
            ("b.csv", behaviorHeader + "U1,,2026-09-14,fight,minor,0\n", "b.csv:2:4: kind \"fight\": expected one of referral"),
            ("b.csv", behaviorHeader + "U1,,2026-09-14,suspension,major,-1\n",
             "b.csv:2:6: suspensionDays \"-1\": expected a number from 0 to 180"),
            ("b.csv", behaviorHeader + "U1,,2026-09-14,refer\"ral,minor,0\n", "b.csv:2:21: quoting \"\"\": expected a quote only"),
            ("b.csv", behaviorHeader + "U1,,2026-09-14,\"referral,minor,0\n", "b.csv:2:16: quoting \"\"\": expected a closing quote"),
            ("m.csv", "localId,term,course,subject,mark,creditsAttempted,core\n1001,2026-FA,Algebra I,,B,1,yes\n",
             "m.csv:1:8: header \"localId,term,course,subject,mark,creditsAttempted,core\": expected a required column \"creditsEarned\""),
            ("m.csv", marksHeader + "1001,2026-FA,Algebra I,,E,1,1,yes\n", "m.csv:2:5: mark \"E\": expected a letter A to F"),
            ("m.csv", marksHeader + "1001,2026-FA,Algebra I,,B,1,1.5,yes\n",
             "m.csv:2:7: creditsEarned \"1.5\": expected at most creditsAttempted (1)"),
            ("m.csv", marksHeader + "1001,2026-FA,Algebra I,,B,1,1,maybe\n", "m.csv:2:8: core \"maybe\": expected yes or no"),
            ("x.csv", "student,term,days\nU1,2026-FA,80\n", "x.csv:1:1: header \"student,term,days\": expected a header with exactly one of"),
            ("m.csv", "studentSourcedId,term,course,mark,creditsAttempted,creditsEarned,core\n\"U1\nx\",2026-FA,Art,B,1,1,yes\nU1,2026-FA,Art,Q,1,1,yes\n",
             "m.csv:4:4: mark \"Q\""),
        ]
        for (name, text, expected) in cases {
            let found = try fixture.errors(name, text)
            XCTAssertTrue(found.contains { $0.hasPrefix(expected) }, "\(expected) not in \(found)")
        }
        let latin1 = try fixture.file("m.csv", Data((marksHeader + "1001,2026-FA,Fran").utf8) + Data([0xE7])
                                      + Data("ais,,B,1,1,yes\n".utf8))
        XCTAssertThrowsError(try fixture.read(latin1)) { error in
            XCTAssertTrue("\(error)".hasPrefix("m.csv:2:18: encoding \"0xE7\": expected UTF-8 text"), "\(error)")
        }
    }

    func testReimportChangesNothingAndAChangedRowUpdatesInPlace() throws {
        let fixture = try ABCFixture()
        for (name, text) in [("a.csv", ABCFixture.attendance), ("b.csv", ABCFixture.behavior), ("m.csv", ABCFixture.marks)] {
            let url = try fixture.file(name, text)
            let first = try fixture.db.importABC(fixture.read(url))
            let again = try fixture.db.importABC(fixture.read(url))
            XCTAssertEqual(again.total.added, 0, name)
            XCTAssertEqual(again.total.updated, 0, name)
            XCTAssertEqual(again.total.unchanged, first.total.added, name)
        }
        let corrected = try fixture.file("b2.csv", ABCFixture.behavior.replacingOccurrences(of: "major,2.5", with: "major,3"))
        XCTAssertEqual(try fixture.db.importABC(fixture.read(corrected)).incidents, .init(updated: 1, unchanged: 2),
                       "an incidentId row is corrected in place")
        let regraded = try fixture.file("m2.csv", ABCFixture.marks.replacingOccurrences(of: "English 9,English,F,1,0", with: "English 9,English,D-,1,1"))
        XCTAssertEqual(try fixture.db.importABC(fixture.read(regraded)).marks, .init(updated: 1, unchanged: 3))
        XCTAssertEqual(try fixture.db.courseMarks(studentId: XCTUnwrap(fixture.db.student(localId: "1001")?.id)).last?.mark,
                       .letter("D-"))
    }

    func testABadLastRowOrADryRunWritesNothing() throws {
        let fixture = try ABCFixture()
        _ = try fixture.db.importABC(fixture.read(fixture.file("a.csv", ABCFixture.attendance)))
        let before = try counts(fixture.db)
        let bad = try fixture.file("m.csv", ABCFixture.marks + "1002,2026-SP,Biology,Science,B,1,1,perhaps\n")
        XCTAssertThrowsError(try fixture.read(bad)) { error in
            XCTAssertEqual((error as? RosterImportError)?.errors.map(\.description),
                           ["m.csv:6:8: core \"perhaps\": expected yes or no"])
        }
        XCTAssertEqual(try counts(fixture.db), before)
        let dry = try fixture.db.importABC(fixture.read(fixture.file("m.csv", ABCFixture.marks)), dryRun: true)
        XCTAssertEqual(dry.marks.added, 4)
        XCTAssertEqual(try counts(fixture.db), before)
    }

    func testTheSchemaRefusesWhatTheReaderRefuses() throws {
        let fixture = try ABCFixture()
        let ana = try XCTUnwrap(fixture.db.student(localId: "1001")?.id)
        let present = ABCAttendance(studentId: ana, term: "2026-FA", startDate: "2026-08-20", endDate: "2026-12-18",
                                    daysEnrolled: 80, daysPresent: 81)
        XCTAssertThrowsError(try fixture.db.importABC(ABCBatch(attendance: [present])))
        let unknown = ABCIncident(studentId: 9999, date: "2026-09-14", kind: .referral, severity: .minor, suspensionDays: 0)
        XCTAssertThrowsError(try fixture.db.importABC(ABCBatch(incidents: [unknown])), "student foreign key")
        XCTAssertEqual(try counts(fixture.db), [0, 0, 0])

        let queue = try DatabaseQueue()
        let db = try AppDatabase(queue)
        _ = try db.importRoster(RosterReader.read(try RosterFixture().url).bundle)
        let url = try fixture.file("a.csv", ABCFixture.attendance)
        _ = try db.importABC(ABCReader.read(url, students: db.abcStudentKeys()))
        XCTAssertThrowsError(try queue.write { db in
            try db.execute(sql: "DELETE FROM student WHERE localId = '1001'")
        }, "a student with an attendance history is not deleted (RESTRICT)") { error in
            // SQLite reports an ON DELETE RESTRICT by its message (its code is CONSTRAINT_TRIGGER).
            XCTAssertEqual((error as? DatabaseError)?.message, "FOREIGN KEY constraint failed")
        }
    }

    /// Rows in the three ABC tables.
    private func counts(_ db: AppDatabase) throws -> [Int] {
        try db.reader.read { db in
            try ["abc_attendance", "abc_incident", "abc_course_mark"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0
            }
        }
    }
}
