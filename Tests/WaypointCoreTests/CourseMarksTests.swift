import WaypointCatalogs
import WaypointCore
import XCTest

/// The rules that place imported marks: the school year of a term, default credits, the
/// matching key and the subject area (docs/IMPORTING.md, "Marks in the plan").
final class CourseMarksTests: XCTestCase {
    func testFallTermsBeginTheirSchoolYearAndSpringTermsEndIt() {
        XCTAssertEqual(CourseMarks.schoolYearStart(ofTerm: "2025-FA"), 2025)
        XCTAssertEqual(CourseMarks.schoolYearStart(ofTerm: "2026-SP"), 2025)
        XCTAssertEqual(CourseMarks.schoolYearStart(ofTerm: "2026-S2"), 2025)
        XCTAssertEqual(CourseMarks.schoolYearStart(ofTerm: "2026-SU"), 2025, "summer goes with the year just ended")
        XCTAssertEqual(CourseMarks.schoolYearStart(ofTerm: "2025-S1"), 2025)
        XCTAssertEqual(CourseMarks.schoolYearStart(ofTerm: "2025-Q2"), 2025)
        XCTAssertEqual(CourseMarks.schoolYearStart(ofTerm: "2026-q4"), 2025)
        XCTAssertEqual(CourseMarks.schoolYearStart(ofTerm: "2025-YR"), 2025)
        XCTAssertNil(CourseMarks.schoolYearStart(ofTerm: "Fall 2025"))
    }

    func testTheTermsGradeCountsBackFromTheStudentsGradeNow() {
        let december = CivilDate(year: 2026, month: 12, day: 3)
        let june = CivilDate(year: 2027, month: 6, day: 1)
        let eleven = Grade(rawValue: 11)!
        XCTAssertEqual(CourseMarks.grade(ofTerm: "2026-FA", studentGrade: eleven, today: december), eleven)
        XCTAssertEqual(CourseMarks.grade(ofTerm: "2026-SP", studentGrade: eleven, today: december)?.rawValue, 10)
        XCTAssertEqual(CourseMarks.grade(ofTerm: "2024-FA", studentGrade: eleven, today: december)?.rawValue, 9)
        XCTAssertEqual(CourseMarks.grade(ofTerm: "2027-SP", studentGrade: eleven, today: june), eleven, "June is still 2026-27")
        XCTAssertNil(CourseMarks.grade(ofTerm: "2010-FA", studentGrade: Grade(rawValue: 0)!, today: december))
    }

    func testDefaultCreditsFollowTheTermsLength() {
        XCTAssertEqual(CourseMarks.defaultCredits(ofTerm: "2025-YR"), 1)
        XCTAssertEqual(CourseMarks.defaultCredits(ofTerm: "2025-FA"), 0.5)
        XCTAssertEqual(CourseMarks.defaultCredits(ofTerm: "2026-S2"), 0.5)
        XCTAssertEqual(CourseMarks.defaultCredits(ofTerm: "2025-Q1"), 0.25)
        XCTAssertEqual(CourseMarks.defaultCredits(ofTerm: "2025-T1"), 0.33)
    }

    func testTitleVariantsShareAMatchKey() {
        XCTAssertEqual(CourseMarks.matchKey("Algebra I"), CourseMarks.matchKey("algebra 1"))
        XCTAssertEqual(CourseMarks.matchKey("U.S. History"), CourseMarks.matchKey("US  History"))
        XCTAssertEqual(CourseMarks.matchKey("Español II"), CourseMarks.matchKey("espanol 2"))
        XCTAssertEqual(CourseMarks.matchKey("Art & Design"), CourseMarks.matchKey("Art and Design"))
        XCTAssertNotEqual(CourseMarks.matchKey("Algebra I"), CourseMarks.matchKey("Algebra II"))
        XCTAssertNotEqual(CourseMarks.matchKey("Biology"), CourseMarks.matchKey("AP Biology"))
    }

    func testSubjectsNameTheCatalogsAreasOrElectives() {
        let areas = CatalogLoader.shipped.requirementSets.subjectAreas
        XCTAssertEqual(CourseMarks.subjectArea("Mathematics", areas: areas), "math")
        XCTAssertEqual(CourseMarks.subjectArea("math", areas: areas), "math")
        XCTAssertEqual(CourseMarks.subjectArea("Social Studies", areas: areas), "social-studies")
        XCTAssertEqual(CourseMarks.subjectArea("ELA", areas: areas), "english")
        XCTAssertEqual(CourseMarks.subjectArea("Physical Education", areas: areas), "pe")
        XCTAssertEqual(CourseMarks.subjectArea("Underwater Basketry", areas: areas), "elective")
        XCTAssertEqual(CourseMarks.subjectArea(nil, areas: areas), "elective")
    }

    func testTheLevelIsReadFromTheTitle() {
        XCTAssertEqual(CourseMarks.level(ofTitle: "AP Calculus AB", subject: "math"), .ap)
        XCTAssertEqual(CourseMarks.level(ofTitle: "IB Biology HL", subject: "science"), .ib)
        XCTAssertEqual(CourseMarks.level(ofTitle: "English 10 Honors", subject: "english"), .honors)
        XCTAssertEqual(CourseMarks.level(ofTitle: "Dual Credit Composition", subject: "english"), .dualCredit)
        XCTAssertEqual(CourseMarks.level(ofTitle: "Welding I", subject: "cte"), .cte)
        XCTAssertEqual(CourseMarks.level(ofTitle: "Apiculture", subject: "elective"), .standard)
    }

    func testAnUnmatchedMarkIsAddedAsACompletedCourse() {
        let mark = ImportedMark(studentId: 1, term: "2025-FA", course: "BIO-1", title: "Biology", mark: ABCMark("B")!, credits: 0.5,
                                source: .transcript)
        let placement = CourseMarks.place(mark, year: Grade(rawValue: 9), years: PlanYears.years(for: nil), credits: 0.5, subject: "science", courses: [], links: [],
                                          previous: nil)
        XCTAssertEqual(placement, .add(PlannedCourse(studentId: 1, year: Grade(rawValue: 9)!, title: "Biology", subject: "science",
                                                     credits: 0.5, term: "2025-FA", status: .completed, gradeEarned: "B")))
    }
}
