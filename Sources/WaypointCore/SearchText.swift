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
        if let latin = foldLatin(text) { return latin }
        return foundationFold(text)
    }

    /// Folding by Foundation, for any text.
    static func foundationFold(_ text: String) -> String {
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

    /// What each accented Latin letter (and curly apostrophe) folds to, where that is ASCII:
    /// worked out by `foundationFold` itself, one character at a time, so the two cannot
    /// disagree. Latin names with accents are a third of a district, and Foundation's
    /// folding of them was most of the cost of building its search index.
    private static let latinFolds: [UInt32: [UInt8]] = {
        var table: [UInt32: [UInt8]] = [:]
        for value in Array(UInt32(0xA0)...0x24F) + [0x2018, 0x2019, 0x02BC] {
            guard let scalar = Unicode.Scalar(value), !(0x300...0x36F).contains(value) else { continue }
            let folded = foundationFold(String(Character(scalar)))
            if folded.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { table[value] = Array(folded.utf8) }
        }
        return table
    }()

    /// `foundationFold` for text of printable ASCII, the letters of `latinFolds` and accents
    /// written apart (U+0300...U+036F, as older systems export "é") after a letter; nil for
    /// any other text.
    static func foldLatin(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var afterLetter = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                guard value >= 0x20, value != 0x7F else { return nil }
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
                case UInt8(ascii: "'"), UInt8(ascii: "`"): break
                default: bytes.append(byte)
                }
                afterLetter = PackedNamesBytes.isLetter(byte)
            } else if (0x300...0x36F).contains(value) {
                guard afterLetter else { return nil }
            } else if let folded = latinFolds[value] {
                bytes.append(contentsOf: folded)
                afterLetter = !folded.isEmpty && folded.allSatisfy(PackedNamesBytes.isLetter)
            } else {
                return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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

enum PackedNamesBytes {
    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
