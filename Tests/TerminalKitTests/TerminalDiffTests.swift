import XCTest
@testable import TerminalKit

final class TerminalDiffTests: XCTestCase {
    func testFirstFrameSendsEveryCellThenOnlyChanges() {
        let backend = InMemoryBackend(size: Size(width: 10, height: 3))
        let terminal = Terminal(backend: backend)
        terminal.draw { buffer in
            buffer.write("hello", at: Position(x: 0, y: 0))
            return nil
        }
        XCTAssertEqual(terminal.lastUpdateCount, 30)

        terminal.draw { buffer in
            buffer.write("help!", at: Position(x: 0, y: 0))
            return nil
        }
        // "hello" -> "help!": only the last two cells differ.
        XCTAssertEqual(backend.drawCalls.last?.map(\.position), [Position(x: 3, y: 0), Position(x: 4, y: 0)])
        XCTAssertEqual(backend.screen.line(0), "help!")
    }

    func testAnUnchangedFrameSendsNothing() {
        let backend = InMemoryBackend(size: Size(width: 8, height: 2))
        let terminal = Terminal(backend: backend)
        let draw: (inout Buffer) -> Position? = { buffer in
            buffer.write("same", at: Position(x: 1, y: 1), style: .bold)
            return nil
        }
        terminal.draw(draw)
        let calls = backend.drawCalls.count
        terminal.draw(draw)
        XCTAssertEqual(terminal.lastUpdateCount, 0)
        XCTAssertEqual(backend.drawCalls.count, calls)
    }

    func testAStyleChangeAloneIsSent() {
        let backend = InMemoryBackend(size: Size(width: 4, height: 1))
        let terminal = Terminal(backend: backend)
        terminal.draw { buffer in buffer.write("ab", at: Position(x: 0, y: 0)); return nil }
        terminal.draw { buffer in buffer.write("ab", at: Position(x: 0, y: 0), style: .reverse); return nil }
        XCTAssertEqual(terminal.lastUpdateCount, 2)
    }

    func testResizeRedrawsEverything() {
        let backend = InMemoryBackend(size: Size(width: 4, height: 1))
        let terminal = Terminal(backend: backend)
        terminal.draw { _ in nil }
        backend.resize(to: Size(width: 6, height: 2))
        terminal.draw { _ in nil }
        XCTAssertEqual(terminal.lastUpdateCount, 12)
    }

    func testCursorIsPassedToTheBackend() {
        let backend = InMemoryBackend(size: Size(width: 4, height: 1))
        let terminal = Terminal(backend: backend)
        terminal.draw { _ in Position(x: 2, y: 0) }
        XCTAssertEqual(backend.cursor, Position(x: 2, y: 0))
        terminal.draw { _ in nil }
        XCTAssertNil(backend.cursor)
    }
}
