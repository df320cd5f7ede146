import XCTest
@testable import TerminalKit

final class SanitizerTests: XCTestCase {
    func testPlainTextIsUnchanged() {
        XCTAssertEqual(Sanitizer.sanitize("Nguyễn Văn An 王伟 👩🏽‍🎓"), "Nguyễn Văn An 王伟 👩🏽‍🎓")
    }

    func testEscapeSequencesAreNeutralized() {
        let hostile = "Bobby\u{1B}[2J\u{1B}]0;owned\u{07}"
        let clean = Sanitizer.sanitize(hostile)
        XCTAssertFalse(clean.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        XCTAssertEqual(clean, "Bobby\u{FFFD}[2J\u{FFFD}]0;owned\u{FFFD}")
    }

    func testC1ControlsAndDeleteAreNeutralized() {
        // U+009B is CSI on terminals that honour 8-bit controls.
        XCTAssertEqual(Sanitizer.sanitize("a\u{9B}31mb\u{7F}"), "a\u{FFFD}31mb\u{FFFD}")
    }

    func testBidiOverridesAreNeutralized() {
        XCTAssertEqual(Sanitizer.sanitize("abc\u{202E}fed"), "abc\u{FFFD}fed")
        XCTAssertEqual(Sanitizer.sanitize("x\u{2066}y"), "x\u{FFFD}y")
    }

    func testLineBreaksAndTabsBecomeSpaces() {
        XCTAssertEqual(Sanitizer.sanitize("a\tb\nc\r\nd"), "a b c d")
        XCTAssertEqual(Sanitizer.sanitizeKeepingLines("a\u{1B}\nb\r\nc"), "a\u{FFFD}\nb\nc")
    }

    func testBufferNeverStoresAControlCharacter() {
        var buffer = Buffer(size: Size(width: 20, height: 1))
        buffer.write("x\u{1B}[31my\u{9B}", at: Position(x: 0, y: 0))
        for x in 0..<20 {
            XCTAssertFalse(buffer[x, 0].symbol.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }
}
