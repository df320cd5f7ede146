import Foundation
import GRDB
import Interchange
import WaypointCatalogs
import WaypointCore
import WaypointStore
import XCTest

/// courses.csv is kept for the course catalog (issue 16, item 1): every check it had stays,
/// a re-import changes nothing, and a bulk file that drops a course takes it out of the catalog.
final class RosterCourseImportTests: XCTestCase {
    private static let header = "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\n"

    private func fixture(_ rows: String, mode: String = "bulk") throws -> RosterFixture {
        try RosterFixture(replacing: [
            "manifest.csv": RosterFixture.files["manifest.csv"]! + "file.courses,\(mode)\n",
            "courses.csv": Self.header + rows,
        ])
    }

    private let rows = """
        K1,active,2025-01-01,,Marine Biology,BIO-220,"10,11",S1,"Life Science",03056
        K2,active,2025-01-01,,Algebra I (SIS),MTH-1010,09,S1,Mathematics,02052
        K3,active,2025-01-01,,Robotics,,"11,12",S1,,21007

        """

    func testCoursesAreStoredAndAReImportChangesNothing() throws {
        let db = try AppDatabase.inMemory()
        let first = try db.importRoster(RosterReader.read(try fixture(rows).url).bundle)
        XCTAssertEqual(first.courses, RosterImportSummary.Counts(added: 3))
        XCTAssertTrue(first.description.contains("catalog courses: 3 added, 0 updated, 0 deactivated"), first.description)
        let stored = try db.rosterCourses()
        XCTAssertEqual(stored.map(\.sourcedId), ["K1", "K2", "K3"])
        XCTAssertEqual(stored[0], RosterCourse(sourcedId: "K1", code: "BIO-220", title: "Marine Biology", grades: ["10", "11"],
                                               subjects: ["Life Science"], subjectCodes: ["03056"], orgSourcedId: "S1"))
        XCTAssertNil(stored[2].code)

        let again = try db.importRoster(RosterReader.read(try fixture(rows).url).bundle)
        XCTAssertEqual(again.courses, RosterImportSummary.Counts())
        XCTAssertFalse(again.description.contains("catalog courses"), again.description)
        XCTAssertEqual(try db.rosterCourses(), stored)

        // Merged into the catalog: the district file keeps MTH-1010; the roster adds two.
        let catalogs = try db.catalogsWithRosterCourses(try CatalogLoader.defaults())
        XCTAssertEqual(catalogs.courses.course(code: "MTH-1010")?.title, "Algebra I")
        XCTAssertEqual(catalogs.courses.course(code: "BIO-220")?.subject, "science")
        XCTAssertEqual(catalogs.courses.course(named: "Robotics")?.subject, "cte", "SCED 21: engineering")
        XCTAssertEqual(catalogs.courses.course(named: "Robotics")?.code, "K3")
    }

    func testABulkFileThatDropsACourseAndADeltaDeletionTakeItOut() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.importRoster(RosterReader.read(try fixture(rows).url).bundle)
        let fewer = rows.split(separator: "\n").prefix(2).joined(separator: "\n") + "\nK2b,active,2025-01-01,,Geometry,MTH-1020,10,S1,,\n"
        let bulk = try db.importRoster(RosterReader.read(try fixture(fewer).url).bundle)
        XCTAssertEqual(bulk.courses, RosterImportSummary.Counts(added: 1, deactivated: 1))
        XCTAssertEqual(try db.rosterCourses().filter(\.isActive).map(\.sourcedId), ["K1", "K2", "K2b"])

        let delta = try db.importRoster(RosterReader.read(try fixture("K1,tobedeleted,2025-02-01,,Marine Biology,BIO-220,,S1,,\n",
                                                                      mode: "delta").url).bundle)
        XCTAssertEqual(delta.courses, RosterImportSummary.Counts(deactivated: 1))
        XCTAssertEqual(try db.rosterCourses().filter(\.isActive).map(\.sourcedId), ["K2", "K2b"])
        let catalogs = try db.catalogsWithRosterCourses(try CatalogLoader.defaults())
        XCTAssertNil(catalogs.courses.course(code: "BIO-220"))
    }

    func testEveryCheckOfCoursesCsvStaysAndNothingIsWritten() throws {
        let db = try AppDatabase.inMemory()
        let bad = try fixture("""
            K1,active,2025-01-01,,,BIO-220,10,S1,,
            K2,active,2025-01-01,,Geometry,MTH-1020,10,S9,,
            K2,active,2025-01-01,,Chem,SCI-1,10,S1,,

            """)
        XCTAssertThrowsError(try RosterReader.read(bad.url)) { error in
            let text = (error as? RosterImportError)?.description ?? ""
            XCTAssertTrue(text.contains("courses.csv:2:5: title"), text)
            XCTAssertTrue(text.contains("courses.csv:3:8: orgSourcedId \"S9\""), text)
            XCTAssertTrue(text.contains("courses.csv:4:1: sourcedId \"K2\""), text)
        }
        XCTAssertEqual(try db.rosterCourses(), [])
    }

    func testAKeptBundleFromAnOlderWaypointHasNoCourses() throws {
        let old = #"{"version":"1.2","orgsMode":"bulk","usersMode":"bulk","demographicsMode":"bulk","schools":[],"students":[],"counselors":[],"caseloads":[]}"#
        let bundle = try JSONDecoder().decode(RosterBundle.self, from: Data(old.utf8))
        XCTAssertEqual(bundle.courses, [])
        XCTAssertEqual(bundle.coursesMode, .absent)
    }
}
