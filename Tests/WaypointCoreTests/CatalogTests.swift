import Foundation
import WaypointCatalogs
import XCTest
@testable import WaypointCore

final class CatalogTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalogs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ json: String, to name: String = "session-kinds.json") throws {
        try json.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func testEveryBuiltInCatalogLoadsWithoutWarnings() throws {
        let defaults = try CatalogLoader.defaults()
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.warnings, [])
        XCTAssertEqual(load.catalogs, defaults)
    }

    /// The domain's eight, and the contacts with a family (issue 15): a phone call first, as
    /// `f` on a profile opens the first kind marked `family`.
    func testTheBuiltInSessionKindsAreTheDomainsEightAndContactsWithFamilies() throws {
        let kinds = CatalogLoader.load(configDirectory: folder.path).catalogs.sessionKinds
        XCTAssertEqual(kinds.kinds.map(\.id), ["academic", "college", "career", "personal", "attendance", "crisis",
                                               "phone-call", "email", "home-visit", "family-meeting", "group", "classroom"])
        XCTAssertEqual(kinds.title(of: "family-meeting"), "Family meeting")
        XCTAssertEqual(kinds.familyKinds.map(\.id), ["phone-call", "email", "home-visit", "family-meeting"])
    }

    /// A group session (issue 15 item 3) opens with the first kind marked `group`; a
    /// district's own catalog marks its own.
    func testGroupKindsAreMarkedInTheCatalogAndADistrictCanMarkItsOwn() throws {
        let builtIn = CatalogLoader.load(configDirectory: folder.path).catalogs.sessionKinds
        XCTAssertEqual(builtIn.groupKinds.map(\.id), ["group", "classroom"])
        XCTAssertEqual(builtIn.title(of: "classroom"), "Classroom lesson")
        try write(#"{"sessionKinds": [{"id": "academic", "title": "Academic"}, {"id": "advisory", "title": "Advisory lesson", "group": true}]}"#)
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.warnings, [])
        XCTAssertEqual(load.catalogs.sessionKinds.groupKinds.map(\.id), ["advisory"])
    }

    func testADistrictsSessionKindsCanMarkTheirOwnFamilyKinds() throws {
        try write(#"{"sessionKinds": [{"id": "academic", "title": "Academic"}, {"id": "parent-call", "title": "Parent call", "family": true}]}"#)
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.warnings, [])
        XCTAssertEqual(load.catalogs.sessionKinds.familyKinds.map(\.id), ["parent-call"])
    }

    func testTheBuiltInPathwaysAreThreeRoutesAndFifteenSectors() throws {
        let pathways = try CatalogLoader.defaults().pathways
        XCTAssertEqual(pathways.routes.map(\.id), ["college-ready", "career-ready", "military-ready"])
        XCTAssertEqual(pathways.sectors.count, 15)
        XCTAssertEqual(pathways.title(of: "building-environmental-design"), "Building & Environmental Design")
        XCTAssertEqual(pathways.pathway("health-science")?.programOfStudy,
                       ["Introduction to Health Science", "Medical Terminology", "Anatomy and Physiology",
                        "Certified Nursing Assistant"])
        for sector in pathways.sectors {
            XCTAssertTrue((3...5).contains(sector.programOfStudy.count), sector.id)
        }
        XCTAssertEqual(pathways.title(of: "retired-pathway"), "retired-pathway")
    }

    func testTheBuiltInMilestonesCoverTheDomainByGrade() throws {
        let milestones = try CatalogLoader.defaults().milestones
        XCTAssertEqual(milestones.milestones(forGrade: Grade(rawValue: 9)!).map(\.id),
                       ["career-interest-inventory", "pathway-selection"])
        XCTAssertEqual(milestones.milestones(forGrade: Grade(rawValue: 8)!).map(\.id),
                       ["family-informed-pathways", "high-school-course-plan", "pathway-chosen"])
        let senior = milestones.milestones(forGrade: Grade(rawValue: 12)!).map(\.id)
        XCTAssertEqual(Array(senior.prefix(2)), ["recruiter-meeting", "college-applications"],
                       "October's recruiter meeting, then December before the spring deadlines")
        XCTAssertEqual(senior.last, "orientation")
        for id in ["fafsa", "state-aid-application", "exit-interview", "graduation", "psat", "sat-act", "job-shadow"] {
            XCTAssertNotNil(milestones.milestone(id), id)
        }
        XCTAssertEqual(milestones.title(of: "fafsa"), "FAFSA")
    }

    func testTheBuiltInCompetenciesAreTheTen() throws {
        let competencies = try CatalogLoader.defaults().competencies
        XCTAssertEqual(competencies.competencies.map(\.id),
                       ["adaptability", "collaboration", "communication", "confidence", "critical-thinking", "empathy",
                        "perseverance", "problem-solving", "creativity", "responsibility"])
        XCTAssertEqual(competencies.title(of: "critical-thinking"), "Critical thinking")
    }

    func testTheBuiltInRequirementSets() throws {
        let catalog = try CatalogLoader.defaults().requirementSets
        XCTAssertEqual(catalog.defaultSet.id, "generic-24")
        XCTAssertEqual(catalog.defaultSet.totalCredits, 24)
        XCTAssertEqual(catalog.defaultSet.electiveCredits, 6.5)
        XCTAssertEqual(catalog.defaultSet.subjects.first { $0.id == "world-language-or-cte" }?.accepts,
                       ["world-language", "cte"])
        XCTAssertEqual(catalog.subjectAreas.map(\.id),
                       ["english", "math", "science", "social-studies", "pe", "health", "fine-arts", "world-language",
                        "cte", "elective"])
        let texas = try XCTUnwrap(catalog.requirementSet("texas-foundation"))
        XCTAssertEqual(texas.subjects.first { $0.id == "math" }?.namedCourses, ["Algebra I", "Geometry"])
        XCTAssertEqual(texas.endorsements.map(\.id), ["stem", "business-industry", "arts-humanities"])
        XCTAssertEqual(catalog.requirementSet(for: PlanGoals(requirementSetId: "texas-foundation")).id, "texas-foundation")
        XCTAssertEqual(catalog.requirementSet(for: PlanGoals(requirementSetId: "retired")).id, "generic-24")
        XCTAssertEqual(catalog.requirementSet(for: PlanGoals()).id, "generic-24")
    }

    func testADistrictFileReplacesEachDefault() throws {
        try write(#"{"sessionKinds": [{"id": "504-review", "title": "504 plan review"}]}"#)
        try write(#"{"pathways": [{"id": "aviation", "title": "Aviation", "kind": "sector", "programOfStudy": ["Principles of Flight"]}]}"#,
                  to: "pathways.json")
        try write(#"{"milestones": [{"id": "eighth-grade-plan", "title": "High-school plan", "grade": 8, "dueMonth": 2}]}"#,
                  to: "milestones.json")
        try write(#"{"competencies": [{"id": "curiosity", "title": "Curiosity"}]}"#, to: "competencies.json")
        try write(#"""
            {"default": "district-26", "subjectAreas": [{"id": "english", "title": "English"}],
             "sets": [{"id": "district-26", "title": "District diploma", "totalCredits": 26,
                       "subjects": [{"id": "english", "title": "English", "credits": 4}]}]}
            """#, to: "requirement-sets.json")
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.warnings, [])
        XCTAssertEqual(load.catalogs.sessionKinds.kinds.map(\.id), ["504-review"])
        XCTAssertEqual(load.catalogs.pathways.pathways.map(\.id), ["aviation"])
        XCTAssertEqual(load.catalogs.milestones.milestones.map(\.id), ["eighth-grade-plan"])
        XCTAssertEqual(load.catalogs.competencies.competencies.map(\.id), ["curiosity"])
        XCTAssertEqual(load.catalogs.requirementSets.defaultSet.id, "district-26")
    }

    func testABrokenDistrictFileIsIgnoredWithAWarningNamingFileAndKey() throws {
        let defaults = try CatalogLoader.defaults()
        let cases: [(file: String, json: String, key: String?, problem: String)] = [
            ("session-kinds.json", #"{"sessionKinds": [}"#, nil, "is not valid JSON"),
            ("pathways.json", #"{"pathways": [{"id": "it", "title": "IT", "kind": "cluster"}]}"#,
             "pathways[0].kind", "expected \"route\" or \"sector\", found \"cluster\""),
            ("milestones.json", #"{"milestones": [{"id": "fafsa", "title": "FAFSA", "grade": 12, "dueMonth": 13}]}"#,
             "milestones[0].dueMonth", "expected a month from 1 to 12, found 13"),
            ("competencies.json", #"{"competencies": []}"#, "competencies", "expected a non-empty list"),
            ("requirement-sets.json", #"{"default": "x", "subjectAreas": [{"id": "math", "title": "Math"}], "sets": [{"id": "x", "title": "X", "totalCredits": 24, "subjects": [{"id": "math", "title": "Math", "credits": 0}]}]}"#,
             "sets[0].subjects[0].credits", "expected a number of credits above 0, found 0"),
            ("early-warning.json", #"{"attendance": {"chronicBelow": 0.9, "severeBelow": 0.8}}"#, "behavior", "is missing"),
        ]
        for broken in cases {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try write(broken.json, to: broken.file)
            let load = CatalogLoader.load(configDirectory: folder.path)
            XCTAssertEqual(load.catalogs, defaults, broken.file)
            XCTAssertEqual(load.warnings.count, 1, broken.file)
            let warning = try XCTUnwrap(load.warnings.first)
            XCTAssertEqual(warning.file, folder.appendingPathComponent(broken.file).path)
            XCTAssertEqual(warning.key, broken.key)
            XCTAssertTrue(warning.problem.contains(broken.problem), "\(warning) should contain \(broken.problem)")
            XCTAssertTrue(warning.problem.hasSuffix("; the built-in catalog is used instead"), "\(warning)")
        }
    }

    func testOnlyTheBrokenFileFallsBack() throws {
        try write(#"{"sessionKinds": [{"id": "504-review", "title": "504 plan review"}]}"#)
        try write(#"{"competencies": [{"id": "Curiosity", "title": "Curiosity"}]}"#, to: "competencies.json")
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.catalogs.sessionKinds.kinds.map(\.id), ["504-review"])
        XCTAssertEqual(load.catalogs.competencies, try CatalogLoader.defaults().competencies)
        XCTAssertEqual(load.warnings.map(\.description), [
            folder.appendingPathComponent("competencies.json").path
                + ":1: competencies[0].id: expected lower-case letters, digits and hyphens, found \"Curiosity\"; the built-in catalog is used instead",
        ])
    }

    func testAnUnreadableDistrictFileIsIgnoredWithAWarning() throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pathways.json"), withIntermediateDirectories: true)
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.catalogs.pathways, try CatalogLoader.defaults().pathways)
        XCTAssertEqual(load.warnings.first?.file, folder.appendingPathComponent("pathways.json").path)
        XCTAssertEqual(load.warnings.first?.key, nil)
    }
}
