import WaypointCore
import XCTest

/// The one place the limits of typed and imported text live.
final class TextFieldTests: XCTestCase {
    func testControlCharactersAreNamedWithTheirPosition() {
        XCTAssertEqual(TextField.name.problem("Ana\u{0}Lopez"), .control("\u{0}", position: 4))
        XCTAssertEqual(TextField.title.problem("Chem\u{1B}[2J"), .control("\u{1B}", position: 5))
        XCTAssertEqual(TextField.name.problem("é\u{85}"), .control("\u{85}", position: 2), "C1 too")
        XCTAssertEqual(TextField.name.problem("Ana\u{7F}"), .control("\u{7F}", position: 4), "and DEL")
        XCTAssertEqual(TextField.title.problem("Chem\u{1B}").map(String.init(describing:)),
                       "text without control characters (found U+001B at character 5)")
    }

    func testLineBreaksAndTabsAreTextExceptInAnID() {
        for field in [TextField.name, .title, .cell, .note] {
            XCTAssertNil(field.problem("Lakeside\r\nHigh\tSchool"), "\(field)")
        }
        XCTAssertEqual(TextField.identifier.problem("U1\nU2"), .control("\n", position: 3))
        XCTAssertEqual(TextField.identifier.problem("U1\t"), .control("\t", position: 3))
    }

    func testEachFieldHasALengthLimit() {
        for field in TextField.allCases {
            XCTAssertNil(field.problem(String(repeating: "é", count: field.maxLength)), "\(field) at its limit")
            XCTAssertEqual(field.problem(String(repeating: "x", count: field.maxLength + 1)),
                           .tooLong(count: field.maxLength + 1, limit: field.maxLength), "\(field)")
        }
        XCTAssertEqual(TextField.name.problem(String(repeating: "W", count: 5_000_000)).map(String.init(describing:)),
                       "at most 200 characters (found 5,000,000)")
        XCTAssertNil(TextField.name.problem("Nguyễn Thị Minh Anh 👩🏽‍🎓 \u{202E}"), "letters, emoji and bidi marks are text")
    }
}
