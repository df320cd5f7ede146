import Foundation
import WaypointCatalogs
import XCTest
@testable import WaypointCore

/// The tier rules at each threshold edge, with the built-in rules unless a test says otherwise.
final class EarlyWarningTests: XCTestCase {
    private let rules = CatalogLoader.shipped.earlyWarning

    private func attendance(_ present: Int, of enrolled: Int, term: String = "2026-FA") -> ABCAttendance {
        let fall = term.hasSuffix("FA")
        let year = term.prefix(4)
        return ABCAttendance(studentId: 1, term: term, startDate: fall ? "\(year)-08-15" : "\(year)-01-05",
                             endDate: fall ? "\(year)-12-18" : "\(year)-05-29", daysEnrolled: enrolled, daysPresent: present)
    }

    private func incident(_ date: String = "2026-10-01", _ kind: ABCIncident.Kind = .referral,
                          days: Double = 0) -> ABCIncident {
        ABCIncident(studentId: 1, date: date, kind: kind, severity: .minor, suspensionDays: days)
    }

    private func incident(_ kind: ABCIncident.Kind, days: Double = 0) -> ABCIncident {
        incident("2026-10-01", kind, days: days)
    }

    private func mark(_ course: String, _ text: String, term: String = "2026-FA", core: Bool = true,
                      credits: Double = 1) -> ABCCourseMark {
        ABCCourseMark(studentId: 1, term: term, course: course, mark: ABCMark(text)!, creditsAttempted: credits,
                      creditsEarned: ABCMark(text)!.isFailing ? 0 : credits, isCore: core)
    }

    /// Passing marks, so a test about one indicator has grade data without a course sign.
    private var passing: [ABCCourseMark] { [mark("English 9", "B"), mark("Biology", "A")] }

    private func evaluate(_ attendance: [ABCAttendance] = [], _ incidents: [ABCIncident] = [],
                          _ marks: [ABCCourseMark]? = nil, rules: EarlyWarningRules? = nil) -> TierAssessment {
        EarlyWarning.evaluate(attendance: attendance, incidents: incidents, marks: marks ?? passing,
                              rules: rules ?? self.rules)
    }

    func testTheBuiltInRules() {
        XCTAssertEqual(rules.attendance, .init(chronicBelow: 0.90, severeBelow: 0.80))
        XCTAssertEqual(rules.behavior, .init(suspensions: 1, incidents: 3, severeSuspensionDays: 5, windowDays: 120))
        XCTAssertEqual(rules.courses, .init(gpaBelow: 2.0, failingCoreCourses: 1, severeFailingCoreCourses: 2))
        XCTAssertEqual(rules.tier3Indicators, 2)
    }

    func testNoIndicatorIsTier1AndSaysSo() {
        let assessment = evaluate([attendance(95, of: 100)])
        XCTAssertEqual(assessment, TierAssessment(tier: 1, term: "2026-FA", indicators: [],
                                                  reasons: ["no early-warning indicator in 2026-FA"]))
    }

    func testAttendanceOfExactly90PercentIsNotChronicAbsence() {
        XCTAssertEqual(evaluate([attendance(90, of: 100)]).tier, 1)
        let chronic = evaluate([attendance(899, of: 1000)])
        XCTAssertEqual(chronic.tier, 2)
        XCTAssertEqual(chronic.indicators.map(\.kind), [.attendance])
        XCTAssertEqual(chronic.reasons, ["attendance 89.9% in 2026-FA"], "never rounded up to the line")
        XCTAssertEqual(evaluate([attendance(43, of: 50)]).reasons, ["attendance 86% in 2026-FA"])
    }

    func testTwoIncidentsAreNotABehaviorSignButThreeAre() {
        XCTAssertEqual(evaluate([attendance(95, of: 100)], [incident(), incident()]).tier, 1)
        let three = evaluate([attendance(95, of: 100)], [incident(), incident(), incident("2026-12-18", .detention)])
        XCTAssertEqual(three.tier, 2)
        XCTAssertEqual(three.indicators.first?.reason, "3 incidents in 2026-FA")
    }

    func testOneSuspensionOfAnyKindIsABehaviorSign() {
        for suspension in [incident(.suspension), incident(.inSchoolSuspension), incident(.other, days: 0.5)] {
            let assessment = evaluate([attendance(95, of: 100)], [suspension])
            XCTAssertEqual(assessment.tier, 2, "\(suspension)")
            XCTAssertEqual(assessment.reasons, ["1 suspension in 2026-FA"])
        }
        XCTAssertEqual(evaluate([attendance(95, of: 100)], [incident(.detention)]).tier, 1)
    }

    func testGPAOfExactly2IsNotACourseSign() {
        XCTAssertEqual(evaluate([attendance(95, of: 100)], [], [mark("English 9", "C"), mark("Biology", "C")]).tier, 1)
        let low = evaluate([attendance(95, of: 100)], [],
                           [mark("English 9", "C", credits: 99), mark("Ceramics", "D", core: false, credits: 1)])
        XCTAssertEqual(low.tier, 2)
        XCTAssertEqual(low.reasons, ["GPA 1.99 in 2026-FA"], "never rounded up to the line")
    }

    func testAFailingCoreCourseIsACourseSignAndAFailingElectiveIsNot() {
        let elective = evaluate([attendance(95, of: 100)], [],
                                [mark("Ceramics", "F", core: false), mark("English 9", "A"), mark("Biology", "A")])
        XCTAssertEqual(elective.tier, 1)
        let core = evaluate([attendance(95, of: 100)], [],
                            [mark("Algebra I", "F"), mark("English 9", "A"), mark("Biology", "A")])
        XCTAssertEqual(core.tier, 2)
        XCTAssertEqual(core.indicators.map(\.reason), ["failing Algebra I in 2026-FA"])
        XCTAssertEqual(evaluate([attendance(95, of: 100)], [], [mark("Algebra I", "NP"), mark("Biology", "A")]).tier, 2)
    }

    func testTwoIndicatorsAreTier3() {
        let assessment = evaluate([attendance(43, of: 50)], [], [mark("Algebra I", "F"), mark("English 9", "A"),
                                                                 mark("Biology", "A")])
        XCTAssertEqual(assessment.tier, 3)
        XCTAssertEqual(assessment.indicators.map(\.kind), [.attendance, .courses])
        XCTAssertEqual(assessment.reasons, ["attendance 86% in 2026-FA", "failing Algebra I in 2026-FA"])
    }

    func testSevereAttendanceAloneIsTier3() {
        XCTAssertEqual(evaluate([attendance(80, of: 100)]).tier, 2)
        let severe = evaluate([attendance(79, of: 100)])
        XCTAssertEqual(severe.tier, 3)
        XCTAssertEqual(severe.indicators.map(\.isSevere), [true])
    }

    func testFiveSuspensionDaysAloneAreTier3() {
        XCTAssertEqual(evaluate([attendance(95, of: 100)], [incident(.suspension, days: 4.5)]).tier, 2)
        let severe = evaluate([attendance(95, of: 100)],
                              [incident(.suspension, days: 3), incident("2026-11-02", .inSchoolSuspension, days: 2)])
        XCTAssertEqual(severe.tier, 3)
        XCTAssertEqual(severe.reasons, ["2 suspensions in 2026-FA", "suspended 5 days in 2026-FA"])
    }

    func testTwoFailingCoreCoursesAloneAreTier3() {
        let severe = evaluate([attendance(95, of: 100)], [],
                              [mark("Algebra I", "F", credits: 0.5), mark("Biology", "55", credits: 0.5),
                               mark("English 9", "A", credits: 2), mark("Art", "A", core: false, credits: 2)])
        XCTAssertEqual(severe.tier, 3)
        XCTAssertEqual(severe.reasons, ["failing Algebra I and Biology in 2026-FA"])
    }

    func testTheMostRecentTermIsEvaluated() {
        let assessment = evaluate([attendance(95, of: 100, term: "2026-FA"), attendance(70, of: 100, term: "2026-SP")],
                                  [incident("2026-03-01", .suspension, days: 5)],
                                  [mark("Algebra I", "F", term: "2026-SP")])
        XCTAssertEqual(assessment.term, "2026-FA", "fall comes after spring, though it sorts before it")
        XCTAssertEqual(assessment.tier, 1, "spring's absences, suspension and failure are history")
        XCTAssertEqual(assessment.reasons, ["no early-warning indicator in 2026-FA", "no grade data in 2026-FA"])
    }

    func testIncidentsWithoutTermDatesCountOverTheWindowToTheNewest() {
        let incidents = [incident("2026-07-05"), incident("2026-07-06"), incident("2026-09-01"), incident("2026-11-02")]
        let assessment = evaluate([], incidents, [])
        XCTAssertNil(assessment.term)
        XCTAssertEqual(assessment.tier, 2)
        XCTAssertEqual(assessment.reasons, ["3 incidents in the 120 days to 2026-11-02", "no attendance data",
                                            "no grade data"], "2026-07-05 is 121 days before the newest")
    }

    func testNoDataIsNoTierNotTier1() {
        XCTAssertEqual(EarlyWarning.evaluate(attendance: [], incidents: [], marks: [], rules: rules),
                       TierAssessment(tier: nil, term: nil, indicators: [],
                                      reasons: ["no attendance, behavior or grade data"]))
    }

    func testTrendsRunOldestToNewest() {
        let trend = EarlyWarning.trend(attendance: [attendance(45, of: 50, term: "2026-FA"),
                                                    attendance(0, of: 0, term: "2027-SP"),
                                                    attendance(90, of: 100, term: "2026-SP"),
                                                    attendance(40, of: 50, term: "2025-FA")])
        XCTAssertEqual(trend.map(\.term), ["2025-FA", "2026-SP", "2026-FA"])
        XCTAssertEqual(trend.map(\.rate), [0.8, 0.9, 0.9])
        let gpa = EarlyWarning.gpaTrend(marks: [mark("Algebra I", "B", term: "2026-FA"), mark("PE", "P", term: "2026-SU"),
                                                mark("English 9", "C", term: "2026-SP"), mark("Art", "A", term: "2026-SP")])
        XCTAssertEqual(gpa.map(\.term), ["2026-SP", "2026-FA"], "a pass/no pass term has no GPA")
        XCTAssertEqual(gpa.map(\.gpa), [3, 3])
    }
}
