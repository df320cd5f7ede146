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

    func testEveryBidiControlIsNeutralized() {
        // Embeddings, overrides, isolates, their pops, and the implicit marks (LRM, RLM, ALM).
        for scalar: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C] {
            let text = "a" + String(Unicode.Scalar(scalar)!) + "b"
            XCTAssertEqual(Sanitizer.sanitize(text), "a\u{FFFD}b", String(scalar, radix: 16))
        }
    }

    func testInvisibleCharactersBecomeVisible() {
        // Zero-width space, word joiner, byte-order mark, soft hyphen, Mongolian vowel separator,
        // invisible times, interlinear annotation: a name holding them would look like another.
        for scalar: UInt32 in [0x200B, 0x2060, 0xFEFF, 0x00AD, 0x180E, 0x2062, 0xFFF9] {
            let text = "An" + String(Unicode.Scalar(scalar)!) + "a"
            XCTAssertEqual(Sanitizer.sanitize(text), "An\u{FFFD}a", String(scalar, radix: 16))
        }
    }

    func testSeparatorsUnassignedAndNoncharactersAreNeutralized() {
        XCTAssertEqual(Sanitizer.sanitize("a\u{2028}b\u{2029}c\u{85}d"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
        // Unassigned U+0378 and the noncharacters U+FDD0 and U+FFFF (Swift literals refuse the last two).
        let odd = String(String.UnicodeScalarView(["x", "\u{378}", "y", Unicode.Scalar(0xFDD0)!, "z", Unicode.Scalar(0xFFFF)!]))
        XCTAssertEqual(Sanitizer.sanitize(odd), "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
    }

    func testJoinersInNamesAndEmojiAreKept() {
        let persian = "\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}"
        XCTAssertEqual(Sanitizer.sanitize(persian), persian)
        XCTAssertEqual(Sanitizer.sanitize("👩🏽‍🎓 👨‍👩‍👧"), "👩🏽‍🎓 👨‍👩‍👧")
        let england = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"
        XCTAssertEqual(Sanitizer.sanitize(england), england)
    }

    func testTerminalSequencesFromRosterNamesLoseTheirEscape() {
        let sequences = [
            "\u{1B}]0;pwned\u{07}", "\u{1B}]2;pwned\u{1B}\\", "\u{1B}]52;c;ZXZpbA==\u{07}",
            "\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\", "\u{1B}[2J\u{1B}[H", "\u{1B}[31;1m",
            "\u{1B}[?1049h", "\u{1B}[10;10H", "\u{9D}0;pwned\u{9C}", "\u{9B}2J", "\u{1B}P+q\u{1B}\\", "\u{8}\u{8}\u{7F}",
        ]
        for sequence in sequences {
            let clean = Sanitizer.sanitize("Ana" + sequence + "Lopez")
            XCTAssertFalse(clean.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                           clean.debugDescription)
            XCTAssertTrue(clean.hasPrefix("Ana\u{FFFD}") && clean.hasSuffix("Lopez"), clean.debugDescription)
        }
    }

    func testInvalidUTF8ArrivesAsReplacementCharacters() {
        // Swift strings cannot hold a lone surrogate: decoding turns one (and any other
        // invalid UTF-8) into U+FFFD, which the sanitizer leaves as it is.
        let decoded = String(decoding: [0x41, 0xED, 0xA0, 0x80, 0x42, 0xFF, 0x43], as: UTF8.self)
        XCTAssertEqual(Sanitizer.sanitize(decoded), decoded)
        XCTAssertFalse(decoded.unicodeScalars.contains { (0xD800...0xDFFF).contains($0.value) })
        XCTAssertTrue(decoded.contains("\u{FFFD}"))
    }

    func testLineBreaksAndTabsBecomeSpaces() {
        XCTAssertEqual(Sanitizer.sanitize("a\tb\nc\r\nd"), "a b c d")
        XCTAssertEqual(Sanitizer.sanitizeKeepingLines("a\u{1B}\nb\r\nc\rd"), "a\u{FFFD}\nb\nc\nd")
        XCTAssertEqual(Sanitizer.sanitizeKeepingLines("a\u{0B}b\u{0C}c\u{85}d\u{2028}e\u{2029}f"),
                       "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f")
    }

    func testBufferNeverStoresAControlCharacter() {
        var buffer = Buffer(size: Size(width: 20, height: 1))
        buffer.write("x\u{1B}[31my\u{9B}", at: Position(x: 0, y: 0))
        for x in 0..<20 {
            XCTAssertFalse(buffer[x, 0].symbol.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }
}
