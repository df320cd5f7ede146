import XCTest
import WaypointCore

final class SearchTextTests: XCTestCase {
    func testFoldRemovesStackedAccentsAndCase() {
        XCTAssertEqual(SearchText.fold("Nguyễn"), "nguyen")
        XCTAssertEqual(SearchText.fold("ZOË"), "zoe")
        XCTAssertEqual(SearchText.fold("Ñúñez"), "nunez")
    }

    func testFoldTreatsDecomposedMarksLikeComposed() {
        XCTAssertEqual(SearchText.fold("Zoe\u{308}"), "zoe")
        XCTAssertEqual(SearchText.fold("Zoe\u{308}"), SearchText.fold("Zoë"))
    }

    func testFoldMapsSeparateLatinLetters() {
        XCTAssertEqual(SearchText.fold("Łukasz"), "lukasz")
        XCTAssertEqual(SearchText.fold("Đặng"), "dang")
    }

    func testFoldKeepsNonLatinScripts() {
        XCTAssertEqual(SearchText.fold("王伟"), "王伟")
        XCTAssertEqual(SearchText.fold("Олена"), "олена")
    }

    func testTermsSplitOnSpacesAndCommas() {
        XCTAssertEqual(SearchText.terms("  García,  José "), ["garcia", "jose"])
        XCTAssertEqual(SearchText.terms("   "), [])
    }

    func testUnspacedScriptDetection() {
        XCTAssertTrue(SearchText.isUnspacedScript("王"))
        XCTAssertTrue(SearchText.isUnspacedScript("김민준"))
        XCTAssertTrue(SearchText.isUnspacedScript("さくら"))
        XCTAssertFalse(SearchText.isUnspacedScript("Nguyễn"))
        XCTAssertFalse(SearchText.isUnspacedScript(""))
    }
}
