/// The output policy of the formats other than the terminal's own: every string from the
/// data that is printed or written as JSON, Markdown or HTML passes through one of these.
///
/// - Text and CSV: `Sanitizer.sanitize` / `sanitizeKeepingLines` (CSV adds its quoting).
/// - JSON: `escapingInvisibles(json:)` on the encoded document: lossless, so a script reads
///   back exactly what was stored, while no control or invisible character is in the bytes.
/// - Markdown: `markdown(_:)`: sanitized, then escaped so a value is only ever text.
/// - HTML: `html(_:)`: sanitized, then escaped.
extension Sanitizer {
    /// True for a scalar JSON output writes as `\uXXXX`: everything the terminal sanitizer
    /// replaces, and every format character (the joiners too: in JSON escaping them is
    /// lossless, so there is no reason to keep any invisible character raw).
    static func isEscapedInJSON(_ scalar: Unicode.Scalar) -> Bool {
        needsReplacement(scalar) || scalar.properties.generalCategory == .format
    }

    /// `json`, an encoded JSON document, with every control and invisible character written
    /// as a `\uXXXX` escape (a UTF-16 surrogate pair above U+FFFF). Outside strings JSON is
    /// ASCII punctuation, digits, letters and whitespace, none of which is escaped here, so
    /// only string contents change and they decode to the same text.
    public static func escapingInvisibles(json: String) -> String {
        guard json.unicodeScalars.contains(where: { $0.value >= 0x7F && isEscapedInJSON($0) }) else { return json }
        var result = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            // Whitespace between tokens (newline, space) is structure, not data; an encoder
            // has already escaped every C0 control inside a string.
            guard scalar.value >= 0x7F, isEscapedInJSON(scalar) else {
                result.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                result.append(contentsOf: "\\u\(hex4(unit))".unicodeScalars)
            }
        }
        return String(result)
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// `text` as one line of Markdown that renders as exactly that text: sanitized like a
    /// terminal cell, then every character that could start Markdown syntax (emphasis, code,
    /// links and images, raw HTML and entities, tables, autolinks) is backslash-escaped, and
    /// so is a start that would make a heading, quote or list. A course title such as
    /// `![x](http://example.com/t.png)` prints literally instead of loading an image.
    public static func markdown(_ text: String) -> String {
        var result = ""
        let clean = Array(sanitize(text))
        for (index, character) in clean.enumerated() {
            let escape: Bool
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "!", "|", "~", "&", "@", "#": escape = true
            // "http://…" would be an autolink; a colon elsewhere ("Grade 10: …") is left alone.
            case ":": escape = clean[(index + 1)...].starts(with: ["/", "/"])
            // A leading "+", "-" or "=" would start a list or underline a heading; "1." or
            // "1)" an ordered list; "www." an autolink.
            case "+", "-", "=": escape = index == 0
            case ".", ")":
                let before = clean[..<index]
                escape = (!before.isEmpty && before.allSatisfy(\.isASCII) && before.allSatisfy(\.isNumber))
                    || (character == "." && String(before.suffix(3)).lowercased() == "www")
            default: escape = false
            }
            if escape { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// `text` for HTML element content or a quoted attribute: sanitized like a terminal cell
    /// (no control, bidi override or invisible character reaches the page), then `& < > " '`
    /// escaped. Line breaks become spaces; a document that needs lines makes its own.
    public static func html(_ text: String) -> String {
        var result = ""
        for character in sanitize(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
