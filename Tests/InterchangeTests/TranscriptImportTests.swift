import Foundation
import Interchange
import WaypointCatalogs
import WaypointCore
import WaypointStore
import XCTest

/// Marks that count (issue 16, item 2): transcript and ABC marks placed in plans, matched,
/// idempotent, never over a counselor's entry; and the transcript file's validation.
final class TranscriptImportTests: XCTestCase {
    /// School year 2026-27: Ana (1001) is in grade 9, Ben (1002) in grade 10, so Ben's
    /// 2025-FA and 2026-SP marks are grade 9.
    let today = CivilDate(year: 2026, month: 12, day: 3)
    let areas = CatalogLoader.shipped.requirementSets.subjectAreas
    let header = "localId,term,course,title,subject,mark,credits\n"

    func marks(_ fixture: ABCFixture, _ rows: String) throws -> [ImportedMark] {
        try TranscriptReader.read(fixture.file("transcript.csv", header + rows), students: fixture.db.abcStudentKeys())
    }

    func place(_ fixture: ABCFixture, _ rows: String, dryRun: Bool = false) throws -> MarkPlacementSummary {
        try fixture.db.placeMarks(marks(fixture, rows), subjectAreas: areas, today: today, dryRun: dryRun)
    }

    func id(_ fixture: ABCFixture, _ localId: String) throws -> Int64 {
        try XCTUnwrap(fixture.db.student(localId: localId)?.id)
    }

    static let benGradeNine = """
        1002,2025-FA,ENG9,English 9,English,B,0.5
        1002,2026-SP,ENG9,English 9,English,B+,0.5
        1002,2025-FA,Algebra I,,Mathematics,A-,0.5
        1002,2026-SP,Algebra I,,Mathematics,F,0.5
        1002,2025-FA,Biology,,Science,C,0.5
        1002,2026-SP,Biology,,Science,C+,0.5
        1002,2025-YR,World History,,Social Studies,A,1
        1002,2025-YR,Physical Education,,PE,P,1

        """

    func testPassingMarksAreEarnedCreditsInTheRightYear() throws {
        let fixture = try ABCFixture()
        let ben = try id(fixture, "1002")
        let summary = try place(fixture, Self.benGradeNine)
        XCTAssertEqual(summary.added, 8)
        let plan = try fixture.db.plan(studentId: ben)
        XCTAssertEqual(Set(plan.courses.map(\.year.rawValue)), [9], "2025-FA, 2026-SP and 2025-YR are the 2025-26 school year: grade 9")
        XCTAssertEqual(plan.courses.first { $0.title == "English 9" }?.status, .completed, "the title column names a coded course")
        XCTAssertEqual(plan.courses.first { $0.title == "World History" }?.subject, "social-studies")
        XCTAssertEqual(plan.courses.first { $0.title == "Physical Education" }?.subject, "pe")
        XCTAssertTrue(plan.courses.contains { $0.title == "Algebra I" && $0.isFailed }, "an F is a failed course")
        let report = RequirementCheck.check(plan.courses, against: CatalogLoader.shipped.requirementSets.requirementSet(for: plan.goals))
        XCTAssertEqual(report.total.text, "4.5 of 24 earned", "the failed half of Algebra I earns nothing")
        XCTAssertEqual(report.subject("math")?.credits.earned, 0.5)
        XCTAssertEqual(plan.markLinks.count, 8)
        XCTAssertTrue(plan.markLinks.allSatisfy { $0.source == .transcript && $0.addedCourse && !$0.isConflict })
    }

    func testImportingTheSameFileAgainChangesNothing() throws {
        let fixture = try ABCFixture()
        let ben = try id(fixture, "1002")
        _ = try place(fixture, Self.benGradeNine)
        let before = try fixture.db.plan(studentId: ben)
        let again = try place(fixture, Self.benGradeNine)
        XCTAssertEqual(again.added + again.completed, 0)
        XCTAssertEqual(again.unchanged, 8)
        XCTAssertEqual(try fixture.db.plan(studentId: ben), before)
    }

    func testDryRunCountsTheSameAndWritesNothing() throws {
        let fixture = try ABCFixture()
        let ben = try id(fixture, "1002")
        let dry = try place(fixture, Self.benGradeNine, dryRun: true)
        XCTAssertEqual(try fixture.db.plan(studentId: ben).courses, [])
        XCTAssertEqual(try place(fixture, Self.benGradeNine), dry)
    }

    func testMarksFillInPlannedCoursesByCodeOrNormalizedTitle() throws {
        let fixture = try ABCFixture()
        let ana = try id(fixture, "1001")
        let nine = Grade(rawValue: 9)!
        let algebra = try fixture.db.addCourse(PlannedCourse(studentId: ana, year: nine, title: "Algebra 1", subject: "math", credits: 0.5), by: nil)
        let history = try fixture.db.addCourse(PlannedCourse(studentId: ana, year: nine, title: "U.S. History", subject: "social-studies",
                                                             credits: 0.5, status: .inProgress), by: nil)
        let coded = try fixture.db.addCourse(PlannedCourse(studentId: ana, year: nine, title: "ART-101", subject: "fine-arts", credits: 0.5), by: nil)
        let later = try fixture.db.addCourse(PlannedCourse(studentId: ana, year: Grade(rawValue: 10)!, title: "Chemistry", subject: "science",
                                                           credits: 0.5), by: nil)
        let summary = try place(fixture, """
            1001,2026-FA,MATH-1,Algebra I,Mathematics,B,0.5
            1001,2026-FA,US History,,Social Studies,A,0.5
            1001,2026-FA,ART-101,Ceramics,,P,0.5
            1001,2026-FA,Chemistry,,Science,B,0.5
            1001,2026-FA,Band,,Fine Arts,A,0.5

            """)
        XCTAssertEqual(summary.completed, 3)
        XCTAssertEqual(summary.added, 2, "Chemistry is planned for grade 10, not this year; Band is not in the plan")
        let plan = try fixture.db.plan(studentId: ana)
        func course(_ id: Int64?) -> PlannedCourse? { plan.courses.first { $0.id == id } }
        XCTAssertEqual(course(algebra.id)?.gradeEarned, "B")
        XCTAssertEqual(course(algebra.id)?.title, "Algebra 1", "the counselor's title stays")
        XCTAssertEqual(course(history.id)?.status, .completed)
        XCTAssertEqual(course(coded.id)?.gradeEarned, "P", "a code typed as the title matches the file's code")
        XCTAssertEqual(course(later.id)?.status, .planned)
        XCTAssertEqual(plan.courses.filter { $0.title == "Chemistry" }.count, 2)
        let link = try XCTUnwrap(plan.markLink(of: try XCTUnwrap(course(algebra.id))))
        XCTAssertFalse(link.addedCourse, "the counselor's entry, completed by the import")
    }

    func testACounselorsDifferentEntryIsKeptAndShownUntilTheyTakeTheImportedOne() throws {
        let fixture = try ABCFixture()
        let ana = try id(fixture, "1001")
        let biology = try fixture.db.addCourse(PlannedCourse(studentId: ana, year: Grade(rawValue: 9)!, title: "Biology", subject: "science",
                                                             credits: 1, status: .completed, gradeEarned: "A"), by: nil)
        let row = "1001,2026-FA,Biology,,Science,B,0.5\n"
        let summary = try place(fixture, row)
        XCTAssertEqual(summary.conflicts, ["Annie Lopez (1001), Biology 2026-FA: plan says A, 1 cr; transcript says B, 0.5 cr"])
        var plan = try fixture.db.plan(studentId: ana)
        XCTAssertEqual(plan.courses, [biology], "the counselor's entry is not overwritten")
        XCTAssertEqual(plan.markLink(of: biology)?.isConflict, true)
        XCTAssertEqual(plan.markLink(of: biology)?.importedText, "B, 0.5 cr")

        let again = try place(fixture, row)
        XCTAssertEqual(again.conflicts.count, 1, "a re-import still shows it")
        XCTAssertEqual(try fixture.db.plan(studentId: ana), plan, "and changes nothing")

        try fixture.db.takeImportedMark(courseId: biology.id!, by: nil)
        plan = try fixture.db.plan(studentId: ana)
        XCTAssertEqual(plan.courses.first?.gradeEarned, "B")
        XCTAssertEqual(plan.courses.first?.credits, 0.5)
        XCTAssertEqual(plan.markLinks.first?.isConflict, false)
        XCTAssertEqual(try place(fixture, row), { var s = MarkPlacementSummary(); s.unchanged = 1; return s }())
    }

    func testADifferentCreditOnAPlannedCourseIsAConflictNotAnOverwrite() throws {
        let fixture = try ABCFixture()
        let ana = try id(fixture, "1001")
        let english = try fixture.db.addCourse(PlannedCourse(studentId: ana, year: Grade(rawValue: 9)!, title: "English 9",
                                                             subject: "english", credits: 1), by: nil)
        let summary = try place(fixture, "1001,2026-FA,English 9,,English,B,0.5\n")
        XCTAssertEqual(summary.conflicts.count, 1)
        XCTAssertEqual(try fixture.db.plan(studentId: ana).courses, [english])
    }

    func testACorrectedMarkUpdatesTheImportsCourseUnlessTheCounselorEditedIt() throws {
        let fixture = try ABCFixture()
        let ben = try id(fixture, "1002")
        _ = try place(fixture, "1002,2025-FA,Biology,,Science,C,0.5\n1002,2025-FA,Chemistry,,Science,C,0.5\n")
        var courses = try fixture.db.plan(studentId: ben).courses
        var chemistry = try XCTUnwrap(courses.first { $0.title == "Chemistry" })
        chemistry.gradeEarned = "A"
        try fixture.db.updateCourse(chemistry, by: nil)

        let summary = try place(fixture, "1002,2025-FA,Biology,,Science,B,0.5\n1002,2025-FA,Chemistry,,Science,B,0.5\n")
        XCTAssertEqual(summary.completed, 1)
        XCTAssertEqual(summary.conflicts.count, 1)
        courses = try fixture.db.plan(studentId: ben).courses
        XCTAssertEqual(courses.first { $0.title == "Biology" }?.gradeEarned, "B", "the district corrected its own mark")
        XCTAssertEqual(courses.first { $0.title == "Chemistry" }?.gradeEarned, "A", "the counselor's edit stays")
    }

    func testACourseTheCounselorRemovedStaysRemoved() throws {
        let fixture = try ABCFixture()
        let ben = try id(fixture, "1002")
        _ = try place(fixture, "1002,2025-FA,Biology,,Science,C,0.5\n")
        let course = try XCTUnwrap(try fixture.db.plan(studentId: ben).courses.first)
        try fixture.db.removeCourse(id: course.id!, by: nil)
        let summary = try place(fixture, "1002,2025-FA,Biology,,Science,C,0.5\n")
        XCTAssertEqual(summary.removed, 1)
        XCTAssertEqual(try fixture.db.plan(studentId: ben).courses, [])
    }

    func testARetakenCourseFillsThePlannedRetakeAndIsAddedOnce() throws {
        let fixture = try ABCFixture()
        let ben = try id(fixture, "1002")
        let retake = try fixture.db.addCourse(PlannedCourse(studentId: ben, year: Grade(rawValue: 9)!, title: "Algebra I", subject: "math",
                                                            credits: 0.5), by: nil)
        _ = try place(fixture, "1002,2025-FA,Algebra I,,Math,F,0.5\n1002,2026-SP,Algebra I,,Math,C,0.5\n")
        let courses = try fixture.db.plan(studentId: ben).courses
        XCTAssertEqual(courses.count, 2)
        XCTAssertEqual(courses.first { $0.id == retake.id }?.gradeEarned, "F", "the oldest term fills the planned entry")
        XCTAssertEqual(courses.filter { !$0.isFailed }.map(\.gradeEarned), ["C"])
    }

    func testMarksOutsideThePlansYearsAreCountedNotPlaced() throws {
        let fixture = try ABCFixture()
        let summary = try place(fixture, "1001,2020-FA,Reading,,English,A,1\n1001,2025-FA,Algebra I,,Math,A,1\n")
        XCTAssertEqual(summary.outsidePlan, 2, "2020-21 was Ana's grade 3, 2025-26 her grade 8: not in a high school's plan")
        XCTAssertEqual(try fixture.db.plan(studentId: try id(fixture, "1001")).courses, [])
        XCTAssertTrue(summary.lines.joined().contains("2 marks from grades outside the plan's years not placed"))
    }

    func testABCMarksLandInThePlanWithTheTermsDefaultWhenNoCreditsAttempted() throws {
        let fixture = try ABCFixture()
        let batch = try fixture.read(fixture.file("marks.csv", """
            localId,term,course,subject,mark,creditsAttempted,creditsEarned,core
            1002,2025-FA,Algebra I,Mathematics,B+,1,1,yes
            1002,2026-Q3,Study Skills,,P,0,0,no
            1002,2026-Q4,Advisory,,P,0.1,0.1,no

            """))
        _ = try fixture.db.importABC(batch)
        let summary = try fixture.db.placeMarks(batch.marks.map(ImportedMark.init), subjectAreas: areas, today: today)
        XCTAssertEqual(summary.added, 3)
        let courses = try fixture.db.plan(studentId: try id(fixture, "1002")).courses
        XCTAssertEqual(courses.map(\.credits), [1, 0.25, 0.25],
                       "a quarter's default when the file gives no credits, or fewer than a plan course holds")
        XCTAssertEqual(try fixture.db.plan(studentId: try id(fixture, "1002")).markLinks.map(\.source), [.abc, .abc, .abc])
    }

    // MARK: Validation: every bad row named, nothing written

    func errors(_ fixture: ABCFixture, _ text: String) throws -> [String] {
        do {
            _ = try TranscriptReader.read(fixture.file("t.csv", text), students: fixture.db.abcStudentKeys())
            return []
        } catch let error as RosterImportError {
            return error.errors.map(\.description)
        }
    }

    func testEachBadRowIsNamedWithFileLineAndColumn() throws {
        let fixture = try ABCFixture()
        let cases: [(String, String)] = [
            (header + "9999,2026-FA,Biology,,Science,B,1\n",
             "t.csv:2:1: localId \"9999\": expected the local ID of a student in the database"),
            (header + "1001,2026-FA,Biology,,Science,E,1\n",
             "t.csv:2:6: mark \"E\": expected a letter A to F (with + or -), P, NP, or a number from 0 to 100"),
            (header + "1001,2026-FA,Biology,,Science,B,one\n",
             "t.csv:2:7: credits \"one\": expected a number from 0.25 to 10 (digits and a decimal point)"),
            (header + "1001,2026-FA,Biology,,Science,B,0\n",
             "t.csv:2:7: credits \"0\": expected a number from 0.25 to 10"),
            (header + "1001,2026-FA,Biology,,Science,B,0.1\n",
             "t.csv:2:7: credits \"0.1\": expected a number from 0.25 to 10"),
            (header + "1001,2026-FA,Biology,,Science,B,11\n",
             "t.csv:2:7: credits \"11\": expected a number from 0.25 to 10"),
            (header + "1001,Fall 2026,Biology,,Science,B,1\n",
             "t.csv:2:2: term \"Fall 2026\": expected a term as YYYY-CODE"),
            (header + "1001,2026-FA,,,Science,B,1\n",
             "t.csv:2:3: course \"\": expected a value (the course code or title)"),
            (header + "1001,2026-FA,Biology,,Science,B,1\n1001,2026-FA,Biology,,Science,A,1\n",
             "t.csv:3:3: course \"Biology\": expected one row per student, term and course; line 2 already has this one"),
            (header + "1001,2026-FA,Biology\n",
             "t.csv:2:4: row \"1001,2026-FA,Biology\": expected 7 fields as in the header, found 3"),
            ("localId,term,course,mark\n1001,2026-FA,Biology,B\n",
             "t.csv:1:5: header \"localId,term,course,mark\": expected a required column \"credits\""),
            ("term,course,mark,credits\n2026-FA,Biology,B,1\n",
             "t.csv:1:5: header \"term,course,mark,credits\": expected a required column \"studentSourcedId\" or \"localId\""),
        ]
        for (text, expected) in cases {
            let found = try errors(fixture, text)
            XCTAssertTrue(found.contains { $0.hasPrefix(expected) }, "\(expected)\nfound: \(found)")
        }
        let latin1 = try fixture.file("latin1.csv", Data(header.utf8) + Data([0x31, 0x30, 0x30, 0x31, 0x2C, 0xE9, 0x0A]))
        XCTAssertThrowsError(try TranscriptReader.read(latin1, students: fixture.db.abcStudentKeys()), "not UTF-8")
    }

    func testAFileWithOneBadRowPlacesNothing() throws {
        let fixture = try ABCFixture()
        XCTAssertThrowsError(try marks(fixture, "1002,2025-FA,Biology,,Science,B,0.5\n1002,2025-FA,Chemistry,,Science,Z,0.5\n"))
        XCTAssertEqual(try fixture.db.plan(studentId: try id(fixture, "1002")).courses, [])
    }
}
