import Foundation
import Interchange
import WaypointCatalogs
import WaypointCore
import WaypointStore
import XCTest

/// Test results (issue 16, item 3): the file is checked against the assessment catalog in
/// full (file:line:column naming the field), written all or nothing, and the same student,
/// test and date is one result however often the file is imported.
final class AssessmentImportTests: XCTestCase {
    let today = CivilDate(year: 2026, month: 12, day: 3)
    let catalog = CatalogLoader.shipped.assessments
    let header = "localId,test,date,total,erw,math,english,reading,science\n"
    static let rows = """
        1001,psat,2026-10-15,1140,560,580,,,
        1002,sat,2026-10-03,1250,620,630,,,
        1002,act,2026-09-12,27,,25,28,27,28
        1002,ap-biology,2026-05-12,4,,,,,

        """

    func read(_ fixture: ABCFixture, _ text: String) throws -> [AssessmentResult] {
        try AssessmentReader.read(fixture.file("tests.csv", text), students: fixture.db.abcStudentKeys(), catalog: catalog,
                                  today: today)
    }

    func errors(_ fixture: ABCFixture, _ text: String) throws -> [String] {
        do {
            _ = try read(fixture, text)
            return []
        } catch let error as RosterImportError {
            return error.errors.map(\.description)
        }
    }

    func id(_ fixture: ABCFixture, _ localId: String) throws -> Int64 {
        try XCTUnwrap(fixture.db.student(localId: localId)?.id)
    }

    func testResultsAreReadWithTheirSubScoresAndStored() throws {
        let fixture = try ABCFixture()
        let results = try read(fixture, header + Self.rows)
        XCTAssertEqual(results.count, 4)
        let summary = try fixture.db.recordAssessments(results, source: "tests.csv")
        XCTAssertEqual(summary, AssessmentImportSummary(added: 4))
        let ben = try fixture.db.assessmentResults(studentId: try id(fixture, "1002"))
        XCTAssertEqual(ben.map(\.testId), ["sat", "act", "ap-biology"], "newest sitting first")
        XCTAssertEqual(ben[0].scores, ["erw": 620, "math": 630])
        XCTAssertEqual(ben[1].scores, ["math": 25, "english": 28, "reading": 27, "science": 28])
        XCTAssertEqual(ben[1].scoreText(catalog), "27 (English 28, Math 25, Reading 27, Science 28)", "catalog order")
        XCTAssertEqual(ben[2].scores, [:])
        XCTAssertTrue(ben.allSatisfy { $0.source == .imported })
    }

    func testImportingTheSameFileAgainChangesNothingAndACorrectionUpdatesTheSameRow() throws {
        let fixture = try ABCFixture()
        _ = try fixture.db.recordAssessments(try read(fixture, header + Self.rows), source: "tests.csv")
        let again = try fixture.db.recordAssessments(try read(fixture, header + Self.rows), source: "tests.csv")
        XCTAssertEqual(again, AssessmentImportSummary(unchanged: 4))
        let corrected = try fixture.db.recordAssessments(
            try read(fixture, header + "1002,sat,2026-10-03,1260,620,640,,,\n1002,sat,2026-11-07,1300,650,650,,,\n"), source: "tests.csv")
        XCTAssertEqual(corrected, AssessmentImportSummary(added: 1, updated: 1))
        let sats = try fixture.db.assessmentResults(studentId: try id(fixture, "1002")).filter { $0.testId == "sat" }
        XCTAssertEqual(sats.map(\.total), [1300, 1260], "one row per sitting: the correction replaced the first")
    }

    func testDryRunCountsTheSameAndWritesNothing() throws {
        let fixture = try ABCFixture()
        let dry = try fixture.db.recordAssessments(try read(fixture, header + Self.rows), dryRun: true, source: "tests.csv")
        XCTAssertEqual(try fixture.db.assessmentResults(studentId: try id(fixture, "1002")), [])
        XCTAssertEqual(try fixture.db.recordAssessments(try read(fixture, header + Self.rows), source: "tests.csv"), dry)
    }

    func testEachBadRowIsNamedWithFileLineAndColumn() throws {
        let fixture = try ABCFixture()
        let cases: [(String, String)] = [
            (header + "9999,sat,2026-10-03,1250,,,,,\n",
             "tests.csv:2:1: localId \"9999\": expected the local ID of a student in the database"),
            (header + "1001,gre,2026-10-03,1250,,,,,\n",
             "tests.csv:2:2: test \"gre\": expected a test of the assessment catalog (psat, sat, act"),
            (header + "1001,sat,10/03/2026,1250,,,,,\n",
             "tests.csv:2:3: date \"10/03/2026\": expected an ISO 8601 date (YYYY-MM-DD)"),
            (header + "1001,sat,2027-03-14,1250,,,,,\n",
             "tests.csv:2:3: date \"2027-03-14\": expected the date the test was taken, not after today (2026-12-03)"),
            (header + "1001,sat,2026-10-03,1700,,,,,\n",
             "tests.csv:2:4: total \"1700\": expected SAT total from 400 to 1600"),
            (header + "1001,act,2026-10-03,37,,,,,\n",
             "tests.csv:2:4: total \"37\": expected ACT composite from 1 to 36"),
            (header + "1001,sat,2026-10-03,1,250\n",
             "tests.csv:2:6: row \"1001,sat,2026-10-03,1,250\": expected 9 fields as in the header, found 5"),
            (header + "1001,sat,2026-10-03,\"1,250\",,,,,\n",
             "tests.csv:2:4: total \"1,250\": expected a whole number (digits only)"),
            (header + "1001,sat,2026-10-03,1250,900,,,,\n",
             "tests.csv:2:5: erw \"900\": expected SAT Reading and Writing from 200 to 800"),
            (header + "1001,sat,2026-10-03,1250,,,30,,\n",
             "tests.csv:2:7: english \"30\": expected a sub-score of SAT (erw, math)"),
            (header + "1001,ap-biology,2026-05-12,4,,5,,,\n",
             "tests.csv:2:6: math \"5\": expected AP Biology has no sub-scores"),
            (header + "1001,sat,2026-10-03,1250,,,,,\n1001,sat,2026-10-03,1300,,,,,\n",
             "tests.csv:3:3: date \"2026-10-03\": expected one row per student, test and date; line 2 already has this one"),
            (header + "1001,sat,2026-10-03,1250,\u{1B}[31m600,,,,\n",
             "tests.csv:2:5: erw \"\\u{1B}[31m600\": expected"),
            ("localId,test,date\n1001,sat,2026-10-03\n",
             "tests.csv:1:4: header \"localId,test,date\": expected a required column \"total\""),
            ("test,date,total\nsat,2026-10-03,1250\n",
             "tests.csv:1:4: header \"test,date,total\": expected a required column \"studentSourcedId\" or \"localId\""),
        ]
        for (text, expected) in cases {
            let found = try errors(fixture, text)
            XCTAssertTrue(found.contains { $0.hasPrefix(expected) }, "\(expected)\nfound: \(found)")
            XCTAssertFalse(found.contains { $0.contains("\u{1B}") }, "an escape is shown escaped, never sent: \(found)")
        }
    }

    func testAFileWithOneBadRowRecordsNothing() throws {
        let fixture = try ABCFixture()
        XCTAssertThrowsError(try read(fixture, header + Self.rows + "1001,sat,2026-10-03,9999,,,,,\n"))
        XCTAssertEqual(try fixture.db.assessmentResults(studentId: try id(fixture, "1001")), [])
        XCTAssertEqual(try fixture.db.assessmentResults(studentId: try id(fixture, "1002")), [])
    }

    func testTheSchemaRefusesWhatTheCatalogCheckWouldHaveCaught() throws {
        let fixture = try ABCFixture()
        let ana = try id(fixture, "1001")
        for bad in [AssessmentResult(studentId: ana, testId: "Bad Id", date: today, total: 1),
                    AssessmentResult(studentId: ana, testId: "sat", date: today, total: 1000, scores: ["Math x": 1])] {
            XCTAssertThrowsError(try fixture.db.recordAssessments([bad], source: "test"), "\(bad)")
        }
        XCTAssertEqual(try fixture.db.assessmentResults(studentId: ana), [], "nothing half-written")
    }
}
