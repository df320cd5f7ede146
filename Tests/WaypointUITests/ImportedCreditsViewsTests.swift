import Foundation
import WaypointCatalogs
import WaypointCore
import WaypointEffects
import WaypointStore
import XCTest
@testable import WaypointUI

/// Issue 16 item 2: after marks are imported, the graduation check counts them, so saved
/// views v3 (not on track) and v7 (needs attention) stop flagging a student for credits
/// their transcript shows.
final class ImportedCreditsViewsTests: XCTestCase {
    let today = CivilDate(year: 2026, month: 12, day: 3)

    /// A senior's transcript, grades 9-11 year-long and grade 12's fall: 25 credits, every
    /// subject of the 24-credit diploma.
    func transcript(_ studentId: Int64) -> [ImportedMark] {
        var rows: [(String, String, String, Double)] = []   // term, course, subject, credits
        for (offset, year) in (2023...2025).enumerated() {
            let grade = 9 + offset
            rows += [("\(year)-YR", "English \(grade)", "English", 1), ("\(year)-YR", ["Algebra I", "Geometry", "Algebra II"][offset], "Math", 1),
                     ("\(year)-YR", ["Biology", "Chemistry", "Physics"][offset], "Science", 1),
                     ("\(year)-YR", ["World History", "U.S. History", "Government"][offset], "Social Studies", 1),
                     ("\(year)-YR", ["Spanish I", "Spanish II", "Psychology"][offset], offset < 2 ? "World Language" : "Elective", 1),
                     ("\(year)-YR", ["Physical Education", "Art I", "Yearbook"][offset], ["PE", "Fine Arts", "Elective"][offset], 1),
                     ("\(year)-YR", ["Study Skills", "Health", "Leadership"][offset], offset == 1 ? "Health" : "Elective", offset == 1 ? 0.5 : 1)]
        }
        rows += [("2026-FA", "English 12", "English", 1), ("2026-FA", "Statistics", "Math", 0.5),
                 ("2026-FA", "Senior Seminar", "Elective", 0.5), ("2026-FA", "Sociology", "Elective", 0.5),
                 ("2026-FA", "Economics", "Social Studies", 1.5), ("2026-FA", "Digital Photography", "Elective", 0.5)]
        return rows.map { ImportedMark(studentId: studentId, term: $0.0, course: $0.1, subject: $0.2, mark: ABCMark("B")!,
                                       credits: $0.3, source: .transcript) }
    }

    func testASeniorWithImportedPassingMarksIsNeitherShortNorFlagged() throws {
        let db = try AppDatabase.inMemory()
        let school = try db.insertSchool(School(name: "Riverside High School"))
        let student = try db.insertStudent(Student(localId: "1001", givenName: "Ana", familyName: "Lopez",
                                                   grade: Grade(rawValue: 12)!, schoolId: school.id!))
        let id = try XCTUnwrap(student.id)
        let entry = CaseloadEntry(student: student, schoolName: "Riverside High School",
                                  lastContact: today.adding(days: -3).noonUTC)
        let utc = TimeZone(identifier: "UTC")!
        func summary() throws -> CaseloadSummary? {
            try CaseloadLists.summaries(db, students: [id: student.grade], catalogs: CatalogLoader.shipped, today: today)[id]
        }
        XCTAssertTrue(CaseloadPreset.notOnTrack.includes(entry, summary: try summary(), today: today, timeZone: utc, milestones: CatalogLoader.shipped.milestones),
                      "before the import: 0 of 24 earned")

        let placed = try db.placeMarks(transcript(id), subjectAreas: CatalogLoader.shipped.requirementSets.subjectAreas, today: today)
        XCTAssertEqual(placed.added, 27)
        let plan = try db.plan(studentId: id)
        let report = RequirementCheck.check(plan.courses, against: CatalogLoader.shipped.requirementSets.requirementSet(for: plan.goals))
        XCTAssertEqual(report.total.text, "25 of 24 earned")
        XCTAssertTrue(report.isOnTrack, report.missingSummary ?? "")
        XCTAssertFalse(CaseloadPreset.notOnTrack.includes(entry, summary: try summary(), today: today, timeZone: utc, milestones: CatalogLoader.shipped.milestones), "v3")
        XCTAssertFalse(CaseloadPreset.needsAttention.includes(entry, summary: try summary(), today: today, timeZone: utc, milestones: CatalogLoader.shipped.milestones), "v7")
    }
}

private extension CivilDate {
    var noonUTC: Date { Date(timeIntervalSince1970: Double(dayNumber) * 86_400 + 12 * 3600) }
}
