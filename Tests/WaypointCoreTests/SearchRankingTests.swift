import XCTest
import WaypointCore

final class SearchRankingTests: XCTestCase {
    private func student(_ given: String, _ family: String, id: String = "S1", preferred: String? = nil,
                         middle: String? = nil) -> Student {
        Student(localId: id, givenName: given, middleName: middle, familyName: family,
                preferredName: preferred, grade: Grade(rawValue: 10)!, schoolId: 1)
    }

    func testRankOfEachKindOfMatch() {
        let ana = student("Ana", "Lindqvist", id: "S123", preferred: "Annie", middle: "Sofía")
        XCTAssertEqual(SearchRanking.rank(ana, terms: ["lind"]), .familyNamePrefix)
        XCTAssertEqual(SearchRanking.rank(ana, terms: ["ann"]), .firstNamePrefix)
        XCTAssertEqual(SearchRanking.rank(ana, terms: ["s12"]), .idPrefix)
        XCTAssertEqual(SearchRanking.rank(ana, terms: ["sof"]), .otherNamePrefix)
        XCTAssertEqual(SearchRanking.rank(ana, terms: ["qvi"]), .anywhere)
        XCTAssertNil(SearchRanking.rank(ana, terms: ["zz"]))
    }

    func testEveryTermMustMatchAndTheWorstDecides() {
        let ana = student("Ana", "Lindqvist")
        XCTAssertEqual(SearchRanking.rank(ana, terms: ["lind", "an"]), .firstNamePrefix)
        XCTAssertNil(SearchRanking.rank(ana, terms: ["lind", "bo"]))
    }

    func testHyphenatedAndParticleNamesMatchByEachPart() {
        XCTAssertEqual(SearchRanking.rank(student("Ana", "García-López"), terms: ["lopez"]), .familyNamePrefix)
        XCTAssertEqual(SearchRanking.rank(student("Sem", "van der Berg"), terms: ["berg"]), .familyNamePrefix)
        for typed in ["o'br", "obrien", "O’Brien", "OBR"] {
            XCTAssertEqual(SearchRanking.rank(student("Liam", "O'Brien"), terms: SearchText.terms(typed)), .familyNamePrefix, typed)
        }
    }

    func testCJKFullNameTypedWithoutSpaceIsAFamilyNameMatch() {
        let wei = student("伟", "王")
        XCTAssertEqual(SearchRanking.rank(wei, terms: ["王伟"]), .familyNamePrefix)
        XCTAssertEqual(SearchRanking.rank(wei, terms: ["伟"]), .firstNamePrefix)
        XCTAssertTrue(wei.searchKey.contains("王伟"))
        XCTAssertFalse(student("Wei", "Wang").searchKey.contains("wangwei"))
    }

    func testOrderingIsRankThenFoldedNameThenId() {
        let students = [
            student("Lily", "Zhou", id: "S5"),          // first name prefix
            student("Emilia", "Rossi", id: "S4"),       // anywhere
            student("Bo", "Lindqvist", id: "S3"),       // family prefix
            student("Ana", "Líndqvist", id: "S2"),      // family prefix, accent
            student("Ana", "Lindqvist", id: "S1"),      // family prefix, same name, lower id
        ]
        let ordered = SearchRanking.ordered(students, query: "li")
        XCTAssertEqual(ordered.map(\.localId), ["S1", "S2", "S3", "S5", "S4"])
    }
}
