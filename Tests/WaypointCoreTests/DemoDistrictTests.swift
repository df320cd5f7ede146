import XCTest
import WaypointCatalogs
import WaypointCore

final class DemoDistrictTests: XCTestCase {
    func testSameSeedGivesIdenticalDistrict() {
        XCTAssertEqual(DemoDistrict.generate(seed: 7), DemoDistrict.generate(seed: 7))
    }

    func testDifferentSeedGivesDifferentDistrict() {
        let first = DemoDistrict.generate(seed: 7)
        let second = DemoDistrict.generate(seed: 8)
        XCTAssertNotEqual(first.students, second.students)
    }

    func testDefaultCounts() {
        let district = DemoDistrict.generate(lowerSchools: false)
        XCTAssertEqual(district.students.count, 1200)
        XCTAssertEqual(district.counselors.count, 4)
        XCTAssertTrue((3...4).contains(district.schools.count), "\(district.schools.count) schools")
        XCTAssertTrue(district.schools.allSatisfy { $0.name.hasSuffix("High School") && $0.id == nil })
    }

    /// Issue 16 item 7: the demo has a middle school (6-8) and an elementary school (K-5),
    /// each with a tenth as many students and a counselor of its own; the high schools are
    /// exactly what they are without them. A test's small district is one high school.
    func testTheDemoHasAMiddleAndAnElementarySchoolBesideTheHighSchools() throws {
        let district = DemoDistrict.generate()
        let highSchools = DemoDistrict.generate(lowerSchools: false)
        XCTAssertEqual(Array(district.students.prefix(1200)), highSchools.students)
        XCTAssertEqual(Array(district.counselors.prefix(4)), highSchools.counselors)
        XCTAssertEqual(Array(district.schools.prefix(highSchools.schools.count)), highSchools.schools)
        XCTAssertEqual(Array(district.assignments.prefix(1200)), highSchools.assignments)
        XCTAssertEqual(district.students.count, 1440)
        XCTAssertEqual(district.counselors.count, 6)
        XCTAssertEqual(Set(district.counselors.map(\.email)).count, 6)
        let lower = district.schools.suffix(2)
        XCTAssertEqual(lower.map { "\($0.lowGrade!)-\($0.highGrade!)" }, ["6-8", "K-5"])
        XCTAssertTrue(lower.first!.name.hasSuffix("Middle School") && lower.last!.name.hasSuffix("Elementary School"))
        for (offset, grades) in [(0, 6...8), (1, 0...5)] {
            let school = Int64(highSchools.schools.count + offset)
            let members = district.students.indices.filter { district.students[$0].schoolId == school }
            XCTAssertEqual(members.count, 120)
            XCTAssertEqual(Set(members.map { district.students[$0].grade.rawValue }), Set(grades))
            let counselors = Set(district.assignments.filter { members.contains($0.studentIndex) }.map(\.counselorIndex))
            XCTAssertEqual(counselors, [4 + offset], "one counselor of its own")
        }
        XCTAssertEqual(Set(district.students.map(\.localId)).count, 1440)
        XCTAssertEqual(DemoDistrict.generate(students: 30).schools.count, 1)
        XCTAssertEqual(DemoDistrict.generate(students: 300).schools.count, 3)
    }

    /// Their plans: the awareness band in elementary school, courses of 6-8 and the
    /// understanding band in middle school; never a course or a milestone of high school.
    func testLowerSchoolPlansFollowTheirGrades() throws {
        let today = CivilDate(year: 2026, month: 12, day: 3)
        let catalogs = try CatalogLoader.defaults()
        let district = DemoDistrict.generate(students: 600, seed: 9)
        let plans = DemoPlans.generate(for: district.students, catalogs: catalogs, today: today, seed: 9)
        var sawPathway = false
        for (student, plan) in zip(district.students, plans) where student.grade.rawValue < 9 {
            XCTAssertTrue(plan.courses.allSatisfy { (6...8).contains($0.year.rawValue) }, "\(student.localId)")
            XCTAssertEqual(plan.courses.isEmpty, student.grade.rawValue < 6, "\(student.localId) in grade \(student.grade)")
            XCTAssertFalse(plan.courses.contains { $0.year > student.grade && $0.status != .planned })
            let grades = plan.milestones.compactMap { catalogs.milestones.milestone($0.milestoneId)?.grade.rawValue }
            XCTAssertFalse(grades.isEmpty && student.grade.rawValue >= 1, "\(student.localId) has milestones")
            XCTAssertTrue(grades.allSatisfy { $0 <= student.grade.rawValue && $0 < 9 }, "\(student.localId): \(grades)")
            if student.grade.rawValue >= 6 { XCTAssertTrue(grades.allSatisfy { $0 >= 6 }, "middle school's own band") }
            sawPathway = sawPathway || plan.pathwayId != nil
        }
        XCTAssertTrue(sawPathway, "some eighth graders chose a pathway")
    }

    func testExplicitCounselorCountAndTinyDistrict() {
        XCTAssertEqual(DemoDistrict.generate(students: 900, counselors: 5, lowerSchools: false).counselors.count, 5)
        let tiny = DemoDistrict.generate(students: 10)
        XCTAssertEqual(tiny.counselors.count, 1)
        XCTAssertEqual(tiny.schools.count, 1)
        XCTAssertEqual(tiny.assignments.count, 10)
        XCTAssertTrue(DemoDistrict.generate(students: 0).students.isEmpty)
    }

    func testEveryStudentIsInExactlyOneCaseloadOfTheirSchool() {
        let district = DemoDistrict.generate()
        let perStudent = Dictionary(grouping: district.assignments, by: \.studentIndex)
        XCTAssertEqual(perStudent.count, district.students.count)
        XCTAssertTrue(perStudent.values.allSatisfy { $0.count == 1 })
        // A counselor works in one school.
        let schoolsPerCounselor = Dictionary(grouping: district.assignments, by: \.counselorIndex)
            .mapValues { Set($0.map { district.students[$0.studentIndex].schoolId }) }
        XCTAssertTrue(schoolsPerCounselor.values.allSatisfy { $0.count == 1 })
    }

    func testCaseloadsAreRoughlyEven() {
        let district = DemoDistrict.generate(students: 1200, counselors: 4, seed: 11, lowerSchools: false)
        let sizes = Dictionary(grouping: district.assignments, by: \.counselorIndex).mapValues(\.count)
        XCTAssertEqual(sizes.count, 4)
        for (counselor, size) in sizes {
            XCTAssertTrue((200...400).contains(size), "counselor \(counselor) has \(size) students")
        }
    }

    func testCaseloadsAreContiguousFamilyNameRanges() {
        let district = DemoDistrict.generate(students: 1200, counselors: 6, seed: 3)
        let counselorOf = Dictionary(uniqueKeysWithValues: district.assignments.map { ($0.studentIndex, $0.counselorIndex) })
        for school in district.schools.indices {
            let ordered = district.students.indices
                .filter { district.students[$0].schoolId == Int64(school) }
                .sorted { key(district.students[$0]) < key(district.students[$1]) }
            // Walking the school's students in family-name order, each counselor appears once, as one run.
            var runs: [Int] = []
            for index in ordered where runs.last != counselorOf[index] {
                runs.append(counselorOf[index]!)
            }
            XCTAssertEqual(runs.count, Set(runs).count, "school \(school) runs \(runs)")
        }
    }

    func testLargeDistrictsKeepEvenCaseloadsAndDistinctCounselors() {
        let district = DemoDistrict.generate(students: 30_000, seed: 2026, lowerSchools: false)
        XCTAssertEqual(district.counselors.count, 100)
        XCTAssertEqual(Set(district.counselors.map(\.displayName)).count, 100)
        XCTAssertEqual(Set(district.counselors.compactMap(\.email)).count, 100)
        let sizes = Dictionary(grouping: district.assignments, by: \.counselorIndex).mapValues(\.count)
        XCTAssertEqual(sizes.count, 100)
        XCTAssertTrue(sizes.values.allSatisfy { (240...360).contains($0) }, "\(sizes.values.sorted())")
    }

    /// The order caseloads are split in: family name, then the list name, then ID.
    private func key(_ student: Student) -> (String, String, String) {
        (SearchText.fold(student.familyName), SearchText.fold(student.listName), student.localId)
    }

    func testGradesBirthDatesAndIds() {
        let district = DemoDistrict.generate(lowerSchools: false)
        let grades = Dictionary(grouping: district.students, by: \.grade.rawValue).mapValues(\.count)
        XCTAssertEqual(Set(grades.keys), [9, 10, 11, 12])
        XCTAssertTrue(grades.values.allSatisfy { $0 == 300 })
        XCTAssertEqual(Set(district.students.map(\.localId)).count, district.students.count)
        for student in district.students {
            XCTAssertTrue(student.localId.hasPrefix("S") && student.localId.count == 7, student.localId)
            // Fall 2026: a ninth grader was born 2011-09-02 ... 2012-09-01.
            let birthDate = try! XCTUnwrap(student.birthDate)
            let earliest = "\(2026 - student.grade.rawValue - 6)-09-02"
            let latest = "\(2026 - student.grade.rawValue - 5)-09-01"
            XCTAssertTrue(birthDate >= earliest && birthDate <= latest, "\(birthDate) for grade \(student.grade)")
        }
    }

    func testDemographicsArePlausible() {
        let students = DemoDistrict.generate().students
        func share(_ predicate: (Student) -> Bool) -> Double {
            Double(students.filter(predicate).count) / Double(students.count)
        }
        XCTAssertTrue(students.allSatisfy { ["F", "M", "X"].contains($0.gender) })
        XCTAssertTrue(students.allSatisfy { $0.raceEthnicity?.isEmpty == false })
        XCTAssertTrue((0.05...0.25).contains(share { $0.englishLearner == true }))
        XCTAssertTrue((0.08...0.22).contains(share { $0.specialEducation == true }))
        XCTAssertTrue((0.3...0.55).contains(share { $0.economicallyDisadvantaged == true }))
        XCTAssertTrue(students.contains { $0.preferredName != nil && $0.preferredName != $0.givenName })
        XCTAssertTrue(students.contains { $0.middleName != nil })
    }

    func testNamesComeFromManyScripts() {
        let names = DemoDistrict.generate().students.flatMap { [$0.givenName, $0.familyName] }
        func contains(_ range: ClosedRange<UInt32>) -> Bool {
            names.contains { $0.unicodeScalars.contains { range.contains($0.value) } }
        }
        XCTAssertTrue(contains(0x4E00...0x9FFF), "Han")
        XCTAssertTrue(contains(0xAC00...0xD7AF), "Hangul")
        XCTAssertTrue(contains(0x0400...0x04FF), "Cyrillic")
        XCTAssertTrue(contains(0x0370...0x03FF), "Greek")
        XCTAssertTrue(contains(0x1EA0...0x1EFF), "Vietnamese stacked accents")
        XCTAssertTrue(contains(0x0300...0x036F), "combining marks (NFD)")
        XCTAssertTrue(names.contains { $0.contains("'") }, "apostrophes")
        XCTAssertTrue(names.contains { $0.contains("-") }, "hyphens")
    }
}

/// What a new user notices in the demo district (issue 15).
final class DemoDistrictBelievabilityTests: XCTestCase {
    func testNoStudentsMiddleNameRepeatsTheirGivenName() {
        for seed: UInt64 in [7, 42] {
            let repeats = DemoDistrict.generate(students: 5000, seed: seed).students.filter { student in
                student.middleName.map { SearchText.fold($0) == SearchText.fold(student.givenName) } ?? false
            }
            XCTAssertEqual(repeats.map { "\($0.givenName) \($0.middleName ?? "")" }, [], "seed \(seed)")
        }
    }

    /// Early December: the FAFSA opened on October 1 and is due at the end of the month;
    /// about four in ten seniors have filed, about three in ten have started (the rule: a
    /// milestone due within 60 days is done for 40% and under way for 30%).
    func testSeniorsShowABelievableFAFSACompletionInDecember() throws {
        let district = DemoDistrict.generate(students: 4000, seed: 7)
        let today = CivilDate(year: 2026, month: 12, day: 3)
        let catalogs = try CatalogLoader.defaults()
        let plans = DemoPlans.generate(for: district.students, catalogs: catalogs, today: today, seed: 7)
        let seniors = zip(district.students, plans).filter { $0.0.grade.rawValue == 12 }.map(\.1)
        XCTAssertGreaterThan(seniors.count, 500)
        // Every senior whose goal the FAFSA serves has it; the military- and work-bound do not.
        let serves = try XCTUnwrap(catalogs.milestones.milestone("fafsa"))
        let fafsa = seniors.compactMap { plan in plan.milestones.first { $0.milestoneId == "fafsa" } }
        XCTAssertEqual(fafsa.count, seniors.filter { serves.applies(to: $0.goals.postsecondary) }.count)
        XCTAssertGreaterThan(fafsa.count, 250)
        let done = Double(fafsa.filter { $0.status == .done }.count) / Double(fafsa.count)
        XCTAssertTrue((0.30...0.50).contains(done), "\(done) of seniors filed the FAFSA by December 3")
        XCTAssertTrue(fafsa.filter { $0.status == .done }.allSatisfy { record in
            record.completedDate.map { $0 >= CivilDate(year: 2026, month: 10, day: 1) && $0 <= today } ?? false
        }, "filed between the form's opening on October 1 and today")
        // Spring milestones are not done in December.
        let graduation = seniors.compactMap { plan in plan.milestones.first { $0.milestoneId == "graduation" } }
        XCTAssertFalse(graduation.contains { $0.status == .done })
    }
}
