import Foundation
import XCTest
@testable import WaypointCore

/// The rules of a college application (issue 16, item 4), the report of applications and
/// outcomes, and the demo's college lists.
final class CollegeRulesTests: XCTestCase {
    func testAidAwardsAreWholeDollarsOrNothing() {
        XCTAssertEqual(try CollegeRules.aid("12500").get(), 12_500)
        XCTAssertEqual(try CollegeRules.aid(" $12,500 ").get(), 12_500)
        XCTAssertEqual(try CollegeRules.aid("").get(), nil)
        for bad in ["lots", "-5", "12.50", "1000000", "$", "١٢", "12\u{1B}[31m"] {
            XCTAssertThrowsError(try CollegeRules.aid(bad).get(), bad) { error in
                XCTAssertEqual(String(describing: error),
                               "Aid award: expected whole dollars a year from 0 to 999,999 (e.g. 12500), or empty for none.")
            }
        }
    }

    func testChoicesAreReadByNameTitleOrShortForm() {
        XCTAssertEqual(try CollegeRules.type("early-action").get(), .earlyAction)
        XCTAssertEqual(try CollegeRules.type("Early decision").get(), .earlyDecision)
        XCTAssertEqual(try CollegeRules.type("rd").get(), .regular)
        XCTAssertEqual(try CollegeRules.status("Waitlisted").get(), .waitlisted)
        XCTAssertEqual(try CollegeRules.document("sent", .transcript).get(), .sent)
        XCTAssertEqual(try CollegeRules.document("not requested", .recommendation).get(), .notRequested)
        XCTAssertThrowsError(try CollegeRules.status("maybe").get()) { error in
            XCTAssertEqual(String(describing: error),
                           "Status: expected one of considering, applying, submitted, admitted, waitlisted, denied, enrolled.")
        }
        XCTAssertThrowsError(try CollegeRules.type("eventually").get()) { error in
            XCTAssertEqual(String(describing: error), "Application type: expected one of early-decision, early-action, regular, rolling.")
        }
    }

    func testAnInstitutionIsNamedWithoutControlCharacters() {
        XCTAssertNil(CollegeRules.institutionProblem("Université de Montréal"))
        XCTAssertEqual(CollegeRules.institutionProblem("   "), "the institution's name (it is empty)")
        XCTAssertEqual(CollegeRules.institutionProblem("Evil\u{1B}]0;owned\u{07}College"), "a name without control characters")
        XCTAssertEqual(CollegeRules.institutionProblem(String(repeating: "x", count: 121)), "a name of at most 120 characters")
    }

    func testTheStatusStepsThroughTheApplicationAndRoundAgain() {
        var status = CollegeApplicationStatus.considering
        var seen: [CollegeApplicationStatus] = []
        for _ in 0..<7 {
            seen.append(status)
            status = status.next
        }
        XCTAssertEqual(seen, CollegeApplicationStatus.allCases)
        XCTAssertEqual(status, .considering)
        XCTAssertEqual(CollegeDocumentStatus.sent.next, .notRequested)
    }

    func testOnlyAnOpenApplicationPastItsDeadlineIsOverdue() {
        let today = CivilDate(year: 2026, month: 12, day: 3)
        var application = CollegeApplication(studentId: 1, institution: "Sunridge College",
                                             deadline: CivilDate(year: 2026, month: 12, day: 1), status: .applying)
        XCTAssertTrue(application.isOverdue(today: today))
        application.status = .submitted
        XCTAssertFalse(application.isOverdue(today: today))
        XCTAssertEqual(CollegeApplication.dollars(1_234_567), "$1,234,567")
        XCTAssertEqual(CollegeApplication.dollars(500), "$500")
    }

    private func senior(_ id: Int, school: String, _ applications: [CollegeApplicationStatus]) -> ReportStudent {
        ReportStudent(student: Student(id: Int64(id), localId: "S\(id)", givenName: "A", familyName: "B", grade: Grade(rawValue: 12)!,
                                       schoolId: 1),
                      schoolName: school, counselorName: nil, pathwayTitle: nil, lastContact: nil, completedMilestoneIds: [],
                      tier: nil, applications: applications)
    }

    func testTheApplicationsReportCountsApplicantsAndOutcomesAndHidesSmallGroups() {
        // Riverside: 10 seniors, 4 who sent applications (one only considering), 1 admitted and enrolled, 1 waitlisted only.
        var students = (0..<6).map { senior($0, school: "Riverside", $0 == 0 ? [.considering] : []) }
        students += [senior(6, school: "Riverside", [.admitted, .enrolled]), senior(7, school: "Riverside", [.waitlisted, .denied]),
                     senior(8, school: "Riverside", [.denied]), senior(9, school: "Riverside", [.submitted, .applying, .submitted])]
        students += (10..<13).map { senior($0, school: "Lincoln", [.admitted]) }
        var junior = senior(13, school: "Riverside", [.submitted])
        junior.student.grade = Grade(rawValue: 11)!
        students.append(junior)

        let report = Reports.applications(students, grade: Grade(rawValue: 12), by: .school, minimumGroup: 10)
        XCTAssertEqual(report.title, "College applications and outcomes, grade 12")
        XCTAssertEqual(report.measures, ["Applied (%)", "Sent each", "Admitted (%)", "Waitlist only (%)", "Enrolled (%)"])
        XCTAssertEqual(report.total.count, 13, "the junior is not counted")
        XCTAssertEqual(report.rows.map(\.group), ["Lincoln", "Riverside"])
        // Lincoln has 3 seniors: hidden, and Riverside with it, or the total would give Lincoln away.
        XCTAssertEqual(report.rows.map(\.isSuppressed), [true, true])
        XCTAssertEqual(report.rows[1].values, [nil, nil, nil, nil, nil])

        let open = Reports.applications(students, grade: Grade(rawValue: 12), by: .school, minimumGroup: 3)
        XCTAssertEqual(open.rows[1].values, [40, 1.8, 25, 25, 25], "4 of 10 applied; 7 sent by 4; 1 admitted, 1 waitlisted only, 1 enrolled")
        XCTAssertEqual(open.rows[0].values, [100, 1, 100, 0, 0])
        XCTAssertEqual(Reports.applications(students, grade: nil, by: .grade, minimumGroup: 1).total.count, 14)
    }

    func testTheDemoGivesSomeSeniorsAListAndNobodyElse() {
        let district = DemoDistrict.generate(students: 400, counselors: 2, seed: 7)
        let today = CivilDate(year: 2026, month: 12, day: 3)
        let applications = DemoColleges.generate(for: district.students, today: today, seed: 7)
        XCTAssertFalse(applications.isEmpty)
        XCTAssertEqual(applications, DemoColleges.generate(for: district.students, today: today, seed: 7), "the same seed, the same lists")
        for application in applications {
            XCTAssertEqual(district.students[Int(application.studentId)].grade, Grade(rawValue: 12))
            XCTAssertNil(CollegeRules.problem(application))
        }
        XCTAssertTrue(applications.contains { $0.isOpen && $0.deadline.map { $0 >= today } == true }, "deadlines ahead for the to-do list")
        XCTAssertTrue(applications.contains { $0.status.isAdmitted }, "outcomes for the report")
        let perStudent = Dictionary(grouping: applications, by: \.studentId)
        XCTAssertTrue(perStudent.values.allSatisfy { Set($0.map(\.institution)).count == $0.count }, "one application per institution")
    }
}
