import XCTest
import WaypointCore
import WaypointStore

/// The in-memory index the screen searches with must find exactly what the store finds,
/// in the same order, or typing in the caseload and `waypoint student search` would disagree.
final class SearchIndexTests: XCTestCase {
    private static let queries = [
        "g", "ga", "gar", "garc", "li", "lin", "nguyen", "ng", "o'b", "obr", "garcia-l", "van", "de", "ruiz sof",
        "s1", "s10", "王", "王伟", "伟", "김", "шев", "ченко", "a b", "zz", "arc", "%", "_", "\u{0}li", "  ", "mar, jo",
        "e", "ez", "son", "ana m",
    ]

    func testTheIndexFindsWhatTheStoreFindsInTheSameOrder() throws {
        let database = try demoDatabase()
        let rows = try database.caseload(counselorId: nil)
        let index = StudentSearchIndex(rows.map(\.student))
        for query in Self.queries {
            let expected = try database.searchStudents(query, counselorId: nil, limit: Int.max).map(\.id)
            XCTAssertEqual(index.search(query).map { rows[$0].id }, expected, query)
        }
    }

    func testEveryOneLetterSearchFindsWhatTheStoreFindsInTheSameOrder() throws {
        let database = try demoDatabase()
        let rows = try database.caseload(counselorId: nil)
        let index = StudentSearchIndex(rows.lazy.map(\.student))
        let letters = "abcdefghijklmnopqrstuvwxyz0123456789".map(String.init)
        for query in letters + ["G", " k ", "É", "ш"] {
            let expected = try database.searchStudents(query, counselorId: nil, limit: Int.max).map(\.id)
            XCTAssertEqual(index.search(query).map { rows[$0].id }, expected, query)
            // The results kept for one letter and ranking every student again agree.
            XCTAssertEqual(index.search(query), index.search(query, within: Array(rows.indices)), query)
        }
    }

    func testNarrowingWithinThePreviousResultsChangesNothing() throws {
        let database = try demoDatabase()
        let rows = try database.caseload(counselorId: nil)
        let index = StudentSearchIndex(rows.map(\.student))
        for typed in ["garcia", "o'brien", "ana m", "s100", "ng uy"] {
            var previous = ""
            var found: [Int] = []
            for end in typed.indices.map({ typed.index(after: $0) }) {
                let query = String(typed[..<end])
                let narrowed = index.search(query, within: StudentSearchIndex.narrows(query, from: previous) ? found : nil)
                XCTAssertEqual(narrowed, index.search(query), query)
                previous = query
                found = narrowed
            }
        }
    }

    func testNarrowingIsRefusedWhenTheNewQueryCouldFindMore() {
        XCTAssertTrue(StudentSearchIndex.narrows("gar", from: "ga"))
        XCTAssertTrue(StudentSearchIndex.narrows("ana mi", from: "ana m"))
        XCTAssertFalse(StudentSearchIndex.narrows("ana m", from: "ana"), "a short term matches inside words")
        XCTAssertFalse(StudentSearchIndex.narrows("ga", from: "gar"), "a deleted letter")
        XCTAssertFalse(StudentSearchIndex.narrows("li", from: "lu"))
        XCTAssertFalse(StudentSearchIndex.narrows("garc-", from: "garc"), "word prefixes to substrings")
        XCTAssertFalse(StudentSearchIndex.narrows("g", from: ""))
    }

    func testFoldedFieldsRankAsTheStudentDoes() {
        let student = Student(localId: "S-1", givenName: "Ana", middleName: "Sofía", familyName: "García-López",
                              preferredName: "Annie", grade: Grade(rawValue: 10)!, schoolId: 1)
        let fields = SearchFields(student)
        XCTAssertEqual(fields.family, ["garcia-lopez", "garcia", "lopez"])
        XCTAssertEqual(fields.tokens, ["garcia", "lopez", "ana", "annie", "sofia", "s", "1"])
        XCTAssertTrue(fields.isASCII)
        for term in ["cia", "s-1", "zz", "a", "ia-l", "garcia-lopez garcia", "1", "11"] {
            XCTAssertEqual(fields.everythingContainsASCII(term), fields.everything.contains(term), term)
        }
        for terms in [["lop"], ["ann"], ["s-1"], ["sof"], ["cia"], ["zz"]] {
            XCTAssertEqual(SearchRanking.rank(fields, terms: terms), SearchRanking.rank(student, terms: terms), "\(terms)")
        }
    }

    private func demoDatabase() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        var district = DemoDistrict.generate(students: 1200, seed: 11)
        // Names the generator may not produce, for punctuation and scripts.
        district.students[0].familyName = "O'Brien"
        district.students[1].familyName = "García-López"
        district.students[2].familyName = "王"
        district.students[2].givenName = "伟"
        district.students[3].familyName = "Шевченко"
        district.students[4].familyName = "van der Berg"
        district.students[5].givenName = "Ana"
        district.students[5].middleName = "María"
        try database.loadDemoDistrict(district)
        return database
    }
}
