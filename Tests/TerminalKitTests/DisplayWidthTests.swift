import XCTest
@testable import TerminalKit

final class DisplayWidthTests: XCTestCase {
    func testASCIIIsOneColumnPerCharacter() {
        XCTAssertEqual(DisplayWidth.of("Rivera"), 6)
        XCTAssertEqual(DisplayWidth.of(""), 0)
        // The byte-count shortcut agrees with measuring character by character.
        let printable = String(decoding: Array(UInt8(0x20)...UInt8(0x7E)), as: UTF8.self)
        XCTAssertEqual(DisplayWidth.of(printable), printable.reduce(0) { $0 + DisplayWidth.of($1) })
        XCTAssertEqual(DisplayWidth.of("a\r\nb\u{1B}"), 2, "control characters still count nothing")
    }

    func testCombiningMarksAddNoWidth() {
        // "Zoë" written as e + COMBINING DIAERESIS (NFD) and precomposed (NFC).
        XCTAssertEqual(DisplayWidth.of("Zoe\u{0308}"), 3)
        XCTAssertEqual(DisplayWidth.of("Zo\u{00EB}"), 3)
        XCTAssertEqual(DisplayWidth.of("Nguyễn"), 6)
        XCTAssertEqual(DisplayWidth.of("Nguye\u{0302}\u{0303}n"), 6)
    }

    func testCJKAndHangulAreTwoColumns() {
        XCTAssertEqual(DisplayWidth.of("王伟"), 4)
        XCTAssertEqual(DisplayWidth.of("김민준"), 6)
        XCTAssertEqual(DisplayWidth.of("さくら"), 6)
        XCTAssertEqual(DisplayWidth.of("ＡＢ"), 4, "fullwidth Latin")
    }

    func testEmojiAreTwoColumns() {
        XCTAssertEqual(DisplayWidth.of("🎓"), 2)
        XCTAssertEqual(DisplayWidth.of("👩🏽‍🎓"), 2, "a ZWJ sequence with a skin tone is one glyph")
        XCTAssertEqual(DisplayWidth.of("❤️"), 2, "text-default emoji with VS16")
        XCTAssertEqual(DisplayWidth.of("🇺🇸"), 2, "flag")
    }

    func testControlCharactersHaveNoWidth() {
        XCTAssertEqual(DisplayWidth.of("\u{1B}"), 0)
        XCTAssertEqual(DisplayWidth.of("\u{9B}"), 0)
    }

    func testTruncateCutsByColumnsWithEllipsis() {
        XCTAssertEqual(DisplayWidth.truncate("Washington", to: 6), "Washi…")
        XCTAssertEqual(DisplayWidth.truncate("王伟王伟", to: 5), "王伟…")
        XCTAssertEqual(DisplayWidth.truncate("short", to: 10), "short")
        XCTAssertEqual(DisplayWidth.truncate("abc", to: 0), "")
    }

    func testPadFillsToExactWidth() {
        XCTAssertEqual(DisplayWidth.pad("王", to: 4), "王  ")
        XCTAssertEqual(DisplayWidth.pad("9", to: 3, alignment: .trailing), "  9")
        XCTAssertEqual(DisplayWidth.of(DisplayWidth.pad("👩🏽‍🎓 Ana", to: 9)), 9)
    }
}
