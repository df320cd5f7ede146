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

    func testPlainASCIIFoldsAsFoundationFoldsIt() {
        // The ASCII shortcut must agree with the general folding for every printable character.
        for byte in UInt8(0x20)...UInt8(0x7E) {
            let text = "Ab" + String(UnicodeScalar(byte)) + "Z"
            let general = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
                .lowercased().replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "`", with: "")
            XCTAssertEqual(SearchText.fold(text), general, text)
        }
        XCTAssertEqual(SearchText.fold("O'Brien-SMITH"), "obrien-smith")
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
