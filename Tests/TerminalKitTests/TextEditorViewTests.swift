import Foundation
import XCTest
@testable import TerminalKit

final class TextEditorViewTests: XCTestCase {
    func testRendersWrappedRowsInItsAreaAndReturnsTheCursor() {
        var buffer = Buffer(size: Size(width: 14, height: 6), filling: Cell("."))
        let text = TextBuffer("the quick brown fox\nhi")
        let area = Rect(x: 2, y: 1, width: 10, height: 4)
        let cursor = TextEditorView.render(text, scroll: EditorScroll(), into: &buffer, area: area)
        XCTAssertEqual(buffer.text, """
            ..............
            ..the quick ..
            ..brown fox ..
            ..hi        ..
            ..          ..
            ..............
            """)
        XCTAssertEqual(cursor, Position(x: 4, y: 3))
    }

    func testRendersFromTheTopRow() {
        var buffer = Buffer(size: Size(width: 10, height: 2))
        var text = TextBuffer("the quick brown fox\nhi")
        text.move(to: TextPosition(line: 0, column: 12))
        let cursor = TextEditorView.render(text, scroll: EditorScroll(topRow: 1), into: &buffer, area: buffer.area)
        XCTAssertEqual(buffer.text, "brown fox\nhi")
        XCTAssertEqual(cursor, Position(x: 2, y: 0))
    }

    func testWideCharactersAndEmojiOnScreen() {
        var buffer = Buffer(size: Size(width: 5, height: 4))
        let text = TextBuffer("王伟👩🏽‍🎓x Nguye\u{0302}\u{0303}n")
        let cursor = TextEditorView.render(text, scroll: EditorScroll(), into: &buffer, area: buffer.area)
        XCTAssertEqual(buffer.text, "王伟\n👩🏽‍🎓x\nNguye\u{0302}\u{0303}\nn")
        XCTAssertTrue(buffer[1, 0].isContinuation)
        XCTAssertTrue(buffer[1, 1].isContinuation)
        XCTAssertEqual(cursor, Position(x: 1, y: 3))
    }

    func testShowsTheDimPlaceholderWhenEmpty() {
        var buffer = Buffer(size: Size(width: 12, height: 2))
        let cursor = TextEditorView.render(TextBuffer(), scroll: EditorScroll(), placeholder: "Write a note",
                                           into: &buffer, area: buffer.area)
        XCTAssertEqual(buffer.text, "Write a note\n")
        XCTAssertEqual(buffer[0, 0].style, Style.dim)
        XCTAssertEqual(cursor, Position(x: 0, y: 0))
    }

    func testScrollRevealsTheCursor() {
        var text = TextBuffer((0..<30).map { "line \($0)" }.joined(separator: "\n"))
        var scroll = EditorScroll().revealing(cursorOf: text, width: 20, height: 10)
        XCTAssertEqual(scroll.topRow, 20)
        text.moveToDocumentStart()
        scroll = scroll.revealing(cursorOf: text, width: 20, height: 10)
        XCTAssertEqual(scroll.topRow, 0)
        text.move(to: TextPosition(line: 12, column: 0))
        XCTAssertEqual(scroll.revealing(cursorOf: text, width: 20, height: 10).topRow, 3)
        XCTAssertEqual(EditorScroll(topRow: 8).revealing(cursorOf: text, width: 20, height: 10).topRow, 8)
    }

    func testScrollPullsBackWhenTheTextShrinks() {
        var text = TextBuffer((0..<30).map { "line \($0)" }.joined(separator: "\n"))
        let scroll = EditorScroll().revealing(cursorOf: text, width: 20, height: 10)
        text.move(to: TextPosition(line: 25, column: 0))
        for _ in 0..<6 { text.deleteToLineEnd() }
        XCTAssertEqual(text.lineCount, 27)
        XCTAssertEqual(scroll.revealing(cursorOf: text, width: 20, height: 10).topRow, 17)
        XCTAssertEqual(EditorScroll(topRow: 5).revealing(cursorOf: TextBuffer("short"), width: 20, height: 10).topRow, 0)
    }

    func testScrollCountsWrappedRows() {
        var text = TextBuffer(String(repeating: "aaaa ", count: 40))
        XCTAssertEqual(EditorScroll().revealing(cursorOf: text, width: 10, height: 5).topRow, 16)
        text.move(to: TextPosition(line: 0, column: 50))
        XCTAssertEqual(EditorScroll(topRow: 16).revealing(cursorOf: text, width: 10, height: 5).topRow, 5)
    }

    func testACursorOutsideTheWindowIsKeptOnItsEdge() {
        var buffer = Buffer(size: Size(width: 10, height: 3))
        var text = TextBuffer((0..<10).map { "line \($0)" }.joined(separator: "\n"))
        XCTAssertEqual(TextEditorView.render(text, scroll: EditorScroll(), into: &buffer, area: buffer.area),
                       Position(x: 0, y: 2))
        text.moveToDocumentStart()
        XCTAssertEqual(TextEditorView.render(text, scroll: EditorScroll(topRow: 5), into: &buffer, area: buffer.area),
                       Position(x: 0, y: 0))
        XCTAssertEqual(buffer.line(0), "line 5")
    }

    func testAFrameOfALargeNoteIsQuick() {
        let words = ["Met", "with", "Nguyễn", "about", "王伟's", "schedule", "👩🏽‍🎓", "college", "essays,", "and"]
        var note = ""
        for index in 0..<5_000 {
            note += words[index % words.count]
            note += index % 97 == 96 ? "\n\n" : " "
        }
        let text = TextBuffer(note)
        var buffer = Buffer(size: Size(width: 80, height: 24))
        var scroll = EditorScroll()
        let clock = ContinuousClock()
        let frame = clock.measure {
            scroll = scroll.revealing(cursorOf: text, width: 80, height: 24)
            TextEditorView.render(text, scroll: scroll, into: &buffer, area: buffer.area)
        }
        XCTAssertGreaterThan(scroll.topRow, 0)
        XCTAssertFalse(buffer.line(23).isEmpty)
        print("TextEditorView, \(note.count) characters, cursor at the end: reveal + frame \(frame)")
    }
}
