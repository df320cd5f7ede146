import Foundation
import XCTest
@testable import WaypointCore

/// Each catalog's checks, straight through `decode`: every mistake names the key and what
/// was expected.
final class CatalogValidationTests: XCTestCase {
    private func assertRejects<Catalog>(_ decode: (CatalogSource) throws -> Catalog, _ json: String, key: String?,
                                        _ problem: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try decode(CatalogSource(name: "district.json", data: Data(json.utf8))), json,
                             file: file, line: line) { error in
            guard let error = error as? CatalogError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(error.file, "district.json", file: file, line: line)
            XCTAssertEqual(error.key, key, "\(error)", file: file, line: line)
            XCTAssertTrue(error.problem.contains(problem), "\(error) should contain \(problem)", file: file, line: line)
        }
    }

    func testSessionKinds() {
        let decode = KindCatalog.sessionKinds
        assertRejects(decode, #"{"sessionKinds": [}"#, key: nil, "is not valid JSON")
        assertRejects(decode, #"{"sessionKinds": []}"#, key: "sessionKinds", "expected a non-empty list")
        assertRejects(decode, #"{"sessionKinds": [{"id": "ok", "title": "OK"}, {"id": "Bad Id", "title": "x"}]}"#,
                      key: "sessionKinds[1].id", "expected lower-case letters, digits and hyphens, found \"Bad Id\"")
        assertRejects(decode, #"{"sessionKinds": [{"id": "a", "title": " "}]}"#, key: "sessionKinds[0].title", "is empty")
        assertRejects(decode, #"{"sessionKinds": [{"id": "a", "title": "A"}, {"id": "a", "title": "B"}]}"#,
                      key: "sessionKinds[1].id", "\"a\" appears twice")
        assertRejects(decode, #"{"sessionKinds": [{"title": "A"}]}"#, key: "sessionKinds[0].id", "is missing")
        assertRejects(decode, #"{"sessionKinds": [{"id": 3, "title": "A"}]}"#, key: "sessionKinds[0].id", "has the wrong type")
        assertRejects(decode, #"{"sessionKinds": [{"id": null, "title": "A"}]}"#, key: "sessionKinds[0].id", "is missing")
    }

    func testPathways() throws {
        let decode = PathwayCatalog.decode
        assertRejects(decode, #"{"paths": []}"#, key: "pathways", "expected a non-empty list")
        assertRejects(decode, #"{"pathways": [{"id": "it", "title": "IT"}]}"#, key: "pathways[0].kind", "is missing")
        assertRejects(decode, #"{"pathways": [{"id": "it", "title": "IT", "kind": "Sector"}]}"#,
                      key: "pathways[0].kind", "expected \"route\" or \"sector\"")
        assertRejects(decode, #"{"pathways": [{"id": "it", "title": "IT", "kind": "sector", "programOfStudy": ["Networking", ""]}]}"#,
                      key: "pathways[0].programOfStudy[1]", "is empty")
        assertRejects(decode, #"{"pathways": [{"id": "it", "title": "IT", "kind": "sector", "programOfStudy": ["Networking", "networking"]}]}"#,
                      key: "pathways[0].programOfStudy[1]", "appears twice")
        assertRejects(decode, #"{"pathways": [{"id": "it", "title": "IT", "kind": "sector"}, {"id": "it", "title": "I.T.", "kind": "route"}]}"#,
                      key: "pathways[1].id", "\"it\" appears twice")
        let minimal = try decode(CatalogSource(name: "x", data: Data(#"{"pathways": [{"id": "jrotc", "title": "JROTC", "kind": "route"}]}"#.utf8)))
        XCTAssertEqual(minimal.pathway("jrotc")?.programOfStudy, [], "a program of study may be left out")
    }

    func testMilestones() {
        let decode = MilestoneCatalog.decode
        assertRejects(decode, #"{"milestones": []}"#, key: "milestones", "expected a non-empty list")
        // Kindergarten (0) to 12 since milestones span K-12 (issue 16): 13 and -1 are not grades of a plan.
        assertRejects(decode, #"{"milestones": [{"id": "fafsa", "title": "FAFSA", "grade": 13, "dueMonth": 12}]}"#,
                      key: "milestones[0].grade", "expected a grade (0 is kindergarten) from 0 to 12, found 13")
        assertRejects(decode, #"{"milestones": [{"id": "fafsa", "title": "FAFSA", "grade": -1, "dueMonth": 12}]}"#,
                      key: "milestones[0].grade", "found -1")
        assertRejects(decode, #"{"milestones": [{"id": "fafsa", "title": "FAFSA", "grade": 12, "dueMonth": 0}]}"#,
                      key: "milestones[0].dueMonth", "expected a month from 1 to 12, found 0")
        assertRejects(decode, #"{"milestones": [{"id": "fafsa", "title": "FAFSA", "grade": "12", "dueMonth": 12}]}"#,
                      key: "milestones[0].grade", "has the wrong type")
        assertRejects(decode, #"{"milestones": [{"id": "fafsa", "title": "FAFSA", "grade": 12}]}"#,
                      key: "milestones[0].dueMonth", "is missing")
        assertRejects(decode, #"{"milestones": [{"id": "FAFSA", "title": "FAFSA", "grade": 12, "dueMonth": 12}]}"#,
                      key: "milestones[0].id", "expected lower-case letters")
        assertRejects(decode, #"{"milestones": [{"id": "a", "title": "A", "grade": 12, "dueMonth": 1}, {"id": "a", "title": "B", "grade": 11, "dueMonth": 1}]}"#,
                      key: "milestones[1].id", "appears twice")
    }

    /// `goals`: goal families, single goals or "all"; anything else is named with its place.
    func testMilestoneGoals() throws {
        let decode = MilestoneCatalog.decode
        assertRejects(decode, #"{"milestones": [{"id": "asvab", "title": "ASVAB", "grade": 11, "dueMonth": 3, "goals": ["army"]}]}"#,
                      key: "milestones[0].goals[0]",
                      "expected one of all, college, career, military, undecided, 4-year, 2-year, certificate, apprenticeship, workforce, found \"army\"")
        assertRejects(decode, #"{"milestones": [{"id": "asvab", "title": "ASVAB", "grade": 11, "dueMonth": 3, "goals": []}]}"#,
                      key: "milestones[0].goals", "expected at least one goal, or \"all\"")
        assertRejects(decode, #"{"milestones": [{"id": "asvab", "title": "ASVAB", "grade": 11, "dueMonth": 3, "goals": ["military", "military"]}]}"#,
                      key: "milestones[0].goals[1]", "\"military\" appears twice")
        assertRejects(decode, #"{"milestones": [{"id": "asvab", "title": "ASVAB", "grade": 11, "dueMonth": 3, "goals": "military"}]}"#,
                      key: "milestones[0].goals", "has the wrong type")
        // A catalog written before goals existed still loads: every milestone for every goal.
        let old = try decode(CatalogSource(name: "m.json", data: Data(#"{"milestones": [{"id": "a", "title": "A", "grade": 0, "dueMonth": 9}]}"#.utf8)))
        XCTAssertEqual(old.milestones[0].goals, ["all"])
        XCTAssertTrue(PostsecondaryGoal.allCases.allSatisfy(old.milestones[0].applies(to:)))
        let mixed = try decode(CatalogSource(name: "m.json", data: Data(#"{"milestones": [{"id": "a", "title": "A", "grade": 12, "dueMonth": 9, "goals": ["college", "apprenticeship"]}]}"#.utf8)))
        XCTAssertEqual(PostsecondaryGoal.allCases.filter(mixed.milestones[0].applies(to:)), [.fourYear, .twoYear, .apprenticeship])
    }

    /// Every mistake names the line, so IT staff go straight to it in a 40-entry file.
    func testErrorsNameTheLine() {
        let json = """
            {
              "milestones": [
                { "id": "fafsa", "title": "FAFSA", "grade": 12, "dueMonth": 12 },
                { "id": "asvab", "title": "ASVAB", "grade": 11, "dueMonth": 3,
                  "goals": ["military",
                            "navy"] },
                { "id": "resume", "title": "Resume", "grade": 11, "dueMonth": 5 }
              ]
            }
            """
        XCTAssertThrowsError(try MilestoneCatalog.decode(CatalogSource(name: "milestones.json", data: Data(json.utf8)))) { error in
            let error = error as? CatalogError
            XCTAssertEqual(error?.line, 6)
            XCTAssertEqual(error?.key, "milestones[1].goals[1]")
            XCTAssertEqual(error.map { "\($0)" }?.hasPrefix("milestones.json:6: milestones[1].goals[1]: expected one of"), true, "\(String(describing: error))")
        }
        let missing = json.replacingOccurrences(of: "\"navy\"", with: "\"career\"").replacingOccurrences(of: ", \"dueMonth\": 5 }", with: " }")
        XCTAssertThrowsError(try MilestoneCatalog.decode(CatalogSource(name: "milestones.json", data: Data(missing.utf8)))) { error in
            // A missing key is reported at the entry that lacks it.
            XCTAssertEqual((error as? CatalogError)?.line, 7)
            XCTAssertEqual((error as? CatalogError)?.key, "milestones[2].dueMonth")
        }
        XCTAssertThrowsError(try MilestoneCatalog.decode(CatalogSource(name: "milestones.json", data: Data(#"{"milestones": [}"#.utf8)))) { error in
            XCTAssertNil((error as? CatalogError)?.line, "not JSON: no key to place")
        }
    }

    func testCompetencies() {
        let decode = CompetencyCatalog.decode
        assertRejects(decode, #"{}"#, key: "competencies", "expected a non-empty list")
        assertRejects(decode, #"{"competencies": [{"id": "grit", "title": ""}]}"#, key: "competencies[0].title", "is empty")
        assertRejects(decode, #"{"competencies": [{"id": "grit", "title": "Grit"}, {"id": "grit", "title": "Grit"}]}"#,
                      key: "competencies[1].id", "appears twice")
    }

    private func earlyWarning(attendance: String = #"{"chronicBelow": 0.9, "severeBelow": 0.8}"#,
                              behavior: String = #"{"suspensions": 1, "incidents": 3, "severeSuspensionDays": 5, "windowDays": 120}"#,
                              courses: String = #"{"gpaBelow": 2, "failingCoreCourses": 1, "severeFailingCoreCourses": 2}"#,
                              tier3: String = "2") -> String {
        #"{"attendance": \#(attendance), "behavior": \#(behavior), "courses": \#(courses), "tier3Indicators": \#(tier3)}"#
    }

    func testEarlyWarning() throws {
        let decode = EarlyWarningRules.decode
        XCTAssertNoThrow(try decode(CatalogSource(name: "x", data: Data(earlyWarning().utf8))))
        assertRejects(decode, #"{"attendance": {"chronicBelow": 0.9, "severeBelow": 0.8}}"#, key: "behavior", "is missing")
        assertRejects(decode, earlyWarning(attendance: #"{"chronicBelow": 1.5, "severeBelow": 0.8}"#),
                      key: "attendance.chronicBelow", "expected a rate from 0.0 to 1.0, found 1.5")
        assertRejects(decode, earlyWarning(attendance: #"{"chronicBelow": 0.9, "severeBelow": 0.95}"#),
                      key: "attendance.severeBelow", "expected a rate from 0.0 to 0.9, found 0.95")
        assertRejects(decode, earlyWarning(attendance: #"{"chronicBelow": "90%", "severeBelow": 0.8}"#),
                      key: "attendance.chronicBelow", "has the wrong type")
        assertRejects(decode, earlyWarning(behavior: #"{"suspensions": 1, "incidents": 0, "severeSuspensionDays": 5, "windowDays": 120}"#),
                      key: "behavior.incidents", "expected a count of at least 1, found 0")
        assertRejects(decode, earlyWarning(behavior: #"{"suspensions": 1, "incidents": 3, "severeSuspensionDays": -1, "windowDays": 120}"#),
                      key: "behavior.severeSuspensionDays", "expected a number of days of at least 0.0, found -1.0")
        assertRejects(decode, earlyWarning(behavior: #"{"suspensions": 1, "incidents": 3, "severeSuspensionDays": 5}"#),
                      key: "behavior.windowDays", "is missing")
        assertRejects(decode, earlyWarning(courses: #"{"gpaBelow": 4.5, "failingCoreCourses": 1, "severeFailingCoreCourses": 2}"#),
                      key: "courses.gpaBelow", "expected a GPA from 0.0 to 4.0, found 4.5")
        assertRejects(decode, earlyWarning(courses: #"{"gpaBelow": 2, "failingCoreCourses": 2, "severeFailingCoreCourses": 1}"#),
                      key: "courses.severeFailingCoreCourses", "expected a count of at least 2, found 1")
        assertRejects(decode, earlyWarning(tier3: "4"), key: "tier3Indicators",
                      "expected a number of indicators from 1 to 3, found 4")
    }

    private func requirementSets(default defaultId: String = "d", areas: String = #"[{"id": "math", "title": "Math"}, {"id": "cte", "title": "CTE"}]"#,
                                 total: String = "24", subjects: String = #"[{"id": "math", "title": "Math", "credits": 3}]"#,
                                 endorsements: String = "[]") -> String {
        """
        {"default": "\(defaultId)", "subjectAreas": \(areas),
         "sets": [{"id": "d", "title": "D", "totalCredits": \(total), "subjects": \(subjects), "endorsements": \(endorsements)}]}
        """
    }

    func testRequirementSets() throws {
        let decode = RequirementSetCatalog.decode
        XCTAssertNoThrow(try decode(CatalogSource(name: "x", data: Data(requirementSets().utf8))))
        assertRejects(decode, requirementSets(default: "state"), key: "default", "expected the id of one of the sets (d), found \"state\"")
        assertRejects(decode, #"{"subjectAreas": [{"id": "math", "title": "Math"}], "sets": [{"id": "d", "title": "D", "totalCredits": 3, "subjects": [{"id": "math", "title": "Math", "credits": 3}]}]}"#,
                      key: "default", "is missing")
        assertRejects(decode, requirementSets(areas: "[]"), key: "subjectAreas", "expected a non-empty list")
        assertRejects(decode, requirementSets(total: "0"), key: "sets[0].totalCredits", "expected a number of credits above 0")
        assertRejects(decode, requirementSets(total: "2"), key: "sets[0].totalCredits",
                      "expected at least the 3 credits the subjects require, found 2")
        assertRejects(decode, requirementSets(subjects: "[]"), key: "sets[0].subjects", "expected a non-empty list")
        assertRejects(decode, requirementSets(subjects: #"[{"id": "math", "title": "Math", "credits": -1}]"#),
                      key: "sets[0].subjects[0].credits", "above 0, found -1")
        assertRejects(decode, requirementSets(subjects: #"[{"id": "arts", "title": "Arts", "credits": 1}]"#),
                      key: "sets[0].subjects[0].id", "expected one of the subjectAreas ids (math, cte), found \"arts\"")
        assertRejects(decode, requirementSets(subjects: #"[{"id": "wl-or-cte", "title": "WL or CTE", "credits": 2, "accepts": ["cte", "world-language"]}]"#),
                      key: "sets[0].subjects[0].accepts[1]", "found \"world-language\"")
        assertRejects(decode, requirementSets(subjects: #"[{"id": "any", "title": "Any", "credits": 2, "accepts": []}]"#),
                      key: "sets[0].subjects[0].accepts", "expected a non-empty list")
        assertRejects(decode, requirementSets(subjects: #"[{"id": "math", "title": "Math", "credits": 3, "namedCourses": ["Algebra I", "ALGEBRA I"]}]"#),
                      key: "sets[0].subjects[0].namedCourses[1]", "appears twice")
        assertRejects(decode, requirementSets(subjects: #"[{"id": "math", "title": "Math", "credits": 1}, {"id": "math", "title": "More math", "credits": 1}]"#),
                      key: "sets[0].subjects[1].id", "appears twice")
        assertRejects(decode, requirementSets(endorsements: #"[{"id": "stem", "title": "STEM", "subjects": [{"id": "science", "credits": 4}]}]"#),
                      key: "sets[0].endorsements[0].subjects[0].id", "found \"science\"")
        assertRejects(decode, requirementSets(endorsements: #"[{"id": "stem", "title": "STEM", "subjects": []}]"#),
                      key: "sets[0].endorsements[0].subjects", "expected a non-empty list")
        assertRejects(decode, requirementSets(endorsements: #"[{"id": "stem", "title": "STEM", "totalCredits": 0, "subjects": [{"id": "math", "credits": 4}]}]"#),
                      key: "sets[0].endorsements[0].totalCredits", "above 0")
        assertRejects(decode, requirementSets(subjects: #"[{"id": "math", "title": "Math", "credits": "3"}]"#),
                      key: "sets[0].subjects[0].credits", "has the wrong type")
    }
}
