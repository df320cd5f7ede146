import Foundation
import WaypointCore
import WaypointStore
import XCTest
@testable import Interchange

/// The generated bundle is valid OneRoster: the importer takes it whole, caseloads and all,
/// and a second import changes nothing.
final class OneRosterWriterTests: XCTestCase {
    func testAGeneratedBundleImportsCleanlyAndRepeatably() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oneroster-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let district = DemoDistrict.generate(students: 640, counselors: 2, seed: 11)
        let abc = DemoABC.generate(for: district.students, today: CivilDate(year: 2026, month: 11, day: 23), seed: 11)
        let summary = try OneRosterWriter.write(district, to: folder.path, abc: abc)
        // 640 high-school students, and 64 each in the middle and elementary schools with a counselor each.
        XCTAssertEqual(summary.students, 768)

        let read = try RosterReader.read(folder)
        let db = try AppDatabase.inMemory()
        let first = try db.importRoster(read.bundle)
        XCTAssertEqual(first.students.added, 768)
        XCTAssertEqual(try db.allCounselors().count, 4)
        let caseloads = try db.allCounselors().map { try db.caseload(counselorId: $0.id).count }
        XCTAssertEqual(caseloads.reduce(0, +), 768, "every student is on a caseload from caseloads.csv")
        XCTAssertNotNil(try db.student(localId: district.students[0].localId)?.birthDate)

        let second = try db.importRoster(try RosterReader.read(folder).bundle)
        XCTAssertEqual(second.students.added + second.students.updated + second.students.deactivated, 0)

        // The ABC files beside it import too, every row, and again change nothing.
        let keys = try db.abcStudentKeys()
        var rows = 0
        for name in ["abc-attendance.csv", "abc-behavior.csv", "abc-marks.csv"] {
            let batch = try ABCReader.read(folder.appendingPathComponent(name), students: keys)
            rows += batch.attendance.count + batch.incidents.count + batch.marks.count
            XCTAssertEqual(try db.importABC(batch).total.added, batch.attendance.count + batch.incidents.count + batch.marks.count, name)
            XCTAssertEqual(try db.importABC(batch).total.added, 0, name)
        }
        XCTAssertEqual(rows, abc.attendance.count + abc.incidents.count + abc.marks.count)
    }

    /// A stop asked for while the files are read ends the reading before the next file,
    /// with nothing to import. (Once the chunks are written the import is finished, and a
    /// kill then is resumed: ChunkedImportTests.)
    func testAStopWhileReadingLeavesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oneroster-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try OneRosterWriter.write(DemoDistrict.generate(students: 1500, counselors: 2, seed: 5), to: folder.path)

        var asked = 0
        XCTAssertThrowsError(try RosterReader.read(folder, shouldStop: { asked += 1; return asked > 2 })) { error in
            XCTAssertEqual((error as? RosterImportError)?.stopped, true)
            XCTAssertEqual((error as? RosterImportError)?.errors.count, 0)
        }
        XCTAssertEqual(asked, 3, "asked before each file until the answer was yes, then no more")
    }
}
