import Foundation
import WaypointCatalogs
import XCTest
@testable import WaypointCore

/// The assessment catalog (issue 16 item 3): the shipped tests and their ranges, a district's
/// file checked with file:line errors, the one check of a result, the milestones a result
/// completes, and the compact line the profile and the plan show.
final class AssessmentCatalogTests: XCTestCase {
    let catalog = CatalogLoader.shipped.assessments

    private func rejects(_ json: String, key: String?, _ problem: String, line: Int? = nil,
                         file: StaticString = #filePath, sourceLine: UInt = #line) {
        XCTAssertThrowsError(try AssessmentCatalog.decode(CatalogSource(name: "assessments.json", data: Data(json.utf8))),
                             file: file, line: sourceLine) { error in
            guard let error = error as? CatalogError else { return XCTFail("\(error)", file: file, line: sourceLine) }
            XCTAssertEqual(error.key, key, "\(error)", file: file, line: sourceLine)
            XCTAssertTrue(error.problem.contains(problem), "\(error) should contain \(problem)", file: file, line: sourceLine)
            if let line { XCTAssertEqual(error.line, line, "\(error)", file: file, line: sourceLine) }
        }
    }

    func testTheShippedCatalogHasTheUsualTestsAndTheirRanges() throws {
        XCTAssertEqual(catalog.test("sat")?.total.range, 400...1600)
        XCTAssertEqual(catalog.test("sat")?.scores.map(\.id), ["erw", "math"])
        XCTAssertEqual(catalog.test("sat")?.score("math")?.range, 200...800)
        XCTAssertEqual(catalog.test("psat")?.total.range, 320...1520)
        XCTAssertEqual(catalog.test("act")?.total.title, "Composite")
        XCTAssertEqual(catalog.test("act")?.scores.map(\.id), ["english", "math", "reading", "science"])
        XCTAssertEqual(catalog.test("asvab")?.total.range, 1...99)
        XCTAssertEqual(catalog.test("asvab")?.total.title, "AFQT percentile")
        let ap = catalog.tests.filter { $0.kind == .ap }
        XCTAssertGreaterThanOrEqual(ap.count, 10, "AP by exam")
        XCTAssertTrue(ap.allSatisfy { $0.total.range == 1...5 && $0.scores.isEmpty })
        XCTAssertTrue(catalog.tests.contains { $0.kind == .state }, "a state test as an example for districts")
        XCTAssertTrue(CatalogLoader.fileNames.contains("assessments.json"), "a district can override it")
    }

    func testADistrictFileIsCheckedWithTheLineOfEachMistake() {
        rejects(#"{"assessments": []}"#, key: "assessments", "expected a non-empty list")
        rejects(#"{"assessments": [{"id": "SAT", "title": "SAT", "total": {"min": 400, "max": 1600}}]}"#,
                key: "assessments[0].id", "expected lower-case letters, digits and hyphens")
        rejects(#"{"assessments": [{"id": "sat", "title": "SAT"}]}"#, key: "assessments[0].total", "is missing")
        rejects(#"{"assessments": [{"id": "sat", "title": "SAT", "total": {"min": 1600, "max": 400}}]}"#,
                key: "assessments[0].total.max", "expected a maximum no lower than min (1600), found 400")
        rejects(#"{"assessments": [{"id": "sat", "title": "SAT", "kind": "college-board", "total": {"min": 400, "max": 1600}}]}"#,
                key: "assessments[0].kind", "expected one of college, ap, military, state, other, found \"college-board\"")
        rejects(#"{"assessments": [{"id": "sat", "title": "SAT", "total": {"min": 400, "max": 1600}, "scores": [{"id": "math", "min": 1, "max": 2}]}]}"#,
                key: "assessments[0].scores[0].title", "is missing")
        rejects(#"{"assessments": [{"id": "sat", "title": "SAT", "total": {"min": 400, "max": 1600}, "scores": [{"id": "total", "title": "T", "min": 1, "max": 2}]}]}"#,
                key: "assessments[0].scores[0].id", "expected a name other than \"total\"")
        rejects(#"{"assessments": [{"id": "sat", "title": "SAT", "total": {"min": 400, "max": 1600}, "scores": [{"id": "m", "title": "M", "min": 1, "max": 2}, {"id": "m", "title": "N", "min": 1, "max": 2}]}]}"#,
                key: "assessments[0].scores[1].id", "\"m\" appears twice")
        rejects("""
            {
              "assessments": [
                { "id": "sat", "title": "SAT", "total": { "min": 400, "max": 1600 } },
                { "id": "sat", "title": "SAT again", "total": { "min": 400, "max": 1600 } }
              ]
            }
            """, key: "assessments[1].id", "\"sat\" appears twice", line: 4)
        rejects("""
            {
              "assessments": [
                { "id": "state-ela", "title": "State ELA",
                  "total": { "min": 2299, "max": "2795" } }
              ]
            }
            """, key: "assessments[0].total.max", "has the wrong type", line: 4)
    }

    func testAResultIsCheckedAgainstItsTestByOneRule() {
        XCTAssertTrue(catalog.problems(testId: "sat", total: 1250, scores: ["erw": 620, "math": 630]).isEmpty)
        XCTAssertEqual(catalog.problems(testId: "sat", total: 1601, scores: [:]).map(\.field), ["total"])
        XCTAssertEqual(catalog.problems(testId: "sat", total: 1601, scores: [:]).first?.expected, "SAT total from 400 to 1600")
        XCTAssertEqual(catalog.problems(testId: "act", total: 30, scores: ["science": 40, "erw": 600]).map(\.field), ["erw", "science"])
        XCTAssertEqual(catalog.problems(testId: "gre", total: 300, scores: [:]).map(\.field), ["test"])
        XCTAssertEqual(catalog.problems(testId: "ap-biology", total: 4, scores: ["math": 3]).first?.expected,
                       "AP Biology has no sub-scores")
    }

    func testTheBuiltInMilestonesSayWhichTestsCompleteThem() throws {
        let milestones = CatalogLoader.shipped.milestones
        XCTAssertEqual(milestones.milestone("psat")?.completedByAssessments, ["psat"])
        XCTAssertEqual(milestones.milestone("sat-act")?.completedByAssessments, ["sat", "act"])
        XCTAssertEqual(milestones.milestone("asvab")?.completedByAssessments, ["asvab"])
        for milestone in milestones.milestones {
            for id in milestone.completedByAssessments {
                XCTAssertNotNil(catalog.test(id), "\(milestone.id) names \(id), which the assessment catalog has")
            }
        }
        let custom = try MilestoneCatalog.decode(CatalogSource(name: "milestones.json", data: Data("""
            { "milestones": [ { "id": "ap-exam", "title": "An AP exam", "grade": 11, "dueMonth": 5,
                                "completedBy": { "assessments": ["ap-biology", "ap-us-history"] } } ] }
            """.utf8)))
        XCTAssertEqual(custom.milestones[0].completedByAssessments, ["ap-biology", "ap-us-history"])
        XCTAssertThrowsError(try MilestoneCatalog.decode(CatalogSource(name: "milestones.json", data: Data("""
            { "milestones": [ { "id": "psat", "title": "PSAT", "grade": 10, "dueMonth": 10, "completedBy": {} } ] }
            """.utf8)))) { error in
            XCTAssertEqual((error as? CatalogError)?.key, "milestones[0].completedBy")
        }
        XCTAssertThrowsError(try MilestoneCatalog.decode(CatalogSource(name: "milestones.json", data: Data("""
            { "milestones": [ { "id": "psat", "title": "PSAT", "grade": 10, "dueMonth": 10, "completedBy": { "assessment": "PSAT 10" } } ] }
            """.utf8)))) { error in
            XCTAssertEqual((error as? CatalogError)?.key, "milestones[0].completedBy.assessment")
        }
    }

    func testTheFirstSittingCompletesTheMilestoneAndTheSummaryShowsBestAndLatest() {
        let satAct = CatalogLoader.shipped.milestones.milestone("sat-act")!
        let taken = ["act": CivilDate(year: 2026, month: 4, day: 11), "sat": CivilDate(year: 2026, month: 3, day: 14)]
        XCTAssertEqual(MilestoneProgress.readsAssessments(satAct, taken: taken)?.testId, "sat", "the earlier sitting")
        XCTAssertNil(MilestoneProgress.readsAssessments(satAct, taken: ["psat": CivilDate(year: 2025, month: 10, day: 15)]))

        let results = [
            AssessmentResult(studentId: 1, testId: "sat", date: CivilDate(year: 2026, month: 3, day: 14), total: 1180),
            AssessmentResult(studentId: 1, testId: "sat", date: CivilDate(year: 2026, month: 10, day: 3), total: 1250),
            AssessmentResult(studentId: 1, testId: "act", date: CivilDate(year: 2026, month: 4, day: 11), total: 28),
            AssessmentResult(studentId: 1, testId: "act", date: CivilDate(year: 2026, month: 9, day: 12), total: 26),
            AssessmentResult(studentId: 1, testId: "ap-biology", date: CivilDate(year: 2026, month: 5, day: 12), total: 4),
            AssessmentResult(studentId: 1, testId: "psat", date: CivilDate(year: 2025, month: 10, day: 15), total: 1100),
            AssessmentResult(studentId: 1, testId: "retired-test", date: CivilDate(year: 2025, month: 1, day: 5), total: 7),
        ]
        let summary = AssessmentSummary(results, catalog: catalog)
        XCTAssertEqual(summary.text(catalog),
                       "PSAT 1100 · SAT 1250 best of 2 · ACT 28 best, 26 latest · AP Bio 4 · retired-test 7",
                       "catalog order; a test the district retired still shows, by id")
        XCTAssertEqual(summary.taken, ["psat", "sat", "act", "ap-biology", "retired-test"])
    }

    func testTheDemoDistrictsResultsAreValidPastAndForHighSchoolOnly() {
        let district = DemoDistrict.generate(students: 600, counselors: 2, seed: 7)
        let today = CivilDate(year: 2026, month: 12, day: 3)
        let results = DemoAssessments.generate(for: district.students, catalog: catalog, today: today, seed: 7)
        XCTAssertEqual(results, DemoAssessments.generate(for: district.students, catalog: catalog, today: today, seed: 7), "repeatable")
        XCTAssertTrue(results.contains { $0.testId == "psat" } && results.contains { $0.testId == "sat" }, "shows on the first run")
        for result in results {
            XCTAssertTrue(catalog.problems(testId: result.testId, total: result.total, scores: result.scores).isEmpty, "\(result)")
            XCTAssertLessThanOrEqual(result.date, today)
            XCTAssertTrue((10...12).contains(district.students[Int(result.studentId)].grade.rawValue))
        }
        for sat in results where sat.testId == "sat" {
            XCTAssertEqual(sat.total, sat.scores["erw"]! + sat.scores["math"]!, "an SAT total is its two sections")
            XCTAssertEqual(sat.total % 10, 0)
        }
    }

    func testATypedResultNamesTheFieldThatIsWrong() {
        let today = CivilDate(year: 2026, month: 12, day: 3)
        func problem(test: String = "sat", date: String = "2026-10-03", total: String = "1250", scores: [String] = []) -> AssessmentEntry.Problem? {
            if case .failure(let problem) = AssessmentEntry.check(studentId: 1, testId: test, date: date, total: total, scores: scores,
                                                                   catalog: catalog, today: today) { return problem }
            return nil
        }
        XCTAssertNil(problem(scores: ["erw=620", "math=630"]))
        XCTAssertEqual(problem(test: "gre")?.field, "test")
        XCTAssertEqual(problem(date: "2026-02-30")?.field, "date")
        XCTAssertEqual(problem(date: "10/03/2026")?.expected, "a date as YYYY-MM-DD")
        XCTAssertEqual(problem(date: "2027-01-09")?.expected, "the date the test was taken, not after today (2026-12-03)")
        XCTAssertEqual(problem(total: "1,250")?.expected, "a whole number (digits only)")
        XCTAssertEqual(problem(total: "-5")?.field, "total")
        XCTAssertEqual(problem(scores: ["math"])?.field, "scores")
        XCTAssertEqual(problem(scores: ["math=600", "math=610"])?.expected, "one value (it is given twice)")
        XCTAssertEqual(problem(scores: ["math=6o0"])?.field, "math")
        XCTAssertEqual(problem(scores: ["math=900"])?.expected, "SAT Math from 200 to 800")
    }

    func testADistrictFileAddsItsOwnStateTestOrIsIgnoredWithTheLineOfItsMistake() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalogs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("assessments.json")
        try """
            { "assessments": [
              { "id": "staar-english-2", "title": "STAAR English II", "short": "STAAR Eng II", "kind": "state",
                "total": { "title": "Scale score", "min": 1000, "max": 6000 } }
            ] }
            """.write(to: file, atomically: true, encoding: .utf8)
        var load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.warnings, [])
        XCTAssertEqual(load.catalogs.assessments.tests.map(\.id), ["staar-english-2"])
        XCTAssertEqual(load.catalogs.assessments.short(of: "staar-english-2"), "STAAR Eng II")

        try """
            { "assessments": [
              { "id": "staar-english-2", "title": "STAAR English II",
                "total": { "min": 6000, "max": 1000 } }
            ] }
            """.write(to: file, atomically: true, encoding: .utf8)
        load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.catalogs.assessments, catalog, "the built-in catalog is used instead")
        XCTAssertEqual(load.warnings.map(\.description), [
            file.path + ":3: assessments[0].total.max: expected a maximum no lower than min (6000), found 1000; "
                + "the built-in catalog is used instead",
        ])
    }
}
