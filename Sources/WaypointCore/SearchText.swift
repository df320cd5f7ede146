import Foundation

/// Folding that makes "nguyen" find "Nguyễn", "ZOË" find "Zoe" and "obrien" find "O’Brien":
/// lower case, no accents, no apostrophes (straight or curly, as pasted from email), and the
/// few Latin letters that are separate letters rather than accented ones.
public enum SearchText {
    private static let separateLetters: [Character: String] = [
        "đ": "d", "ð": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe",
        "ı": "i", "þ": "th", "ħ": "h",
        "'": "", "’": "", "‘": "", "ʼ": "", "`": "",
    ]

    public static func fold(_ text: String) -> String {
        // Plain ASCII (most names and every ID) folds to lower case without apostrophes;
        // Foundation's folding costs more than everything else in building a district's index.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.compactMap { byte -> UInt8? in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
                case UInt8(ascii: "'"), UInt8(ascii: "`"): nil
                default: byte
                }
            }, as: UTF8.self)
        }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive],
                                  locale: nil)
            .lowercased()
        guard folded.contains(where: { separateLetters[$0] != nil }) else { return folded }
        return folded.reduce(into: "") { result, character in
            if let replacement = separateLetters[character] {
                result += replacement
            } else {
                result.append(character)
            }
        }
    }

    /// The query without control characters. They never occur in a name, and a NUL would
    /// end a full-text pattern early inside SQLite, leaving an unterminated quote behind.
    public static func withoutControlCharacters(_ query: String) -> String {
        String(String.UnicodeScalarView(query.unicodeScalars.filter { $0.properties.generalCategory != .control }))
    }

    /// The folded words of a query, in order, without empty ones.
    public static func terms(_ query: String) -> [String] {
        fold(query).split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
    }

    /// Whether word prefixes cannot find everything a query means: a term of one or two
    /// letters ("li", "伟") should also match inside a word, and CJK text is not split into
    /// words, so "伟" inside "王伟" is no word prefix. Terms with punctuation are included
    /// so that "o'b" matches literally. Such queries match terms anywhere in the search key.
    public static func needsSubstringMatch(_ terms: [String]) -> Bool {
        terms.contains { term in
            term.count < 3 || term.unicodeScalars.contains { scalar in
                !(("a"..."z").contains(scalar) || ("0"..."9").contains(scalar))
            }
        }
    }
}
