import XCTest
@testable import TerminalKit

final class BufferTests: XCTestCase {
    func testWideCharactersTakeTwoCells() {
        var buffer = Buffer(size: Size(width: 6, height: 1))
        let written = buffer.write("王a伟", at: Position(x: 0, y: 0))
        XCTAssertEqual(written, 5)
        XCTAssertEqual(buffer[0, 0].symbol, "王")
        XCTAssertTrue(buffer[1, 0].isContinuation)
        XCTAssertEqual(buffer[2, 0].symbol, "a")
        XCTAssertEqual(buffer[3, 0].symbol, "伟")
        XCTAssertEqual(buffer.line(0), "王a伟")
    }

    func testCombiningMarksStayInTheirCell() {
        var buffer = Buffer(size: Size(width: 6, height: 1))
        buffer.write("Zoe\u{0308}!", at: Position(x: 0, y: 0))
        XCTAssertEqual(buffer[2, 0].symbol, "e\u{0308}")
        XCTAssertEqual(buffer[3, 0].symbol, "!")
    }

    func testWideCharacterThatDoesNotFitLeavesABlank() {
        var buffer = Buffer(size: Size(width: 3, height: 1))
        buffer.write("ab王", at: Position(x: 0, y: 0))
        XCTAssertEqual(buffer[2, 0].symbol, " ")
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(size: Size(width: 4, height: 1))
        buffer.write("王伟", at: Position(x: 0, y: 0))
        buffer.write("x", at: Position(x: 1, y: 0))
        XCTAssertEqual(buffer.line(0), " x伟")
        buffer.write("y", at: Position(x: 2, y: 0))
        XCTAssertEqual(buffer.line(0), " xy")
        XCTAssertFalse(buffer[3, 0].isContinuation)
    }

    func testWritingIsClippedToTheGivenRect() {
        var buffer = Buffer(size: Size(width: 10, height: 2))
        let clip = Rect(x: 2, y: 0, width: 4, height: 1)
        buffer.write("abcdefgh", at: Position(x: 2, y: 0), clip: clip)
        buffer.write("zzz", at: Position(x: 0, y: 1), clip: clip)
        XCTAssertEqual(buffer.text, "  abcd\n")
    }

    func testFillAndSetStyle() {
        var buffer = Buffer(size: Size(width: 3, height: 2))
        buffer.fill(Rect(x: 1, y: 0, width: 2, height: 2), with: Cell("#"))
        buffer.setStyle(.reverse, in: Rect(x: 0, y: 1, width: 3, height: 1))
        XCTAssertEqual(buffer.text, " ##\n ##")
        XCTAssertEqual(buffer[0, 1].style, .reverse)
        XCTAssertEqual(buffer[0, 0].style, .plain)
    }

    /// The style map a snapshot carries: a letter per styled column (plain is `.`, trailing
    /// plain dropped, unstyled rows left out), letters in the order first met, and a legend.
    func testStyleMapNamesEachStyleByLetterInTheOrderFirstMet() {
        var buffer = Buffer(size: Size(width: 12, height: 11))
        buffer.write("Error", at: Position(x: 1, y: 0), style: Style(foreground: .red, attributes: .bold))
        buffer.write("selected", at: Position(x: 0, y: 10), style: .reverse)
        buffer.write("王", at: Position(x: 9, y: 10), style: Style(foreground: .red, attributes: .bold))
        XCTAssertEqual(buffer.styleMap, """
             0 .AAAAA
            10 BBBBBBBB.AA

            A fg=red bold
            B reverse
            """)
        XCTAssertEqual(Buffer(size: Size(width: 3, height: 2)).styleMap, "", "a plain screen has an empty map")
        XCTAssertEqual(Style(foreground: .cyan, background: .blue, attributes: [.underline, .dim]).description,
                       "fg=cyan bg=blue dim underline")
    }
}
