import XCTest
@testable import TerminalKit

final class WidgetTests: XCTestCase {
    func testTableStateKeepsTheSelectionVisible() {
        var state = TableState()
        state.select(15, rowCount: 100, visibleRows: 10)
        XCTAssertEqual(state.offset, 6)
        state.move(by: -10, rowCount: 100, visibleRows: 10)
        XCTAssertEqual(state.selected, 5)
        XCTAssertEqual(state.offset, 5)
        state.move(by: 1000, rowCount: 100, visibleRows: 10)
        XCTAssertEqual(state.selected, 99)
        XCTAssertEqual(state.offset, 90)
        state.clamp(rowCount: 3, visibleRows: 10)
        XCTAssertEqual(state.selected, 2)
        XCTAssertEqual(state.offset, 0)
        state.clamp(rowCount: 0, visibleRows: 10)
        XCTAssertEqual(state.selected, 0)
    }

    func testTableAsksOnlyForVisibleRows() {
        var asked = Set<Int>()
        let table = Table(columns: [TableColumn("N", width: .fill(1))], rowCount: 50_000) { row, _ in
            asked.insert(row)
            return "row \(row)"
        }
        var buffer = Buffer(size: Size(width: 20, height: 6))
        var state = TableState()
        state.select(30_000, rowCount: 50_000, visibleRows: 5)
        table.render(into: &buffer, area: buffer.area, state: state)
        XCTAssertEqual(asked, Set(29_996...30_000))
        XCTAssertEqual(buffer.line(5).trimmingCharacters(in: .whitespaces).hasPrefix("row 30000"), true)
        XCTAssertEqual(buffer[0, 5].style, Style(attributes: .reverse))
    }

    func testTableShowsItsEmptyMessage() {
        var table = Table(columns: [TableColumn("Name", width: .fill(1))], rowCount: 0) { _, _ in "" }
        table.emptyMessage = "Nobody here"
        var buffer = Buffer(size: Size(width: 20, height: 3))
        table.render(into: &buffer, area: buffer.area, state: TableState())
        XCTAssertEqual(buffer.text, "Name\nNobody here\n")
    }

    func testTextInputEditing() {
        var input = TextInput("Nguy")
        input.handle(.char("ễ"))
        input.handle(.char("n"))
        XCTAssertEqual(input.text, "Nguyễn")
        input.handle(.left)
        input.handle(.backspace)
        XCTAssertEqual(input.text, "Nguyn")
        input.handle(.home)
        input.handle(.delete)
        XCTAssertEqual(input.text, "guyn")
        input.handle(.end)
        input.insert(" van an")
        input.handle(.ctrl("w"))
        XCTAssertEqual(input.text, "guyn van ")
        input.handle(.ctrl("u"))
        XCTAssertTrue(input.isEmpty)
        XCTAssertFalse(input.handle(.enter))
    }

    func testTextInputDropsControlCharactersFromPaste() {
        var input = TextInput()
        input.insert("Ana\u{1B}[31m\nLee")
        XCTAssertEqual(input.text, "Ana[31m Lee")
    }

    func testTextFieldScrollsToKeepTheCursorVisible() {
        var buffer = Buffer(size: Size(width: 10, height: 1))
        let cursor = TextField.render(TextInput("abcdefghijklmnop"), prompt: "> ", into: &buffer, area: buffer.area)
        XCTAssertEqual(buffer.line(0), "> jklmnop")
        XCTAssertEqual(cursor, Position(x: 9, y: 0))
    }

    func testStatusBarDropsHintsThatDoNotFit() {
        var buffer = Buffer(size: Size(width: 30, height: 1))
        StatusBar.render(hints: [KeyHint(keys: "/", title: "Search"), KeyHint(keys: "?", title: "Help"),
                                 KeyHint(keys: "q", title: "Quit")],
                         message: "Saved", into: &buffer, area: buffer.area)
        XCTAssertEqual(buffer.line(0), " / Search  ? Help       Saved")
    }

    /// `?` lists every key, so when hints must go it is the others that go, not it.
    func testStatusBarKeepsTheHelpHintWhenOthersAreDropped() {
        var buffer = Buffer(size: Size(width: 34, height: 1))
        StatusBar.render(hints: [KeyHint(keys: "n", title: "New session"), KeyHint(keys: "p", title: "Plan"),
                                 KeyHint(keys: "m", title: "Milestones"), KeyHint(keys: "?", title: "Help"),
                                 KeyHint(keys: "q", title: "Back")],
                         into: &buffer, area: buffer.area)
        XCTAssertEqual(buffer.line(0), " n New session  p Plan  ? Help")
    }

    func testModalDrawsABorderedBoxOverContent() {
        var buffer = Buffer(size: Size(width: 12, height: 5), filling: Cell("."))
        let inner = Modal.render(title: "Hi", size: Size(width: 8, height: 3), into: &buffer, over: buffer.area)
        XCTAssertEqual(inner, Rect(x: 3, y: 2, width: 6, height: 1))
        XCTAssertEqual(buffer.text, "............\n..┌─ Hi ─┐..\n..│      │..\n..└──────┘..\n............")
    }

    func testWrapBreaksAtSpacesAndInsideLongWords() {
        XCTAssertEqual(TextWrap.wrap("the quick brown fox", width: 10), ["the quick", "brown fox"])
        XCTAssertEqual(TextWrap.wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(TextWrap.wrap("a\nb", width: 4), ["a", "b"])
        XCTAssertEqual(TextWrap.wrap("王伟王伟王", width: 4), ["王伟", "王伟", "王"])
    }
}

final class SparklineTests: XCTestCase {
    func testValuesMapToBlocksAcrossTheRange() {
        XCTAssertEqual(Sparkline.text([0.80, 0.90, 1.0], range: 0.8...1.0), "▁▅█")
        XCTAssertEqual(Sparkline.text([0.5, 2.0], range: 0.8...1.0), "▁█", "out of range is clamped")
        XCTAssertEqual(Sparkline.text([0.80, 0.90, 1.0], range: 0.8...1.0, ascii: true), "_=#")
        XCTAssertEqual(Sparkline.text([], range: 0...1), "")
    }

    func testRenderDrawsTheValuesOnTheirOwnScaleWithTheLatestInItsStyle() {
        var buffer = Buffer(size: Size(width: 10, height: 1))
        let drawn = Sparkline.render([60, 72, 80, 68], into: &buffer, at: Position(x: 2, y: 0), width: 8,
                                     style: Style(foreground: .cyan), latestStyle: .bold)
        XCTAssertEqual(drawn, 4)
        XCTAssertEqual(buffer.line(0), "  ▁▅█▄", "lowest to highest of the values themselves")
        XCTAssertEqual((2...4).map { buffer[$0, 0].style }, Array(repeating: Style(foreground: .cyan), count: 3))
        XCTAssertEqual(buffer[5, 0].style, .bold, "the latest value stands out")
        XCTAssertEqual(buffer[6, 0].style, .plain, "nothing drawn past the values")
    }

    func testRenderKeepsTheLatestValuesThatFitAndFallsBackToASCII() {
        var buffer = Buffer(size: Size(width: 4, height: 1))
        XCTAssertEqual(Sparkline.render([0, 1, 2, 3, 4, 5, 6, 7], into: &buffer, at: Position(x: 0, y: 0), width: 3,
                                        range: 0...7, ascii: true), 3)
        XCTAssertEqual(buffer.line(0), "+*#", "the three newest of eight, in ASCII")
    }

    func testRenderOfOneValueOrNoneStaysInItsCells() {
        var buffer = Buffer(size: Size(width: 3, height: 1))
        XCTAssertEqual(Sparkline.render([], into: &buffer, at: Position(x: 0, y: 0), width: 3), 0)
        XCTAssertEqual(buffer.line(0), "")
        XCTAssertEqual(Sparkline.render([42], into: &buffer, at: Position(x: 1, y: 0), width: 3), 1)
        XCTAssertEqual(buffer.line(0), " ▅", "a single value has no range: the middle block")
        XCTAssertEqual(buffer[1, 0].style, .bold)
    }
}
