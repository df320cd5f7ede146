import Foundation
import XCTest
@testable import TerminalKit

final class TextBufferTests: XCTestCase {
    private func at(_ line: Int, _ column: Int) -> TextPosition { TextPosition(line: line, column: column) }

    private func rowTexts(_ text: TextBuffer, width: Int) -> [String] {
        text.layout(width: width).rows.map { String(text.lines[$0.line][$0.range]) }
    }

    private func type(_ string: String, into text: inout TextBuffer) {
        for character in string { text.handle(.char(character), width: 80, pageHeight: 20) }
    }

    // MARK: Inserting

    func testInsertSplitsLinesAndTreatsCRLFAndCRAsLineBreaks() {
        var text = TextBuffer()
        XCTAssertTrue(text.isEmpty)
        XCTAssertEqual(text.lineCount, 1)
        text.insert("Met with Ana.\r\nFollow up\rnext week\n")
        XCTAssertEqual(text.text, "Met with Ana.\nFollow up\nnext week\n")
        XCTAssertEqual(text.lineCount, 4)
        XCTAssertEqual(text.cursor, at(3, 0))
        XCTAssertFalse(text.isEmpty)
    }

    func testInsertInTheMiddleOfALine() {
        var text = TextBuffer("ad")
        text.move(to: at(0, 1))
        text.insert("b\nc")
        XCTAssertEqual(text.text, "ab\ncd")
        XCTAssertEqual(text.cursor, at(1, 1))
        text.insertNewline()
        XCTAssertEqual(text.text, "ab\nc\nd")
        XCTAssertEqual(text.cursor, at(2, 0))
    }

    func testInsertDropsControlCharactersAndExpandsTabs() {
        var text = TextBuffer("x")
        text.insert("a\u{1B}[31mb\tc\u{07}\u{202E}d\u{2028}e")
        XCTAssertEqual(text.text, "xa[31mb    cd\ne")
        text.insert("\u{1B}")
        XCTAssertEqual(text.text, "xa[31mb    cd\ne")
        XCTAssertEqual(text.cursor, at(1, 1))
    }

    func testInitCleansTheTextAndPutsTheCursorAtTheEnd() {
        let text = TextBuffer("one\r\ntwo\u{1B}")
        XCTAssertEqual(text.text, "one\ntwo")
        XCTAssertEqual(text.cursor, at(1, 3))
        XCTAssertFalse(text.canUndo)
    }

    // MARK: Deleting

    func testDeleteBackwardJoinsLinesAtColumnZero() {
        var text = TextBuffer("ab\ncd")
        text.move(to: at(1, 0))
        text.deleteBackward()
        XCTAssertEqual(text.text, "abcd")
        XCTAssertEqual(text.cursor, at(0, 2))
        text.moveToDocumentStart()
        text.deleteBackward()
        XCTAssertEqual(text.text, "abcd")
    }

    func testDeleteForwardJoinsLinesAtTheEnd() {
        var text = TextBuffer("ab\ncd")
        text.move(to: at(0, 2))
        text.deleteForward()
        XCTAssertEqual(text.text, "abcd")
        XCTAssertEqual(text.cursor, at(0, 2))
        text.moveToDocumentEnd()
        text.deleteForward()
        XCTAssertEqual(text.text, "abcd")
    }

    func testDeleteWordBackward() {
        var text = TextBuffer("Call Ana  tomorrow")
        text.handle(.ctrl("w"), width: 80, pageHeight: 10)
        XCTAssertEqual(text.text, "Call Ana  ")
        text.handle(.ctrl("w"), width: 80, pageHeight: 10)
        XCTAssertEqual(text.text, "Call ")
        text.handle(.ctrl("w"), width: 80, pageHeight: 10)
        XCTAssertEqual(text.text, "")

        var lines = TextBuffer("a b\nc")
        lines.move(to: at(1, 0))
        lines.deleteWordBackward()
        XCTAssertEqual(lines.text, "a bc")
        XCTAssertEqual(lines.cursor, at(0, 3))
    }

    func testDeleteToLineStartAndEnd() {
        var text = TextBuffer("first\nsecond line")
        text.move(to: at(1, 6))
        text.handle(.ctrl("u"), width: 80, pageHeight: 10)
        XCTAssertEqual(text.text, "first\n line")
        XCTAssertEqual(text.cursor, at(1, 0))
        text.handle(.ctrl("u"), width: 80, pageHeight: 10)
        XCTAssertEqual(text.text, "first line")
        XCTAssertEqual(text.cursor, at(0, 5))
        text.handle(.ctrl("k"), width: 80, pageHeight: 10)
        XCTAssertEqual(text.text, "first")
        text.handle(.ctrl("k"), width: 80, pageHeight: 10)
        XCTAssertEqual(text.text, "first")

        var joined = TextBuffer("a\nb")
        joined.move(to: at(0, 1))
        joined.deleteToLineEnd()
        XCTAssertEqual(joined.text, "ab")
    }

    // MARK: Grapheme clusters

    func testCombiningMarksCJKAndZWJEmojiAreOneCharacterEach() {
        var text = TextBuffer("Nguye\u{0302}\u{0303}n 王伟 👩🏽‍🎓")
        XCTAssertEqual(text.lines[0].count, 11)
        text.moveToLineStart()
        for _ in 0..<5 { text.moveRight() }
        XCTAssertEqual(text.cursorLocation(width: 80), VisualLocation(row: 0, column: 5))
        text.deleteBackward()
        XCTAssertEqual(text.text, "Nguyn 王伟 👩🏽‍🎓")
        text.moveToLineEnd()
        text.deleteBackward()
        XCTAssertEqual(text.text, "Nguyn 王伟 ")
    }

    func testCursorStepsOverWideAndCombiningCharactersByDisplayWidth() {
        var text = TextBuffer("王伟👩🏽‍🎓e\u{0301}x")
        text.moveToLineStart()
        var columns: [Int] = []
        for _ in 0..<5 {
            text.moveRight()
            columns.append(text.cursorLocation(width: 80).column)
        }
        XCTAssertEqual(columns, [2, 4, 6, 7, 8])
        text.moveLeft()
        text.moveLeft()
        XCTAssertEqual(text.cursor, at(0, 3))
    }

    func testATypedCombiningMarkJoinsThePreviousCharacter() {
        var text = TextBuffer("Nguye")
        // One scalar at a time, as a keyboard sends them ("\u{0302}\u{0303}" alone is one cluster).
        for scalar in "\u{0302}\u{0303}n".unicodeScalars { text.insert(String(scalar)) }
        XCTAssertEqual(text.text, "Nguye\u{0302}\u{0303}n")
        XCTAssertEqual(text.lines[0].count, 6)
        XCTAssertEqual(text.cursor, at(0, 6))
        XCTAssertTrue(text.undo())
        XCTAssertEqual(text.text, "Nguye\u{0302}\u{0303}")
        XCTAssertTrue(text.undo())
        XCTAssertEqual(text.text, "Nguye\u{0302}")
        XCTAssertEqual(text.lines[0].count, 5)
        XCTAssertTrue(text.undo())
        XCTAssertEqual(text.text, "Nguye")
        XCTAssertTrue(text.redo())
        XCTAssertEqual(text.text, "Nguye\u{0302}")
    }

    func testJoiningALineThatStartsWithAMarkMergesTheCluster() {
        var text = TextBuffer("e\n\u{0301}x")
        XCTAssertEqual(text.lines, [["e"], ["\u{0301}", "x"]])
        text.move(to: at(1, 0))
        text.deleteBackward()
        XCTAssertEqual(text.lines, [["e\u{0301}", "x"]])
        XCTAssertEqual(text.cursor, at(0, 1))
        text.undo()
        XCTAssertEqual(text.lines, [["e"], ["\u{0301}", "x"]])
        XCTAssertEqual(text.cursor, at(1, 0))
    }

    // MARK: Soft wrap

    func testWrapBreaksAfterSpacesAndLetsThemHang() {
        let text = TextBuffer("the quick brown fox")
        XCTAssertEqual(rowTexts(text, width: 10), ["the quick ", "brown fox"])
        XCTAssertEqual(text.layout(width: 10).rows.map(\.width), [10, 9])
        XCTAssertEqual(rowTexts(text, width: 80), ["the quick brown fox"])
    }

    func testTheCursorAmongHangingSpacesStaysInsideTheWidth() {
        var text = TextBuffer("abcd   ef")
        XCTAssertEqual(rowTexts(text, width: 4), ["abcd   ", "ef"])
        text.move(to: at(0, 6))
        XCTAssertEqual(text.cursorLocation(width: 4), VisualLocation(row: 0, column: 3))
        text.move(to: at(0, 7))
        XCTAssertEqual(text.cursorLocation(width: 4), VisualLocation(row: 1, column: 0))
    }

    func testWrapBreaksInsideAWordOnlyWhenTheWordAloneIsTooWide() {
        let text = TextBuffer("a abcdefghij b")
        XCTAssertEqual(rowTexts(text, width: 4), ["a ", "abcd", "efgh", "ij b", ""])
    }

    func testWrapNeverSplitsAWideCharacter() {
        let text = TextBuffer("王伟王伟王")
        XCTAssertEqual(rowTexts(text, width: 5), ["王伟", "王伟", "王"])
        XCTAssertEqual(text.layout(width: 5).rows.map(\.width), [4, 4, 2])
        XCTAssertEqual(rowTexts(text, width: 3), ["王", "伟", "王", "伟", "王"])
    }

    func testWrapCountsEmojiAsTwoColumns() {
        let text = TextBuffer("ab👩🏽‍🎓cd")
        XCTAssertEqual(rowTexts(text, width: 3), ["ab", "👩🏽‍🎓c", "d"])
        XCTAssertEqual(text.layout(width: 3).rows.map(\.width), [2, 3, 1])
    }

    func testALineThatFillsTheWidthLeavesARowForTheCursorAtItsEnd() {
        let text = TextBuffer("abcd\nxy")
        XCTAssertEqual(rowTexts(text, width: 4), ["abcd", "", "xy"])
        var atEnd = text
        atEnd.move(to: at(0, 4))
        XCTAssertEqual(atEnd.cursorLocation(width: 4), VisualLocation(row: 1, column: 0))
        XCTAssertEqual(atEnd.cursorLocation(width: 5), VisualLocation(row: 0, column: 4))
    }

    func testLayoutMapsPositionsToScreenLocationsAndBack() {
        let text = TextBuffer("the quick brown fox\n王伟 Nguye\u{0302}\u{0303}n")
        let layout = text.layout(width: 10)
        XCTAssertEqual(rowTexts(text, width: 10), ["the quick ", "brown fox", "王伟 ", "Nguye\u{0302}\u{0303}n"])
        XCTAssertEqual(layout.rows(ofLine: 1).map(\.range), [0..<3, 3..<9])
        XCTAssertEqual(layout.location(of: at(0, 10)), VisualLocation(row: 1, column: 0))
        XCTAssertEqual(layout.location(of: at(0, 19)), VisualLocation(row: 1, column: 9))
        XCTAssertEqual(layout.location(of: at(1, 2)), VisualLocation(row: 2, column: 4))
        XCTAssertEqual(layout.location(of: at(1, 3)), VisualLocation(row: 3, column: 0))
        XCTAssertEqual(layout.location(of: at(1, 8)), VisualLocation(row: 3, column: 5))
        XCTAssertEqual(layout.position(at: VisualLocation(row: 1, column: 3)), at(0, 13))
        XCTAssertEqual(layout.position(at: VisualLocation(row: 2, column: 1)), at(1, 0))
        XCTAssertEqual(layout.position(at: VisualLocation(row: 2, column: 9)), at(1, 2))
        XCTAssertEqual(layout.position(at: VisualLocation(row: 3, column: 20)), at(1, 9))
        for row in 0..<layout.rows.count {
            let position = layout.position(at: VisualLocation(row: row, column: 0))
            XCTAssertEqual(layout.location(of: position), VisualLocation(row: row, column: 0))
        }
    }

    // MARK: Movement

    func testLeftAndRightCrossLineEnds() {
        var text = TextBuffer("ab\nc")
        text.moveLeft()
        text.moveLeft()
        XCTAssertEqual(text.cursor, at(0, 2))
        text.moveRight()
        XCTAssertEqual(text.cursor, at(1, 0))
        text.moveToDocumentStart()
        text.moveLeft()
        XCTAssertEqual(text.cursor, at(0, 0))
        text.moveToLineEnd()
        XCTAssertEqual(text.cursor, at(0, 2))
        text.moveToDocumentEnd()
        text.moveRight()
        XCTAssertEqual(text.cursor, at(1, 1))
        text.move(to: at(7, 9))
        XCTAssertEqual(text.cursor, at(1, 1))
    }

    func testWordMovement() {
        var text = TextBuffer("Met with Ana, re: SAT\nplan")
        text.moveToDocumentStart()
        var stops: [TextPosition] = []
        for _ in 0..<8 {
            text.moveWordRight()
            stops.append(text.cursor)
        }
        XCTAssertEqual(stops, [at(0, 3), at(0, 8), at(0, 12), at(0, 13), at(0, 16), at(0, 17), at(0, 21), at(1, 4)])
        stops = []
        for _ in 0..<4 {
            text.moveWordLeft()
            stops.append(text.cursor)
        }
        XCTAssertEqual(stops, [at(1, 0), at(0, 18), at(0, 16), at(0, 14)])
    }

    func testWordMovementKeepsAccentedAndCJKWordsWhole() {
        var text = TextBuffer("Nguye\u{0302}\u{0303}n 王伟 ok")
        text.moveToLineStart()
        text.moveWordRight()
        XCTAssertEqual(text.cursor, at(0, 6))
        text.moveWordRight()
        XCTAssertEqual(text.cursor, at(0, 9))
        text.moveWordLeft()
        XCTAssertEqual(text.cursor, at(0, 7))
    }

    func testUpAndDownMoveByVisualRowsKeepingThePreferredColumn() {
        // Rows at width 10: "the quick " "brown fox" | "hi" | "王伟王伟王" "伟 end"
        var text = TextBuffer("the quick brown fox\nhi\n王伟王伟王伟 end")
        text.move(to: at(0, 7))
        var stops: [TextPosition] = []
        for _ in 0..<4 {
            text.moveDown(width: 10)
            stops.append(text.cursor)
        }
        XCTAssertEqual(stops, [at(0, 17), at(1, 2), at(2, 3), at(2, 10)])
        stops = []
        for _ in 0..<5 {
            text.moveUp(width: 10)
            stops.append(text.cursor)
        }
        XCTAssertEqual(stops, [at(2, 3), at(1, 2), at(0, 17), at(0, 7), at(0, 0)])
    }

    func testAHorizontalMoveResetsThePreferredColumn() {
        var text = TextBuffer("the quick brown fox\nhi")
        text.move(to: at(0, 7))
        text.moveDown(width: 10)
        text.moveLeft()
        XCTAssertEqual(text.cursor, at(0, 16))
        text.moveDown(width: 10)
        XCTAssertEqual(text.cursor, at(1, 2))
        text.moveUp(width: 10)
        XCTAssertEqual(text.cursor, at(0, 16))
    }

    func testDownOnTheLastRowGoesToTheEnd() {
        var text = TextBuffer("abc\nde")
        text.move(to: at(1, 0))
        text.moveDown(width: 10)
        XCTAssertEqual(text.cursor, at(1, 2))
    }

    func testPageDownAndUpMoveAScreenfulOfVisualRows() {
        var text = TextBuffer((0..<30).map { "line \($0)" }.joined(separator: "\n"))
        text.moveToDocumentStart()
        text.handle(.pageDown, width: 20, pageHeight: 10)
        XCTAssertEqual(text.cursor, at(10, 0))
        text.handle(.pageDown, width: 20, pageHeight: 10)
        XCTAssertEqual(text.cursor, at(20, 0))
        text.handle(.pageDown, width: 20, pageHeight: 10)
        XCTAssertEqual(text.cursor, at(29, 7))
        // The last page ended at the end of the text; the column aimed for is still 0.
        text.handle(.pageUp, width: 20, pageHeight: 10)
        XCTAssertEqual(text.cursor, at(19, 0))

        // One long paragraph: every row at width 10 is "aaaa aaaa ".
        var paragraph = TextBuffer(String(repeating: "aaaa ", count: 40))
        paragraph.moveToDocumentStart()
        paragraph.movePageDown(width: 10, pageHeight: 5)
        XCTAssertEqual(paragraph.cursor, at(0, 50))
        XCTAssertEqual(paragraph.cursorLocation(width: 10), VisualLocation(row: 5, column: 0))
    }

    // MARK: Undo

    func testTypingCoalescesIntoWordSizedUndoSteps() {
        var text = TextBuffer()
        type("hello world", into: &text)
        XCTAssertTrue(text.undo())
        XCTAssertEqual(text.text, "hello")
        XCTAssertTrue(text.undo())
        XCTAssertEqual(text.text, "")
        XCTAssertFalse(text.undo())
        XCTAssertTrue(text.redo())
        XCTAssertEqual(text.text, "hello")
        XCTAssertTrue(text.handle(.ctrl("y"), width: 80, pageHeight: 10))
        XCTAssertEqual(text.text, "hello world")
        XCTAssertEqual(text.cursor, at(0, 11))
        XCTAssertFalse(text.redo())
    }

    func testANewlineEndsATypingStep() {
        var text = TextBuffer()
        type("ab", into: &text)
        text.handle(.enter, width: 80, pageHeight: 10)
        type("cd", into: &text)
        text.undo()
        XCTAssertEqual(text.text, "ab\n")
        text.undo()
        XCTAssertEqual(text.text, "ab")
        text.undo()
        XCTAssertEqual(text.text, "")
    }

    func testAMoveStartsANewUndoStep() {
        var text = TextBuffer()
        type("ab", into: &text)
        text.moveLeft()
        type("c", into: &text)
        XCTAssertEqual(text.text, "acb")
        text.handle(.ctrl("z"), width: 80, pageHeight: 10)
        XCTAssertEqual(text.text, "ab")
        XCTAssertEqual(text.cursor, at(0, 1))
        text.undo()
        XCTAssertEqual(text.text, "")
    }

    func testBackspaceRunsCoalesceAWordAtATime() {
        var text = TextBuffer("see you soon")
        for _ in 0..<9 { text.handle(.backspace, width: 80, pageHeight: 10) }
        XCTAssertEqual(text.text, "see")
        text.undo()
        XCTAssertEqual(text.text, "see ")
        text.undo()
        XCTAssertEqual(text.text, "see you ")
        text.undo()
        XCTAssertEqual(text.text, "see you soon")
        XCTAssertEqual(text.cursor, at(0, 12))
        XCTAssertFalse(text.undo())
    }

    func testForwardDeleteRunsCoalesce() {
        var text = TextBuffer("abc def")
        text.moveToLineStart()
        for _ in 0..<4 { text.handle(.delete, width: 80, pageHeight: 10) }
        XCTAssertEqual(text.text, "def")
        text.undo()
        XCTAssertEqual(text.text, " def")
        text.undo()
        XCTAssertEqual(text.text, "abc def")
        XCTAssertEqual(text.cursor, at(0, 0))
    }

    func testAPasteIsOneUndoStep() {
        var text = TextBuffer()
        type("a", into: &text)
        text.insert(" one two\r\nthree")
        type("x", into: &text)
        XCTAssertEqual(text.text, "a one two\nthreex")
        text.undo()
        XCTAssertEqual(text.text, "a one two\nthree")
        text.undo()
        XCTAssertEqual(text.text, "a")
        XCTAssertEqual(text.cursor, at(0, 1))
    }

    func testANewEditClearsRedo() {
        var text = TextBuffer()
        type("ab", into: &text)
        text.undo()
        type("c", into: &text)
        XCTAssertFalse(text.canRedo)
        XCTAssertFalse(text.redo())
        XCTAssertEqual(text.text, "c")
    }

    func testUndoOfALineJoinRestoresTheCursor() {
        var text = TextBuffer("ab\ncd")
        text.move(to: at(1, 0))
        text.deleteBackward()
        text.undo()
        XCTAssertEqual(text.text, "ab\ncd")
        XCTAssertEqual(text.cursor, at(1, 0))
        text.redo()
        XCTAssertEqual(text.text, "abcd")
        XCTAssertEqual(text.cursor, at(0, 2))
    }

    func testHistoryIsBounded() {
        var text = TextBuffer()
        for _ in 0..<600 { text.insert("x\n") }
        var steps = 0
        while text.undo() { steps += 1 }
        XCTAssertEqual(steps, UndoHistory.limit)
        XCTAssertEqual(text.lineCount, 101)
    }

    // MARK: Keys

    func testHandleAppliesEditingKeys() {
        var text = TextBuffer()
        let keys: [Key] = [.char("H"), .char("i"), .enter, .tab, .char("x"), .left, .backspace, .home, .delete,
                           .ctrl("e"), .char("!"), .up, .end, .char("?")]
        for key in keys { XCTAssertTrue(text.handle(key, width: 80, pageHeight: 10), "\(key)") }
        XCTAssertEqual(text.text, "Hi?\n  x!")
    }

    func testHandleLeavesAppKeysAlone() {
        var text = TextBuffer("note")
        for key in [Key.escape, .ctrl("s"), .ctrl("c"), .function(2), .backTab, .insert] {
            XCTAssertFalse(text.handle(key, width: 80, pageHeight: 10), "\(key)")
        }
        XCTAssertEqual(text.text, "note")
    }

    // MARK: Size

    func testALargePasteStaysQuick() {
        let words = ["Met", "with", "Nguyễn", "about", "王伟's", "schedule", "👩🏽‍🎓", "college", "essays,", "and", "SAT", "prep."]
        var note = ""
        for index in 0..<5_000 {
            note += words[index % words.count]
            note += index % 97 == 96 ? "\n\n" : " "
        }
        var text = TextBuffer()
        let clock = ContinuousClock()
        let paste = clock.measure { text.insert(note) }
        XCTAssertEqual(text.text, TextBuffer(note).text)
        var layout: TextLayout?
        let wrap = clock.measure { layout = text.layout(width: 78) }
        let typing = clock.measure {
            text.moveToDocumentStart()
            for _ in 0..<200 { text.insert("a") }
            for _ in 0..<200 { text.moveDown(width: 78) }
            text.undo()
        }
        XCTAssertEqual(text.text, note)
        print("TextBuffer, \(note.count) characters in \(text.lineCount) lines, \(layout?.rows.count ?? 0) rows:"
              + " paste \(paste), layout \(wrap), 200 keys + 200 moves + undo \(typing)")
    }
}
