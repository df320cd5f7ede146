import WaypointCatalogs
import XCTest
@testable import WaypointCore

final class RequirementCheckTests: XCTestCase {
    private var generic: RequirementSet!
    private var texas: RequirementSet!

    override func setUpWithError() throws {
        let catalog = try CatalogLoader.defaults().requirementSets
        generic = catalog.defaultSet
        texas = try XCTUnwrap(catalog.requirementSet("texas-foundation"))
    }

    private func course(_ title: String, _ subject: String, _ credits: Double = 1, _ status: CourseStatus = .completed,
                        grade: Int = 9, mark: String? = nil) -> PlannedCourse {
        PlannedCourse(studentId: 1, year: Grade(rawValue: grade)!, title: title, subject: subject, credits: credits,
                      status: status, gradeEarned: mark ?? (status == .completed ? "B" : nil))
    }

    /// A full, passed four-year plan for the generic 24-credit set.
    private var finished: [PlannedCourse] {
        (1...4).map { course("English \($0)", "english") }
            + (1...3).map { course("Math \($0)", "math") }
            + (1...3).map { course("Science \($0)", "science") }
            + (1...3).map { course("Social Studies \($0)", "social-studies") }
            + [course("PE", "pe"), course("Health", "health", 0.5), course("Art", "fine-arts"),
               course("Spanish I", "world-language"), course("Spanish II", "world-language")]
            + (1...6).map { course("Elective \($0)", "elective") } + [course("Study Skills", "elective", 0.5)]
    }

    func testACompletedPlanIsComplete() throws {
        let report = RequirementCheck.check(finished, against: generic)
        XCTAssertTrue(report.subjects.allSatisfy { $0.status == .complete }, report.summaries.joined(separator: "\n"))
        XCTAssertEqual(report.electives.status, .complete)
        XCTAssertEqual(report.total.earned, 24)
        XCTAssertTrue(report.isOnTrack)
        XCTAssertNil(report.missingSummary)
        XCTAssertFalse(report.overPlanned)
        XCTAssertEqual(report.subject("math")?.summary, "Math: 3 of 3 earned, complete")
        XCTAssertEqual(report.summaries.last, "Total: 24 of 24 earned, complete")
    }

    func testPlannedCoursesPutASubjectOnTrack() throws {
        let courses = [course("Algebra I", "math"), course("Geometry", "math"),
                       course("Algebra II", "math", 1, .planned, grade: 11)]
        let math = try XCTUnwrap(RequirementCheck.check(courses, against: generic).subject("math"))
        XCTAssertEqual(math.status, .onTrack)
        XCTAssertEqual(math.summary, "Math: 2 of 3 earned, 1 planned, on track")
    }

    func testInProgressAndHalfCreditsReadPlainly() throws {
        let courses = [course("Algebra I", "math"), course("Geometry", "math", 0.5, .inProgress),
                       course("Statistics", "math", 1, .planned)]
        let math = try XCTUnwrap(RequirementCheck.check(courses, against: generic).subject("math"))
        XCTAssertEqual(math.summary, "Math: 1 of 3 earned, 0.5 in progress, 1 planned, short 0.5 credits")
    }

    func testAShortPlanSaysWhatIsMissing() throws {
        var courses = finished.filter { $0.title != "Science 3" }
        courses.removeAll { $0.title == "Elective 1" || $0.title == "Elective 2" }
        let report = RequirementCheck.check(courses, against: generic)
        XCTAssertEqual(report.subject("science")?.status, .short(missing: 1))
        XCTAssertEqual(report.subject("science")?.summary, "Science: 2 of 3 earned, short 1 credit")
        XCTAssertFalse(report.isOnTrack)
        XCTAssertEqual(report.missingSummary, "Short 1 science credit and 2 elective credits")
        XCTAssertEqual(report.total.status, .short(missing: 3))
    }

    func testAFailedCourseEarnsNothing() throws {
        let courses = [course("Algebra I", "math"), course("Geometry", "math", mark: "F"), course("Algebra II", "math")]
        let report = RequirementCheck.check(courses, against: generic)
        XCTAssertEqual(report.subject("math")?.credits.earned, 2)
        XCTAssertEqual(report.subject("math")?.status, .short(missing: 1))
        XCTAssertEqual(report.total.earned, 2)
        let retake = RequirementCheck.check(courses + [course("Geometry", "math", 1, .planned, grade: 10)], against: generic)
        XCTAssertEqual(retake.subject("math")?.summary, "Math: 2 of 3 earned, 1 planned, on track")
    }

    func testWorldLanguageOrCTEAcceptsEither() throws {
        let language = RequirementCheck.check([course("Spanish I", "world-language"), course("Spanish II", "world-language")],
                                              against: generic)
        let cte = RequirementCheck.check([course("Medical Terminology", "cte"), course("Anatomy and Physiology", "cte")],
                                         against: generic)
        let mixed = RequirementCheck.check([course("French I", "world-language"), course("Welding I", "cte", 1, .planned)],
                                           against: generic)
        XCTAssertEqual(language.subject("world-language-or-cte")?.status, .complete)
        XCTAssertEqual(cte.subject("world-language-or-cte")?.status, .complete)
        XCTAssertEqual(mixed.subject("world-language-or-cte")?.summary, "World Language or CTE: 1 of 2 earned, 1 planned, on track")
        XCTAssertEqual(RequirementPhrase.credits(2, of: "World Language or CTE"), "2 world language or CTE credits")
    }

    func testCreditsBeyondASubjectOverflowToElectives() throws {
        let courses = (1...4).map { course("Science \($0)", "science") } + [course("Robotics Club", "elective", 0.5)]
        let report = RequirementCheck.check(courses, against: generic)
        XCTAssertEqual(report.subject("science")?.credits.earned, 3)
        XCTAssertEqual(report.electives.earned, 1.5)
        XCTAssertEqual(report.total.earned, 4.5)
        XCTAssertFalse(report.subject("science")?.overPlanned ?? true, "a fourth year of science is not over-planned")
    }

    func testEarnedCreditsFillARequirementBeforePlannedOnes() throws {
        let courses = [course("Physics", "science", 1, .planned, grade: 12)] + (1...3).map { course("Science \($0)", "science") }
        let report = RequirementCheck.check(courses, against: generic)
        XCTAssertEqual(report.subject("science")?.credits, CreditTally(required: 3, earned: 3))
        XCTAssertEqual(report.electives.planned, 1)
    }

    func testOverPlanningIsReportedNotAnError() throws {
        let extraMath = (1...5).map { course("Math \($0)", "math", 1, $0 <= 2 ? .completed : .planned) }
        let courses = finished.filter { $0.subject != "math" } + extraMath
            + (1...5).map { course("Extra \($0)", "elective", 1, .planned, grade: 12) }
        let report = RequirementCheck.check(courses, against: generic)
        XCTAssertEqual(report.subject("math")?.overPlanned, true)
        XCTAssertEqual(report.overPlannedSubjects.map(\.id), ["math"])
        XCTAssertEqual(report.subject("math")?.status, .onTrack)
        XCTAssertTrue(report.isOnTrack)
        XCTAssertEqual(report.total.scheduled, 31)
        XCTAssertTrue(report.overPlanned, "31 scheduled is more than a year's load (6) over 24")
        XCTAssertFalse(RequirementCheck.check(finished + [course("Extra", "elective", 6, .planned)], against: generic).overPlanned)
    }

    func testANamedCourseMissingMakesTheSubjectShort() throws {
        let courses = [course("Algebra I", "math"), course("Statistics", "math"), course("Algebra II", "math", 1, .planned),
                       course("Biology", "science"), course("Chemistry", "science", 1, .inProgress)]
        let report = RequirementCheck.check(courses, against: texas)
        let math = try XCTUnwrap(report.subject("math"))
        XCTAssertEqual(math.missingCourses, ["Geometry"])
        XCTAssertEqual(math.status, .short(missing: 0))
        XCTAssertEqual(math.summary, "Math: 2 of 3 earned, 1 planned, needs Geometry")
        XCTAssertEqual(report.subject("science")?.summary, "Science: 1 of 3 earned, 1 in progress, short 1 credit")
        let missing = try XCTUnwrap(report.missingSummary)
        XCTAssertTrue(missing.hasPrefix("Short 4 English credits, English I, English II, English III, Geometry, 1 science credit"), missing)
    }

    func testNamedCoursesMatchAsSearchFolds() throws {
        let courses = [course("algebra i", "math"), course("GEOMETRY ", "math"), course("Algebra II", "math", 1, .planned)]
        let math = try XCTUnwrap(RequirementCheck.check(courses, against: texas).subject("math"))
        XCTAssertEqual(math.missingCourses, [])
        XCTAssertEqual(math.status, .onTrack)
    }

    func testAPlannedNamedCourseKeepsASubjectFromBeingComplete() throws {
        let courses = [course("Algebra I", "math"), course("Algebra II", "math"), course("Statistics", "math"),
                       course("Geometry", "math", 1, .planned)]
        let math = try XCTUnwrap(RequirementCheck.check(courses, against: texas).subject("math"))
        XCTAssertEqual(math.pendingCourses, ["Geometry"])
        XCTAssertEqual(math.status, .onTrack)
        XCTAssertEqual(math.summary, "Math: 3 of 3 earned, on track")
    }

    func testTheSameCoursesGiveADifferentResultUnderAnotherSet() throws {
        let againstGeneric = RequirementCheck.check(finished, against: generic)
        let againstTexas = RequirementCheck.check(finished, against: texas)
        XCTAssertTrue(againstGeneric.isOnTrack)
        XCTAssertFalse(againstTexas.isOnTrack, "Texas names English I, Algebra I, Biology, U.S. History")
        XCTAssertEqual(againstTexas.setId, "texas-foundation")
        XCTAssertEqual(againstTexas.subject("math")?.missingCourses, ["Algebra I", "Geometry"])
        XCTAssertNil(againstTexas.subject("health"), "Texas has no health requirement: the credit is an elective")
        XCTAssertEqual(againstTexas.total.required, 22)
    }

    func testEndorsementProgress() throws {
        let courses = [course("Algebra I", "math"), course("Geometry", "math"), course("Algebra II", "math"),
                       course("Pre-Calculus", "math", 1, .inProgress, grade: 11),
                       course("Biology", "science"), course("Chemistry", "science"), course("Physics", "science"),
                       course("Principles of Engineering", "cte", 1, .planned, grade: 12)]
        let report = RequirementCheck.check(courses, against: texas)
        let stem = try XCTUnwrap(report.endorsements.first { $0.id == "stem" })
        XCTAssertEqual(stem.subjects.map(\.credits), [CreditTally(required: 5, earned: 3, inProgress: 1),
                                                      CreditTally(required: 4, earned: 3)])
        XCTAssertEqual(stem.status, .short(missing: 18))
        XCTAssertEqual(stem.summary,
                       "STEM endorsement: Math 3 of 5 earned, 1 in progress; Science 3 of 4 earned; total 6 of 26 earned, 1 in progress, 1 planned; short 18 credits")
        let business = try XCTUnwrap(report.endorsements.first { $0.id == "business-industry" })
        XCTAssertEqual(business.subjects.last?.credits, CreditTally(required: 4, planned: 1))
    }

    func testACompleteEndorsement() throws {
        let courses = (1...5).map { course("Math \($0)", "math") } + (1...4).map { course("Science \($0)", "science") }
            + (1...17).map { course("Course \($0)", "elective") }
        let stem = try XCTUnwrap(RequirementCheck.check(courses, against: texas).endorsements.first)
        XCTAssertEqual(stem.status, .complete)
        XCTAssertTrue(stem.summary.hasSuffix("; complete"), stem.summary)
    }

    func testCreditsReadWithoutATrailingZero() {
        XCTAssertEqual(CreditFormat.text(2), "2")
        XCTAssertEqual(CreditFormat.text(2.5), "2.5")
        XCTAssertEqual(CreditFormat.text(0.25), "0.25")
        XCTAssertEqual(CreditFormat.text(1.0 / 3.0 * 3), "1")
        XCTAssertEqual(CreditFormat.credits(1), "1 credit")
        XCTAssertEqual(CreditFormat.credits(0.5), "0.5 credits")
    }

    func testMarksAreReadAsTheEarlyWarningRulesReadThem() {
        func course(_ mark: String) -> PlannedCourse {
            PlannedCourse(studentId: 1, year: Grade(rawValue: 9)!, title: "Art", subject: "arts", credits: 1,
                          status: .completed, gradeEarned: mark)
        }
        XCTAssertEqual(["A", "d-", "P", "72", "60"].map { course($0).isFailed }, [false, false, false, false, false])
        XCTAssertEqual(["F", "np", "59.5", "E"].map { course($0).isFailed }, [true, true, true, true])
        XCTAssertNil(PlannedCourse.markProblem("B+"))
        XCTAssertNil(PlannedCourse.markProblem("88"))
        for bad in ["E", "xyz", "105", "A++", ""] {
            XCTAssertNotNil(PlannedCourse.markProblem(bad), bad)
        }
    }
}
