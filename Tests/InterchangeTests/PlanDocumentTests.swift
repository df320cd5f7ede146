import Foundation
import Interchange
import WaypointCatalogs
import WaypointCore
import XCTest

final class PlanDocumentTests: XCTestCase {
    let today = CivilDate(year: 2026, month: 11, day: 23)

    private func document(name: String = "Sofía García-López") -> PlanDocument {
        let student = Student(id: 1, localId: "S100234", givenName: name, familyName: "", grade: Grade(rawValue: 10)!, schoolId: 1)
        var plan = StudentPlan(studentId: 1, pathwayId: "health-science")
        plan.goals = PlanGoals(postsecondary: .twoYear, careerInterests: ["Nursing"])
        plan.courses = [
            PlannedCourse(studentId: 1, year: Grade(rawValue: 9)!, title: "Algebra I", subject: "math", credits: 1, status: .completed, gradeEarned: "B"),
            PlannedCourse(studentId: 1, year: Grade(rawValue: 10)!, title: "Medical Terminology", subject: "cte", credits: 1, level: .cte, status: .inProgress),
        ]
        plan.milestones = [MilestoneRecord(studentId: 1, milestoneId: "career-interest-inventory", status: .done, evidence: "Done in advisory")]
        plan.workBasedLearning = [WorkBasedLearning(studentId: 1, kind: .jobShadow, organization: "Valley Clinic", hours: 6)]
        return PlanDocument(student: student, school: "Riverside High School", counselors: ["Ana Rivera"], plan: plan,
                            years: (9...12).map { Grade(rawValue: $0)! }, catalogs: CatalogLoader.shipped, today: today)
    }

    func testTheTextSaysWhatAFamilyNeeds() throws {
        let text = try document().rendered(as: .text)
        XCTAssertTrue(text.contains("Student: Sofía García-López (ID S100234), grade 10, Riverside High School"), text)
        XCTAssertTrue(text.contains("Pathway: Health Science"), text)
        XCTAssertTrue(text.contains("After high school: 2-year college; interested in Nursing"), text)
        XCTAssertTrue(text.contains("Math: 1 of 3 earned, short 2 credits"), text)
        XCTAssertTrue(text.contains("Algebra I (Math, 1 credit, completed, B)"), text)
        XCTAssertTrue(text.contains("Grade 9: Career interest inventory: done (Done in advisory)"), text)
        XCTAssertTrue(text.contains("Job shadow: Valley Clinic (6 hours)"), text)
        XCTAssertTrue(text.contains("The plan does not yet cover every graduation requirement"), text)
    }

    /// The family's copy says when a milestone was done, in every format.
    func testADoneMilestoneCarriesTheDayItWasDone() throws {
        let student = Student(id: 1, localId: "S100234", givenName: "Ana", familyName: "Lopez", grade: Grade(rawValue: 12)!, schoolId: 1)
        var plan = StudentPlan(studentId: 1)
        plan.milestones = [MilestoneRecord(studentId: 1, milestoneId: "fafsa", status: .done,
                                           completedDate: CivilDate(year: 2026, month: 11, day: 20))]
        let doc = PlanDocument(student: student, school: "Riverside High School", counselors: ["Ana Rivera"], plan: plan,
                               years: (9...12).map { Grade(rawValue: $0)! }, catalogs: CatalogLoader.shipped, today: today)
        for format in [PlanFormat.text, .markdown, .html] {
            XCTAssertTrue(try doc.rendered(as: format).contains("Grade 12: FAFSA: done on 2026-11-20"), "\(format)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(try doc.rendered(as: .json).utf8)) as? [String: Any]
        let fafsa = (json?["milestones"] as? [[String: Any]])?.first { $0["title"] as? String == "FAFSA" }
        XCTAssertEqual(fafsa?["completed"] as? String, "2026-11-20")
        XCTAssertTrue(try document().rendered(as: .text).contains("Grade 9: Career interest inventory: done (Done in advisory)"),
                      "no date recorded: none shown")
    }

    func testEveryFormatCarriesTheSameFacts() throws {
        let doc = document()
        for format in PlanFormat.allCases {
            let rendered = try doc.rendered(as: format)
            XCTAssertTrue(rendered.contains("Medical Terminology"), "\(format)")
            XCTAssertTrue(rendered.contains("Valley Clinic"), "\(format)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(try doc.rendered(as: .json).utf8)) as? [String: Any]
        XCTAssertEqual(json?["pathway"] as? String, "Health Science")
        XCTAssertEqual((json?["years"] as? [[String: Any]])?.count, 4)
        XCTAssertTrue(try doc.rendered(as: .markdown).hasPrefix("# College and career plan: Sofía García-López"))
    }

    func testMarkdownEscapesDataToo() throws {
        let markdown = try document(name: "<script>alert(1)</script>").rendered(as: .markdown)
        XCTAssertFalse(markdown.contains("<script>"))
        XCTAssertTrue(markdown.contains("\\<script\\>"), "a backslash makes it text, as CommonMark reads it")
    }

    /// Found in the issue: a course title became an image or a link in the Markdown plan;
    /// each format now has its own output policy.
    func testAHostileCourseTitleIsOnlyTextInEveryFormat() throws {
        let title = "![x](http://evil.example/t.png) [here](http://evil.example) \u{1B}]0;PWNED\u{07}\u{202E}\u{200B}\u{9B}\u{7F}"
        var doc = document()
        doc.years[1].courses[0].title = title
        let markdown = try doc.rendered(as: .markdown)
        let line = try XCTUnwrap(markdown.split(separator: "\n").first { $0.contains("evil") })
        XCTAssertTrue(line.hasPrefix("- \\!\\[x\\](http\\://evil.example/t.png) \\[here\\](http\\://evil.example)"), String(line))
        let html = try doc.rendered(as: .html)
        XCTAssertTrue(html.contains("<li>![x](http://evil.example/t.png) [here](http://evil.example) \u{FFFD}]0;PWNED"), html)
        let text = try doc.rendered(as: .text)
        XCTAssertTrue(text.contains("![x](http://evil.example/t.png) [here](http://evil.example) \u{FFFD}]0;PWNED\u{FFFD}"), text)
        for format in [PlanFormat.text, .markdown, .html, .json] {
            let rendered = try doc.rendered(as: format)
            for raw: Unicode.Scalar in ["\u{1B}", "\u{07}", "\u{202E}", "\u{200B}", "\u{9B}", "\u{7F}"] {
                XCTAssertFalse(rendered.unicodeScalars.contains(raw), "raw U+\(String(raw.value, radix: 16)) in \(format)")
            }
        }
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try doc.rendered(as: .json).utf8)) as? [String: Any])
        let courses = (json["years"] as? [[String: Any]])?.flatMap { $0["courses"] as? [[String: Any]] ?? [] } ?? []
        XCTAssertTrue(courses.contains { $0["title"] as? String == title }, "JSON gives the title back exactly")
    }

    func testHTMLEscapesDataAndIsReadyToPrint() throws {
        let html = try document(name: "<script>alert(1)</script>").rendered(as: .html)
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertTrue(html.contains("&lt;script&gt;"))
        XCTAssertTrue(html.contains("@page"), "print layout")
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
    }

    func testExportFilesAreOwnerOnlyAndNeverOverwrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = PlanFiles.freshName(directory: folder, studentId: "S1/../x", date: "2026-11-23", format: .html)
        XCTAssertTrue(first.hasSuffix("/plan-S1x-2026-11-23.html"), first)
        try PlanFiles.write("one", to: first)
        let second = PlanFiles.freshName(directory: folder, studentId: "S1/../x", date: "2026-11-23", format: .html)
        XCTAssertTrue(second.hasSuffix("-2.html"))
        let attributes = try FileManager.default.attributesOfItem(atPath: first)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertThrowsError(try PlanFiles.write("x", to: "/nonexistent-folder/plan.html"))
    }
}
