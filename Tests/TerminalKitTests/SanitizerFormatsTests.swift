import Foundation
import XCTest
@testable import TerminalKit

/// The output policy of JSON, Markdown and HTML: a hostile string per format.
final class SanitizerFormatsTests: XCTestCase {
    static let hostile = "Bidi\u{202E}txet \u{9B}2J\u{85} DEL\u{7F} Zero\u{200B}\u{FEFF}\u{2060}\u{00AD} ZWJ👩🏽‍🎓 "
        + "ESC\u{1B}]0;PWNED\u{07} NUL\u{0} tab\tline\nsep\u{2028}\u{2029} tag\u{E0041} unassigned\u{E0080} 😀 \"q\" \\ /"

    /// Found in the issue: `--json` carried raw bidi, C1, DEL and zero-width characters.
    func testJSONEscapesEveryControlAndInvisibleCharacterAndRoundTrips() throws {
        struct Row: Codable, Equatable { var name: String }
        let encoded = String(decoding: try JSONEncoder().encode(Row(name: Self.hostile)), as: UTF8.self)
        let json = Sanitizer.escapingInvisibles(json: encoded)
        XCTAssertEqual(try JSONDecoder().decode(Row.self, from: Data(json.utf8)), Row(name: Self.hostile),
                       "a script reads back exactly what was stored")
        for scalar in json.unicodeScalars {
            XCTAssertFalse(scalar.properties.generalCategory == .control, "raw U+\(String(scalar.value, radix: 16)) in \(json)")
            XCTAssertFalse(Sanitizer.isEscapedInJSON(scalar), "raw U+\(String(scalar.value, radix: 16)) in \(json)")
        }
        for escape in ["\\u202e", "\\u009b", "\\u007f", "\\u200b", "\\ufeff", "\\u2028", "\\u200d", "\\udb40\\udc41"] {
            XCTAssertTrue(json.contains(escape), "\(escape) in \(json)")
        }
        XCTAssertTrue(json.contains("😀"), "visible characters stay as they are")
        XCTAssertEqual(Sanitizer.escapingInvisibles(json: "{\"a\":\"é 😀\"}"), "{\"a\":\"é 😀\"}")
    }

    /// Found in the issue: the Markdown plan did not escape Markdown, so a course title
    /// became an image or a link.
    func testMarkdownRendersDataAsTextOnly() {
        let titles = ["![x](http://evil.example/t.png)", "[click](http://evil.example)", "<http://evil.example>",
                      "<img src=x onerror=alert(1)>", "*bold* _it_ `code` ~~s~~ a|b", "https://evil.example/x",
                      "www.evil.example", "mail me@evil.example", "&copy; &#65;", "# Heading", "1. first", "2) second",
                      "- item", "+ item", "> quote", "=== under", "back\\slash", Self.hostile]
        for title in titles {
            let markdown = Sanitizer.markdown(title)
            XCTAssertEqual(Self.unescaped(markdown), Sanitizer.sanitize(title), "renders as the text itself: \(markdown)")
            let bare = Self.withoutEscapes(markdown)
            for syntax in ["[", "]", "<", ">", "`", "*", "_", "~", "|", "&", "@", "://", "www.", "\\"] {
                XCTAssertFalse(bare.contains(syntax), "unescaped \(syntax) in \(markdown)")
            }
            for start in ["#", "-", "+", "=", ">", "1.", "2)"] {
                XCTAssertFalse(bare.hasPrefix(start), "\(markdown) starts a block")
            }
            XCTAssertFalse(markdown.contains("\n") || markdown.unicodeScalars.contains(where: Sanitizer.needsReplacement))
        }
        XCTAssertEqual(Sanitizer.markdown("![x](http://e.example/t.png)"), "\\!\\[x\\](http\\://e.example/t.png)")
        XCTAssertEqual(Sanitizer.markdown("Grade 10: Algebra (Math)"), "Grade 10: Algebra (Math)", "plain text stays readable")
    }

    func testHTMLEscapesMarkupAndReplacesControls() {
        XCTAssertEqual(Sanitizer.html("<img src=x onerror=\"alert('1')\"> & \u{202E}\u{1B}[2J\u{07}"),
                       "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; \u{FFFD}\u{FFFD}[2J\u{FFFD}")
        XCTAssertFalse(Sanitizer.html(Self.hostile).unicodeScalars.contains(where: Sanitizer.needsReplacement))
    }

    /// CommonMark's reading of backslash escapes: `\` before ASCII punctuation is dropped.
    static func unescaped(_ markdown: String) -> String {
        var result = ""
        var escaping = false
        for character in markdown {
            if !escaping, character == "\\" {
                escaping = true
                continue
            }
            if escaping, !(character.isASCII && character.isPunctuation || character.isASCII && character.isSymbol) {
                result.append("\\")
            }
            escaping = false
            result.append(character)
        }
        return result
    }

    /// The text with every escaped character taken out: what Markdown could still read as syntax.
    static func withoutEscapes(_ markdown: String) -> String {
        var result = ""
        var escaping = false
        for character in markdown {
            if escaping {
                escaping = false
                result.append("·")
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
