/// One counselor-to-student link in a generated district, by position in its arrays.
public struct DemoAssignment: Sendable, Hashable {
    public var counselorIndex: Int
    public var studentIndex: Int

    public init(counselorIndex: Int, studentIndex: Int) {
        self.counselorIndex = counselorIndex
        self.studentIndex = studentIndex
    }
}

/// A made-up but realistic district, so a new install, a demo and the benchmarks have
/// something that looks like a real caseload: names in many scripts, preferred names,
/// plausible demographics, and caseloads split by family-name alphabet as high schools do.
///
/// Nothing has a database id yet: `Student.schoolId` is an index into `schools` and
/// assignments refer to positions, until the store inserts them and maps the indices.
public struct DemoDistrict: Sendable, Equatable {
    public var schools: [School]
    public var counselors: [Counselor]
    public var students: [Student]
    public var assignments: [DemoAssignment]

    /// The fall the demo school year starts in; birth dates are computed from it.
    public static let schoolYearStart = 2026

    /// Builds a district; the same seed always gives the same district, on any machine.
    /// - Parameters:
    ///   - students: how many high-school students (grades 9-12).
    ///   - counselors: how many high-school counselors; by default one per 300 students, as districts staff.
    ///   - lowerSchools: add a middle school (6-8) and an elementary school (K-5), each with a
    ///     tenth as many students and a counselor of its own, so a middle-school and an
    ///     elementary counselor find their caseloads too. By default a district of 300
    ///     high-school students or more has them, and a smaller one (a test's) is one high school.
    ///     They are drawn after the high schools, from a stream of their own, so the high
    ///     schools are the same with or without them.
    public static func generate(students: Int = 1200, counselors: Int? = nil,
                                seed: UInt64 = 2026, lowerSchools: Bool? = nil) -> DemoDistrict {
        var generator = DemoGenerator(seed: seed)
        let studentCount = max(0, students)
        let counselorCount = max(1, counselors ?? studentCount / 300)
        var district = generator.district(studentCount: studentCount, counselorCount: counselorCount)
        if lowerSchools ?? (studentCount >= 300) {
            var lower = DemoGenerator(seed: seed ^ 0x0E1E_3E27_A6E5)
            lower.addLowerSchools(to: &district, studentsEach: max(1, studentCount / 10))
        }
        return district
    }
}

/// The generation steps, kept apart so that `DemoDistrict` reads as its public contract.
/// The order of random draws is part of the output: changing it changes every district.
private struct DemoGenerator {
    var rng: SplitMix64

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    mutating func district(studentCount: Int, counselorCount: Int) -> DemoDistrict {
        let schoolCount = min(counselorCount, 3 + rng.int(below: 2))
        let schools = pickDistinct(DemoNames.schools, count: schoolCount)
            .map { School(name: $0, lowGrade: Grade(rawValue: 9), highGrade: Grade(rawValue: 12)) }
        // Every school gets at least one counselor; students follow counselors, so caseloads
        // come out even rather than schools.
        let counselorSchool = (0..<counselorCount).map { $0 % schoolCount }
        let counselors = makeCounselors(count: counselorCount)
        let counselorsPerSchool = (0..<schoolCount).map { school in
            counselorSchool.filter { $0 == school }.count
        }
        let students = (0..<studentCount).map { index in
            makeStudent(index: index, schoolIndex: rng.weightedIndex(counselorsPerSchool))
        }
        let assignments = assign(students: students, counselorSchool: counselorSchool,
                                 schoolCount: schoolCount)
        return DemoDistrict(schools: schools, counselors: counselors, students: students,
                            assignments: assignments)
    }

    private mutating func pickDistinct(_ items: [String], count: Int) -> [String] {
        var items = items
        for index in 0..<min(count, items.count) {
            items.swapAt(index, index + rng.int(below: items.count - index))
        }
        return Array(items.prefix(count))
    }

    private mutating func makeCounselors(count: Int) -> [Counselor] {
        let givenNames = DemoNames.counselorGivenNames
        let familyNames = DemoNames.counselorFamilyNames
        let distinct = givenNames.count * familyNames.count
        let offset = rng.int(below: distinct)
        return (0..<count).map { index in
            let given = givenNames[(offset + index) % givenNames.count]
            let family = familyNames[(offset + index) % familyNames.count]
            let round = index / distinct
            let handle = SearchText.fold(given + "." + family)
                .filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }
            let email = "\(handle)\(round == 0 ? "" : String(round + 1))@waypoint-demo.org"
            return Counselor(givenName: given, familyName: family, email: email)
        }
    }

    /// A middle name that is not the given name again ("María María" reads as a mistake):
    /// the next one in the pool instead, so the draws, and the rest of the district, stay the same.
    private mutating func middle(from middles: [String], besides givenName: String) -> String? {
        let index = rng.int(below: middles.count)
        let given = SearchText.fold(givenName)
        return (0..<middles.count).lazy.map { middles[(index + $0) % middles.count] }.first { SearchText.fold($0) != given }
    }

    /// A middle school and an elementary school after the high schools: names not taken,
    /// one counselor each (an email not taken either), students in every grade they serve.
    mutating func addLowerSchools(to district: inout DemoDistrict, studentsEach: Int) {
        let taken = Set(district.schools.map(\.name))
        let kinds: [(names: [String], grades: ClosedRange<Int>)] = [
            (DemoNames.middleSchools, 6...8), (DemoNames.elementarySchools, 0...5),
        ]
        let emails = Set(district.counselors.map(\.email))
        var counselors = makeCounselors(count: district.counselors.count + kinds.count).filter { !emails.contains($0.email) }
        for (names, grades) in kinds {
            let name = pickDistinct(names.filter { !taken.contains($0) }, count: 1).first ?? names[0]
            let schoolIndex = district.schools.count
            district.schools.append(School(name: name, lowGrade: Grade(rawValue: grades.lowerBound), highGrade: Grade(rawValue: grades.upperBound)))
            let counselorIndex = district.counselors.count
            district.counselors.append(counselors.removeFirst())
            for offset in 0..<studentsEach {
                let index = district.students.count
                district.students.append(makeStudent(index: index, schoolIndex: schoolIndex,
                                                     grade: grades.lowerBound + offset % grades.count))
                district.assignments.append(DemoAssignment(counselorIndex: counselorIndex, studentIndex: index))
            }
        }
    }

    private mutating func makeStudent(index: Int, schoolIndex: Int, grade: Int? = nil) -> Student {
        let pool = DemoNames.pools[rng.weightedIndex(DemoNames.pools.map(\.weight))]
        let gender = ["F", "M", "X"][rng.weightedIndex([49, 49, 2])]
        let female = gender == "F" || (gender == "X" && rng.chance(0.5))
        let givenName = rng.pick(female ? pool.femaleGiven : pool.maleGiven)
        let familyName = rng.pick(pool.family)
        let middles = female ? pool.femaleMiddle : pool.maleMiddle
        let middleName = !middles.isEmpty && rng.chance(pool.middleRate) ? middle(from: middles, besides: givenName) : nil
        let preferredName = preferred(for: givenName, female: female, pool: pool)
        let grade = grade ?? 9 + index % 4
        // IDs grow with position but skip a few numbers, like a real student information system.
        let localId = "S" + String(100_000 + index * 8 + rng.int(below: 8))
        return Student(
            localId: localId, givenName: givenName, middleName: middleName,
            familyName: familyName, preferredName: preferredName,
            grade: Grade(rawValue: grade)!, schoolId: Int64(schoolIndex),
            birthDate: birthDate(grade: grade), gender: gender,
            raceEthnicity: pool.raceEthnicity[rng.weightedIndex(pool.raceEthnicity.map(\.weight))].value,
            englishLearner: rng.chance(pool.englishLearnerRate),
            specialEducation: rng.chance(0.14),
            economicallyDisadvantaged: rng.chance(0.42))
    }

    private mutating func preferred(for givenName: String, female: Bool, pool: NamePool) -> String? {
        if let nickname = pool.nicknames[givenName] {
            return rng.chance(pool.preferredRate) ? nickname : nil
        }
        let adopted = female ? pool.adoptedNames.female : pool.adoptedNames.male
        guard !adopted.isEmpty, rng.chance(pool.preferredRate) else { return nil }
        return rng.pick(adopted)
    }

    /// A birth date that fits the grade under the usual cut-off: five by September 1 for
    /// kindergarten, so a ninth grader in fall 2026 was born between 2011-09-02 and 2012-09-01.
    private mutating func birthDate(grade: Int) -> String {
        let firstYear = DemoDistrict.schoolYearStart - grade - 6
        let day = CivilDate.days(year: firstYear, month: 9, day: 2) + rng.int(below: 365)
        return CivilDate(days: day).iso
    }

    /// Splits each school's students between its counselors by family-name alphabet, in
    /// contiguous ranges. A boundary moves to the nearest change of family name when one is
    /// within a tenth of a caseload, so a family stays with one counselor; otherwise it falls
    /// inside the name ("Nguyen A-L"), as schools do for very common names.
    private func assign(students: [Student], counselorSchool: [Int], schoolCount: Int) -> [DemoAssignment] {
        let familyKeys = students.map { SearchText.fold($0.familyName) }
        let nameKeys = students.map { SearchText.fold($0.listName) }
        var assignments: [DemoAssignment] = []
        for school in 0..<schoolCount {
            let counselors = counselorSchool.indices.filter { counselorSchool[$0] == school }
            let members = students.indices
                .filter { students[$0].schoolId == Int64(school) }
                .sorted { (familyKeys[$0], nameKeys[$0], students[$0].localId)
                    < (familyKeys[$1], nameKeys[$1], students[$1].localId) }
            let memberFamilies = members.map { familyKeys[$0] }
            var start = 0
            for (position, counselor) in counselors.enumerated() {
                let target = members.count * (position + 1) / counselors.count
                let end = position == counselors.count - 1
                    ? members.count
                    : boundary(near: max(start, target), in: memberFamilies,
                               tolerance: max(1, members.count / counselors.count / 10), notBefore: start)
                for member in members[start..<end] {
                    assignments.append(DemoAssignment(counselorIndex: counselor, studentIndex: member))
                }
                start = end
            }
        }
        return assignments.sorted { $0.studentIndex < $1.studentIndex }
    }

    /// The split point closest to `target` where the family name changes, if one lies within
    /// `tolerance`; else `target` itself.
    private func boundary(near target: Int, in families: [String], tolerance: Int, notBefore start: Int) -> Int {
        func isChange(_ index: Int) -> Bool {
            index > start && index < families.count && families[index] != families[index - 1]
        }
        guard target > start, target < families.count, !isChange(target) else { return target }
        for distance in 1...tolerance {
            if isChange(target - distance) { return target - distance }
            if isChange(target + distance) { return target + distance }
        }
        return target
    }
}
