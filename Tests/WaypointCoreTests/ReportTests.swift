import Foundation
import XCTest
@testable import WaypointCore

final class ReportTests: XCTestCase {
    func testSmallGroupsAreSuppressedAndOneHiddenGroupHidesAnother() {
        let rows = [Report.Row(group: "A", count: 40, values: [50]), Report.Row(group: "B", count: 7, values: [100]),
                    Report.Row(group: "C", count: 12, values: [25])]
        let result = Suppression.apply(rows, minimum: 10)
        XCTAssertEqual(result.map(\.isSuppressed), [false, true, true], "C is hidden too, or the total would reveal B")
        XCTAssertEqual(result[1].values, [nil])
        XCTAssertEqual(result[0].values, [50])
        let two = Suppression.apply(rows + [Report.Row(group: "D", count: 3, values: [0])], minimum: 10)
        XCTAssertEqual(two.map(\.isSuppressed), [false, true, false, true], "two hidden groups protect each other")
    }

    func testRaceGroupsReadAsTitlesNotRosterCodes() {
        let codes = ["hispanicOrLatinoEthnicity,demographicRaceTwoOrMoreRaces", "americanIndianOrAlaskaNative", nil, "districtOwnCode"]
        let students = codes.enumerated().map { index, code in
            ReportStudent(student: Student(id: Int64(index), localId: "S\(index)", givenName: "A", familyName: "B",
                                           grade: Grade(rawValue: 9)!, schoolId: 1, raceEthnicity: code),
                          schoolName: "Riverside", counselorName: nil, pathwayTitle: nil, lastContact: nil,
                          completedMilestoneIds: [], tier: 1)
        }
        let report = Reports.tiers(students, by: .race, minimumGroup: 1)
        XCTAssertEqual(Set(report.rows.map(\.group)), ["Hispanic or Latino, Two or more races", "American Indian or Alaska Native",
                                                        "not recorded", "districtOwnCode"])
    }

    private func student(_ id: Int64, grade: Int, gender: String, seenDaysAgo: Int?, fafsa: Bool, tier: Int?) -> ReportStudent {
        let now = Date(timeIntervalSince1970: 1_795_440_000)
        return ReportStudent(student: Student(id: id, localId: "S\(id)", givenName: "A", familyName: "B", grade: Grade(rawValue: grade)!,
                                              schoolId: 1, gender: gender),
                             schoolName: "Riverside", counselorName: "Ana Rivera", pathwayTitle: nil,
                             lastContact: seenDaysAgo.map { now.addingTimeInterval(-Double($0) * 86_400) },
                             completedMilestoneIds: fafsa ? ["fafsa"] : [], tier: tier)
    }

    func testCoverageMilestoneAndTierMeasures() {
        let now = Date(timeIntervalSince1970: 1_795_440_000)
        var students: [ReportStudent] = []
        for i in 1...20 {
            let seen: Int? = i <= 5 ? 3 : (i <= 8 ? 40 : nil)
            let tier: Int = i <= 2 ? 3 : (i <= 4 ? 2 : 1)
            students.append(student(Int64(i), grade: i <= 12 ? 12 : 11, gender: i % 2 == 0 ? "F" : "M", seenDaysAgo: seen,
                                    fafsa: i <= 6, tier: tier))
        }
        let coverage = Reports.coverage(students, by: .gender, days: 30, now: now, minimumGroup: 5)
        XCTAssertEqual(coverage.total.values, [25.0], "5 of 20 seen in 30 days")
        XCTAssertEqual(coverage.rows.map { $0.group }, ["F", "M"])
        let fafsa = Reports.milestone(students, id: "fafsa", title: "FAFSA", grade: Grade(rawValue: 12), by: .grade, minimumGroup: 5)
        XCTAssertEqual(fafsa.total.count, 12)
        XCTAssertEqual(fafsa.total.values, [50.0])
        let tiers = Reports.tiers(students, by: .grade, minimumGroup: 10)
        XCTAssertEqual(tiers.total.values, [80.0, 10.0, 10.0, 0.0, 0.0])
        XCTAssertEqual(tiers.rows.map { $0.isSuppressed }, [true, true], "grade 11 has 8 students; grade 12 is hidden with it")
    }
}
