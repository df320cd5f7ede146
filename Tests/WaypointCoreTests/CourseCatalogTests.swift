import Foundation
import WaypointCatalogs
import XCTest
@testable import WaypointCore

/// The course catalog (issue 16, item 1): courses.json's checks, the roster's courses merged
/// in, completion, prerequisites, and requirement sets naming courses by code.
final class CourseCatalogTests: XCTestCase {
    private let areas = ["english", "math", "science", "elective", "cte"]

    private func decode(_ json: String) throws -> CourseCatalog {
        try CourseCatalog.decode(CatalogSource(name: "courses.json", data: Data(json.utf8)), subjectAreas: areas)
    }

    private func assertRejects(_ json: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try decode(json), file: file, line: line) { error in
            XCTAssertEqual((error as? CatalogError)?.description, expected, file: file, line: line)
        }
    }

    func testTheShippedCatalogHasHighAndMiddleSchoolCoursesFiledUnderTheSubjectAreas() throws {
        let catalogs = try CatalogLoader.defaults()
        let courses = catalogs.courses.courses
        XCTAssertGreaterThanOrEqual(courses.count, 40)
        let areas = Set(catalogs.requirementSets.subjectAreas.map(\.id))
        XCTAssertTrue(courses.allSatisfy { areas.contains($0.subject) })
        XCTAssertEqual(Set(courses.map(\.subject)), areas, "every subject area has a course")
        XCTAssertTrue(courses.contains { $0.grades.contains(Grade(rawValue: 6)!) }, "middle-school courses too")
        let algebra2 = try XCTUnwrap(catalogs.courses.course(code: "mth-1030"), "codes match whatever their case")
        XCTAssertEqual(algebra2.title, "Algebra II")
        XCTAssertEqual(algebra2.prerequisites, ["MTH-1010"])
        XCTAssertEqual(catalogs.courses.course(code: "MTH-3010")?.level, .ap)
        // The requirement sets' named courses are catalog courses.
        for set in catalogs.requirementSets.sets {
            for title in set.subjects.flatMap(\.namedCourses) {
                XCTAssertNotNil(catalogs.courses.course(named: title), title)
            }
        }
    }

    /// The demo district's plans take their courses from the catalog, and keep a few typed
    /// as free text (clubs, study skills, most programs of study) so both show.
    func testTheDemoPlansUseCatalogCoursesAndSomeFreeText() throws {
        let catalogs = try CatalogLoader.defaults()
        let district = DemoDistrict.generate(students: 100)
        let plans = DemoPlans.generate(for: district.students, catalogs: catalogs, today: CivilDate(year: 2026, month: 12, day: 3), seed: 7)
        let courses = plans.flatMap(\.courses)
        let free = courses.filter { catalogs.courses.isFreeText($0) }
        XCTAssertGreaterThan(free.count, 0)
        XCTAssertLessThan(Double(free.count) / Double(courses.count), 0.25, "most are catalog courses")
        for course in courses where !catalogs.courses.isFreeText(course) {
            XCTAssertEqual(catalogs.courses.course(named: course.title)?.subject, course.subject, course.title)
        }
    }

    func testABadFileNamesTheLineTheKeyAndWhatWasExpected() {
        assertRejects(#"{"courses": []}"#, "courses.json:1: courses: expected a non-empty list of {\"code\", \"title\", \"subject\", \"credits\"}")
        assertRejects("""
            {"courses": [
              {"code": "MTH-1010", "title": "Algebra I", "subject": "math", "credits": 1},
              {"code": "mth 2", "title": "Geometry", "subject": "math", "credits": 1}
            ]}
            """, "courses.json:3: courses[1].code: expected upper-case letters, digits, hyphens and points (up to 20), found \"mth 2\"")
        assertRejects("""
            {"courses": [
              {"code": "ART-1", "title": "Art I", "subject": "fine-arts", "credits": 1}
            ]}
            """, "courses.json:2: courses[0].subject: expected one of the subjectAreas ids of requirement-sets.json (english, math, science, elective, cte), found \"fine-arts\"")
        assertRejects("""
            {"courses": [
              {"code": "MTH-1", "title": "Algebra I", "subject": "math",
               "credits": 12}
            ]}
            """, "courses.json:3: courses[0].credits: expected credits from 0.25 to 10, found 12")
        assertRejects("""
            {"courses": [
              {"code": "MTH-1", "title": "Algebra I", "subject": "math", "credits": 1, "level": "remedial"}
            ]}
            """, "courses.json:2: courses[0].level: expected one of standard, honors, ap, ib, dual-credit, cte, found \"remedial\"")
        assertRejects("""
            {"courses": [
              {"code": "MTH-1", "title": "Algebra I", "subject": "math", "credits": 1},
              {"code": "MTH-2", "title": "Geometry", "subject": "math", "credits": 1,
               "prerequisites": ["MTH-1", "MTH-9"]}
            ]}
            """, "courses.json:4: courses[1].prerequisites[1]: expected the code of a course in this file, found \"MTH-9\"")
        assertRejects("""
            {"courses": [
              {"code": "MTH-1", "title": "Algebra I", "subject": "math", "credits": 1},
              {"code": "MTH-2", "title": "Algebra 1", "subject": "math", "credits": 1}
            ]}
            """, "courses.json:3: courses[1].title: \"algebra 1\" appears twice")
        assertRejects("""
            {"courses": [
              {"code": "MTH-1", "title": "Algebra I", "subject": "math", "credits": 1, "grades": [9, 13]}
            ]}
            """, "courses.json:2: courses[0].grades[1]: expected a grade from 0 to 12, found 13")
        assertRejects(#"{"courses": [{"code": "X-1", "title": "Bad\u001b[31m", "subject": "math", "credits": 1}]}"#,
                      "courses.json:1: courses[0].title: expected one line of at most 200 characters without control characters")
    }

    func testALevelLeftOutIsTheOneTheTitleSays() throws {
        let catalog = try decode(#"{"courses": [{"code": "SCI-9", "title": "AP Biology", "subject": "science", "credits": 1}]}"#)
        XCTAssertEqual(catalog.courses.first?.level, .ap)
    }

    func testAPlanCourseIsACatalogCourseByTitleOrCodeAsMarksMatch() throws {
        let catalog = try CatalogLoader.defaults().courses
        func course(_ title: String) -> PlannedCourse {
            PlannedCourse(studentId: 1, year: Grade(rawValue: 9)!, title: title, subject: "math", credits: 1)
        }
        XCTAssertFalse(catalog.isFreeText(course("algebra 1")), "Roman numerals and case, as marks match")
        XCTAssertFalse(catalog.isFreeText(course("MTH-1010")), "the code")
        XCTAssertFalse(catalog.isFreeText(course("US History")), "points")
        XCTAssertTrue(catalog.isFreeText(course("Yearbook")))
        XCTAssertFalse(CourseCatalog(courses: []).isFreeText(course("Yearbook")), "no catalog, nothing is marked")
    }

    func testCompletionsRankCodeThenTitleStartThenCodeStartThenWord() throws {
        let catalog = try CatalogLoader.defaults().courses
        XCTAssertEqual(catalog.completions(of: "alg").map(\.title), ["Algebra I", "Algebra II", "Pre-Algebra"], "a word of the title last")
        XCTAssertEqual(catalog.completions(of: "MTH-1030").first?.title, "Algebra II")
        XCTAssertEqual(catalog.completions(of: "calc").first?.title, "AP Calculus AB", "a word of the title")
        XCTAssertEqual(catalog.completions(of: ""), [])
        XCTAssertEqual(catalog.completions(of: "zzz"), [])
    }

    func testAPrerequisiteNotInAnEarlierYearIsNamed() throws {
        let catalog = try CatalogLoader.defaults().courses
        let algebra2 = try XCTUnwrap(catalog.course(code: "MTH-1030"))
        let grade10 = Grade(rawValue: 10)!
        func planned(_ title: String, _ year: Int, mark: String? = nil) -> PlannedCourse {
            PlannedCourse(studentId: 1, year: Grade(rawValue: year)!, title: title, subject: "math", credits: 1,
                          status: mark == nil ? .planned : .completed, gradeEarned: mark)
        }
        XCTAssertEqual(catalog.prerequisiteWarning(of: algebra2, year: grade10, in: []),
                       "Algebra II needs Algebra I (MTH-1010) in an earlier year")
        XCTAssertEqual(catalog.prerequisiteWarning(of: algebra2, year: grade10, in: [planned("Algebra I", 10)]),
                       "Algebra II needs Algebra I (MTH-1010) in an earlier year", "the same year is not earlier")
        XCTAssertNotNil(catalog.prerequisiteWarning(of: algebra2, year: grade10, in: [planned("Algebra I", 9, mark: "F")]),
                        "a failed course is not taken")
        XCTAssertNil(catalog.prerequisiteWarning(of: algebra2, year: grade10, in: [planned("algebra 1", 9, mark: "B")]))
    }

    func testTheRosterAddsCoursesTheFileLacksAndTheFileWinsOnTheSameCourse() throws {
        let catalogs = try CatalogLoader.defaults()
        let roster = [
            RosterCourse(sourcedId: "c1", code: "MTH-1010", title: "Algebra One (SIS)", orgSourcedId: "s"),
            RosterCourse(sourcedId: "c2", code: "X77", title: "Geometry", orgSourcedId: "s"),
            RosterCourse(sourcedId: "c3", code: "BIO-2", title: "Marine Biology", subjects: ["Life Science", "Science"], orgSourcedId: "s"),
            RosterCourse(sourcedId: "c4", code: nil, title: "Honors Algebra III", subjectCodes: ["02056"], orgSourcedId: "s"),
            RosterCourse(sourcedId: "c5", code: "WELD-1", title: "Welding", subjectCodes: ["13001"], orgSourcedId: "s"),
            RosterCourse(sourcedId: "c6", code: "OLD-1", title: "Typing", orgSourcedId: "s", isActive: false),
        ]
        let merged = catalogs.withRosterCourses(roster).courses
        XCTAssertEqual(merged.courses.count, catalogs.courses.courses.count + 3)
        XCTAssertEqual(merged.course(code: "MTH-1010")?.title, "Algebra I", "the district file wins on the same code")
        XCTAssertNil(merged.course(code: "X77"), "and on the same title")
        let marine = try XCTUnwrap(merged.course(code: "BIO-2"))
        XCTAssertEqual(marine.subject, "science")
        XCTAssertEqual(marine.source, .roster)
        let algebra3 = try XCTUnwrap(merged.course(code: "c4"), "no courseCode: the sourcedId")
        XCTAssertEqual(algebra3.subject, "math", "from the SCED code")
        XCTAssertEqual(algebra3.level, .honors)
        XCTAssertEqual(merged.course(code: "WELD-1")?.subject, "elective", "a SCED area the district files under electives")
        XCTAssertNil(merged.course(code: "OLD-1"), "an inactive course is not offered")
    }

    func testARequirementSetNamesCatalogCoursesByCode() throws {
        let courses = try CatalogLoader.defaults().courses
        let json = """
            {"default": "d", "subjectAreas": [{"id": "math", "title": "Math"}],
             "sets": [{"id": "d", "title": "D", "totalCredits": 4,
                       "subjects": [{"id": "math", "title": "Math", "credits": 4,
                                     "namedCourses": ["MTH-1030", "Geometry"]}]}]}
            """
        let sets = try RequirementSetCatalog.decodeWithCourses(CatalogSource(name: "requirement-sets.json", data: Data(json.utf8)), courses: courses)
        let math = try XCTUnwrap(sets.defaultSet.subjects.first)
        XCTAssertEqual(math.namedCourses, ["Algebra II", "Geometry"], "a code is kept as its course's title")
        XCTAssertEqual(math.namedCodes, ["Algebra II": "MTH-1030"])
        func course(_ title: String) -> PlannedCourse {
            PlannedCourse(studentId: 1, year: Grade(rawValue: 10)!, title: title, subject: "math", credits: 1)
        }
        let missing = RequirementCheck.check([course("Geometry"), course("Statistics")], against: sets.defaultSet)
        XCTAssertEqual(missing.subjects.first?.missingCourses, ["Algebra II"])
        XCTAssertTrue(missing.summaries.first?.contains("needs Algebra II") == true, "\(missing.summaries)")
        let byCode = RequirementCheck.check([course("Geometry"), course("mth-1030")], against: sets.defaultSet)
        XCTAssertEqual(byCode.subjects.first?.missingCourses, [], "a plan course titled by the code counts")

        let unknown = json.replacingOccurrences(of: "MTH-1030", with: "MTH-9999")
        XCTAssertThrowsError(try RequirementSetCatalog.decodeWithCourses(CatalogSource(name: "requirement-sets.json", data: Data(unknown.utf8)),
                                                              courses: courses)) { error in
            XCTAssertEqual((error as? CatalogError)?.description,
                           "requirement-sets.json:4: sets[0].subjects[0].namedCourses[0]: expected the code of a course in courses.json, found \"MTH-9999\"")
        }
    }

    func testADistrictSetNamingAnUnknownCodeFallsBackWithAWarning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("courses-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"courses": [{"code": "ALG-1", "title": "Algebra I", "subject": "math", "credits": 1}]}"#
            .write(to: folder.appendingPathComponent("courses.json"), atomically: true, encoding: .utf8)
        try #"""
            {"default": "d", "subjectAreas": [{"id": "math", "title": "Math"}],
             "sets": [{"id": "d", "title": "D", "totalCredits": 4,
                       "subjects": [{"id": "math", "title": "Math", "credits": 4, "namedCourses": ["ALG-2"]}]}]}
            """#.write(to: folder.appendingPathComponent("requirement-sets.json"), atomically: true, encoding: .utf8)
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.catalogs.courses.courses.map(\.code), ["ALG-1"], "the district's courses are used")
        XCTAssertEqual(load.catalogs.requirementSets, try CatalogLoader.defaults().requirementSets)
        XCTAssertEqual(load.warnings.map(\.description), [
            folder.appendingPathComponent("requirement-sets.json").path
                + ":3: sets[0].subjects[0].namedCourses[0]: expected the code of a course in courses.json, found \"ALG-2\"; the built-in catalog is used instead",
        ])
    }
}
